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

import argparse
import importlib.util
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
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
    gold_figures: int = 0
    right_figures: int = 0
    predicted_figures: int = 0

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

    @property
    def figures(self) -> float:
        return self.right_figures / self.gold_figures if self.gold_figures else 1.0

    @property
    def figure_precision(self) -> float:
        return self.right_figures / self.predicted_figures if self.predicted_figures else 1.0


def _scored(kind: str, unit: str | None) -> bool:
    """Figures the extractor drafts: money, multipliers and percentages."""
    return kind in ("money", "multiplier") or (kind == "count" and unit == "percent")


def _figures(gold: Story, draft: dict[str, Any], mistakes: list[str]) -> tuple[int, int, int]:
    """Gold figures, right ones, and extracted ones, with a mistake line for each miss."""
    if gold.costs is None:
        return 0, 0, 0  # a story read without its money: nothing to compare
    wanted = [f for f in gold.costs.figures if _scored(f.kind, f.unit)]
    costs = draft["costs"]
    found = [f for f in costs["figures"] if _scored(f["kind"], f.get("unit"))]
    unmatched = list(found)
    right = 0
    for figure in wanted:
        span = (figure.start, figure.end)
        hit = max(unmatched, key=lambda f: _overlap(span, (f["start"], f["end"])), default=None)
        if hit is None or _overlap(span, (hit["start"], hit["end"])) < 0.5:
            mistakes.append(f"figure {figure.text!r}: extracted nothing")
            continue
        unmatched.remove(hit)
        expected = (figure.kind, figure.amount, _currency(figure.kind, figure.unit, gold))
        got = (
            hit["kind"],
            hit["amount"],
            hit.get("unit") or costs["currency"] if hit["kind"] == "money" else hit.get("unit"),
        )
        if (
            got[0] == expected[0]
            and abs(got[1] - expected[1]) <= 1e-9 * max(1.0, expected[1])
            and (got[2] == expected[2])
        ):
            right += 1
        else:
            mistakes.append(f"figure {figure.text!r}: extracted {got}, expected {expected}")
    mistakes += [f"extra figure {f['text']!r}" for f in unmatched]
    return len(wanted), right, len(found)


def _currency(kind: str, unit: str | None, gold: Story) -> str | None:
    if kind != "money":
        return unit
    return unit or (gold.costs.currency if gold.costs else None)


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
    gold_figures, right_figures, predicted_figures = _figures(gold, draft, mistakes)
    return Score(
        name,
        len(wanted),
        len(draft["quotes"]),
        matched,
        right,
        len(gold.events),
        times,
        mistakes,
        gold_figures,
        right_figures,
        predicted_figures,
    )


DEFAULT_CORPUS = Path("/work/shared/corpora/polnear-dev")
"""Where the PolNeAR development corpus lives in the shared sandbox."""


def _load_scorer(corpus: Path) -> Any:
    """The corpus's own ``score.py``, imported from its folder, so the figures here are
    exactly the ones its command line prints (no second copy of its matching rules)."""
    spec = importlib.util.spec_from_file_location("polnear_score", corpus / "score.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(corpus / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _causes(
    story: dict[str, Any], details: list[dict[str, Any]], start: int
) -> Counter[tuple[str, str]]:
    """Speaker errors and quote errors by the rule that made the extracted quote, each
    with how sure the gold speaker is (``explicit``, ``agreed``, ``disputed``; ``-`` for
    a quote error), so noise in the gold can be told from the extractor's mistakes."""
    by_span = {(quote["start"], quote["end"]): quote for quote in story.get("quotes", [])}
    causes: Counter[tuple[str, str]] = Counter()
    for record in details[start:]:
        status = record.get("status")
        confidence = str(record.get("gold_confidence") or "-")
        if status in ("ok", "matched_unresolved_gold_speaker"):
            if status == "ok":
                quote = _quote_at(by_span, record)
                causes[(f"ok by {quote.get('rule', '?') if quote else '?'}", confidence)] += 1
            continue
        if status in ("wrong_speaker", "no_speaker"):
            quote = _quote_at(by_span, record)
            rule = quote.get("rule", "?") if quote else "?"
            causes[(f"{status} by {rule}", confidence)] += 1
        else:
            causes[(str(record.get("class", status)), confidence)] += 1
    return causes


def _quote_at(by_span: dict[tuple[int, int], dict[str, Any]], record: dict[str, Any]) -> Any:
    """The extracted quote matched to a gold record (the one overlapping it most)."""
    gold = (record["start"], record["end"])
    best = max(by_span, key=lambda span: _overlap(span, gold), default=None)
    return by_span[best] if best is not None and _overlap(best, gold) >= 0.5 else None


def _print_errors(
    text: str, story: dict[str, Any], details: list[dict[str, Any]], start: int, wanted: str
) -> None:
    """Print, to the terminal only, each error of an article whose cause contains ``wanted``
    with the words around it, for reading the train split's mistakes (never dev's, and
    never into a file of this repository: the texts are the publishers' copyright)."""
    for cause, record in _causes_by_record(story, details, start):
        if wanted not in cause:
            continue
        begin, end = record["start"], record["end"]
        before = text[max(0, begin - 300) : begin].replace("\n", " / ")
        after = text[end : end + 120].replace("\n", " / ")
        print(
            f"--- {record['article']} [{cause}] gold={record.get('gold_speaker')!r}"
            f" ({record.get('gold_confidence') or '-'}; source {record.get('gold_source')!r})"
            f" predicted={record.get('pred_speaker')!r}"
        )
        print(f"    ...{before}[[{text[begin:end]}]]{after}...")


def _causes_by_record(
    story: dict[str, Any], details: list[dict[str, Any]], start: int
) -> list[tuple[str, dict[str, Any]]]:
    """Each error record of an article with its cause, named as in :func:`_causes`."""
    by_span = {(quote["start"], quote["end"]): quote for quote in story.get("quotes", [])}
    found: list[tuple[str, dict[str, Any]]] = []
    for record in details[start:]:
        status = record.get("status")
        if status in ("ok", "matched_unresolved_gold_speaker"):
            continue
        if status in ("wrong_speaker", "no_speaker"):
            quote = _quote_at(by_span, record)
            found.append((f"{status} by {quote.get('rule', '?') if quote else '?'}", record))
        else:
            found.append((str(record.get("class", status)), record))
    return found


def score_corpus(
    corpus: Path, split: str, limit: int | None = None, errors: str | None = None
) -> tuple[str, Counter[tuple[str, str]]]:
    """Extract every article of one split in-process and score it with the corpus's scorer.

    Args:
        corpus: the corpus folder.
        split: ``train`` or ``dev``.
        limit: score only the first N articles.
        errors: print each error whose cause contains this, with its context (train
            only: dev is scored, never read).

    Returns:
        The summary lines, and the table of errors by cause and gold confidence.
    """
    scorer = _load_scorer(corpus)
    folder = corpus / split
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    articles = manifest["articles"][:limit] if limit else manifest["articles"]
    counts: Counter[str] = Counter()
    causes: Counter[tuple[str, str]] = Counter()
    details: list[dict[str, Any]] = []
    began = time.perf_counter()
    for article in articles:
        text = (folder / "articles" / f"{article['id']}.txt").read_text(encoding="utf-8")
        gold = json.loads((folder / "gold" / f"{article['id']}.json").read_text(encoding="utf-8"))
        published = date.fromisoformat(article.get("published") or "2019-01-01")
        try:
            story: dict[str, Any] | None = extract_story(text, published)
        except Exception as error:
            counts["extract_errors"] += 1
            causes[(f"crash: {type(error).__name__}", "-")] += 1
            story = None
        first = len(details)
        scorer.score_article(text, gold, story, counts, details)
        if story is not None:
            causes.update(_causes(story, details, first))
            if errors is not None and split == "train":
                _print_errors(text, story, details, first, errors)
    seconds = time.perf_counter() - began
    predicted = counts["tp"] + counts["fp"]
    qp, qr, qf = scorer.prf(counts["tp"], predicted, counts["gold"])
    accuracy = counts["spk_ok"] / counts["spk_n"] if counts["spk_n"] else 0.0
    by_source = " ".join(
        f"{kind} {counts[f'spk_conf_ok:{kind}'] / counts[f'spk_conf_n:{kind}']:.3f}"
        f" ({counts[f'spk_conf_n:{kind}']})"
        for kind in ("explicit", "agreed", "disputed")
        if counts[f"spk_conf_n:{kind}"]
    )
    _, _, ef = scorer.prf(counts["spk_ok"], counts["pred_e2e"], counts["gold_resolved"])
    summary = (
        f"{split:6} {len(articles):5} articles {counts['gold']:5} quotes  "
        f"quote P={qp:.3f} R={qr:.3f} F1={qf:.3f}  speaker={accuracy:.3f} "
        f"(by gold speaker source: {by_source})  quote+speaker F1={ef:.3f}  "
        f"crashes={counts['extract_errors']}  {seconds:.1f}s"
    )
    return summary, causes


def main(argv: list[str] | None = None) -> int:
    """Score the extractor on the development corpus and on hand-made stories."""
    parser = argparse.ArgumentParser(
        prog="python -m smareader.extract.evaluate",
        description="Score `smareader extract` on the PolNeAR development corpus "
        "(train and dev) and on hand-made stories.",
    )
    parser.add_argument("stories", nargs="*", type=Path, help="hand-made story files to score")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help=f"the PolNeAR development corpus (default {DEFAULT_CORPUS}; "
        "skipped when only story files are given)",
    )
    parser.add_argument("--split", action="append", choices=["train", "dev"], help="default both")
    parser.add_argument("--limit", type=int, help="score only the first N articles of a split")
    parser.add_argument("--causes", type=int, default=25, help="rows of the error table")
    parser.add_argument(
        "--errors",
        metavar="CAUSE",
        help="print each train error whose cause contains CAUSE, with its context "
        "(terminal only; dev texts are never printed)",
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    stories: list[Path] = args.stories
    corpus: Path | None = args.corpus
    if corpus is None and not stories:
        corpus = DEFAULT_CORPUS
        stories = _bundled_stories()
    if corpus is not None:
        if not (corpus / "score.py").is_file():
            print(f"no development corpus at {corpus} (expected score.py, train/, dev/)")
            return 2
        for split in args.split or ["train", "dev"]:
            summary, causes = score_corpus(corpus, split, args.limit, args.errors)
            print(summary)
            _print_causes(split, causes, args.causes)
    return _score_stories(stories) if stories else 0


def _print_causes(split: str, causes: Counter[tuple[str, str]], rows: int) -> None:
    """The error table, by cause, with its split by how sure the gold speaker is."""
    kinds = ("explicit", "agreed", "disputed")
    totals: Counter[str] = Counter()
    split_by: dict[str, Counter[str]] = {}
    for (cause, confidence), count in causes.items():
        totals[cause] += count
        split_by.setdefault(cause, Counter())[confidence] += count
    errors = [cause for cause in totals if not cause.startswith("ok by ")]
    print(f"  errors by cause ({split}; gold speaker {' / '.join(kinds)}):")
    for cause in sorted(errors, key=lambda cause: -totals[cause])[:rows]:
        by = " / ".join(str(split_by[cause][kind]) for kind in kinds)
        print(f"    {totals[cause]:5}  {cause:48} {by}")
    right = [cause for cause in totals if cause.startswith("ok by ")]
    print(f"  right speakers by rule ({split}):")
    for cause in sorted(right, key=lambda cause: -totals[cause]):
        print(f"    {totals[cause]:5}  {cause[6:]}")


def _bundled_stories() -> list[Path]:
    """The bundled story and the hand-made evaluation stories, when run from a checkout."""
    root = Path(__file__).resolve().parents[3] / "data"
    return sorted([*root.glob("japantimes-*.json"), *(root / "eval").glob("*.json")])


def _score_stories(paths: list[Path]) -> int:
    print(f"{'story':38} {'quote P':>8} {'quote R':>8} {'speaker':>8} {'times':>8} {'figures':>8}")
    for path in paths:
        try:
            gold = load_story(path)
        except StoryFileError as error:
            print(error.render(), file=sys.stderr)
            return 2 if error.unreadable else 1
        result = score(gold, path.stem)
        print(
            f"{result.name[:38]:38} {result.precision:8.1%} {result.recall:8.1%} "
            f"{result.speakers:8.1%} {result.times:8.1%} {result.figures:8.1%}   "
            f"({result.matched}/{result.gold_quotes} quotes, {result.predicted_quotes} found; "
            f"{result.right_times}/{result.gold_times} times; "
            f"{result.right_figures}/{result.gold_figures} figures, "
            f"{result.predicted_figures} found)"
        )
        for mistake in result.mistakes:
            print(f"    - {mistake}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
