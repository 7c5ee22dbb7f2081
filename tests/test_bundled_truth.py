"""The bundled stories say only what their texts say: every item checked against its text.

Tests that take ``bundled`` run on every story that ships with smareader; tests that
take ``story`` are about readings of the seed story alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from smareader.model import Story, load_story
from smareader.model.bundled import bundled_story_path, bundled_story_paths
from smareader.model.views import format_when, sentence_around

PUBLIC_DOMAIN = "public domain (U.S. government work)"
"""The licence every bundled story other than the seed records."""
US_GOVERNMENT_HOSTS = (".gov", ".mil", "voanews.com")
"""Where a U.S. government work is published: an address ending in one of these."""


@pytest.fixture(scope="module", params=bundled_story_paths(), ids=lambda path: path.stem)
def bundled(request: pytest.FixtureRequest) -> Story:
    """Each bundled story in turn, validated."""
    path: Path = request.param
    return load_story(path)


def _words(story: Story) -> list[tuple[str, str]]:
    """Every piece of our own wording: titles, summaries, roles, labels, descriptions."""
    pieces: list[tuple[str, str]] = [("story.title", story.story.title)]
    for speaker in story.speakers:
        pieces += [(f"{speaker.id}.name", speaker.name), (f"{speaker.id}.role", speaker.role)]
        pieces.append((f"{speaker.id}.affiliation", speaker.affiliation))
    for event in story.events:
        pieces += [(f"{event.id}.title", event.title), (f"{event.id}.summary", event.summary)]
    costs = story.costs
    for figure in costs.figures if costs else []:
        pieces += [(f"{figure.id}.label", figure.label), (f"{figure.id}.period", figure.period)]
    for category in costs.categories if costs else []:
        pieces.append((f"{category.id}.description", category.description))
    return [(where, text or "") for where, text in pieces]


def test_every_bundled_story_is_listed() -> None:
    data = bundled_story_path().parent
    assert bundled_story_paths()[0] == bundled_story_path()
    listed = {path.name for path in bundled_story_paths()}
    on_disk = {path.name for path in data.glob("*.json")} - {"schema.json"}
    assert listed == on_disk


def test_every_span_reads_its_text(bundled: Story) -> None:
    """What validation checks, spelled out: each item's words are the text's at its span."""
    text = bundled.text
    for quote in bundled.quotes:
        assert text[quote.start : quote.end] == quote.text, quote.id
        assert text[: quote.start].endswith(quote.prefix), quote.id
        assert text[quote.end :].startswith(quote.suffix), quote.id
    for event in bundled.events:
        assert text[event.start : event.end] == event.when, event.id
        for span in event.evidence:
            assert text[span.start : span.end] == span.text, event.id
    costs = bundled.costs
    for item in [*costs.figures, *costs.categories] if costs else []:
        assert text[item.start : item.end] == item.text, item.id
    for region in bundled.source.regions:
        assert 0 <= region.start < region.end <= len(text)


def test_the_headline_is_the_one_printed(bundled: Story) -> None:
    """A headline is the source's own; a title of ours is never passed off as one."""
    info = bundled.story
    if info.headline is None:
        assert info.title not in bundled.text
    else:
        assert info.title == info.headline
        assert bundled.text.startswith(info.headline + "\n")


def test_the_seed_records_no_licence(story: Story) -> None:
    """The Japan Times' text is not ours to license: the seed claims nothing."""
    assert story.source.license is None


def test_every_other_bundled_story_is_a_public_domain_work() -> None:
    others = bundled_story_paths()[1:]
    assert others
    for path in others:
        story = load_story(path)
        assert story.source.license == PUBLIC_DOMAIN, path.name
        assert story.story.url is not None, path.name
        host = urlsplit(story.story.url).hostname or ""
        assert host.endswith(US_GOVERNMENT_HOSTS), (path.name, host)


def test_every_item_of_a_public_domain_story_was_reviewed() -> None:
    for path in bundled_story_paths()[1:]:
        story = load_story(path)
        costs = story.costs
        items = [*story.speakers, *story.quotes, *story.events]
        items += [*costs.figures, *costs.categories] if costs else []
        for item in items:
            assert item.review in ("accepted", "edited"), (path.name, item.id)


def test_the_seed_prints_no_headline(story: Story) -> None:
    assert story.story.headline is None
    assert story.story.title not in story.text


def test_no_acronym_the_article_does_not_use(bundled: Story) -> None:
    """Before: "GSOMIA" named a pact the article calls "a key intelligence-sharing pact"."""
    for where, text in _words(bundled):
        for acronym in re.findall(r"\b[A-Z]{3,}\b", text):
            assert acronym in bundled.text, (where, acronym)


def test_the_intelligence_pact_is_seouls_decision(story: Story) -> None:
    """Before: the Japanese government was its actor; the article says Seoul decided."""
    event = story.event_by_id["e-intelligence-pact-expiry"]
    sentence = "prompted Seoul to decide to let a key intelligence-sharing pact with Tokyo expire"
    assert sentence in story.text
    assert "japan-government" not in event.actors
    assert "Seoul" in event.summary


def test_the_clock_time_says_its_zone_is_not_given(story: Story) -> None:
    event = story.event_by_id["e-intelligence-pact-expiry"]
    assert event.when == "12:01 a.m. on Nov. 23"
    assert not re.search(r"\b(KST|JST|UTC|GMT|EST)\b", story.text)
    assert "time zone not given" in format_when(event)


def test_reported_quotes_are_the_speakers_claims_not_the_reporters_remarks(
    bundled: Story,
) -> None:
    """Before: Esper "said" "without mentioning a specific figure" (the reporter's aside)."""
    asides = ("without mentioning", "have not publicly confirmed", "declined to say")
    for quote in bundled.quotes:
        assert not any(aside in quote.text for aside in asides), quote.id


def test_periods_are_the_articles(bundled: Story) -> None:
    """A figure's period is one its sentence gives."""
    for figure in bundled.costs.figures if bundled.costs else []:
        if not figure.period:
            continue
        start, end = sentence_around(bundled.text, figure.start, figure.end)
        sentence = bundled.text[start:end]
        if "per year" in figure.period:
            assert "per year" in sentence, figure.id
        else:
            assert figure.period.split()[-2] in sentence, figure.id  # "one-year" and the like


def test_the_demand_has_no_period(story: Story) -> None:
    """Before: the $5 billion demand was "per year"; the article gives it no period."""
    assert story.figure_by_id["f-demand"].period == ""


def test_every_speaker_speaks_or_acts(bundled: Story) -> None:
    """Before: "South Korean media" was a speaker with no quote and no part."""
    quoted = {quote.speaker for quote in bundled.quotes}
    acting = {actor for event in bundled.events for actor in event.actors}
    costs = bundled.costs
    figures, categories = (costs.figures, costs.categories) if costs else ([], [])
    reporting = {f.stated_by for f in figures} | {c.reported_by for c in categories}
    for speaker in bundled.speakers:
        assert speaker.id in quoted | acting | reporting, speaker.id


def test_every_alias_and_cue_is_in_the_text(bundled: Story) -> None:
    """A cue is words near the quote, or the heading of a transcript or note (its byline)."""
    text = bundled.text
    headings = " ".join(
        text[region.start : region.end]
        for region in bundled.source.regions
        if region.kind == "byline"
    )
    for speaker in bundled.speakers:
        for alias in speaker.aliases:
            assert alias in text, (speaker.id, alias)
    for quote in bundled.quotes:
        start, end = sentence_around(text, quote.start, quote.end, limit=2000)
        around = text[max(0, start - 200) : end + 200] + " " + headings
        for word in re.findall(r"[A-Za-z]{4,}", quote.cue):
            assert word in around, (quote.id, word)


@pytest.mark.parametrize("field", ["stated_by", "reported_by"])
def test_reporters_are_named_beside_their_figures(bundled: Story, field: str) -> None:
    costs = bundled.costs
    if costs is None:
        return
    items = costs.figures if field == "stated_by" else costs.categories
    for item in items:
        speaker_id = getattr(item, field)
        if speaker_id is None:
            continue
        speaker = bundled.speaker_by_id[speaker_id]
        start = bundled.text.rfind("\n", 0, item.start) + 1
        end = bundled.text.find("\n", item.end)
        paragraph = bundled.text[start:end]
        assert any(alias in paragraph for alias in speaker.aliases), (item.id, speaker.id)


def test_event_actors_are_named_near_the_event(bundled: Story) -> None:
    for event in bundled.events:
        spans = [(e.start, e.end) for e in event.evidence]
        linked = {bundled.quote_by_id[q].speaker for q in event.quotes}
        for actor in event.actors:
            if actor in linked:
                continue
            speaker = bundled.speaker_by_id[actor]
            near = " ".join(bundled.text[max(0, s - 300) : e + 300] for s, e in spans)
            assert any(alias in near for alias in speaker.aliases), (event.id, actor)
