"""Differential tests: every view the library gives equals the one the model gives.

The model's derived views (:mod:`smareader.model.views`) are the specification; the
library computes the same things in SQL. For generated stories of every shape, and
for the bundled and hostile stories, the two must agree exactly.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smareader.devtools.generate import generate, generate_library, write
from smareader.library import Library
from smareader.library import query as library_query
from smareader.library.index import add_files
from smareader.library.query import citation
from smareader.library.rows import EventEntry, Page, QuoteEntry
from smareader.model import Story, load_story
from smareader.model.bundled import bundled_story_path
from smareader.model.cite import cite, reference
from smareader.model.views import (
    SearchIndex,
    article_marks,
    cost_table,
    quotes_by_speaker,
    timeline_rows,
)
from smareader.model.views import citation as model_citation

HOSTILE = Path(__file__).parent / "data" / "hostile.json"
_T = TypeVar("_T")


def pages(fetch: Callable[[str | None], Page[_T]]) -> Iterator[_T]:
    """Every row of a paged list, page by page through the keyset cursor."""
    after: str | None = None
    while True:
        page = fetch(after)
        yield from page.rows
        if page.next is None:
            return
        after = page.next


def indexed(path: Path, tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "views.sqlite3", create=True)
    outcomes = add_files(library.connection, [path])
    assert [outcome.status for outcome in outcomes] == ["added"], outcomes
    return library


def queries_for(story: Story, seed: int) -> list[str]:
    """Search terms from the story itself: words, parts of words, pairs, odd cases."""
    rng = random.Random(seed)
    words = [word for quote in story.quotes[:50] for word in quote.text.split()] or ["x"]
    picks = [rng.choice(words) for _ in range(6)]
    queries = [picks[0], picks[1][1:4], picks[2][:2], f"{picks[3]} {picks[4][:3]}"]
    queries += [picks[5].upper(), "said", "zzzz-nothing", "a", ". ,", "q1", "s1"]
    # Parts of words with punctuation inside, sliced anywhere ("s.", ".s", "u.s", "'t"):
    # a run before punctuation ends a word, one after it begins a word.
    marked = [word for word in words if not word.isalnum() and len(word) > 1]
    for word in rng.sample(marked, min(3, len(marked))):
        start = rng.randrange(len(word))
        queries.append(word[start : rng.randrange(start + 1, len(word) + 1)])
    speaker = story.speakers[0].name if story.speakers else "x"
    queries += [speaker, speaker.split()[0][:3].lower()]
    if story.events:
        queries += [story.events[0].when, story.events[0].title.split()[0]]
    return queries


def everyone_entries(library: Library) -> list[QuoteEntry]:
    return list(pages(lambda after: library.quotes(after=after, limit=50)))


def assert_same_views(story: Story, library: Library, seed: int = 0) -> None:
    """The library's views of a one-story library against the model's."""
    (entry,) = library.stories()
    story_id = entry.id
    assert story_id == story.story.id
    assert (entry.quotes, entry.events, entry.speakers) == (
        len(story.quotes),
        len(story.events),
        len(story.speakers),
    )
    counts = library.counts()
    assert (counts.quotes, counts.events, counts.speakers) == (
        len(story.quotes),
        len(story.events),
        len(story.speakers),
    )

    # Timeline: events in date order, the publication day marked where the model does.
    expected = [row.event.id if row.event else "|marker|" for row in timeline_rows(story)]
    actual = [
        row.event.id if row.event else "|marker|"
        for row in pages(lambda after: library.timeline(after=after, limit=7))
    ]
    assert actual == expected
    assert library.timeline_count() == len(expected)

    # Quotes by speaker: the same groups in the same order, the same quotes in each.
    groups = quotes_by_speaker(story)
    everyone = [q.id for q in pages(lambda after: library.quotes(after=after, limit=9))]
    assert everyone == [quote.id for quote in groups[0].quotes]
    speakers = library.speakers()
    assert [(s.name, s.quotes) for s in speakers] == [(g.name, g.count) for g in groups[1:]]
    for speaker, group in zip(speakers, groups[1:], strict=True):
        quotes = pages(lambda after, p=speaker.person: library.quotes(person=p, after=after))
        assert [quote.id for quote in quotes] == [quote.id for quote in group.quotes]
        assert library.quote_count(person=speaker.person) == group.count

    # The cost table.
    table = cost_table(story)
    mine = library.cost_table(story_id)
    assert mine.currency == table.currency
    assert [(c.id, c.reported_by) for c in mine.categories] == [
        (row.category.id, row.reported_by) for row in table.categories
    ]
    for bars, theirs in ((mine.bars, table.bars), (mine.others, table.others)):
        assert [(b.id, b.display, b.fraction, b.stated_by) for b in bars] == [
            (b.figure.id, b.text, b.fraction, b.stated_by) for b in theirs
        ]
    assert [(c.id, c.ratio, c.stated) for c in mine.comparisons] == [
        (c.comparison.id, c.ratio, c.stated.id if c.stated else None) for c in table.comparisons
    ]

    # Search: the same quotes and events, in the same order.
    index = SearchIndex(story)
    for query in queries_for(story, seed):
        quote_hits, event_hits = index.search(query)
        found = pages(lambda after, q=query: library.search_quotes(q, after=after, limit=11))
        assert [quote.id for quote in found] == [story.quotes[i].id for i in quote_hits], query
        events = pages(lambda after, q=query: library.search_events(q, after=after, limit=5))
        assert [event.id for event in events] == [story.events[i].id for i in event_hits], query
        assert library.search_count(query) == (len(quote_hits), len(event_hits))
        by_speaker = Counter(story.quotes[i].speaker for i in quote_hits)
        assert library.search_count_by_person(query) == {
            speaker.person: by_speaker[group.speaker.id]
            for speaker, group in zip(speakers, groups[1:], strict=True)
            if group.speaker is not None and by_speaker[group.speaker.id]
        }, query

    # Citations, and each story's speakers as the file gives them.
    for quote in everyone_entries(library):
        assert citation(quote) == model_citation(story, story.quote_by_id[quote.id])
    entry = library.story(story_id)
    assert entry is not None
    assert library_query.story_reference(entry) == reference(story)
    for row in pages(lambda after: library.timeline(after=after, limit=7)):
        if row.event is not None:
            expected_text = cite(story, "event", row.event.id)
            assert library_query.event_citation(row.event, entry) == expected_text
    for group in library.figures_over_time():
        for point in group.points:
            expected_text = cite(story, "figure", point.id)
            assert library_query.figure_citation(point, entry) == expected_text
    assert [(s.id, s.name, s.aliases, s.key) for s in library.story_speakers(story_id)] == [
        (s.id, s.name, tuple(s.aliases), s.key) for s in story.speakers
    ]

    # The article and its anchored spans.
    assert library.article(story_id) == story.text
    assert library.marks(story_id) == [tuple(mark) for mark in article_marks(story)]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    quotes=st.integers(0, 120),
    speakers=st.integers(1, 12),
    events=st.integers(0, 25),
    cost_items=st.integers(0, 9),
    seed=st.integers(0, 10_000),
)
def test_generated_story_views_match_the_model(
    tmp_path_factory: pytest.TempPathFactory,
    quotes: int,
    speakers: int,
    events: int,
    cost_items: int,
    seed: int,
) -> None:
    folder = tmp_path_factory.mktemp("generated")
    data, text = generate(
        quotes=quotes, speakers=speakers, events=events, cost_items=cost_items, seed=seed
    )
    path = write(folder, data, text)
    with indexed(path, folder) as library:
        assert_same_views(load_story(path), library, seed)


@pytest.mark.parametrize("path", [bundled_story_path(), HOSTILE], ids=["bundled", "hostile"])
def test_shipped_stories_views_match_the_model(path: Path, tmp_path: Path) -> None:
    with indexed(path, tmp_path) as library:
        assert_same_views(load_story(path), library)


def test_cross_story_views_agree_with_each_story(tmp_path: Path) -> None:
    """Across stories: speakers by key, quotes and timeline in date order."""
    folder = tmp_path / "stories"
    paths = [
        write(folder, data, text, stem)
        for stem, data, text in generate_library(stories=4, quotes=160, speakers=30, seed=5)
    ]
    stories = {story.story.id: story for story in map(load_story, paths)}
    with Library.open(tmp_path / "many.sqlite3", create=True) as library:
        add_files(library.connection, paths)
        # One entry per key; its count is the sum over the stories.
        by_key: dict[str, int] = {}
        for story in stories.values():
            for quote in story.quotes:
                key = story.speaker_by_id[quote.speaker].key
                assert key is not None
                by_key[key] = by_key.get(key, 0) + 1
        entries = library.speakers()
        assert {entry.key: entry.quotes for entry in entries if entry.quotes} == by_key
        assert len({entry.key for entry in entries}) == len(entries)
        # Quotes of the most quoted speaker, in story date order.
        top = entries[0]
        quotes = list(pages(lambda after: library.quotes(person=top.person, after=after)))
        assert [(q.published, q.story_id) for q in quotes] == sorted(
            (q.published, q.story_id) for q in quotes
        )
        assert len(quotes) == top.quotes
        # The timeline holds every event of every story once, in date order, with a
        # marker for each publication day.
        rows = list(pages(lambda after: library.timeline(after=after, limit=13)))
        events = [(row.event.story_id, row.event.id) for row in rows if row.event]
        assert sorted(events) == sorted(
            (story_id, event.id) for story_id, story in stories.items() for event in story.events
        )
        days = [row.day for row in rows]
        assert days == sorted(days)
        markers = [row for row in rows if row.is_marker]
        assert [row.day for row in markers] == sorted(s.story.published for s in stories.values())
        # A chosen subset shows only its stories.
        chosen = sorted(stories)[:2]
        picked = list(pages(lambda after: library.quotes(chosen, after=after, limit=50)))
        assert {quote.story_id for quote in picked} == set(chosen)
        assert len(picked) == sum(len(stories[s].quotes) for s in chosen)
        assert library.counts(chosen).quotes == len(picked)
        everyone = list(pages(lambda after: library.quotes(after=after, limit=70)))
        assert [q.cursor for q in picked] == [q.cursor for q in everyone if q.story_id in chosen]
        assert [q.id for q in library.quotes(chosen, offset=45, limit=20).rows] == [
            q.id for q in picked[45:65]
        ]
        mine = list(pages(lambda after: library.quotes(chosen, person=top.person, after=after)))
        assert [q.cursor for q in mine] == [q.cursor for q in picked if q.person == top.person]
        expected = [
            row.cursor
            for row in rows
            if (row.event and row.event.story_id == chosen[0])
            or (row.is_marker and chosen[0] in row.stories)
        ]
        few = list(pages(lambda after: library.timeline(chosen[:1], after=after, limit=9)))
        assert [row.cursor for row in few] == expected
        # The same through the other plan: walking the date order, filtering by story.
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(library_query, "_FEW_EVENTS", 0)
            few = list(pages(lambda after: library.timeline(chosen[:1], after=after, limit=9)))
        assert [row.cursor for row in few] == expected
        # Figures over time, by label and by speaker, hold every money/multiplier figure.
        every = {
            (story_id, figure.id)
            for story_id, story in stories.items()
            for figure in (story.costs.figures if story.costs else [])
            if figure.kind in ("money", "multiplier")
        }
        for by in ("label", "speaker"):
            series = library.figures_over_time(by=by)  # type: ignore[arg-type]
            points = [(p.story_id, p.id) for s in series for p in s.points]
            assert sorted(points) == sorted(every)
            for one in series:
                assert [p.published for p in one.points] == sorted(p.published for p in one.points)


def _story_with(speakers: list[dict[str, Any]], story_id: str, raw: dict[str, Any]) -> Any:
    data = {**raw, "story": {**raw["story"], "id": story_id}, "speakers": speakers}
    data["quotes"] = [{**q, "speaker": speakers[0]["id"]} for q in raw["quotes"]]
    data["events"] = [{**e, "actors": []} for e in raw["events"]]
    costs = dict(data["costs"])
    costs["figures"] = [{**f, "stated_by": None} for f in costs["figures"]]
    costs["categories"] = [{**c, "reported_by": None} for c in costs["categories"]]
    data["costs"] = costs
    return data


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ({"name": "Jeong Eun-bo"}, {"name": "Jeong  eun-bo"}, True),
        ({"name": "Jeong Eun-bo"}, {"name": "Jeong"}, False),
        ({"name": "Kim", "kind": "person"}, {"name": "Kim", "kind": "organization"}, False),
        ({"name": "J. DeHart", "key": "Q1"}, {"name": "James DeHart", "key": "Q1"}, True),
        ({"name": "James DeHart", "key": "Q1"}, {"name": "James DeHart", "key": "Q2"}, False),
    ],
)
def test_speaker_identity_across_stories(
    first: dict[str, str],
    second: dict[str, str],
    same: bool,
    raw: dict[str, Any],
    write_story: Callable[[Any, str], Path],
    tmp_path: Path,
) -> None:
    """By key when given, else by normalized full name and kind; never a bare surname."""
    paths = [
        write_story(_story_with([{"id": "s", "kind": "person", **who}], f"s{n}", raw), f"{n}.json")
        for n, who in enumerate((first, second))
    ]
    with Library.open(tmp_path / "who.sqlite3", create=True) as library:
        assert [o.status for o in add_files(library.connection, paths)] == ["added", "added"]
        assert len(library.speakers()) == (1 if same else 2)


@pytest.mark.parametrize(
    ("event_id", "shown"),
    [
        ("e-trump-kim-meeting", "2018"),  # "last year": year precision, no invented day
        ("e-us-asks-japan", "~Jan–Nov 2019"),  # "earlier this year", approximate span
        ("e-sma-framework", "~1991–2019"),  # "the past 28 years"
        ("e-esper-visit", "11–17 Nov 2019"),  # "last week"
        ("e-talks-break-down", "19 Nov 2019"),
    ],
)
def test_the_cross_story_timeline_prints_each_time_at_its_precision(
    event_id: str, shown: str, tmp_path: Path
) -> None:
    path = bundled_story_path()
    with indexed(path, tmp_path) as library:
        events = {
            row.event.id: row.event
            for row in pages(lambda after: library.timeline(after=after))
            if row.event
        }
    assert library_query.short_when(events[event_id]) == shown
    assert len(shown) <= library_query.WHEN_WIDTH


@given(
    first=st.dates(max_value=date(9000, 1, 1)),
    days=st.integers(0, 4000),
    precision=st.sampled_from(["minute", "day", "week", "month", "year", "span"]),
    modifier=st.sampled_from([None, "approximate", "before", "after"]),
)
def test_a_short_time_never_claims_more_than_its_precision(
    first: date, days: int, precision: str, modifier: str | None
) -> None:
    last = first + timedelta(days=days)
    if precision in ("minute", "day") and days:
        precision = "span"
    event = EventEntry(
        "s", "e", "title", "", "as written", "label", first, last, None, precision, modifier,
        "before", 0, 1, (), (), first, "story", "",
    )  # fmt: skip
    shown = library_query.short_when(event)
    assert len(shown) <= library_query.WHEN_WIDTH
    assert str(last.year) in shown
    if precision == "year" or first.year != last.year:
        assert shown.lstrip("~<>") in (str(first.year), f"{first.year}–{last.year}")
