"""Generate a large, valid story with its source text, for benchmarks and scale tests.

    python -m smareader.devtools.generate --quotes 100000 --seed 7 -o /tmp/dossier

writes ``/tmp/dossier/story.json`` and ``/tmp/dossier/story.txt``;

    python -m smareader.devtools.generate --stories 1000 --quotes 1000000 -o /tmp/library

writes a library's worth: ``story-0001.json`` … with their texts, the quotes shared out
among them, dated across the SMA talks (2019–2021), and speakers drawn from one pool
shared by every story, each with a ``key``. The same seed and sizes always give the
same bytes. Texts have realistic lengths (quotes of 6–70
words, titles of 4–10), every span is computed as the text is written, so the
result validates; speakers are quoted with a long-tailed frequency, as in real
coverage.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from smareader.files import write_atomic

WORDS = [
    "alliance",
    "talks",
    "cost",
    "sharing",
    "defense",
    "troops",
    "negotiators",
    "demand",
    "budget",
    "agreement",
    "ministry",
    "officials",
    "security",
    "region",
    "partners",
    "deadline",
    "proposal",
    "framework",
    "burden",
    "payment",
    "deployment",
    "training",
    "personnel",
    "support",
    "bases",
    "construction",
    "reports",
    "share",
    "parliament",
    "election",
    "trade",
    "history",
    "pact",
    "intelligence",
    "expire",
    "increase",
    "billion",
    "government",
    "leaders",
    "summit",
    "pressure",
    "position",
    "counterparts",
    "principle",
    "difference",
    "reconsider",
    "spirit",
    "fair",
    "equitable",
    "acceptable",
    "significant",
    "category",
    "expenses",
    "labor",
    "families",
    "rotation",
    "peninsula",
    "offshore",
    "materials",
    "services",
    "workers",
    "facilities",
    "program",
    "review",
    "strategy",
    "vision",
    "leverage",
    "cooperation",
    "stability",
    "questions",
    "concern",
]
FIRST = [
    "Ana",
    "Ben",
    "Chen",
    "Dara",
    "Eun",
    "Farid",
    "Gita",
    "Hana",
    "Ivan",
    "Jun",
    "Kofi",
    "Lena",
    "Min",
    "Nour",
    "Omar",
    "Priya",
    "Ravi",
    "Sun",
]
LAST = [
    "Ahn",
    "Baker",
    "Cho",
    "Diaz",
    "Endo",
    "Fischer",
    "Garcia",
    "Han",
    "Ito",
    "Jeong",
    "Kim",
    "Lee",
    "Moon",
    "Nagy",
    "Park",
    "Sato",
]
ROLES = ["negotiator", "minister", "spokesperson", "analyst", "lawmaker", "professor"]
KINDS = ["person", "person", "person", "organization", "group", "media"]
PUBLISHED = date(2019, 11, 19)


@dataclass
class _Writer:
    """Appends paragraphs to the source and hands back absolute offsets."""

    parts: list[str] = field(default_factory=list)
    length: int = 0

    def paragraph(self, *pieces: str) -> list[int]:
        """Write pieces as one paragraph; return the start offset of each piece."""
        starts = []
        for piece in pieces:
            starts.append(self.length)
            self.parts.append(piece)
            self.length += len(piece)
        self.parts.append("\n\n")
        self.length += 2
        return starts

    def text(self) -> str:
        return "".join(self.parts)


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize()


def generate(
    *,
    quotes: int = 100_000,
    speakers: int = 5_000,
    events: int = 20_000,
    cost_items: int = 2_000,
    seed: int = 7,
    people: list[dict[str, Any]] | None = None,
    published: date = PUBLISHED,
    story_id: str | None = None,
    source_name: str = "story.txt",
) -> tuple[dict[str, Any], str]:
    """Build a story and its source text.

    Args:
        quotes: How many quotes.
        speakers: How many speakers to make (ignored when ``people`` is given).
        events: How many events.
        cost_items: How many figures and categories, half each.
        seed: Seed of the random choices.
        people: The story's speakers, already made (as :func:`speaker_pool` makes them).
        published: The publication date.
        story_id: The story's id (default ``generated-SEED``).
        source_name: File name of the source text, beside the story file.

    Returns:
        The story as JSON-ready data (its source ``path`` is ``source_name``) and the
        source text.
    """
    rng = random.Random(seed)
    out = _Writer()
    byline = f"Generated dossier, seed {seed}"
    out.paragraph(byline)

    if people is None:
        people = speaker_pool(rng, speakers, keys=False)
    weights = [1 / (rank + 1) for rank in range(len(people))]  # Zipf-like

    event_ids = [f"e{index}" for index in range(events)]
    records: list[dict[str, Any]] = []
    speaker_picks = rng.choices(range(len(people)), weights=weights, k=quotes)
    for index, pick in enumerate(speaker_picks):
        speaker = people[pick]
        text = _sentence(rng, 6, 70)
        kind = rng.choice(["direct", "direct", "partial", "reported"])
        if kind == "reported":
            start = out.paragraph(text, f", {speaker['name']} said.")[0]
            cue = "said"
        else:
            starts = out.paragraph(f"{speaker['name']} said “", text, f",” in remark {index}.")
            start = starts[1]
            cue = "said"
        record: dict[str, Any] = {
            "id": f"q{index}",
            "speaker": speaker["id"],
            "text": text,
            "start": start,
            "end": start + len(text),
            "kind": kind,
            "cue": cue,
        }
        if event_ids and index % 10 == 0:
            record["events"] = [rng.choice(event_ids)]
        records.append(record)

    timeline = []
    for index in range(events):
        offset = rng.randint(-3000, 400)
        day = published + timedelta(days=offset)
        phrase = f"{day.day} {day:%B %Y}"
        title = _sentence(rng, 4, 10)
        summary = _sentence(rng, 10, 30) + "."
        starts = out.paragraph("On ", phrase, ", ", title, ". ", summary)
        status = "before" if day < published else "on_day" if day == published else "scheduled"
        timeline.append(
            {
                "id": f"e{index}",
                "title": title,
                "summary": summary,
                "when": phrase,
                "start": starts[1],
                "end": starts[1] + len(phrase),
                "date_start": day.isoformat(),
                "date_end": day.isoformat(),
                "precision": "day",
                "status": status,
                "actors": [people[rng.randrange(len(people))]["id"]],
                "evidence": [{"start": starts[3], "end": starts[3] + len(title), "text": title}],
            }
        )

    figures, categories = [], []
    for index in range(cost_items):
        if index % 2 == 0:
            amount = rng.randint(1, 9000)
            text = f"about ${amount} million"
            starts = out.paragraph("The item came to ", text, ".")
            figures.append(
                {
                    "id": f"f{index}",
                    "label": _sentence(rng, 2, 5),
                    "kind": "money",
                    "amount": amount * 1e6,
                    "approximate": True,
                    "stated_by": people[rng.randrange(len(people))]["id"],
                    "text": text,
                    "start": starts[1],
                    "end": starts[1] + len(text),
                }
            )
        else:
            name = _sentence(rng, 2, 6).lower()
            starts = out.paragraph("The demand included ", name, " costs.")
            categories.append(
                {
                    "id": f"c{index}",
                    "name": name.capitalize(),
                    "past": rng.random() < 0.4,
                    "demanded": rng.random() < 0.7,
                    "text": name,
                    "start": starts[1],
                    "end": starts[1] + len(name),
                }
            )
    comparisons = []
    if len(figures) >= 2:
        comparisons.append(
            {
                "id": "x0",
                "label": "First ÷ second",
                "numerator": figures[0]["id"],
                "denominator": figures[1]["id"],
            }
        )

    text = out.text()
    for quote in records:
        start, end = quote["start"], quote["end"]
        quote["prefix"] = text[max(0, start - 32) : start]
        quote["suffix"] = text[end : end + 32]
    story = {
        "schema_version": 1,
        "story": {
            "id": story_id or f"generated-{seed}",
            "title": f"Generated dossier: {quotes:,} quotes",
            "publisher": "smareader generator",
            "published": published.isoformat(),
            "byline": byline,
        },
        "source": {
            "path": source_name,
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "regions": [{"kind": "byline", "start": 0, "end": len(byline)}],
        },
        "speakers": people,
        "quotes": records,
        "events": timeline,
        "costs": {
            "currency": "USD",
            "figures": figures,
            "categories": categories,
            "comparisons": comparisons,
        },
    }
    return story, text


def speaker_pool(rng: random.Random, size: int, *, keys: bool = True) -> list[dict[str, Any]]:
    """Speakers to draw from; with ``keys``, each has a slug ``key`` for cross-story identity."""
    people = []
    for index in range(max(1, size)):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {index}"
        person: dict[str, Any] = {
            "id": f"s{index}",
            "name": name,
            "kind": rng.choice(KINDS),
            "role": rng.choice(ROLES),
            "affiliation": f"Office {index % 97}",
            "country": rng.choice(["South Korea", "United States", "Japan"]),
            "aliases": [name.split()[1]],
        }
        if keys:
            person["key"] = f"{person['kind']}/{name.lower().replace(' ', '-')}"
        people.append(person)
    return people


LIBRARY_START = date(2019, 6, 1)
LIBRARY_END = date(2021, 3, 31)
"""Stories of a generated library are dated across the SMA talks, evenly."""


def generate_library(
    *, stories: int, quotes: int, speakers: int = 5_000, seed: int = 7
) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Stories sharing one pool of keyed speakers: ``(file stem, story, text)`` each.

    The quotes are shared out evenly; each story has a fifth as many events and a
    fiftieth as many cost items as quotes, and quotes the pool's speakers with the
    same long tail, so the most quoted people appear in most stories.
    """
    rng = random.Random(seed)
    pool = speaker_pool(rng, speakers)
    weights = [1 / (rank + 1) for rank in range(len(pool))]
    days = (LIBRARY_END - LIBRARY_START).days
    width = len(str(stories))
    for number in range(stories):
        share = quotes // stories + (1 if number < quotes % stories else 0)
        wanted = max(3, min(len(pool), share // 10))
        chosen: dict[int, None] = {}
        while len(chosen) < wanted:
            for pick in rng.choices(range(len(pool)), weights=weights, k=wanted):
                chosen.setdefault(pick)
        people = [pool[index] for index in sorted(chosen)[:wanted]]
        stem = f"story-{number + 1:0{width}d}"
        story, text = generate(
            quotes=share,
            events=max(1, share // 5),
            cost_items=max(2, share // 50),
            seed=seed * 1_000_003 + number,
            people=people,
            published=LIBRARY_START + timedelta(days=days * number // max(1, stories - 1)),
            story_id=f"generated-{seed}-{stem}",
            source_name=f"{stem}.txt",
        )
        yield stem, story, text


def write(folder: Path, story: dict[str, Any], text: str, stem: str = "story") -> Path:
    """Write ``STEM.json`` and its source text into ``folder``; return the story path."""
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / story["source"]["path"], text, overwrite=True, durable=False)
    path = folder / f"{stem}.json"
    write_atomic(path, json.dumps(story, ensure_ascii=False), overwrite=True, durable=False)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="folder to write")
    parser.add_argument(
        "--stories", type=int, default=1, help="stories to write (more than 1: a library)"
    )
    parser.add_argument("--quotes", type=int, default=100_000, help="quotes in all")
    parser.add_argument("--speakers", type=int, default=5_000, help="speakers (the shared pool)")
    parser.add_argument("--events", type=int, default=20_000, help="events (one story only)")
    parser.add_argument(
        "--cost-items", type=int, default=2_000, help="figures and categories (one story only)"
    )
    parser.add_argument("--seed", type=int, default=7, help="same seed, same bytes")
    args = parser.parse_args()
    if args.stories > 1:
        count = 0
        for stem, story, text in generate_library(
            stories=args.stories, quotes=args.quotes, speakers=args.speakers, seed=args.seed
        ):
            write(args.output, story, text, stem)
            count += 1
        print(f"{args.output}: {count} stories")
        return
    story, text = generate(
        quotes=args.quotes,
        speakers=args.speakers,
        events=args.events,
        cost_items=args.cost_items,
        seed=args.seed,
    )
    print(write(args.output, story, text))


if __name__ == "__main__":
    main()
