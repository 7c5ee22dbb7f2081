"""Draft a story file from raw article text: quotes, speakers, times and money.

Deterministic, offline rules (no models to download): see ``quotes.py`` for
quotations and attribution, ``speakers.py`` for names and references, ``timex.py``
for time expressions and ``money.py`` for amounts. The result is a draft — every
span true, every id resolving — to be checked and completed by a person.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from smareader.extract.money import MONEY_TALK, find_amounts, find_categories
from smareader.extract.quotes import Found, find_quotes, reported_source
from smareader.extract.speakers import Entity, Registry
from smareader.extract.text import paragraphs, sentence_at, sentences
from smareader.extract.timex import Timex, find_timexes
from smareader.model.story import sha256_hex

CONTEXT = 32
EVIDENCE = 200
"""Characters of a long sentence kept either side of a time expression as evidence:
bounded, so a giant sentence with many dates gives output linear in its length."""
NAME_LIMIT = 300
"""The model's longest speaker name or alias."""
SHORT_LIMIT = 500
"""The model's longest role, affiliation or cue."""
UNKNOWN_CURRENCY = "XXX"
"""ISO 4217's code for "no currency": the article names none."""
PROMOTION = re.compile(r"\b(subscrib\w*|sign up|newsletter|support (?:our|us)|donate)\b", re.I)


DATELINE = re.compile(
    r"[A-Z][A-Z.’' -]{1,40}(?:,\s+[A-Z][\w.’' -]{1,30})?(?:\s+\([^()]{1,30}\))?"
    r"\s+[—–-]{1,2}\s+(?=[A-Z0-9“\"‘'])"
)
"""A wire story's opening place, and its agency, before the sentence: "SEOUL — ",
"WASHINGTON (AP) - ", "SEOUL, South Korea — "."""


def _clip(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _reviewed(rule: str, confidence: float | None) -> dict[str, Any]:
    """The review fields of a drafted item: pending, the rule that made it, how sure."""
    fields: dict[str, Any] = {"review": "pending", "rule": rule[:80]}
    if confidence is not None:
        fields["confidence"] = max(0.0, min(1.0, round(confidence, 2)))
    return fields


def _around(text: str, spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence around ``[start, end)``, cut to a window and trimmed of spaces."""
    whole_first, whole_last = sentence_at(spans, start)
    first = max(whole_first, start - EVIDENCE)
    last = min(max(whole_last, end), end + EVIDENCE)
    # A window that cuts a long sentence cuts it between words, never inside one.
    if first > whole_first:
        space = text.find(" ", first, start)
        first = space + 1 if space >= 0 else first
    if last < whole_last:
        space = text.rfind(" ", end, last)
        last = space if space >= 0 else last
    while first < last and text[first].isspace():
        first += 1
    while last > first and text[last - 1].isspace():
        last -= 1
    return first, last


CLAUSE_BREAK = re.compile(r",(?!\d)|[;:()\[\]—–]|\s-\s")
"""Where a clause ends (not the comma of "28,500"): a label never reaches back past one,
unless the figure stands right after it ("its last offer, 1.25 trillion won")."""
CHANGE = re.compile(
    r"\s+(?P<noun>increase|rise|hike|jump|raise|boost|cut|drop|fall|decline|reduction|"
    r"increment)s?\b(?:\s+(?P<of>in|of|on|over)\s+(?P<what>[\w’'.-]+(?:\s+[\w’'.-]+){0,2}))?",
    re.IGNORECASE,
)
"""The noun a percentage or multiplier qualifies: "a 13 percent increase over …"."""


def _label_words(phrase: str) -> list[str]:
    """Up to six words of a phrase, without the small words at either end."""
    words = re.findall(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|[\w’'.-]+", phrase)[-6:]
    while words and (words[-1].lower() in LABEL_STOP or not words[-1][:1].isalnum()):
        words.pop()
    while words and words[0].lower() in LABEL_STOP:
        words.pop(0)
    return words


AMOUNT_WORDS = re.compile(
    r"(?:the\s+)?(?P<amount>\d[\d,.]*(?:\s+(?:thousand|million|billion|trillion))?"
    r"(?:\s+(?:won|yen|yuan|dollars|euros|pounds|percent))?)",
    re.IGNORECASE,
)
"""An amount a change is measured against, as written: "the 1.02 trillion won"."""
ASKED = re.compile(
    r"(?P<who>(?<![\w’'])(?:[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}|[Tt]he\s+[a-z][\w-]*))\s+"
    r"(?:has\s+|have\s+|had\s+|is\s+|was\s+|were\s+|are\s+)?"
    r"(?P<verb>demand(?:ed|s|ing)|ask(?:ed|s|ing)|want(?:ed|s)|sought|seek(?:s|ing)|"
    r"offer(?:ed|s|ing)|propos(?:ed|es|ing))\b"
    r"(?!\s+(?:about|whether|if|how|why|what|when|who|questions?)\b)"  # asked about: no ask
    r"(?:\s+[^\s.;:]+){0,6}\s*$"
)
"""Who asks or offers the figure that follows: "Trump has demanded South Korea pay"."""
ASKED_NOUNS = (("ask", "request"), ("offer", "offer"), ("propos", "proposal"))
"""The noun of an asking verb by its stem; demanded, wants, sought and the rest: demand."""
ASKED_OPENERS = {"But", "And", "So", "Yet", "Still", "Now", "Then", "The", "the", "A", "An"}
RELATIVE = {"where", "which", "whereby", "whose"}
"""Words that open a relative clause: a label ends before them."""
FOR_WHAT = re.compile(
    r"(?:\s+of\s+it)?\s+(?:for|toward|towards|to\s+cover|worth\s+of)\s+(?P<what>[^,;:.()\[\]“”\"—–]{1,60})"
)
"""What an amount pays for, after it: "₩350 billion for base construction"."""


def figure_label(text: str, start: int, end: int, after: int | None = None) -> str:
    """What a figure is: the words just before it in its own clause ("the U.S. demand
    of"), the noun a change qualifies ("a 13 percent increase over …"), or what it pays
    for ("₩350 billion for base construction"); never words of an earlier clause.

    Args:
        text: The article.
        start: Where the words before the figure may begin (its sentence, or the end
            of the figure before it, whichever is later).
        end: Where the figure starts.
        after: Where the figure ends, to read the words after it.
    """
    window = text[start:end]
    breaks = [0, *(m.end() for m in CLAUSE_BREAK.finditer(window))]
    if len(breaks) > 1 and not re.search(r"\w", window[breaks[-1] :]):
        breaks.pop()  # an apposition: the clause before names it
    clause = window[breaks[-1] :]
    asked = ASKED.search(clause[-160:])  # bounded: the verb is at most six words back
    if asked:
        who = asked.group("who").split()
        while who and who[0] in ASKED_OPENERS:
            who.pop(0)
        if who:
            verb = asked.group("verb").lower()
            name = " ".join(who)
            noun = next((noun for stem, noun in ASKED_NOUNS if verb.startswith(stem)), "demand")
            if not name.endswith(("’s", "'s")):  # "Trump’s demands for …" is a noun already
                name += "’s" if "’" in text else "'s"
            return _clip(f"{name} {noun}", 50)
    words = _label_words(clause)
    relative = next((i for i, word in enumerate(words) if i and word.lower() in RELATIVE), None)
    words = words[:relative]  # "the current deal where Seoul pays": the deal
    if after is None:
        return _clip(" ".join(words), 50)
    tail = text[after : min(len(text), after + 80)]
    change = CHANGE.match(tail)
    if change:
        words = [*words[-3:], change.group("noun").lower()]
        if change.group("of"):
            what = [
                w[:-1] if w.endswith(".") and "." not in w[:-1] else w  # "deal." but "U.S."
                for w in _label_words(change.group("what"))
            ]
            if what and what[0][:1].isdigit():
                # Over another amount ("1.02 trillion won"), or a year ("2019 levels").
                amount = AMOUNT_WORDS.match(tail, change.start("what"))
                if amount and " " in amount.group("amount"):
                    what = amount.group("amount").split()
            else:
                what = [w for w in what if not w[:1].isdigit()]
            words += [change.group("of").lower(), *what] if what else []
        return _clip(" ".join(words), 50)
    weak = not any(word[:1].isupper() for word in words)  # names no one: say what for
    paid_for = FOR_WHAT.match(tail) if weak else None
    if paid_for:
        what = _label_words(" ".join(paid_for.group("what").split()[:5]))
        words = what or words
    return _clip(" ".join(words), 50)


LABEL_STOP = {
    "a", "an", "the", "of", "to", "for", "by", "at", "about", "around", "some", "nearly",
    "almost", "roughly", "approximately", "over", "more", "than", "up", "and", "or", "was",
    "is", "were", "are", "be", "been", "that", "which", "with", "in", "on", "from", "as",
    "it", "its", "their", "his", "her", "says", "said", "pay", "paid", "pays", "costs",
    "cost", "totaling", "totalling", "worth", "just", "only", "under", "below", "above",
    # a verb's helpers say nothing of what the money is: "the repairs will cost $48 million"
    "will", "would", "could", "can", "should", "must", "shall", "might", "has", "have",
    "had", "now", "also", "still", "reach", "reaches", "reached", "total", "totals",
    "totaled", "totalled",
}  # fmt: skip


OUTLET_REPORTED = re.compile(
    r"(?P<who>(?<![\w’'])[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})"
    r"(?:\s+(?:news\s+agency|agency|newspaper|daily|broadcaster|ministry|office))?"
    r"\s+(?:has\s+|had\s+|also\s+)?(?:reported|reports|said|says)\b"
)
"""An outlet or office named with a lowercase noun: "the Yonhap news agency has reported"."""
DEMANDED = re.compile(r"\b(?:demand\w*|asked|asking|asks|sought|seeks?|seeking|wants?|new)\b", re.I)
"""Words that make a listed category part of a new demand."""
PAID_BEFORE = re.compile(
    r"\b(?:paid\s+for|had\s+paid|has\s+paid|have\s+paid|covered|past|previous|earlier|"
    r"used\s+to\s+pay)\b",
    re.IGNORECASE,
)
"""Words that make a listed category one paid under past agreements."""


def _categories(
    text: str,
    sentence_spans: list[tuple[int, int]],
    quotes: list[Found],
    registry: Registry,
    speakers: dict[str, Entity],
) -> list[tuple[int, int, str | None, bool | None, bool | None]]:
    """Cost categories, each with who reports it — the speaker quoted in its sentence,
    else a source the sentence names ("Yonhap reported …", "the Yonhap news agency has
    reported …", "according to X") — and whether the sentence says it was paid before
    ("South Korea only paid for …") or is newly demanded ("the U.S. demand included …");
    ``None`` where it says neither, or both."""
    by_sentence: dict[tuple[int, int], str] = {}
    for quote in quotes:
        if quote.speaker is not None:
            by_sentence.setdefault(sentence_at(sentence_spans, quote.start), quote.speaker.id)
    result = []
    for start, end in find_categories(text, sentence_spans):
        sentence = sentence_at(sentence_spans, start)
        reporter = by_sentence.get(sentence)
        # the words before the listing, bounded: what the sentence says of the list
        lead = text[max(sentence[0], start - 400) : start]
        if reporter is None:
            source = reported_source(text[sentence[0] : min(sentence[1], sentence[0] + 400)])
            if source is None and (outlet := OUTLET_REPORTED.search(lead)):
                source = outlet.group("who")
            entity = registry.resolve(source) if source else None
            if entity is not None:
                speakers.setdefault(entity.id, entity)
                reporter = entity.id
        demanded = DEMANDED.search(lead) is not None
        past = PAID_BEFORE.search(lead) is not None
        result.append(
            (
                start,
                end,
                reporter,
                True if past and not demanded else None,
                True if demanded and not past else None,
            )
        )
    return result


DEICTIC = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
QUOTED_DATE_WINDOW = 160
"""Characters after a quotation searched for the date it was posted ("— @x, April 6")."""


def _quoted_days(timexes: list[Timex], quotes: list[Found]) -> list[Timex]:
    """ "today" inside a quoted tweet or statement dated April 6 is April 6: a day word in
    a quotation counts from an explicit date just after the quotation, when there is one."""
    starts = [quote.start for quote in quotes]
    dated = [timex for timex in timexes if timex.rule in ("month-day", "day-month", "clock")]
    dated_starts = [timex.start for timex in dated]
    result = []
    for timex in timexes:
        word = timex.text.lower()
        index = bisect.bisect_right(starts, timex.start) - 1
        if word in DEICTIC and index >= 0 and timex.end <= quotes[index].end:
            quote = quotes[index]
            after = bisect.bisect_left(dated_starts, quote.end)
            if after < len(dated) and dated[after].start - quote.end <= QUOTED_DATE_WINDOW:
                day = dated[after].first + timedelta(days=DEICTIC[word])
                timex = replace(timex, first=day, last=day, rule="deictic-quoted", confidence=0.6)
        result.append(timex)
    return result


def _about_money(text: str, spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether the sentence around ``offset`` speaks of money or a change in it (a
    window of it, so a giant sentence is not read once per percentage)."""
    first, last = sentence_at(spans, offset)
    window = text[max(first, offset - EVIDENCE) : min(last, offset + EVIDENCE)]
    return MONEY_TALK.search(window) is not None


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
                unknown = Entity(
                    "unattributed", "Unattributed", "group", [], rule="unattributed", confidence=0.0
                )
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
                "cue": _clip(quote.cue, SHORT_LIMIT),
                **_reviewed(quote.rule, quote.confidence),
            }
        )

    events = []
    timexes = _quoted_days(find_timexes(text, published, sentence_spans), found)
    for number, timex in enumerate(timexes, start=1):
        start, end = _around(text, sentence_spans, timex.start, timex.end)
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
            "evidence": [{"start": start, "end": end, "text": sentence}]
            if sentence.strip()
            else [],
            **_reviewed(timex.rule, timex.confidence),
        }
        if timex.modifier:
            event["modifier"] = timex.modifier
        if timex.clock:
            event["time"] = timex.clock.strftime("%H:%M")
        events.append(event)

    # A bracketed conversion restates the amount before it: not a figure of its own.
    amounts = [
        amount
        for amount in find_amounts(text)
        if not amount.conversion
        and (amount.kind != "percent" or _about_money(text, sentence_spans, amount.start))
    ]
    currencies = Counter(
        amount.currency for amount in amounts if amount.kind == "money" and amount.currency
    )
    # No currency stated: unknown (ISO 4217 "XXX"), never assumed to be U.S. dollars.
    currency = currencies.most_common(1)[0][0] if currencies else UNKNOWN_CURRENCY
    figures = []
    previous_end = 0
    for number, amount in enumerate(amounts, start=1):
        start, _ = sentence_at(sentence_spans, amount.start)
        floor = max(start, amount.start - 200, previous_end)
        previous_end = amount.end
        figure: dict[str, Any] = {
            "id": f"f{number}",
            "label": _capitalize(figure_label(text, floor, amount.start, amount.end))
            or amount.kind.capitalize(),
            # A percentage is a count of "percent" in the model.
            "kind": "count" if amount.kind == "percent" else amount.kind,
            "amount": amount.value,
            "approximate": amount.approximate,
            "text": amount.text,
            "start": amount.start,
            "end": amount.end,
        }
        if (amount.currency and amount.currency != currency) or amount.kind == "percent":
            figure["unit"] = amount.currency
        figure.update(_reviewed(amount.rule, amount.confidence))
        figures.append(figure)
    categories = [
        {
            "id": f"c{number}",
            "name": _capitalize(_clip(text[start:end], 60)),
            "text": text[start:end],
            "start": start,
            "end": end,
            **({"reported_by": reporter} if reporter else {}),
            **({"past": past} if past is not None else {}),
            **({"demanded": demanded} if demanded is not None else {}),
            **_reviewed("listed-after-cue", 0.5),
        }
        for number, (start, end, reporter, past, demanded) in enumerate(
            _categories(text, sentence_spans, found, registry, speakers), start=1
        )
    ]

    regions = _regions(text, paragraph_spans)
    byline_end = next((r["end"] for r in regions if r["kind"] == "byline"), -1)
    story_paragraphs = [span for span in paragraph_spans if span[0] > byline_end]
    first_sentence = (
        sentence_at(sentence_spans, story_paragraphs[0][0]) if story_paragraphs else (0, 0)
    )
    opening = text[first_sentence[0] : first_sentence[1]]
    # The descriptive title is the first sentence, without the dateline before it.
    dateline = DATELINE.match(opening)
    opening = opening[dateline.end() :] if dateline else opening
    headline = title or _clip(opening, 90) or "Untitled"
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
                "name": _clip(entity.name, NAME_LIMIT),
                "kind": entity.kind,
                "role": _clip(entity.role, SHORT_LIMIT),
                "affiliation": _clip(entity.affiliation, SHORT_LIMIT),
                # An alias is a way the text names someone: a run longer than any name
                # is no alias (and past the model's limit), so it is left out.
                "aliases": [
                    alias
                    for alias in entity.aliases
                    if alias and alias != entity.name and len(alias) <= NAME_LIMIT
                ],
                **_reviewed(entity.rule, entity.confidence),
            }
            for entity in speakers.values()
        ],
        "quotes": quotes,
        "events": events,
        "costs": {"currency": currency, "figures": figures, "categories": categories},
    }
