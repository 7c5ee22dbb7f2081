"""Amounts of money, multipliers, and the cost categories listed beside them."""

from __future__ import annotations

import re
from dataclasses import dataclass

SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
WORDS = {
    "won": "KRW", "yen": "JPY", "euro": "EUR", "euros": "EUR", "dollar": "USD",
    "dollars": "USD", "pound": "GBP", "pounds": "GBP", "yuan": "CNY", "rupees": "INR",
}  # fmt: skip
SCALES = {
    "trillion": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6, "m": 1e6,
    "mn": 1e6, "thousand": 1e3, "k": 1e3,
}  # fmt: skip
MULTIPLIERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twice": 2, "double": 2, "triple": 3, "quadruple": 4,
}  # fmt: skip
_APPROX = (
    r"(?P<approx>(?:about|around|roughly|nearly|almost|some|approximately|over|more than|"
    r"up to)\s+)?"
)
_NUM = r"(?P<num>\d[\d,]*(?:\.\d+)?)"
_SCALE = r"(?:\s*(?P<scale>trillion|billion|million|thousand|bn|mn|m|k|b)\b)?"
SYMBOL_MONEY = re.compile(_APPROX + r"(?P<cur>US\$|\$|€|£|¥)\s?" + _NUM + _SCALE, re.IGNORECASE)
WORD_MONEY = re.compile(
    _APPROX + _NUM + _SCALE + r"\s+(?P<cur>" + "|".join(WORDS) + r")\b", re.IGNORECASE
)
FOLD = re.compile(r"\b(?P<word>two|three|four|five|six|seven|eight|nine|ten)fold\b", re.IGNORECASE)
TIMES = re.compile(
    _APPROX + r"\b(?P<word>\d+|two|three|four|five|six|seven|eight|nine|ten)\s+times\s+"
    r"(?:as\s+(?:much|many|high|large)|more|higher|larger|the)\b(?:\s+per\s+year)?",
    re.IGNORECASE,
)
LIST_CUE = re.compile(
    r"\b(?:paid for|pays? for|included|includes|include|covering|covers|categories)\b"
    r"(?:\s+(?:only\s+)?(?:for\s+)?(?:\w+\s+)?categories)?\s*[—:-]?\s*",
    re.IGNORECASE,
)
COST_WORD = re.compile(
    r"\b(costs?|expenses?|fees?|spending|payments?|salaries|wages|support|training|"
    r"construction|labor|labour|personnel|maintenance|deployment|subsid\w+)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Amount:
    """A number the text states."""

    start: int
    end: int
    text: str
    kind: str
    """money or multiplier."""
    value: float
    currency: str | None
    approximate: bool


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def find_amounts(text: str) -> list[Amount]:
    """Money with currency and scale, and multipliers, in text order."""
    found: list[Amount] = []
    taken: set[int] = set()

    def add(match: re.Match[str], kind: str, value: float, currency: str | None) -> None:
        start, end = match.span()
        if start in taken or (end - 1) in taken:
            return
        taken.update(range(start, end))
        approx = bool(match.groupdict().get("approx"))
        found.append(Amount(start, end, match.group(0), kind, value, currency, approx))

    for match in SYMBOL_MONEY.finditer(text):
        scale = SCALES.get((match.group("scale") or "").lower(), 1.0)
        add(
            match, "money", _number(match.group("num")) * scale, SYMBOLS[match.group("cur").lower()]
        )
    for match in WORD_MONEY.finditer(text):
        scale = SCALES.get((match.group("scale") or "").lower(), 1.0)
        add(match, "money", _number(match.group("num")) * scale, WORDS[match.group("cur").lower()])
    for match in FOLD.finditer(text):
        add(match, "multiplier", float(MULTIPLIERS[match.group("word").lower()]), None)
    for match in TIMES.finditer(text):
        word = match.group("word").lower()
        value = float(word) if word.isdigit() else float(MULTIPLIERS[word])
        add(match, "multiplier", value, None)
    return sorted(found, key=lambda amount: amount.start)


def find_categories(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of cost categories listed after "paid for", "included" and the like."""
    spans: list[tuple[int, int]] = []
    for start, end in sentences:
        sentence = text[start:end]
        cue = LIST_CUE.search(sentence)
        if not cue or not COST_WORD.search(sentence[cue.end() :]):
            continue
        position = start + cue.end()
        listing = text[position:end].rstrip(".")
        pieces = re.split(r",\s+(?:and\s+)?", listing)
        last = re.split(r"\s+and\s+", pieces[-1]) if pieces else []
        if len(last) == 2 and all(COST_WORD.search(part) for part in last):
            pieces[-1:] = last  # "…, costs of rotation and offshore training expenses"
        for piece in pieces:
            item = piece.strip()
            offset = text.find(item, position) if item else -1
            if offset >= 0 and COST_WORD.search(item) and 2 <= len(item.split()) <= 14:
                spans.append((offset, offset + len(item)))
            position = max(position, offset + len(item)) if offset >= 0 else position
    return spans
