"""The bundled story says only what the article says: checked against the seed text."""

from __future__ import annotations

import re

import pytest

from smareader.model import Story
from smareader.model.views import format_when, sentence_around


def _words(story: Story) -> list[tuple[str, str]]:
    """Every piece of our own wording: titles, summaries, roles, labels, descriptions."""
    pieces: list[tuple[str, str]] = [("story.title", story.story.title)]
    for speaker in story.speakers:
        pieces += [(f"{speaker.id}.name", speaker.name), (f"{speaker.id}.role", speaker.role)]
        pieces.append((f"{speaker.id}.affiliation", speaker.affiliation))
    for event in story.events:
        pieces += [(f"{event.id}.title", event.title), (f"{event.id}.summary", event.summary)]
    assert story.costs is not None
    for figure in story.costs.figures:
        pieces += [(f"{figure.id}.label", figure.label), (f"{figure.id}.period", figure.period)]
    for category in story.costs.categories:
        pieces.append((f"{category.id}.description", category.description))
    return [(where, text or "") for where, text in pieces]


def test_the_seed_prints_no_headline(story: Story) -> None:
    assert story.story.headline is None
    assert story.story.title not in story.text


def test_no_acronym_the_article_does_not_use(story: Story) -> None:
    """Before: "GSOMIA" named a pact the article calls "a key intelligence-sharing pact"."""
    for where, text in _words(story):
        for acronym in re.findall(r"\b[A-Z]{3,}\b", text):
            assert acronym in story.text, (where, acronym)


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


def test_reported_quotes_are_the_speakers_claims_not_the_reporters_remarks(story: Story) -> None:
    """Before: Esper "said" "without mentioning a specific figure" (the reporter's aside)."""
    asides = ("without mentioning", "have not publicly confirmed", "declined to say")
    for quote in story.quotes:
        assert not any(aside in quote.text for aside in asides), quote.id


def test_periods_are_the_articles(story: Story) -> None:
    """Before: the $5 billion demand was "per year"; the article gives it no period."""
    assert story.costs is not None
    for figure in story.costs.figures:
        if not figure.period:
            continue
        start, end = sentence_around(story.text, figure.start, figure.end)
        sentence = story.text[start:end]
        if "per year" in figure.period:
            assert "per year" in sentence, figure.id
        else:
            assert figure.period.split()[-2] in sentence, figure.id  # "one-year" and the like
    assert story.figure_by_id["f-demand"].period == ""


def test_every_speaker_speaks_or_acts(story: Story) -> None:
    """Before: "South Korean media" was a speaker with no quote and no part."""
    quoted = {quote.speaker for quote in story.quotes}
    acting = {actor for event in story.events for actor in event.actors}
    assert story.costs is not None
    reporting = {f.stated_by for f in story.costs.figures} | {
        c.reported_by for c in story.costs.categories
    }
    for speaker in story.speakers:
        assert speaker.id in quoted | acting | reporting, speaker.id


def test_every_alias_and_cue_is_in_the_text(story: Story) -> None:
    for speaker in story.speakers:
        for alias in speaker.aliases:
            assert alias in story.text, (speaker.id, alias)
    for quote in story.quotes:
        start, end = sentence_around(story.text, quote.start, quote.end, limit=2000)
        around = story.text[max(0, start - 200) : end + 200]
        for word in re.findall(r"[A-Za-z]{4,}", quote.cue):
            assert word in around, (quote.id, word)


@pytest.mark.parametrize("field", ["stated_by", "reported_by"])
def test_reporters_are_named_beside_their_figures(story: Story, field: str) -> None:
    assert story.costs is not None
    items = story.costs.figures if field == "stated_by" else story.costs.categories
    for item in items:
        speaker_id = getattr(item, field)
        if speaker_id is None:
            continue
        speaker = story.speaker_by_id[speaker_id]
        start = story.text.rfind("\n", 0, item.start) + 1
        end = story.text.find("\n", item.end)
        paragraph = story.text[start:end]
        assert any(alias in paragraph for alias in speaker.aliases), (item.id, speaker.id)


def test_event_actors_are_named_near_the_event(story: Story) -> None:
    for event in story.events:
        spans = [(e.start, e.end) for e in event.evidence]
        linked = {story.quote_by_id[q].speaker for q in event.quotes}
        for actor in event.actors:
            if actor in linked:
                continue
            speaker = story.speaker_by_id[actor]
            near = " ".join(story.text[max(0, s - 300) : e + 300] for s, e in spans)
            assert any(alias in near for alias in speaker.aliases), (event.id, actor)
