"""Every validation rule of the story model, and the bundled story's contents."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from smareader.model import Story, StoryFileError, load_story
from smareader.model.bundled import bundled_story_paths
from smareader.model.story import sha256_hex


def problems(write_story: Callable[[Any], Path], data: Any) -> list[tuple[str, str]]:
    with pytest.raises(StoryFileError) as caught:
        load_story(write_story(data))
    return [(problem.location, problem.message) for problem in caught.value.problems]


def test_embedded_source_is_valid(raw: dict[str, Any], write_story: Callable[..., Path]) -> None:
    story = load_story(write_story(raw))
    assert story.text == raw["source"]["text"]
    assert len(story.quotes) == len(raw["quotes"])


def test_duplicate_ids(raw: dict[str, Any], write_story: Callable[..., Path]) -> None:
    raw["quotes"][3]["id"] = raw["quotes"][0]["id"]
    found = problems(write_story, raw)
    assert found[0][0] == "quotes[3].id"
    assert "duplicate id" in found[0][1] and "quotes[0]" in found[0][1]


@pytest.mark.parametrize(
    ("path", "value", "location"),
    [
        (("quotes", 0, "speaker"), "nobody", "quotes[0].speaker"),
        (("quotes", 0, "events"), ["e-nope"], "quotes[0].events[0]"),
        (("events", 1, "actors"), ["nobody"], "events[1].actors[0]"),
        (("events", 1, "quotes"), ["q-nope"], "events[1].quotes[0]"),
        (("costs", "figures", 0, "stated_by"), "nobody", "costs.figures[0].stated_by"),
        (("costs", "categories", 4, "reported_by"), "x", "costs.categories[4].reported_by"),
        (("costs", "comparisons", 0, "numerator"), "f-x", "costs.comparisons[0].numerator"),
    ],
)
def test_dangling_references(
    raw: dict[str, Any],
    write_story: Callable[..., Path],
    path: tuple[Any, ...],
    value: Any,
    location: str,
) -> None:
    target = raw
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    found = problems(write_story, raw)
    assert [where for where, _ in found] == [location]
    assert "unknown" in found[0][1] and "expected an id listed under" in found[0][1]


def test_comparison_needs_money_figures(
    raw: dict[str, Any], write_story: Callable[..., Path]
) -> None:
    raw["costs"]["comparisons"][0]["denominator"] = "f-fivefold"
    raw["costs"]["comparisons"][0]["stated"] = "f-current"
    found = dict(problems(write_story, raw))
    assert "expected a money figure" in found["costs.comparisons[0].denominator"]
    assert "expected a multiplier figure" in found["costs.comparisons[0].stated"]


def test_span_out_of_range(raw: dict[str, Any], write_story: Callable[..., Path]) -> None:
    raw["quotes"][0]["end"] = 10**6
    found = problems(write_story, raw)
    assert found[0][0] == "quotes[0].end"
    assert "outside the source" in found[0][1]


def test_span_start_after_end(raw: dict[str, Any], write_story: Callable[..., Path]) -> None:
    quote = raw["quotes"][0]
    quote["start"], quote["end"] = quote["end"], quote["start"]
    found = problems(write_story, raw)
    assert found[0][0] == "quotes[0].end"
    assert "expected start ≤ end" in found[0][1]


def test_span_text_mismatch(raw: dict[str, Any], write_story: Callable[..., Path]) -> None:
    raw["quotes"][2]["start"] += 1
    raw["quotes"][2]["end"] += 1
    found = problems(write_story, raw)
    assert found[0][0] == "quotes[2].text"
    assert "expected the recorded text" in found[0][1]


def test_prefix_and_suffix_checked(raw: dict[str, Any], write_story: Callable[..., Path]) -> None:
    raw["quotes"][1]["prefix"] = "not what precedes"
    raw["quotes"][1]["suffix"] = "nor what follows"
    found = dict(problems(write_story, raw))
    assert "expected the recorded prefix" in found["quotes[1].prefix"]
    assert "expected the recorded suffix" in found["quotes[1].suffix"]


def test_event_phrase_and_evidence_checked(
    raw: dict[str, Any], write_story: Callable[..., Path]
) -> None:
    raw["events"][0]["when"] = "on Monday"
    raw["events"][0]["evidence"][0]["text"] = "Something else entirely."
    found = dict(problems(write_story, raw))
    assert "expected the recorded phrase 'on Monday'" in found["events[0].when"]
    assert "expected the recorded text" in found["events[0].evidence[0].text"]


def test_cost_spans_checked(raw: dict[str, Any], write_story: Callable[..., Path]) -> None:
    raw["costs"]["figures"][0]["text"] = "about $6 billion"
    raw["costs"]["categories"][0]["end"] = 99999
    found = dict(problems(write_story, raw))
    assert "costs.figures[0].text" in found
    assert "costs.categories[0].end" in found


def test_sha256_mismatch(raw: dict[str, Any], write_story: Callable[..., Path]) -> None:
    raw["source"]["text"] += " "
    found = problems(write_story, raw)
    # The actual digest is never printed: it would confirm a guess about a secret file.
    assert found == [
        (
            "source.sha256",
            "the source text does not have the recorded sha256; expected the text the story "
            "was made from (the text at source.text has changed)",
        )
    ]
    assert sha256_hex(raw["source"]["text"]) not in found[0][1]


def test_source_needs_path_or_text(raw: dict[str, Any], write_story: Callable[..., Path]) -> None:
    raw["source"]["path"] = "x.txt"
    found = problems(write_story, raw)
    assert found == [("source", "expected exactly one of 'path' or 'text'")]


def test_missing_source_file(raw: dict[str, Any], write_story: Callable[..., Path]) -> None:
    del raw["source"]["text"]
    raw["source"]["path"] = "missing.txt"
    found = problems(write_story, raw)
    assert found[0][0] == "source.path"
    assert "cannot read the source text 'missing.txt': no such file" in found[0][1]


def test_source_path_relative_to_story(
    raw: dict[str, Any], write_story: Callable[..., Path], tmp_path: Path
) -> None:
    (tmp_path / "article.txt").write_text(raw["source"].pop("text"), encoding="utf-8")
    raw["source"]["path"] = "article.txt"
    assert load_story(write_story(raw)).text.startswith("• Bloomberg")


def test_dates_in_order(raw: dict[str, Any], write_story: Callable[..., Path]) -> None:
    raw["events"][0]["date_end"] = "2019-11-01"
    found = problems(write_story, raw)
    assert found[0][0] == "events[0].date_end" and "date_start ≤ date_end" in found[0][1]


def test_minute_precision_needs_time(raw: dict[str, Any], write_story: Callable[..., Path]) -> None:
    minute = next(i for i, e in enumerate(raw["events"]) if e["precision"] == "minute")
    del raw["events"][minute]["time"]
    found = problems(write_story, raw)
    assert found == [
        (f"events[{minute}].time", "expected a time of day exactly when precision is 'minute'")
    ]


@pytest.mark.parametrize(
    ("status", "first", "last", "ok"),
    [
        ("before", "2019-11-18", "2019-11-18", True),
        ("before", "2019-11-19", "2019-11-19", False),
        ("on_day", "2019-11-19", "2019-11-19", True),
        ("on_day", "2019-11-18", "2019-11-18", False),
        ("scheduled", "2019-11-20", "2019-11-20", True),
        ("scheduled", "2019-11-19", "2019-11-19", False),
    ],
)
def test_status_against_publication_date(
    raw: dict[str, Any],
    write_story: Callable[..., Path],
    status: str,
    first: str,
    last: str,
    ok: bool,
) -> None:
    event = raw["events"][0]
    event.update(status=status, date_start=first, date_end=last)
    if ok:
        load_story(write_story(raw))
    else:
        assert problems(write_story, raw)[0][0] == "events[0].status"


def test_wrong_type_names_path_and_value(
    raw: dict[str, Any], write_story: Callable[..., Path]
) -> None:
    raw["quotes"][5]["start"] = "twelve"
    found = problems(write_story, raw)
    assert found[0][0] == "quotes[5].start"
    assert found[0][1] == "expected an integer; got the string 'twelve'"


def test_unknown_field(raw: dict[str, Any], write_story: Callable[..., Path]) -> None:
    raw["speakers"][0]["nickname"] = "Jim"
    found = problems(write_story, raw)
    assert found == [
        (
            "speakers[0].nickname",
            "unknown field 'nickname'; expected only the fields of the story format",
        )
    ]


def test_missing_field(raw: dict[str, Any], write_story: Callable[..., Path]) -> None:
    del raw["story"]["published"]
    assert problems(write_story, raw) == [("story.published", "missing required field 'published'")]


def test_all_problems_reported_at_once(
    raw: dict[str, Any], write_story: Callable[..., Path]
) -> None:
    for quote in raw["quotes"]:
        quote["speaker"] = "ghost"
    assert len(problems(write_story, raw)) == len(raw["quotes"])


def test_model_is_not_tied_to_files(raw: dict[str, Any]) -> None:
    story = Story.model_validate(raw)
    assert story.speaker_by_id["james-dehart"].name == "James DeHart"


# --------------------------------------------------------------- the bundled story


def test_bundled_counts(story: Story) -> None:
    assert story.story.published.isoformat() == "2019-11-19"
    assert len(story.speakers) == 15
    assert len(story.quotes) == 28
    assert len(story.events) == 14
    assert story.costs is not None
    assert len(story.costs.figures) == 6 and len(story.costs.categories) == 7


def test_every_quotation_mark_passage_is_a_quote(story: Story) -> None:
    """Every passage inside “ ” is a direct or partial quote with that exact text."""
    quoted = {q.start: q for q in story.quotes if q.kind != "reported"}
    passages = list(re.finditer(r"“(.*?)”", story.text, re.S))
    assert len(passages) == 14
    for match in passages:
        quote = quoted.get(match.start(1))
        assert quote is not None, match.group(1)
        assert match.group(1).rstrip(",") == quote.text


def test_dehart_quotes(story: Story) -> None:
    mine = [q for q in story.quotes if q.speaker == "james-dehart" and q.kind != "reported"]
    assert len(mine) == 3


def test_speaker_aliases_are_in_the_text(story: Story) -> None:
    for speaker in story.speakers:
        for alias in speaker.aliases:
            assert alias in story.text, (speaker.id, alias)
    ministry = story.speaker_by_id["rok-foreign-ministry"]
    assert len(ministry.aliases) == 3


def test_byline_and_promotion_marked(story: Story) -> None:
    kinds = {region.kind: region for region in story.source.regions}
    assert story.text[kinds["byline"].start : kinds["byline"].end].startswith("• Bloomberg")
    assert story.text[kinds["promotion"].start :].startswith("In a time of both")
    assert kinds["promotion"].end == len(story.text)


@pytest.mark.parametrize(
    ("when", "first", "precision", "status"),
    [
        ("on Tuesday", "2019-11-19", "day", "on_day"),
        ("last week", "2019-11-11", "week", "before"),
        ("this week", "2019-11-18", "week", "before"),
        ("Saturday", "2019-11-16", "day", "before"),
        ("earlier this year", "2019-01-01", "span", "before"),
        ("last year", "2018-01-01", "year", "before"),
        ("next year", "2020-01-01", "year", "scheduled"),
        ("year-end", "2019-12-31", "day", "scheduled"),
        ("12:01 a.m. on Nov. 23", "2019-11-23", "minute", "scheduled"),
        ("the past 28 years", "1991-11-19", "span", "before"),
    ],
)
def test_time_expressions_resolved(
    story: Story, when: str, first: str, precision: str, status: str
) -> None:
    events = [event for event in story.events if event.when == when]
    assert events, when
    for event in events:
        assert (event.date_start.isoformat(), event.precision, event.status) == (
            first,
            precision,
            status,
        )


def test_costs_demand_and_current(story: Story) -> None:
    assert story.costs is not None
    past = {c.id for c in story.costs.categories if c.past}
    new = {c.id for c in story.costs.categories if c.demanded}
    assert len(past) == 3 and len(new) == 4 and not past & new
    assert story.figure_by_id["f-demand"].amount == 5e9
    assert story.figure_by_id["f-current"].amount == 1e9


def test_the_bundled_seed_beside_the_story_is_the_seed_byte_for_byte() -> None:
    """A story reads only its own folder, so each text has a copy in data/: the same bytes."""
    root = Path(__file__).resolve().parent.parent
    for path in bundled_story_paths():
        name = json.loads(path.read_text(encoding="utf-8"))["source"]["path"]
        assert (root / "data" / name).read_bytes() == (root / "seeds" / name).read_bytes()


def test_a_wrong_value_says_what_was_wanted_once(
    raw: dict[str, Any], write_story: Callable[..., Path]
) -> None:
    raw["quotes"][3]["start"] = 3.5
    raw["quotes"][4]["kind"] = "shout"
    raw["events"][0]["date_start"] = "2019-13-01"
    found = dict(problems(write_story, raw))
    assert found["quotes[3].start"] == "expected an integer; got 3.5"
    assert found["quotes[4].kind"] == (
        "expected 'direct', 'partial' or 'reported'; got the string 'shout'"
    )
    assert found["events[0].date_start"] == (
        "expected a date as YYYY-MM-DD (month value is outside expected range of 1-12);"
        " got the string '2019-13-01'"
    )
