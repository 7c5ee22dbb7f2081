"""Generate a large, valid story with its source text, for benchmarks and scale tests.

    python -m smareader.devtools.generate --quotes 100000 --seed 7 -o /tmp/dossier

writes ``/tmp/dossier/story.json`` and ``/tmp/dossier/story.txt``. The same seed and
sizes always give the same bytes. Texts have realistic lengths (quotes of 6–70
words, titles of 4–10), every span is computed as the text is written, so the
result validates; speakers are quoted with a long-tailed frequency, as in real
coverage.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

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
) -> tuple[dict[str, Any], str]:
    """Build a story and its source text.

    Returns:
        The story as JSON-ready data (its source ``path`` is ``story.txt``) and the
        source text.
    """
    rng = random.Random(seed)
    out = _Writer()
    byline = f"Generated dossier, seed {seed}"
    out.paragraph(byline)

    people = []
    for index in range(max(1, speakers)):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {index}"
        people.append(
            {
                "id": f"s{index}",
                "name": name,
                "kind": rng.choice(KINDS),
                "role": rng.choice(ROLES),
                "affiliation": f"Office {index % 97}",
                "country": rng.choice(["South Korea", "United States", "Japan"]),
                "aliases": [name.split()[1]],
            }
        )
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
        day = PUBLISHED + timedelta(days=offset)
        phrase = f"{day.day} {day:%B %Y}"
        title = _sentence(rng, 4, 10)
        summary = _sentence(rng, 10, 30) + "."
        starts = out.paragraph("On ", phrase, ", ", title, ". ", summary)
        status = "before" if day < PUBLISHED else "on_day" if day == PUBLISHED else "scheduled"
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
            "id": f"generated-{seed}",
            "title": f"Generated dossier: {quotes:,} quotes",
            "publisher": "smareader generator",
            "published": PUBLISHED.isoformat(),
            "byline": byline,
        },
        "source": {
            "path": "story.txt",
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


def write(folder: Path, story: dict[str, Any], text: str) -> Path:
    """Write ``story.json`` and ``story.txt`` into ``folder``; return the story path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.txt").write_bytes(text.encode("utf-8"))
    path = folder / "story.json"
    path.write_text(json.dumps(story, ensure_ascii=False), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, required=True, help="folder to write")
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--speakers", type=int, default=5_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--cost-items", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
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
