"""Derived views: timeline, quotes by speaker, costs, search, citations, sentences."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from smareader.model import Story
from smareader.model.views import (
    SearchIndex,
    article_marks,
    citation,
    cost_table,
    filter_timeline,
    format_date,
    format_money,
    format_when,
    match_spans,
    navigable_marks,
    quotes_by_speaker,
    sentence_around,
    timeline,
    timeline_rows,
)


def test_timeline_in_date_order(story: Story) -> None:
    events = timeline(story)
    keys = [(e.date_start, e.time or "", e.date_end) for e in events]
    assert [(a, b) for a, _, b in keys] == sorted((a, b) for a, _, b in keys)
    assert events[0].id == "e-sma-framework"
    assert events[-1].date_start.year == 2020


def test_publication_marker_splits_past_from_the_rest(story: Story) -> None:
    rows = timeline_rows(story)
    marker = next(i for i, row in enumerate(rows) if row.is_marker)
    assert sum(row.is_marker for row in rows) == 1
    before = [row.event for row in rows[:marker]]
    after = [row.event for row in rows[marker + 1 :]]
    assert all(e is not None and e.date_start < date(2019, 11, 19) for e in before)
    assert all(e is not None and e.date_start >= date(2019, 11, 19) for e in after)
    assert after[0] is not None and after[0].status == "on_day"


def test_marker_present_even_when_filtered_to_nothing(story: Story) -> None:
    rows = filter_timeline(timeline_rows(story), set())
    assert len(rows) == 1 and rows[0].is_marker


def test_filtered_timeline_keeps_date_order(story: Story) -> None:
    wanted = {"e-japan-talks", "e-sma-framework", "e-talks-break-down"}
    rows = filter_timeline(timeline_rows(story), wanted)
    assert [row.event.id if row.event else None for row in rows] == [
        "e-sma-framework",
        None,
        "e-talks-break-down",
        "e-japan-talks",
    ]


@pytest.mark.parametrize(
    ("event_id", "printed"),
    [
        ("e-talks-break-down", "19 Nov 2019"),
        ("e-esper-visit", "week of 11 Nov 2019"),
        ("e-japan-talks", "2020"),
        ("e-intelligence-pact-expiry", "23 Nov 2019, 00:01 (time zone not given)"),
        ("e-pyongyang-deadline", "about 31 Dec 2019"),
        ("e-us-asks-japan", "about 1 Jan – 18 Nov 2019"),
        ("e-sma-framework", "about 19 Nov 1991 – 19 Nov 2019"),
    ],
)
def test_dates_printed_at_their_precision(story: Story, event_id: str, printed: str) -> None:
    assert format_when(story.event_by_id[event_id]) == printed


def test_format_when_month_and_short_span(story: Story) -> None:
    event = story.event_by_id["e-talks-break-down"]
    month = dataclasses.replace(event, precision="month")
    assert format_when(month) == "Nov 2019"
    span = dataclasses.replace(event, precision="span", date_end=date(2019, 11, 21))
    assert format_when(span) == "19–21 Nov 2019"
    assert format_date(date(2019, 1, 5)) == "5 Jan 2019"


def test_quotes_by_speaker(story: Story) -> None:
    groups = quotes_by_speaker(story)
    assert groups[0].speaker is None and groups[0].count == len(story.quotes)
    counts = [group.count for group in groups[1:]]
    assert counts == sorted(counts, reverse=True)
    dehart = next(g for g in groups if g.speaker and g.speaker.id == "james-dehart")
    assert dehart.count == 4
    assert [q.start for q in dehart.quotes] == sorted(q.start for q in dehart.quotes)
    assert {g.speaker.id for g in groups[1:] if g.speaker} == set(story.speaker_by_id)


def test_cost_table(story: Story) -> None:
    table = cost_table(story)
    assert [row.category.past for row in table.categories[:3]] == [True, True, True]
    assert all(row.reported_by == "Yonhap" for row in table.categories[3:])
    assert table.categories[0].reported_by == "the article"
    assert table.bars[0].fraction == 1.0
    current = next(bar for bar in table.bars if bar.figure.id == "f-current")
    assert current.fraction == pytest.approx(0.2)
    assert current.text == "about $1 billion"
    (comparison,) = table.comparisons
    assert comparison.ratio == pytest.approx(5.0)
    assert comparison.stated is not None and comparison.stated.text == "fivefold"
    assert {bar.figure.kind for bar in table.others} == {"multiplier", "count"}


def test_cost_table_without_costs(story: Story) -> None:
    empty = story.model_copy(update={"costs": None})
    table = cost_table(empty)
    assert table.categories == [] and table.bars == [] and table.comparisons == []


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (5e9, "USD", "$5 billion"),
        (1.04e12, "KRW", "1.04 trillion KRW"),
        (30e6, "EUR", "€30 million"),
        (28_500, "USD", "$28,500"),
        (12.5, "USD", "$12.50"),
    ],
)
def test_format_money(amount: float, currency: str, text: str) -> None:
    assert format_money(amount, currency) == text


def test_search_matches_all_terms(story: Story) -> None:
    index = SearchIndex(story)
    quotes, events = index.search("dehart burden")
    assert {story.quotes[i].id for i in quotes} == {
        "q-dehart-not-responsive-1",
        "q-dehart-unfortunately",
    }
    assert events == []
    _, events = index.search("NEXT YEAR")
    assert {story.events[i].id for i in events} == {
        "e-japan-talks",
        "e-germany-nato-talks",
        "e-korean-election",
    }


def test_search_narrowing_equals_fresh_search(story: Story) -> None:
    index = SearchIndex(story)
    for prefix in ["j", "ja", "jap", "japa", "japan"]:
        narrowed = index.search(prefix)
        assert narrowed == SearchIndex(story).search(prefix)
    assert index.search("") == (list(range(28)), list(range(14)))


def test_match_spans() -> None:
    assert match_spans("Seoul, seoul", "SEOUL") == [(0, 5), (7, 12)]
    assert match_spans("a [b] c", "[b]") == [(2, 5)]


def test_sentence_around(story: Story) -> None:
    quote = story.quote_by_id["q-jeong-left-seats"]
    start, end = sentence_around(story.text, quote.start, quote.end)
    sentence = story.text[start:end]
    assert sentence.startswith("Jeong Eun-bo, who led")
    assert sentence.endswith("difference in principle.”")


def test_sentence_around_a_reported_quote(story: Story) -> None:
    quote = story.quote_by_id["r-tokyo-denied"]
    start, end = sentence_around(story.text, quote.start, quote.end)
    assert story.text[start:end] == "Tokyo has denied those reports."


def test_citation(story: Story) -> None:
    text = citation(story, story.quote_by_id["q-jeong-big-difference"])
    assert text.startswith("“quite a big difference in principle.” — Jeong Eun-bo, ")
    assert "The Japan Times, 19 Nov 2019" in text
    assert text.endswith("us-south-korea-defense-cost-talks-trump/")
    reported = citation(story, story.quote_by_id["r-tokyo-denied"])
    assert reported.startswith("Tokyo has denied those reports. — Japanese government (reported)")


def test_marks(story: Story) -> None:
    marks = article_marks(story)
    assert marks == sorted(marks)
    kinds: dict[str, Any] = {}
    for mark in marks:
        kinds.setdefault(mark.kind, 0)
        kinds[mark.kind] += 1
    assert kinds == {"quote": 28, "event": 14, "evidence": 14, "figure": 6, "category": 7}
    assert len(navigable_marks(marks)) == 28 + 14 + 6 + 7
