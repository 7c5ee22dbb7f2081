"""Draft a story file from raw article text: quotes, speakers, times and money.

Deterministic, offline rules (no models to download): see ``quotes.py`` for
quotations and attribution, ``speakers.py`` for names and references, ``timex.py``
for time expressions and ``money.py`` for amounts. The result is a draft — every
span true, every id resolving — to be checked and completed by a person.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any

from smareader.extract.money import find_amounts, find_categories
from smareader.extract.quotes import find_quotes
from smareader.extract.speakers import Entity, Registry
from smareader.extract.text import paragraphs, sentence_at, sentences
from smareader.extract.timex import find_timexes
from smareader.model.story import sha256_hex

CONTEXT = 32
PROMOTION = re.compile(r"\b(subscrib\w*|sign up|newsletter|support (?:our|us)|donate)\b", re.I)


def _clip(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _regions(text: str, spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """A byline first line and a closing subscription pitch are not story text."""
    regions: list[dict[str, Any]] = []
    if spans:
        start, end = spans[0]
        first = text[start:end]
        if first.startswith(("•", "By ", "BY ")) or (len(first) < 60 and not first.endswith(".")):
            regions.append({"kind": "byline", "start": start, "end": end, "note": "Byline."})
    tail = [span for span in spans[-3:] if PROMOTION.search(text[span[0] : span[1]])]
    if tail and tail[-1] == spans[-1] and len(spans) > 1:
        regions.append(
            {"kind": "promotion", "start": tail[0][0], "end": len(text), "note": "Promotion."}
        )
    return regions


def extract_story(
    text: str,
    published: date,
    *,
    title: str | None = None,
    url: str | None = None,
    publisher: str = "Unknown publisher",
) -> dict[str, Any]:
    """A draft story (JSON-ready, source embedded) from an article's text."""
    paragraph_spans = paragraphs(text)
    sentence_spans = sentences(text, paragraph_spans)
    registry = Registry(text)
    registry.learn_titles(text)
    found = find_quotes(text, paragraph_spans, sentence_spans, registry)

    unknown: Entity | None = None
    speakers: dict[str, Entity] = {}
    quotes = []
    for number, quote in enumerate(found, start=1):
        speaker = quote.speaker
        if speaker is None:
            if unknown is None:
                unknown = Entity("unattributed", "Unattributed", "group", [])
            speaker = unknown
        speakers[speaker.id] = speaker
        quotes.append(
            {
                "id": f"q{number}",
                "speaker": speaker.id,
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
                "prefix": text[max(0, quote.start - CONTEXT) : quote.start],
                "suffix": text[quote.end : quote.end + CONTEXT],
                "kind": quote.kind,
                "cue": quote.cue,
            }
        )

    events = []
    for number, timex in enumerate(find_timexes(text, published, sentence_spans), start=1):
        start, end = sentence_at(sentence_spans, timex.start)
        sentence = text[start:end]
        event: dict[str, Any] = {
            "id": f"e{number}",
            "title": _clip(sentence, 72) or timex.text,
            "summary": _clip(sentence, 400),
            "when": timex.text,
            "start": timex.start,
            "end": timex.end,
            "date_start": timex.first.isoformat(),
            "date_end": timex.last.isoformat(),
            "precision": timex.precision,
            "status": timex.status(published),
            "evidence": [{"start": start, "end": end, "text": sentence}] if sentence else [],
        }
        if timex.modifier:
            event["modifier"] = timex.modifier
        if timex.clock:
            event["time"] = timex.clock.strftime("%H:%M")
        events.append(event)

    amounts = find_amounts(text)
    currencies = Counter(amount.currency for amount in amounts if amount.currency)
    currency = currencies.most_common(1)[0][0] if currencies else "USD"
    figures = []
    for number, amount in enumerate(amounts, start=1):
        start, _ = sentence_at(sentence_spans, amount.start)
        lead = " ".join(text[start : amount.start].split()[-5:]).strip(" ,")
        figure: dict[str, Any] = {
            "id": f"f{number}",
            "label": _clip(lead, 50) or amount.kind.capitalize(),
            "kind": amount.kind,
            "amount": amount.value,
            "approximate": amount.approximate,
            "text": amount.text,
            "start": amount.start,
            "end": amount.end,
        }
        if amount.currency and amount.currency != currency:
            figure["unit"] = amount.currency
        figures.append(figure)
    categories = [
        {
            "id": f"c{number}",
            "name": _capitalize(_clip(text[start:end], 60)),
            "text": text[start:end],
            "start": start,
            "end": end,
        }
        for number, (start, end) in enumerate(find_categories(text, sentence_spans), start=1)
    ]

    regions = _regions(text, paragraph_spans)
    byline_end = next((r["end"] for r in regions if r["kind"] == "byline"), -1)
    story_paragraphs = [span for span in paragraph_spans if span[0] > byline_end]
    first_sentence = (
        sentence_at(sentence_spans, story_paragraphs[0][0]) if story_paragraphs else (0, 0)
    )
    headline = title or _clip(text[first_sentence[0] : first_sentence[1]], 90) or "Untitled"
    return {
        "schema_version": 1,
        "story": {
            "id": re.sub(r"[^a-z0-9]+", "-", headline.lower()).strip("-")[:60] or "draft",
            "title": headline,
            "publisher": publisher,
            **({"url": url} if url else {}),
            "published": published.isoformat(),
        },
        "source": {
            "text": text,
            "sha256": sha256_hex(text),
            "regions": regions,
        },
        "speakers": [
            {
                "id": entity.id,
                "name": entity.name,
                "kind": entity.kind,
                "role": entity.role,
                "affiliation": entity.affiliation,
                "aliases": [alias for alias in entity.aliases if alias and alias != entity.name],
            }
            for entity in speakers.values()
        ],
        "quotes": quotes,
        "events": events,
        "costs": {"currency": currency, "figures": figures, "categories": categories},
    }
