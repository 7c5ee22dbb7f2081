"""Pick the speaker of a quote with fuzzy search, or make a new one in a small form."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from smareader.model.story import Speaker
from smareader.review.session import ReviewError
from smareader.widgets.safe import safe_content

NEW = "\0new"
"""The option id of "new speaker…" (no speaker id can hold a NUL)."""
KINDS = ("person", "organization", "group", "media")


@dataclass(frozen=True)
class NewSpeaker:
    """What the form asks of a new speaker."""

    name: str
    kind: str
    role: str
    affiliation: str
    aliases: tuple[str, ...]


AddSpeaker = Callable[[NewSpeaker], str]
"""Adds a speaker to the story and returns its id, or raises :class:`ReviewError`."""


class SpeakerPicker(ModalScreen[str | None]):
    """The story's speakers, filtered as you type; Enter picks one.

    Dismissed with the chosen speaker's id, or ``None`` when cancelled.

    Args:
        speakers: The story's speakers.
        current: The id of the quote's speaker now (marked, and first highlighted).
        add: Adds a new speaker (from the form) and returns its id.
    """

    DEFAULT_CSS = """
    SpeakerPicker { align: center middle; }
    SpeakerPicker > Vertical {
        width: 72; max-width: 100%; height: 80%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    SpeakerPicker #picker-title { width: 100%; color: $text-accent; text-style: bold; }
    SpeakerPicker OptionList { height: 1fr; }
    """

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", tooltip="Keep the speaker as it is"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(self, speakers: Sequence[Speaker], current: str | None, add: AddSpeaker) -> None:
        super().__init__()
        self.speakers = list(speakers)
        self.current = current
        self.add = add

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Who said it? Type to search; Enter picks.", id="picker-title")
            yield Input(placeholder="speaker name or alias", id="picker-search")
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self._fill("")

    def _label(self, speaker: Speaker) -> Content:
        name = safe_content(speaker.name, "bold")
        about = ", ".join(part for part in (speaker.kind, speaker.role) if part)
        mark = "  (now)" if speaker.id == self.current else ""
        return Content.assemble(name, safe_content(f"  {about}{mark}", "$text-muted"))

    def _fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        matcher = Matcher(query) if query.strip() else None
        ranked: list[tuple[float, int, Speaker]] = []
        for index, speaker in enumerate(self.speakers):
            # Names only: a role is long prose that fuzzy-matches almost anything.
            haystack = " ".join([speaker.name, *speaker.aliases])
            score = matcher.match(haystack) if matcher else 1.0
            if score > 0:
                ranked.append((-score, index, speaker))
        ranked.sort(key=lambda item: (item[0], item[1]))
        found = [Option(self._label(speaker), id=speaker.id) for _, _, speaker in ranked]
        options.add_options([*found, Option(Content.styled("new speaker…", "italic"), id=NEW)])
        ids = [speaker.id for _, _, speaker in ranked]
        options.highlighted = ids.index(self.current) if self.current in ids and not query else 0

    @on(Input.Changed, "#picker-search")
    def _search(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def action_move(self, step: int) -> None:
        """Move the highlight while the search box keeps focus."""
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    @on(Input.Submitted, "#picker-search")
    def _submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._pick(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def _pick(self, option_id: str | None) -> None:
        if option_id == NEW:
            name = self.query_one("#picker-search", Input).value.strip()
            self.app.push_screen(SpeakerForm(self.add, name=name), self._created)
        elif option_id is not None:
            self.dismiss(option_id)

    def _created(self, speaker_id: str | None) -> None:
        if speaker_id is not None:
            self.dismiss(speaker_id)


class SpeakerForm(ModalScreen[str | None]):
    """A new speaker: name, kind, role, affiliation and aliases, checked by the model.

    A field the model refuses is said under the form; nothing is added until the
    whole speaker is valid. Dismissed with the new speaker's id, or ``None``.

    Args:
        add: Adds the speaker and returns its id, or raises :class:`ReviewError`.
        name: A name to start from (what was typed in the picker).
    """

    DEFAULT_CSS = """
    SpeakerForm { align: center middle; }
    SpeakerForm > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    SpeakerForm #form-title { text-style: bold; margin-bottom: 1; }
    SpeakerForm .row { height: 1; margin-bottom: 1; }
    SpeakerForm .row Label { width: 13; color: $text-muted; }
    SpeakerForm .row Input, SpeakerForm .row Select { width: 1fr; }
    SpeakerForm #form-error { color: $text-error; height: auto; min-height: 1; }
    SpeakerForm #form-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    SpeakerForm Button { margin-left: 2; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", tooltip="Add no speaker")]

    def __init__(self, add: AddSpeaker, *, name: str = "") -> None:
        super().__init__()
        self.add = add
        self.start_name = name

    def compose(self) -> ComposeResult:
        # One line a field (compact widgets), so the form fits in 80×24.
        with Vertical():
            yield Static("New speaker", id="form-title")
            with Horizontal(classes="row"):
                yield Label("Name")
                yield Input(self.start_name, compact=True, id="speaker-name")
            with Horizontal(classes="row"):
                yield Label("Kind")
                yield Select(
                    [(kind, kind) for kind in KINDS],
                    value="person",
                    allow_blank=False,
                    compact=True,
                    id="speaker-kind",
                )
            with Horizontal(classes="row"):
                yield Label("Role")
                yield Input(compact=True, id="speaker-role")
            with Horizontal(classes="row"):
                yield Label("Affiliation")
                yield Input(compact=True, id="speaker-affiliation")
            with Horizontal(classes="row"):
                yield Label("Aliases")
                yield Input(placeholder="comma-separated", compact=True, id="speaker-aliases")
            yield Static("", id="form-error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Add", variant="primary", compact=True, id="speaker-add")
                yield Button("Cancel", compact=True, id="speaker-cancel")

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    @on(Input.Submitted)
    @on(Button.Pressed, "#speaker-add")
    def _add(self) -> None:
        kind = self.query_one("#speaker-kind", Select).value
        fields = NewSpeaker(
            name=self._value("speaker-name"),
            kind=kind if isinstance(kind, str) else "person",
            role=self._value("speaker-role"),
            affiliation=self._value("speaker-affiliation"),
            aliases=tuple(part.strip() for part in self._value("speaker-aliases").split(",")),
        )
        try:
            speaker_id = self.add(fields)
        except ReviewError as error:
            self.query_one("#form-error", Static).update(safe_content(str(error)))
            return
        self.dismiss(speaker_id)

    @on(Button.Pressed, "#speaker-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
