"""Review mode in the reader: marks and order, accept, drop, undo, redo, save, journal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, Select, Static, TabbedContent

from smareader.app import SMAReader, make_app
from smareader.model import load_story
from smareader.model.bundled import bundled_story_path, bundled_story_paths
from smareader.review.session import Change, Edit, Review, backup_path, journal_path
from smareader.screens.confirm import ConfirmScreen
from smareader.screens.cost_form import CostForm
from smareader.screens.event_form import EventForm
from smareader.screens.main import MainScreen
from smareader.screens.speakers import SpeakerForm, SpeakerPicker
from smareader.widgets.article import ArticleView
from smareader.widgets.messages import Target
from smareader.widgets.quotes import QuotesPane
from smareader.widgets.search import SearchBar
from smareader.widgets.timeline import TimelinePane
from test_review import drafted


def write_draft(folder: Path, data: dict[str, Any]) -> Path:
    """``data`` written as ``draft.json`` in ``folder``."""
    path = folder / "draft.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def draft_path(tmp_path: Path, raw: dict[str, Any]) -> Path:
    """A copy of the bundled story as ``extract`` would leave it: every item pending."""
    return write_draft(tmp_path, drafted(raw))


def main(app: SMAReader) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def messages(app: SMAReader) -> list[str]:
    return [notification.message for notification in app._notifications]


async def settle(pilot: Pilot[None], *keys: str) -> None:
    """Press keys one at a time, letting each rebuild of the panes finish."""
    await pilot.pause()
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
        await pilot.pause()


def review(app: SMAReader) -> Review:
    found = main(app).review
    assert found is not None
    return found


# -------------------------------------------------------------------- review mode


async def test_a_draft_opens_in_review_mode_with_a_summary_in_the_header(
    draft_path: Path,
) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = main(app)
        assert screen.reviewing
        pending = review(app).summary()["pending"]
        assert (screen.sub_title or "").startswith(f"REVIEW · {pending} pending · ")


async def test_lists_put_the_least_confident_pending_item_first(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "2")
        quotes = app.screen.query_one(QuotesPane)
        expected = [item["id"] for item in review(app).queue("quote")]
        assert [quote.id for quote in quotes.shown_quotes] == expected
        timeline = app.screen.query_one(TimelinePane)
        assert [row.event.id for row in timeline.rows if row.event] == [
            item["id"] for item in review(app).queue("event")
        ]


@pytest.mark.parametrize("path", bundled_story_paths(), ids=lambda path: path.stem)
async def test_a_bundled_story_is_not_opened_for_review(path: Path) -> None:
    app = make_app(path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "r")
        assert main(app).review is None
        assert not main(app).reviewing


async def test_r_toggles_review_mode_on_a_story_file(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    shutil.copy(bundled_story_path(), path)
    source = bundled_story_path().parent / json.loads(path.read_text())["source"]["path"]
    (tmp_path / source.name).write_bytes(source.read_bytes())
    data = json.loads(path.read_text())
    data["source"]["path"] = source.name
    path.write_text(json.dumps(data, ensure_ascii=False))
    app = make_app(path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not main(app).reviewing
        await settle(pilot, "r")
        assert main(app).reviewing and main(app).review is not None
        await settle(pilot, "r")
        assert not main(app).reviewing


# ------------------------------------------------------------------ accept and drop


async def test_accept_marks_the_item_and_moves_to_the_next_pending_one(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "2")
        first = main(app).target
        assert first.kind == "quote" and first.id is not None
        await settle(pilot, "a")
        _, item = review(app).find("quote", first.id)
        assert item["review"] == "accepted"
        assert main(app).story.quote_by_id[first.id].review == "accepted"
        target = main(app).target
        assert target.pane == "quotes" and target.kind == "quote" and target.id != first.id
        assert app.screen.query_one(TabbedContent).active == "quotes"
        assert app.screen.query_one(QuotesPane).current_quote.id == target.id  # type: ignore[union-attr]


async def test_drop_removes_the_item_and_undo_redo_work_across_panes(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "2")
        quote = main(app).target.id
        count = len(main(app).story.quotes)
        await settle(pilot, "x")
        assert quote not in main(app).story.quote_by_id
        assert len(main(app).story.quotes) == count - 1
        await settle(pilot, "1")
        event = main(app).target.id
        await settle(pilot, "a")
        assert main(app).story.event_by_id[event].review == "accepted"  # type: ignore[index]
        await settle(pilot, "u", "u")
        assert main(app).story.event_by_id[event].review == "pending"  # type: ignore[index]
        assert quote in main(app).story.quote_by_id
        await settle(pilot, "ctrl+r")
        assert quote not in main(app).story.quote_by_id
        assert not any("Nothing" in message for message in messages(app))


# ------------------------------------------------------------------------- saving


async def test_save_validates_writes_and_keeps_a_backup(draft_path: Path) -> None:
    before = draft_path.read_bytes()
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "2", "a", "x", "ctrl+s")
        assert "saved, previous version kept as draft.json.bak" in messages(app)
        assert not review(app).dirty
        assert "unsaved" not in (main(app).sub_title or "")
    assert backup_path(draft_path).read_bytes() == before
    saved = load_story(draft_path)
    assert sum(quote.review == "accepted" for quote in saved.quotes) == 1
    assert saved.review is not None and saved.review.dropped == {"quotes": 1}
    assert not journal_path(draft_path).exists()


async def test_an_invalid_story_is_not_saved_and_the_item_is_named(draft_path: Path) -> None:
    before = draft_path.read_bytes()
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # An edit the reviewer's keys cannot make: words that are not at the span.
        rev = review(app)
        index, item = rev.find("quote", rev.items("quote")[0]["id"])
        rev.apply(Edit("break", (Change(("quotes", index, "text"), item["text"], "nonsense"),)))
        await settle(pilot, "ctrl+s")
        refused = [m for m in messages(app) if m.startswith(f"quote {item['id']}: not saved")]
        assert refused, messages(app)
    assert draft_path.read_bytes() == before


async def test_a_file_changed_on_disk_is_overwritten_only_when_confirmed(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "2", "a")
        changed = draft_path.read_text(encoding="utf-8").replace('"test-rule"', '"other-rule"', 1)
        draft_path.write_text(changed, encoding="utf-8")
        await settle(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == (
            "draft.json changed on disk since it was opened.\n\nOverwrite it with your edits? "
            "The version on disk is kept as draft.json.bak. Cancel saves nothing, and your "
            "edits stay."
        )
        await settle(pilot, "n")
        assert draft_path.read_text(encoding="utf-8") == changed
        assert review(app).dirty
        await settle(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        await settle(pilot, "y")
        assert isinstance(app.screen, MainScreen)
        assert "saved, previous version kept as draft.json.bak" in messages(app)
    assert '"other-rule"' not in draft_path.read_text(encoding="utf-8")
    assert backup_path(draft_path).read_text(encoding="utf-8") == changed


# ------------------------------------------------------------- journal and quitting


async def test_unsaved_edits_are_offered_back_on_the_next_open(draft_path: Path) -> None:
    # A session that was killed: two edits journaled, never saved.
    killed = Review.open(draft_path)
    first, second = (item["id"] for item in killed.items("quote")[:2])
    killed.accept("quote", first)
    killed.drop("quote", second)
    assert journal_path(draft_path).exists()
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await settle(pilot, "y")
        assert "Recovered 2 unsaved edits." in messages(app)
        story = main(app).story
        assert story.quote_by_id[first].review == "accepted"
        assert second not in story.quote_by_id
        assert review(app).dirty


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (1, "1 unsaved edit from an earlier session was made to an older version of this "
            "file, so it cannot be applied; .draft.json.journal keeps it until your next edit."),
        (2, "2 unsaved edits from an earlier session were made to an older version of this "
            "file, so they cannot be applied; .draft.json.journal keeps them until your next "
            "edit."),
    ],
)  # fmt: skip
async def test_a_journal_of_an_older_version_is_kept_and_said_so(
    draft_path: Path, count: int, said: str
) -> None:
    killed = Review.open(draft_path)
    for item in killed.items("quote")[:count]:
        killed.accept("quote", item["id"])
    journaled = journal_path(draft_path).read_bytes()
    draft_path.write_text(draft_path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)  # nothing to recover: no question
        assert said in messages(app)
        assert not review(app).dirty
    assert journal_path(draft_path).read_bytes() == journaled


async def test_discarded_journal_is_removed(draft_path: Path) -> None:
    killed = Review.open(draft_path)
    killed.accept("quote", killed.items("quote")[0]["id"])
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "n")
        assert isinstance(app.screen, MainScreen)
        assert not review(app).dirty
    assert not journal_path(draft_path).exists()


async def test_quitting_with_unsaved_edits_asks_first(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "2", "a", "q")
        assert isinstance(app.screen, ConfirmScreen)
        await settle(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        assert main(app).target.kind == "quote"
        await settle(pilot, "q", "y")
    assert app.return_code == 0
    assert journal_path(draft_path).exists()  # the edits wait for the next open


async def test_review_keys_do_nothing_outside_review_mode(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "r", "2", "a", "x")
        assert not review(app).dirty
        assert main(app).target == Target("quotes", "quote", main(app).target.id)


# ------------------------------------------------------------------ speaker picker


async def test_e_on_a_quote_picks_its_speaker_with_fuzzy_search(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "2")
        quote = main(app).target.id
        assert quote is not None
        assert main(app).story.quote_by_id[quote].speaker != "mark-esper"
        await settle(pilot, "e")
        assert isinstance(app.screen, SpeakerPicker)
        await settle(pilot, *"esper", "enter")
        assert isinstance(app.screen, MainScreen)
        changed = main(app).story.quote_by_id[quote]
        assert changed.speaker == "mark-esper"
        assert changed.review == "edited"
        assert main(app).target.id == quote  # an edit stays on its item
        await settle(pilot, "u")
        assert main(app).story.quote_by_id[quote].speaker != "mark-esper"


async def test_a_new_speaker_is_checked_in_the_form(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, "2")
        quote = main(app).target.id
        assert quote is not None
        await settle(pilot, "e", *"zzqx", "enter")
        assert isinstance(app.screen, SpeakerForm)
        form = app.screen
        form.query_one("#speaker-name", Input).value = "   "
        await settle(pilot, "enter")
        assert isinstance(app.screen, SpeakerForm)  # refused inline, never a crash
        assert "name" in str(form.query_one("#form-error", Static).content).lower()
        form.query_one("#speaker-name", Input).value = "Jane Roe"
        form.query_one("#speaker-role", Input).value = "Spokeswoman"
        form.query_one("#speaker-aliases", Input).value = "Roe, Ms. Roe"
        await settle(pilot, "enter")
        assert isinstance(app.screen, MainScreen)
        story = main(app).story
        assert story.quote_by_id[quote].speaker == "jane-roe"
        speaker = story.speaker_by_id["jane-roe"]
        assert speaker.role == "Spokeswoman" and list(speaker.aliases) == ["Roe", "Ms. Roe"]


# ----------------------------------------------------------------------- event form


async def test_e_on_an_event_edits_its_dates_checked_as_you_type(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        event_id = main(app).target.id
        assert main(app).target.kind == "event" and event_id is not None
        event = main(app).story.event_by_id[event_id]
        await settle(pilot, "e")
        form = app.screen
        assert isinstance(form, EventForm)
        save = form.query_one("#event-save", Button)
        assert not save.disabled
        end = form.query_one("#event-end", Input)
        # A last day before the first is refused inline, and Save is disabled.
        end.value = "1900-01-01"
        await settle(pilot)
        assert save.disabled
        assert "before the first day" in str(form.query_one("#event-error", Static).content)
        end.value = "not a date"
        await settle(pilot)
        assert save.disabled
        # The field is named as the form names it, not by the story format's key.
        said = str(form.query_one("#event-error", Static).content)
        assert said.startswith("Last day: expected a date as YYYY-MM-DD") and "date_end" not in said
        await settle(pilot, "enter")
        assert isinstance(app.screen, EventForm)  # Enter does not save an invalid form
        end.value = event.date_end.isoformat()
        form.query_one("#event-precision", Select).value = "span"
        await settle(pilot)
        assert not save.disabled
        await settle(pilot, "enter")
        assert isinstance(app.screen, MainScreen)
        edited = main(app).story.event_by_id[event_id]
        assert edited.precision == "span" and edited.review == "edited"
        assert main(app).target.id == event_id


async def test_an_unchanged_event_form_changes_nothing(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, "e", "enter")
        assert isinstance(app.screen, MainScreen)
        assert not review(app).dirty


# ------------------------------------------------------------------ figures, categories


async def test_e_on_a_figure_edits_its_amount_checked_as_you_type(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, "3", "tab")
        target = main(app).target
        assert target.kind == "figure" and target.id is not None
        await settle(pilot, "e")
        form = app.screen
        assert isinstance(form, CostForm)
        amount = form.query_one("#cost-amount", Input)
        save = form.query_one("#cost-save", Button)
        amount.value = "five"
        await settle(pilot)
        assert save.disabled
        said = str(form.query_one("#cost-error", Static).content)
        assert said == "Amount: expected a number, such as 5000000000 or 1.5e9"
        amount.value = "1.5e9"
        await settle(pilot)
        assert not save.disabled
        await settle(pilot, "enter")
        assert isinstance(app.screen, MainScreen)
        figure = main(app).story.figure_by_id[target.id]
        assert figure.amount == 1.5e9 and figure.review == "edited"


async def test_costs_without_categories_start_on_the_amounts(
    tmp_path: Path, raw: dict[str, Any]
) -> None:
    # Most drafts find amounts but no categories: `e` must reach a figure at once.
    data = drafted(raw)
    data["costs"]["categories"] = []
    data["costs"]["comparisons"] = []
    app = make_app(write_draft(tmp_path, data), fresh=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, "3")
        target = main(app).target
        assert target.kind == "figure" and target.id is not None
        await settle(pilot, "e")
        assert isinstance(app.screen, CostForm)


async def test_e_on_a_category_edits_its_flags(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, "3")
        target = main(app).target
        assert target.kind == "category" and target.id is not None
        await settle(pilot, "e")
        form = app.screen
        assert isinstance(form, CostForm)
        form.query_one("#cost-name", Input).value = ""
        await settle(pilot)
        assert form.query_one("#cost-save", Button).disabled  # a name is needed
        form.query_one("#cost-name", Input).value = "Labor"
        form.query_one("#cost-past", Select).value = "?"
        await settle(pilot)
        await settle(pilot, "enter")
        assert isinstance(app.screen, MainScreen)
        costs = main(app).story.costs
        assert costs is not None
        category = next(item for item in costs.categories if item.id == target.id)
        assert category.name == "Labor" and category.past is None
        assert category.review == "edited"


async def test_the_cost_form_shows_story_text_inert_and_keeps_it_when_untouched(
    tmp_path: Path, raw: dict[str, Any]
) -> None:
    data = drafted(raw)
    data["costs"]["categories"][0]["description"] = "desc \x1bP+q\x1b\\ \u202e end"
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    app = make_app(path, fresh=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, "3")
        target = main(app).target
        await settle(pilot, "e")
        form = app.screen
        assert isinstance(form, CostForm)
        shown = form.query_one("#cost-description", Input).value
        assert "\x1b" not in shown and "\u202e" not in shown and "␛P+q" in shown
        assert form.changed() == {}  # untouched: the story's own text, not the stand-ins
        form.query_one("#cost-past", Select).value = "?"
        await settle(pilot)
        assert form.changed() == {"past": None}
        await settle(pilot, "enter")
        costs = main(app).story.costs
        assert costs is not None
        category = next(item for item in costs.categories if item.id == target.id)
        assert category.description == "desc \x1bP+q\x1b\\ \u202e end"


# ------------------------------------------------------- selected words in the Article


def article_view(app: SMAReader) -> ArticleView:
    return app.screen.query_one(ArticleView)


async def find(pilot: Pilot[None], words: str) -> None:
    """Find words in the Article and go back to the text (as a reader would)."""
    await settle(pilot, "slash")
    await pilot.press(*words)
    await settle(pilot, "enter")


async def test_v_selects_the_match_and_arrows_move_its_end(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "4")
        await find(pilot, "Tokyo has denied")
        view = article_view(app)
        text = main(app).story.text
        start = text.index("Tokyo has denied")
        await settle(pilot, "v")
        assert view.selection == (start, start + len("Tokyo has denied"))
        assert main(app).selected == view.selection
        await settle(pilot, "ctrl+right", "ctrl+right", "right")
        assert view.selection is not None
        assert text[slice(*view.selection)] == "Tokyo has denied those reports."
        await settle(pilot, "left", "ctrl+left")
        assert text[slice(*view.selection)] == "Tokyo has denied those "
        status = str(app.screen.query_one("#article-status", Static).content)
        assert status.startswith("Selected 23 characters")
        await settle(pilot, "escape")  # clears the selection, and only that
        assert view.selection is None and main(app).selected is None
        assert main(app).target.pane == "article"


async def test_a_selection_becomes_a_quote_and_undo_redo_take_it_back(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "4")
        count = len(main(app).story.quotes)
        await find(pilot, "Tokyo has denied")
        await settle(pilot, "v", "ctrl+right", "ctrl+right", "right", "Q")
        assert isinstance(app.screen, SpeakerPicker)
        await settle(pilot, *"esper", "enter")
        assert isinstance(app.screen, MainScreen)
        story = main(app).story
        assert len(story.quotes) == count + 1
        quote = story.quotes[-1]
        assert quote.text == "Tokyo has denied those reports."
        assert quote.speaker == "mark-esper" and quote.kind == "reported"
        assert quote.review == "edited"
        assert main(app).target == Target("article", "quote", quote.id)
        assert article_view(app).current_mark is not None
        assert article_view(app).current_mark.id == quote.id  # type: ignore[union-attr]
        await settle(pilot, "u")
        assert quote.id not in main(app).story.quote_by_id
        await settle(pilot, "ctrl+r")
        assert main(app).story.quote_by_id[quote.id].text == quote.text


async def test_quotation_marks_around_a_selection_make_a_direct_quote(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "4")
        await find(pilot, "$5 billion worth")
        await settle(pilot, "v", "ctrl+right", "Q", *"trump", "enter")
        quote = main(app).story.quotes[-1]
        assert quote.text == "$5 billion worth of"
        assert quote.kind == "reported"  # the closing mark is not next to it
        await settle(pilot, "u", "v", "ctrl+right", "ctrl+right", "right")
        assert article_view(app).selection is not None
        await settle(pilot, "Q", *"trump", "enter")
        quote = main(app).story.quotes[-1]
        assert quote.text == "$5 billion worth of protection." and quote.kind == "direct"


async def test_a_selection_becomes_an_event_phrase_dated_in_the_form(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, "4")
        count = len(main(app).story.events)
        await find(pilot, "after only about one hour")
        screen = main(app)
        await settle(pilot, "v", "E")
        form = app.screen
        assert isinstance(form, EventForm)
        event = screen.story.events[-1]
        assert event.when == "after only about one hour" and event.review == "pending"
        form.query_one("#event-precision", Select).value = "minute"
        await settle(pilot)
        assert form.query_one("#event-save", Button).disabled  # minute needs a time
        form.query_one("#event-precision", Select).value = "day"
        form.query_one("#event-modifier", Select).value = "approximate"
        await settle(pilot, "enter")
        assert isinstance(app.screen, MainScreen)
        edited = main(app).story.event_by_id[event.id]
        assert edited.modifier == "approximate" and edited.review == "edited"
        assert len(main(app).story.events) == count + 1
        assert main(app).target == Target("article", "event", event.id)
        await settle(pilot, "u")  # the dates first
        assert main(app).story.event_by_id[event.id].modifier is None
        await settle(pilot, "u")  # then the event
        assert event.id not in main(app).story.event_by_id
        await settle(pilot, "ctrl+r", "ctrl+r")
        assert main(app).story.event_by_id[event.id].modifier == "approximate"


async def test_re_anchor_points_the_item_jumped_from_at_the_selection(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "2")
        quote_id = main(app).target.id
        assert quote_id is not None
        before = main(app).story.quote_by_id[quote_id]
        await settle(pilot, "enter")  # jump to its words
        assert main(app).target == Target("article", "quote", quote_id)
        await find(pilot, "Tokyo has denied")
        await settle(pilot, "v", "ctrl+right", "ctrl+right", "R")
        moved = main(app).story.quote_by_id[quote_id]
        assert moved.text == "Tokyo has denied those reports"
        assert moved.start == main(app).story.text.index("Tokyo has denied")
        assert moved.review == "edited" and moved.speaker == before.speaker
        assert main(app).target == Target("article", "quote", quote_id)
        await settle(pilot, "u")
        assert main(app).story.quote_by_id[quote_id].start == before.start
        await settle(pilot, "ctrl+r")
        assert main(app).story.quote_by_id[quote_id].text == moved.text


async def test_re_anchor_needs_a_highlighted_item(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "4")
        await find(pilot, "Tokyo has denied")
        await settle(pilot, "v", "R")
        assert not review(app).dirty
        assert any(message.startswith("Highlight the item to move") for message in messages(app))


async def test_selection_keys_wait_for_review_mode_and_a_selection(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "4", "Q", "E", "R")
        assert not review(app).dirty and isinstance(app.screen, MainScreen)
        await settle(pilot, "r", "v", "Q", "E", "R")  # out of review mode: nothing
        assert article_view(app).selection is not None
        assert not review(app).dirty and isinstance(app.screen, MainScreen)


async def test_a_mouse_drag_selects_words(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "4")
        view = article_view(app)
        line = view.scroll_offset.y + 5
        lo, hi = view._starts[line], view._ends[line]
        margin = view._margin
        await pilot.mouse_down(view, offset=(margin + 2, 5))
        await pilot.hover(view, offset=(margin + 12, 5))
        await pilot.mouse_up(view, offset=(margin + 12, 5))
        await settle(pilot)
        assert view.selection == (lo + 2, lo + 13)
        assert hi > lo + 13
        assert main(app).selected == view.selection
        assert app.screen.get_selected_text() == main(app).story.text[lo + 2 : lo + 13]
        await pilot.click(view, offset=(margin + 1, 7))  # a click clears it
        await settle(pilot)
        assert view.selection is None


@pytest.mark.parametrize("keys", [("2",), ("4", "v")], ids=["quotes", "article-selection"])
async def test_the_review_keys_fit_the_footer_at_80_columns(
    draft_path: Path, keys: tuple[str, ...]
) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, *keys)
        shown = {
            key.key: key.region for key in app.screen.query("FooterKey") if key.region.width > 0
        }
        wanted = {"u", "ctrl+s"} | ({"Q", "E", "R"} if "v" in keys else {"a", "x", "e"})
        assert wanted <= set(shown), sorted(shown)
        assert all(shown[key].right <= 80 for key in wanted)


async def test_an_edit_closes_the_filter_it_reset(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, "2", "slash")
        await pilot.press(*"refuse")
        await settle(pilot, "enter", "a")
        bar = app.screen.query_one(SearchBar)
        assert not bar.display and bar.input.value == ""
        assert main(app).search.is_blank


async def test_the_header_puts_the_review_state_first(draft_path: Path) -> None:
    app = make_app(draft_path, fresh=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "2", "a")
        pending = review(app).summary()["pending"]
        title = main(app).sub_title or ""
        # Before the date, which a narrow header cuts first; no publisher, so that the
        # story's title has room.
        assert title == f"REVIEW · {pending} pending · unsaved · {main(app).date_only}"
