"""Review of a draft: edits, undo and redo, validation, the journal and a safe save."""

from __future__ import annotations

import copy
import json
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smareader.cli import main
from smareader.model import load_story
from smareader.review import Change, ChangedOnDisk, Edit, Review, ReviewError, SaveRefused
from smareader.review.session import backup_path, find_journal


def drafted(raw: dict[str, Any]) -> dict[str, Any]:
    """The bundled story as ``extract`` would leave it: every item pending, with a rule."""
    data = copy.deepcopy(raw)
    groups = [data["quotes"], data["events"], data["costs"]["figures"], data["costs"]["categories"]]
    for group in groups:
        for number, item in enumerate(group):
            item.update(review="pending", rule="test-rule", confidence=round(0.9 - number / 100, 2))
    return data


@pytest.fixture
def draft_path(tmp_path: Path, raw: dict[str, Any]) -> Path:
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(drafted(raw), ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def review(draft_path: Path) -> Review:
    return Review.open(draft_path)


def test_queue_puts_pending_first_least_confident_first(review: Review) -> None:
    quotes = review.items("quote")
    review.accept("quote", quotes[-1]["id"])
    order = [item["id"] for item in review.queue("quote")]
    pending = [item for item in quotes if item.get("review") == "pending"]
    expected = sorted(pending, key=lambda item: item["confidence"])
    assert order[: len(expected)] == [item["id"] for item in expected]
    assert order[-1] == quotes[-1]["id"]


def test_accept_undo_redo(review: Review) -> None:
    quote_id = review.items("quote")[0]["id"]
    review.accept("quote", quote_id)
    assert review.find("quote", quote_id)[1]["review"] == "accepted"
    assert review.dirty
    review.undo()
    assert review.find("quote", quote_id)[1]["review"] == "pending"
    assert not review.dirty
    review.redo()
    assert review.find("quote", quote_id)[1]["review"] == "accepted"


def test_drop_removes_references_and_counts_and_undoes_exactly(review: Review) -> None:
    before = copy.deepcopy(review.document)
    linked = next(event for event in review.items("event") if event.get("quotes"))
    quote_id = linked["quotes"][0]
    review.drop("quote", quote_id)
    assert all(item["id"] != quote_id for item in review.items("quote"))
    assert all(quote_id not in event.get("quotes", []) for event in review.items("event"))
    assert review.summary()["dropped"] == 1
    review.validate()  # nothing dangles
    review.undo()
    assert review.document == before


def test_dropping_a_figure_drops_its_comparisons(review: Review) -> None:
    comparison = review.document["costs"]["comparisons"][0]
    review.drop("figure", comparison["numerator"])
    assert review.document["costs"]["comparisons"] == []
    review.validate()


def test_set_speaker_and_refuse_an_unknown_one(review: Review) -> None:
    quote_id = review.items("quote")[0]["id"]
    other = review.items("speaker")[-1]["id"]
    edit = review.set_speaker(quote_id, other)
    item = review.find("quote", quote_id)[1]
    assert item["speaker"] == other and item["review"] == "edited"
    # What undo and the notice say: the speaker's name, not its id.
    name = review.items("speaker")[-1]["name"]
    assert edit.label == f"attribute quote {quote_id} to {name}"
    with pytest.raises(ReviewError, match="there is no speaker 'ghost'"):
        review.set_speaker(quote_id, "ghost")


def test_add_speaker_is_checked_by_the_model(review: Review) -> None:
    speaker_id, _ = review.add_speaker(
        "Jane Roe", "person", role="spokeswoman", aliases=["Roe", " "]
    )
    added = review.find("speaker", speaker_id)[1]
    assert added == {
        "id": "jane-roe",
        "name": "Jane Roe",
        "kind": "person",
        "role": "spokeswoman",
        "aliases": ["Roe"],
        "review": "edited",
    }
    assert review.add_speaker("Jane Roe")[0] == "jane-roe-2"
    with pytest.raises(ReviewError, match="name"):
        review.add_speaker("   ")
    with pytest.raises(ReviewError, match="kind"):
        review.add_speaker("X", "robot")


def test_event_edits_are_checked_as_they_are_made(review: Review) -> None:
    event = review.items("event")[0]
    before = copy.deepcopy(review.document)
    with pytest.raises(ReviewError, match="before the first day"):
        review.edit("event", event["id"], date_start="2019-11-20", date_end="2019-11-01")
    with pytest.raises(ReviewError, match="precision"):
        review.edit("event", event["id"], precision="sometime")
    with pytest.raises(ReviewError, match="status 'scheduled'"):
        review.edit(
            "event", event["id"], date_start="2019-01-01", date_end="2019-01-02", status="scheduled"
        )
    assert review.document == before  # refused edits change nothing
    review.edit(
        "event",
        event["id"],
        date_start="2018-03-01",
        date_end="2018-03-31",
        precision="month",
        status="before",
        modifier="approximate",
    )
    edited = review.find("event", event["id"])[1]
    assert (edited["precision"], edited["modifier"], edited["review"]) == (
        "month",
        "approximate",
        "edited",
    )
    review.edit("event", event["id"], modifier=None)
    assert "modifier" not in review.find("event", event["id"])[1]
    review.validate()


def test_figure_and_category_edits(review: Review) -> None:
    figure = review.items("figure")[0]
    review.edit("figure", figure["id"], amount=6e9, approximate=True)
    category = review.items("category")[0]
    review.edit("category", category["id"], past=None, demanded=True)
    with pytest.raises(ReviewError, match="amount"):
        review.edit("figure", figure["id"], amount="lots")
    with pytest.raises(ReviewError, match="cannot edit text"):
        review.edit("figure", figure["id"], text="other words")
    story = review.validate()
    assert story.costs is not None
    assert story.costs.figures[0].amount == 6e9
    assert story.costs.categories[0].past is None and story.costs.categories[0].demanded


def test_reanchor_add_quote_and_add_event_from_a_selection(review: Review) -> None:
    text = review.text
    start = text.index("Seoul")
    end = start + len("Seoul")
    quote_id = review.items("quote")[0]["id"]
    review.reanchor("quote", quote_id, start, end)
    moved = review.find("quote", quote_id)[1]
    assert (moved["text"], moved["start"], moved["end"]) == ("Seoul", start, end)
    assert moved["prefix"] == text[max(0, start - 32) : start]
    new_id, _ = review.add_quote(start, end + 6, review.items("speaker")[0]["id"], kind="partial")
    assert review.find("quote", new_id)[1]["text"] == text[start : end + 6]
    event_id, _ = review.add_event(start, end)
    assert review.find("event", event_id)[1]["review"] == "pending"
    with pytest.raises(ReviewError, match="not inside the article"):
        review.add_quote(len(text), len(text) + 5, review.items("speaker")[0]["id"])
    review.validate()


def test_undo_and_redo_run_across_every_kind(review: Review) -> None:
    states = [copy.deepcopy(review.document)]
    review.accept("quote", review.items("quote")[0]["id"])
    states.append(copy.deepcopy(review.document))
    review.drop("event", review.items("event")[1]["id"])
    states.append(copy.deepcopy(review.document))
    review.edit("figure", review.items("figure")[0]["id"], amount=1.0)
    states.append(copy.deepcopy(review.document))
    for expected in reversed(states[:-1]):
        review.undo()
        assert review.document == expected
    assert review.undo() is None
    for expected in states[1:]:
        review.redo()
        assert review.document == expected
    review.undo()
    review.accept("category", review.items("category")[0]["id"])
    assert review.redo() is None  # a new edit ends the redo history


def test_an_invalid_state_is_not_saved(review: Review, draft_path: Path) -> None:
    before = draft_path.read_bytes()
    review.apply(Edit("break it", (Change(("quotes", 0, "text"), "x", "not the text"),)))
    with pytest.raises(SaveRefused, match=r"quotes\[0\]\.text: the source at"):
        review.save()
    assert draft_path.read_bytes() == before
    assert not backup_path(draft_path).exists()


def test_save_validates_writes_atomically_keeps_mode_and_a_backup(
    review: Review, draft_path: Path
) -> None:
    draft_path.chmod(0o640)
    before = draft_path.read_bytes()
    quote_id = review.items("quote")[0]["id"]
    review.accept("quote", quote_id)
    review.save()
    assert backup_path(draft_path).read_bytes() == before
    assert stat.S_IMODE(draft_path.stat().st_mode) == 0o640
    saved = load_story(draft_path)
    assert saved.quote_by_id[quote_id].review == "accepted"
    assert not review.dirty and not review.journal_path.exists()
    assert [path.name for path in draft_path.parent.iterdir() if ".tmp" in path.name] == []


def test_a_save_over_a_file_changed_on_disk_is_refused(review: Review, draft_path: Path) -> None:
    review.accept("quote", review.items("quote")[0]["id"])
    changed = draft_path.read_bytes().replace(b'"test-rule"', b'"other-rule"', 1)
    draft_path.write_bytes(changed)
    with pytest.raises(ChangedOnDisk, match="changed on disk"):
        review.save()
    assert draft_path.read_bytes() == changed
    review.save(overwrite_changed=True)
    assert backup_path(draft_path).read_bytes() == changed


def test_the_journal_survives_a_kill(draft_path: Path) -> None:
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from smareader.review import Review\n"
        "review = Review.open(Path(sys.argv[1]))\n"
        "quotes = review.items('quote')\n"
        "review.accept('quote', quotes[0]['id'])\n"
        "review.drop('quote', quotes[1]['id'])\n"
        "review.edit('figure', review.items('figure')[0]['id'], amount=7.0)\n"
        "review.undo()\n"
        "print(__import__('json').dumps(review.document), flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(draft_path)], capture_output=True, text=True
    )
    assert result.returncode == -9
    expected = json.loads(result.stdout)
    journal = find_journal(draft_path)
    assert journal is not None and journal.current and len(journal.edits) == 2
    reopened = Review.open(draft_path)
    assert reopened.recover(journal) == 2
    assert reopened.document == expected
    reopened.save()
    assert find_journal(draft_path) is None


def test_a_journal_for_another_version_is_not_applied(review: Review, draft_path: Path) -> None:
    review.accept("quote", review.items("quote")[0]["id"])
    draft_path.write_bytes(draft_path.read_bytes().replace(b"test-rule", b"other-rul", 1))
    journal = find_journal(draft_path)
    assert journal is not None and not journal.current
    with pytest.raises(ReviewError, match="changed since"):
        Review.open(draft_path).recover(journal)


def test_a_broken_journal_is_ignored(draft_path: Path) -> None:
    (draft_path.parent / f".{draft_path.name}.journal").write_text("{not json", encoding="utf-8")
    assert find_journal(draft_path) is None


def test_validate_counts_review_states_and_export_leaves_out_pending(
    review: Review, draft_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quotes = review.items("quote")
    review.accept("quote", quotes[0]["id"])
    review.edit("quote", quotes[1]["id"], cue="said again")
    review.drop("quote", quotes[2]["id"])
    review.save()
    assert main(["validate", str(draft_path)]) == 0
    out = capsys.readouterr().out
    total = sum(len(review.items(kind)) for kind in ("quote", "event", "figure", "category"))
    assert f"review: {total - 2} pending, 1 accepted, 1 edited, 1 dropped" in out
    assert main(["export", str(draft_path), "--format", "json", "--reviewed-only"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert {quote["id"] for quote in exported["quotes"]} == {quotes[0]["id"], quotes[1]["id"]}


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["accept", "drop", "speaker", "amount", "undo", "redo"]),
        st.integers(0, 40),
    ),
    max_size=12,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40)
@given(operations=OPERATIONS)
def test_any_edits_undo_to_the_original_and_stay_valid(
    raw: dict[str, Any], tmp_path: Path, operations: list[tuple[str, int]]
) -> None:
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(drafted(raw)), encoding="utf-8")
    review = Review.open(path)
    original = copy.deepcopy(review.document)
    actions: dict[str, Callable[[int], object]] = {
        "accept": lambda n: review.accept("quote", _pick(review, "quote", n)),
        "drop": lambda n: review.drop("quote", _pick(review, "quote", n)),
        "speaker": lambda n: review.set_speaker(
            _pick(review, "quote", n), _pick(review, "speaker", n)
        ),
        "amount": lambda n: review.edit("figure", _pick(review, "figure", n), amount=float(n)),
        "undo": lambda _: review.undo(),
        "redo": lambda _: review.redo(),
    }
    for name, number in operations:
        if name in {"undo", "redo"} or review.items("quote"):
            actions[name](number)
        review.validate()  # every state reachable by these edits is a valid story
    while review.undo() is not None:
        pass
    assert review.document == original


def _pick(review: Review, kind: str, number: int) -> str:
    items = review.items(kind)
    return str(items[number % len(items)]["id"])


def test_a_figure_kind_can_be_edited(review: Review) -> None:
    # The figure's own "kind" field must not clash with the item kind argument.
    figure = review.items("figure")[0]["id"]
    review.edit("figure", figure, kind="count", unit="troops")
    _, item = review.find("figure", figure)
    assert item["kind"] == "count" and item["review"] == "edited"


def test_a_journal_that_cannot_be_written_never_costs_the_edit(
    review: Review, draft_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import smareader.review.session as session

    def full_disk(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(session, "write_atomic", full_disk)
    quote_id = review.items("quote")[0]["id"]
    review.accept("quote", quote_id)
    assert review.find("quote", quote_id)[1]["review"] == "accepted"
    assert review.journal_problem == "unsaved edits cannot be journaled: No space left on device"
    monkeypatch.undo()
    review.undo()
    assert review.journal_problem is None
