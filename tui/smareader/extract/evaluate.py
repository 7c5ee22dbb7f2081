"""Score ``smareader extract`` against hand-made stories.

    python -m smareader.extract.evaluate data/japantimes-2019-11-19-sma-talks.json data/eval/*.json

For each story, the extractor reads the story's own source text with its
publication date, and the draft is compared with the hand-made reading:

- **quotes**: the hand-made direct and partial quotes (the passages in quotation
  marks that are speech) against the extracted ones; a pair matches when their spans
  overlap by at least half of the shorter. Precision and recall.
- **speakers**: of the matched quotes, the share whose extracted speaker is the
  hand-made one — the same proper name or alias, ignoring case and possessives, or
  a full name that contains the other's (“Trump” in “Donald Trump”). Descriptions
  and pronouns (“the company”, “she”) identify nobody and do not count.
- **time expressions**: of the hand-made events, the share with an extracted event
  on the same words and the same normalized first day, last day and precision.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smareader.extract import extract_story
from smareader.model.load import StoryFileError, load_story
from smareader.model.story import Story


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared / max(1, min(a[1] - a[0], b[1] - b[0]))


def _norm(name: str) -> str:
    name = re.sub(r"[’']s\b", "", name.casefold())
    name = re.sub(r"^(the|a|an)\s+", "", name.strip())
    return " ".join(name.split())


def _proper(names: list[str]) -> list[str]:
    """Names, not descriptions or pronouns: "the company" or "she" identify nobody."""
    return [
        name
        for name in names
        if name[:1].isupper() and not re.match(r"(?i)(the|a|an|he|she|they|it|his|her)\b", name)
    ]


def _same_speaker(predicted: dict[str, Any], gold_names: list[str]) -> bool:
    ours = [_norm(n) for n in _proper([predicted["name"], *predicted.get("aliases", [])])]
    theirs = [_norm(n) for n in _proper(gold_names)]
    for a in ours:
        for b in theirs:
            if a == b:
                return True
            short, full = sorted((a, b), key=len)
            if len(short) > 2 and re.search(rf"(^|\s){re.escape(short)}(\s|$)", full):
                return True
    return False


@dataclass
class Score:
    """The figures for one story."""

    name: str
    gold_quotes: int
    predicted_quotes: int
    matched: int
    right_speaker: int
    gold_times: int
    right_times: int
    mistakes: list[str]

    @property
    def precision(self) -> float:
        return self.matched / self.predicted_quotes if self.predicted_quotes else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold_quotes if self.gold_quotes else 1.0

    @property
    def speakers(self) -> float:
        return self.right_speaker / self.matched if self.matched else 1.0

    @property
    def times(self) -> float:
        return self.right_times / self.gold_times if self.gold_times else 1.0


def score(gold: Story, name: str) -> Score:
    """Extract from the gold story's text and compare."""
    draft = extract_story(gold.text, gold.story.published, title=gold.story.title)
    speakers = {entry["id"]: entry for entry in draft["speakers"]}
    mistakes: list[str] = []
    wanted = [quote for quote in gold.quotes if quote.kind != "reported"]
    unmatched = list(draft["quotes"])
    matched = right = 0
    for quote in wanted:
        best = max(
            unmatched,
            key=lambda found: _overlap((quote.start, quote.end), (found["start"], found["end"])),
            default=None,
        )
        if best is None or _overlap((quote.start, quote.end), (best["start"], best["end"])) < 0.5:
            mistakes.append(f"missed quote {quote.text[:50]!r}")
            continue
        unmatched.remove(best)
        matched += 1
        speaker = gold.speaker_by_id[quote.speaker]
        found = speakers[best["speaker"]]
        if _same_speaker(found, [speaker.name, *speaker.aliases]):
            right += 1
        else:
            mistakes.append(
                f"speaker of {quote.text[:40]!r}: extracted {found['name']!r}, "
                f"expected {speaker.name!r}"
            )
    mistakes += [f"extra quote {found['text'][:50]!r}" for found in unmatched]
    times = 0
    for event in gold.events:
        hit = next(
            (
                found
                for found in draft["events"]
                if _overlap((event.start, event.end), (found["start"], found["end"])) >= 0.5
            ),
            None,
        )
        value = (event.date_start.isoformat(), event.date_end.isoformat(), event.precision)
        if hit and (hit["date_start"], hit["date_end"], hit["precision"]) == value:
            times += 1
        else:
            got = (hit["date_start"], hit["date_end"], hit["precision"]) if hit else "nothing"
            mistakes.append(f"time {event.when!r}: extracted {got}, expected {value}")
    return Score(
        name, len(wanted), len(draft["quotes"]), matched, right, len(gold.events), times, mistakes
    )


def main(argv: list[str] | None = None) -> int:
    paths = [Path(arg) for arg in (sys.argv[1:] if argv is None else argv)]
    if not paths:
        print(__doc__)
        return 2
    print(f"{'story':38} {'quote P':>8} {'quote R':>8} {'speaker':>8} {'times':>8}")
    scores = []
    for path in paths:
        try:
            gold = load_story(path)
        except StoryFileError as error:
            print(error.render(), file=sys.stderr)
            return 2 if error.unreadable else 1
        result = score(gold, path.stem)
        scores.append(result)
        print(
            f"{result.name[:38]:38} {result.precision:8.1%} {result.recall:8.1%} "
            f"{result.speakers:8.1%} {result.times:8.1%}   "
            f"({result.matched}/{result.gold_quotes} quotes, {result.predicted_quotes} found; "
            f"{result.right_times}/{result.gold_times} times)"
        )
        for mistake in result.mistakes:
            print(f"    - {mistake}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
