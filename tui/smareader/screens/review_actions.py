"""The review keys of the main screen: accept, drop, edit, undo, redo and save.

:class:`Reviewer` holds the :class:`Review` of the story's file while it is open and
turns the reviewer's keys into its edits; after each edit it hands the screen the
story as it is now (:meth:`MainScreen.show_story`). The screen keeps navigation and
search; its review actions are one line each, calling this.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.binding import ActiveBinding, Binding

from smareader.files import FileRefused
from smareader.model.load import StoryFileError
from smareader.model.story import Category, Figure
from smareader.model.views import is_draft, review_summary
from smareader.review.session import (
    DROPPABLE,
    ChangedOnDisk,
    Edit,
    Review,
    ReviewError,
    SaveRefused,
    backup_path,
    find_journal,
)
from smareader.sanitize import strip_controls
from smareader.screens.confirm import ConfirmScreen
from smareader.screens.cost_form import CostForm
from smareader.screens.event_form import EventForm
from smareader.screens.speakers import NewSpeaker, SpeakerPicker
from smareader.widgets.messages import HOME_PANE, Target

if TYPE_CHECKING:
    from smareader.screens.main import MainScreen

REVIEW_BINDINGS = [
    Binding("r", "toggle_review", "Review", tooltip="Review mode: accept, fix, drop items"),
    Binding("a", "accept", "Accept", tooltip="Accept the highlighted item as checked"),
    Binding("x", "drop", "Drop", tooltip="Drop the highlighted item from the story"),
    Binding(
        "e",
        "edit",
        "Edit",
        tooltip="Quote: its speaker · event: its dates · figure, category: amounts, flags",
    ),
    Binding(
        "Q",
        "add_quote",
        "Quote",
        tooltip="Add the selected words as a quote, then pick who said it",
    ),
    Binding("E", "add_event", "Event", tooltip="Add the selected words as an event's time phrase"),
    Binding(
        "R", "reanchor", "Re-anchor", tooltip="Point the highlighted item at the selected words"
    ),
    Binding("u", "undo", "Undo", tooltip="Undo the last review edit (any pane)"),
    Binding("ctrl+r", "redo", "Redo", show=False, tooltip="Redo the last undone edit"),
    Binding("ctrl+s", "save", "Save", tooltip="Validate and save the reviewed story"),
]
"""The review keys, declared here beside what they do; the screen lists them."""
REVIEW_ACTIONS = frozenset(
    {
        "toggle_review",
        "accept",
        "drop",
        "edit",
        "add_quote",
        "add_event",
        "reanchor",
        "undo",
        "redo",
        "save",
    }
)
"""The screen's actions that :meth:`Reviewer.allows` decides on."""
ITEM_ACTIONS = frozenset({"accept", "drop", "edit"})
"""Keys that act on the highlighted item in its own pane."""
SELECTION_ACTIONS = frozenset({"add_quote", "add_event", "reanchor"})
"""Keys that act on words selected in the Article."""
CROWDED = frozenset({"show_pane", "toggle_review"})
"""Keys review mode leaves out of the footer: the tabs show 1-4, the header says REVIEW."""
WHILE_SELECTED = frozenset({"next_mark", "previous_mark", "open_mark"})
"""Article keys left out of the footer while words are selected (they still work)."""


def review_footer(
    bindings: dict[str, ActiveBinding], *, selected: bool
) -> dict[str, ActiveBinding]:
    """The keys the footer lists in review mode: the review keys first, then the rest.

    At 80 columns the footer holds about a dozen keys; those it would cut are the
    last, so the review keys go first and keys shown elsewhere (the tabs' numbers,
    the header's REVIEW) are left out. Every key still works.

    Args:
        bindings: The screen's active bindings, by key.
        selected: Whether words are selected in the Article.
    """
    hidden = CROWDED | WHILE_SELECTED if selected else CROWDED

    def action(item: tuple[str, ActiveBinding]) -> str:
        return item[1].binding.action.split("(", 1)[0]

    kept = [item for item in bindings.items() if action(item) not in hidden]
    first = [item for item in kept if action(item) in REVIEW_ACTIONS]
    return dict(first + [item for item in kept if action(item) not in REVIEW_ACTIONS])


class Reviewer:
    """The review of one story file, driven from the main screen's keys.

    Args:
        screen: The main screen, which shows the story and where the reader is.
        path: The story's file (``None``: the story is read only).
        review: Open the file for review at once (a draft).
    """

    def __init__(self, screen: MainScreen, path: Path | None, *, review: bool) -> None:
        self.screen = screen
        self.path = path
        self.review: Review | None = None
        """The edits of the story, once review mode has been entered."""
        self.reviewing = False
        """Whether the panes show review order and marks."""
        self.error: str | None = None
        """Why the draft could not be opened for review (said once the screen shows)."""
        if review and path is not None:
            # Opened before the screen composes, so its first panes are in review order.
            try:
                self.review = Review.open(path)
                self.reviewing = True
            except (StoryFileError, OSError) as error:
                self.error = strip_controls(str(error))

    def notify(self, message: str, **options: Any) -> None:
        """A toast, never markup: review messages quote ids and file names."""
        self.screen.notify(message, markup=False, **options)

    def allows(self, action: str, *, selected: bool = False) -> bool:
        """Whether a review action is offered now (its key shown in the footer).

        Args:
            action: The action's name.
            selected: Whether words are selected in the Article.
        """
        if action == "toggle_review":
            return self.path is not None  # the bundled story is read only: no key shown
        if action in ("undo", "redo", "save") and self.review is not None:
            # Undo and save stay while edits wait, in review mode or not.
            return self.reviewing or self.review.dirty
        in_article = self.screen.target.pane == "article"
        if action in ITEM_ACTIONS:
            return self.reviewing and not in_article
        if action in SELECTION_ACTIONS:
            return self.reviewing and in_article and selected
        return self.reviewing

    def on_mount(self) -> None:
        """Say what went wrong opening the draft, and offer back unsaved edits."""
        self.show_state()
        if self.error:
            self.notify(self.error, title="Cannot review", severity="error")
        if self.review is not None:
            self.offer_journal()

    def show_state(self) -> None:
        """Say in the header whether the story is a draft and how far review has got.

        The review's state goes before the date, so a narrow header cuts that rather
        than "unsaved"; in review mode the publisher goes (the timeline's publication day
        and every copied citation show it) and "draft" too ("REVIEW · 62 pending" says it),
        leaving the story's title room to be read at 80 and 100 columns.
        """
        screen = self.screen
        parts: list[str] = []
        if self.review is not None:
            counts = self.review.summary()
            draft = counts["pending"] > 0
        else:
            counts = review_summary(screen.story) or {}
            draft = is_draft(screen.story)
        if self.reviewing:
            parts.append("REVIEW")
        screen.set_class(self.reviewing, "-reviewing")  # the footer makes room for its keys
        if draft:
            pending = f"{counts['pending']:,} pending"
            parts.append(pending if self.reviewing else f"draft · {pending}")
        elif self.review is not None:
            parts.append("reviewed")
        if self.review is not None and self.review.dirty:
            parts.append("unsaved")
        dateline = screen.date_only if self.reviewing else screen.dateline
        screen.sub_title = " · ".join([*parts, dateline])

    # ------------------------------------------------------------ review mode

    def toggle(self) -> None:
        """Enter or leave review mode (entering opens the story's file for edits)."""
        if self.review is None:
            if self.path is None:
                self.notify("Only a story opened from its file can be reviewed.")
                return
            try:
                self.review = Review.open(self.path)
            except (StoryFileError, OSError) as error:
                self.notify(strip_controls(str(error)), title="Cannot review", severity="error")
                return
            self.reviewing = True
            self.rebuild()
            self.offer_journal()
            return
        self.reviewing = not self.reviewing
        self.rebuild()

    def offer_journal(self) -> None:
        """Offer back the unsaved edits a session before this one left beside the file."""
        review = self.review
        if review is None:
            return
        journal = find_journal(review.path)
        if journal is None:
            return
        count = len(journal.edits)
        edits = f"{count:,} unsaved {'edit' if count == 1 else 'edits'}"
        if not journal.current:
            were, they, them = ("was", "it", "it") if count == 1 else ("were", "they", "them")
            self.notify(
                f"{edits} from an earlier session {were} made to an older version of this "
                f"file, so {they} cannot be applied; {journal.path.name} keeps {them} until "
                "your next edit.",
                severity="warning",
            )
            return

        def answered(recover: bool | None) -> None:
            if review is not self.review:
                return
            if recover:
                try:
                    review.recover(journal)
                except (ReviewError, OSError) as error:
                    self.notify(strip_controls(str(error)), severity="error")
                    return
                self.rebuild()
                self.notify(f"Recovered {edits}.")
            else:
                journal.path.unlink(missing_ok=True)

        self.screen.app.push_screen(
            ConfirmScreen(
                f"{edits} from an earlier session: recover or discard?",
                yes="Recover",
                no="Discard",
            ),
            answered,
        )

    # ------------------------------------------------------------ item keys

    def _reviewable(self) -> tuple[str, str] | None:
        """The kind and id of the highlighted item, when a review key can act on it."""
        target = self.screen.target
        if target.kind not in DROPPABLE or target.id is None:
            return None
        if target.pane != HOME_PANE[target.kind]:
            return None
        return target.kind, target.id

    def accept(self) -> None:
        """Mark the highlighted item as checked, and move on to the next pending one."""
        item = self._reviewable()
        if item is None or self.review is None:
            self.notify("Highlight a quote, event, figure or category to accept.")
            return
        kind, item_id = item
        self.edit_with(lambda review: review.accept(kind, item_id), kind)

    def drop(self) -> None:
        """Remove the highlighted item from the story (undo brings it back)."""
        item = self._reviewable()
        if item is None or self.review is None:
            self.notify("Highlight a quote, event, figure or category to drop.")
            return
        kind, item_id = item
        self.edit_with(lambda review: review.drop(kind, item_id), kind)

    def edit(self) -> None:
        """Fix the highlighted item: a quote's speaker, an event's dates, a figure or category."""
        item = self._reviewable()
        review = self.review
        if item is None or review is None:
            self.notify("Highlight a quote, event, figure or category to edit.")
            return
        kind, item_id = item
        if kind == "quote":
            self._pick_speaker(review, item_id)
        elif kind == "event":
            self._edit_event(review, item_id)
        else:
            self._edit_cost(review, kind, item_id)

    def _edit_cost(self, review: Review, kind: str, item_id: str) -> None:
        story = self.screen.story
        costs = story.costs
        if costs is None:
            return
        found: Figure | Category | None = (
            story.figure_by_id.get(item_id)
            if kind == "figure"
            else next((item for item in costs.categories if item.id == item_id), None)
        )
        if found is None:
            return

        def check(**fields: Any) -> None:
            review.check(kind, item_id, **fields)

        def done(fields: dict[str, Any] | None) -> None:
            if fields is None or review is not self.review:
                return
            self.edit_with(lambda r: r.edit(kind, item_id, **fields), kind, advance=False)

        self.screen.app.push_screen(CostForm(found, check), done)

    def _pick_speaker(self, review: Review, quote_id: str) -> None:
        def picked(speaker_id: str | None) -> None:
            if speaker_id is None or review is not self.review:
                return
            _, quote = review.find("quote", quote_id)
            if quote.get("speaker") == speaker_id:
                return
            self.edit_with(lambda r: r.set_speaker(quote_id, speaker_id), "quote", advance=False)

        current = self.screen.story.quote_by_id[quote_id].speaker
        self.pick_speaker(review, current, picked)

    def pick_speaker(
        self, review: Review, current: str | None, picked: Callable[[str | None], None]
    ) -> None:
        """Ask for a speaker of the story (or a new one, added as its own edit)."""

        def add(fields: NewSpeaker) -> str:
            speaker_id, _ = review.add_speaker(
                fields.name,
                fields.kind,
                role=fields.role,
                affiliation=fields.affiliation,
                aliases=fields.aliases,
            )
            return speaker_id

        speakers = self.screen.story.speakers
        self.screen.app.push_screen(SpeakerPicker(speakers, current, add), picked)

    def _edit_event(self, review: Review, event_id: str) -> None:
        def check(**fields: Any) -> None:
            review.check("event", event_id, **fields)

        def done(fields: dict[str, Any] | None) -> None:
            if fields is None or review is not self.review:
                return
            self.edit_with(lambda r: r.edit("event", event_id, **fields), "event", advance=False)

        event = self.screen.story.event_by_id[event_id]
        self.screen.app.push_screen(EventForm(event, check), done)

    # ------------------------------------------------------------ selected words

    def add_quote(self, span: tuple[int, int]) -> None:
        """Add the selected words as a quote, once the reviewer says who said it."""
        review = self.review
        if review is None:
            return
        start, end = span
        kind = _quote_kind(review.text, start, end)

        def picked(speaker_id: str | None) -> None:
            if speaker_id is None or review is not self.review:
                return
            self._add(lambda r: r.add_quote(start, end, speaker_id, kind=kind), "quote")

        self.pick_speaker(review, None, picked)

    def add_event(self, span: tuple[int, int]) -> None:
        """Add the selected words as an event's time phrase, then ask for its dates."""
        review = self.review
        if review is None:
            return
        event_id = self._add(lambda r: r.add_event(*span), "event")
        if event_id is not None:
            # A second edit of its own: undo takes back the dates, then the event.
            self._edit_event(review, event_id)

    def reanchor(self, span: tuple[int, int]) -> None:
        """Point the highlighted item (the one jumped from) at the selected words."""
        target = self.screen.target
        kind, item_id = target.kind, target.id
        if self.review is None or kind not in DROPPABLE or item_id is None:
            self.notify(
                "Highlight the item to move first: jump here from it (Enter), or step to "
                "its span with n/N.",
                severity="warning",
            )
            return
        self.edit_with(
            lambda r: r.reanchor(kind, item_id, *span),
            kind,
            then=lambda: Target("article", kind, item_id),
        )

    def _add(self, make: Callable[[Review], tuple[str, Edit]], kind: str) -> str | None:
        """Make an edit that adds an item, and show the item's words in the Article."""
        made: list[str] = []

        def edit(review: Review) -> Edit:
            item_id, done = make(review)
            made.append(item_id)
            return done

        shown = lambda: Target("article", kind, made[0])  # type: ignore[arg-type]  # noqa: E731
        return made[0] if self.edit_with(edit, kind, then=shown) else None

    # ------------------------------------------------------------ undo, redo

    def step(self, *, undo: bool) -> None:
        """Undo the last edit of the session (or redo the last undone), in any pane."""
        review = self.review
        if review is None:
            return
        edit = review.undo() if undo else review.redo()
        if edit is None:
            self.notify(f"Nothing to {'undo' if undo else 'redo'}.", timeout=2)
            return
        self.rebuild()
        word = "Undone" if undo else "Redone"
        self.notify(f"{word}: {strip_controls(edit.label)}", timeout=2)

    def edit_with(
        self,
        make: Callable[[Review], Edit],
        kind: str,
        *,
        advance: bool = True,
        then: Callable[[], Target] | None = None,
    ) -> bool:
        """Make an edit, show the story as it is after it, and move on.

        Args:
            make: Makes the edit in the review (may raise :class:`ReviewError`).
            kind: The kind of item edited.
            advance: Show the next pending item of that kind after (else stay).
            then: Where the reader goes after the edit, instead of advancing (asked
                once the edit is made, so it can name an item the edit added).

        Returns:
            Whether the edit was made.
        """
        review = self.review
        if review is None:
            return False
        try:
            edit = make(review)
        except ReviewError as error:
            self.notify(strip_controls(str(error)), title="Not changed", severity="error")
            return False
        self.rebuild(
            advance=kind if advance and then is None else None,
            then=then() if then is not None else None,
        )
        self.notify(strip_controls(edit.label), timeout=2)
        if review.journal_problem:
            problem = strip_controls(review.journal_problem)
            self.notify(f"{problem}; save soon (ctrl+s)", severity="warning")
        return True

    def rebuild(self, *, advance: str | None = None, then: Target | None = None) -> None:
        """Rebuild the story from the review's document and show it.

        An invalid document keeps the story on show, with the reason in a toast: the
        edit stays, so undo can take it back.

        Args:
            advance: Move the target to the first pending item of this kind.
            then: Move the target here (an item the edit made).
        """
        screen = self.screen
        story = screen.story
        review = self.review
        if review is not None:
            try:
                story = review.validate()
            except SaveRefused as error:
                self.notify(
                    strip_controls(self._name_item(error)),
                    title="The story is not valid now",
                    severity="error",
                )
        screen.show_story(story, then or self._after_edit(advance, story))
        self.show_state()

    def _after_edit(self, advance: str | None, story: Any) -> Target:
        """Where the reader is after an edit: the next pending item, or where they were."""
        target = self.screen.target
        if advance is not None and self.review is not None:
            for item in self.review.queue(advance):
                if item.get("review") == "pending":
                    return Target.home(advance, str(item["id"]))  # type: ignore[arg-type]
        if target.kind is None or target.id is None:
            return target
        known: set[str] = set()
        if target.kind in ("category", "figure"):
            if story.costs is not None:
                items = story.costs.categories if target.kind == "category" else story.costs.figures
                known = {item.id for item in items}
        else:
            known = set(getattr(story, f"{target.kind}_by_id"))
        return target if target.id in known else Target(target.pane)

    def _name_item(self, error: SaveRefused) -> str:
        """A refusal with the item named by kind and id, not only by its JSON path."""
        review = self.review
        if review is None or not error.problems:
            return str(error)
        location = error.problems[0].location
        for kind in (*DROPPABLE, "speaker"):
            plural = {"category": "categories"}.get(kind, f"{kind}s")
            prefix = f"costs.{plural}[" if kind in ("figure", "category") else f"{plural}["
            if location.startswith(prefix):
                index = location[len(prefix) :].split("]", 1)[0]
                items = review.items(kind)
                if index.isdigit() and int(index) < len(items):
                    return f"{kind} {items[int(index)].get('id')}: {error}"
        return str(error)

    # ------------------------------------------------------------ save

    def save(self, *, overwrite: bool = False) -> None:
        """Validate and save; a file changed on disk is only overwritten when confirmed."""
        review = self.review
        if review is None:
            return
        try:
            review.save(overwrite_changed=overwrite)
        except SaveRefused as error:
            self.notify(strip_controls(self._name_item(error)), title="Not saved", severity="error")
            return
        except ChangedOnDisk:

            def answered(overwrite: bool | None) -> None:
                if overwrite:
                    self.save(overwrite=True)

            name, backup = review.path.name, backup_path(review.path).name
            self.screen.app.push_screen(
                ConfirmScreen(
                    f"{name} changed on disk since it was opened.\n\nOverwrite it with your "
                    f"edits? The version on disk is kept as {backup}. Cancel saves nothing, "
                    "and your edits stay.",
                    yes="Overwrite",
                    no="Cancel",
                ),
                answered,
            )
            return
        except (FileRefused, OSError) as error:
            self.notify(strip_controls(str(error)), title="Not saved", severity="error")
            return
        self.show_state()
        self.screen.refresh_bindings()
        name = strip_controls(backup_path(review.path).name)
        self.notify(f"saved, previous version kept as {name}")
        self.screen.post_message(self.screen.Saved(review.path))  # a library indexes it again


OPENING = '“"‘«'
CLOSING = '”"’»'


def _quote_kind(text: str, start: int, end: int) -> str:
    """A selection in quotation marks is a direct quote; other words are reported speech."""
    words = text[start:end].strip()
    opened = words[:1] in OPENING or text[max(0, start - 1) : start] in tuple(OPENING)
    closed = words[-1:] in CLOSING or text[end : end + 1] in tuple(CLOSING)
    return "direct" if opened and closed else "reported"
