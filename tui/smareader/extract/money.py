"""Amounts of money, multipliers, and the cost categories listed beside them."""

from __future__ import annotations

import re
from dataclasses import dataclass

SYMBOLS = {
    "$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "s$": "SGD",
    "hk$": "HKD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nt$": "TWD",
    "nz$": "NZD", "r$": "BRL", "₹": "INR", "rmb": "CNY", "kr": "SEK",
}  # fmt: skip
WORDS = {
    "won": "KRW", "yen": "JPY", "euro": "EUR", "euros": "EUR", "u.s. dollars": "USD",
    "us dollars": "USD", "dollar": "USD", "dollars": "USD", "pound": "GBP", "pounds": "GBP",
    "pounds sterling": "GBP", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR",
    "rupee": "INR", "kronor": "SEK", "krona": "SEK", "krone": "DKK", "kroner": "NOK",
    "crowns": "SEK", "swiss francs": "CHF", "francs": "CHF", "rubles": "RUB",
    "roubles": "RUB", "pesos": "MXN", "reais": "BRL", "taiwan dollars": "TWD",
    "hong kong dollars": "HKD", "singapore dollars": "SGD", "australian dollars": "AUD",
    "canadian dollars": "CAD",
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
    r"less than|up to|close to|just under|just over|an estimated)\s+)?"
)
# The lookbehind starts a number only at its first digit, and the quantifiers are
# possessive: a run of a million digits and commas is read once, not once per digit.
# A number is at most 40 digits and commas: a longer run is no amount (and would not fit
# a float or the model's length limits), and it is rejected without rescanning.
_NUM = r"(?<![\d,.])(?P<num>\d[\d,]{0,39}+(?:\.\d{1,12}+)?)(?![\d.])"
_SCALE = r"(?:\s*(?P<scale>(?i:trillion|billion|million|thousand|bn|mn|m|k|b))\b)?"
SYMBOL_MONEY = re.compile(
    _APPROX
    + r"(?P<cur>(?<![A-Za-z])(?:US|S|HK|AU|A|CA|C|NT|NZ|R)\$|\$|€|£|¥|₩|₹|\bRMB|\bkr)\s?"
    + _NUM
    + _SCALE
)
WORD_MONEY = re.compile(
    _APPROX
    + _NUM
    + _SCALE
    + r"\s+(?P<cur>"
    + "|".join(re.escape(word) for word in sorted(WORDS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
CODES = {
    "USD", "KRW", "JPY", "EUR", "GBP", "CNY", "SGD", "HKD", "AUD", "CAD", "TWD",
    "NZD", "INR", "CHF", "SEK", "NOK", "DKK", "RUB", "BRL", "MXN", "PHP", "THB", "VND",
}  # fmt: skip
"""ISO 4217 codes written before or after an amount: "KRW 1.389 trillion", "4 billion USD"."""
_CODE = r"(?P<code>" + "|".join(sorted(CODES)) + r")"
CODE_MONEY = re.compile(
    _APPROX + r"(?:\b" + _CODE + r"\s?" + _NUM + _SCALE + r"|" + _NUM.replace("num", "num2")
    + _SCALE.replace("scale", "scale2") + r"\s+(?P<code2>" + "|".join(sorted(CODES)) + r")\b)"
)  # fmt: skip
KOREAN_W = re.compile(
    _APPROX
    + r"(?<![\w$])W(?P<num>\d[\d,]{0,39}+(?:\.\d{1,12}+)?)(?![\d.])"
    + r"(?:\s*(?P<scale>(?i:trillion|billion|million))\b)"
)
"""The Korean English-language press writes won with a W: "W1.03 trillion" (with a
scale word, so that a "W3" of a grid, a form or a road is no money)."""
PERCENT = re.compile(_APPROX + _NUM + r"\s?(?:%|(?i:percent|per\s+cent)\b)")
"""A percentage: "a 13 percent increase", "8.2 percent", "13.9%"."""
MONEY_TALK = re.compile(
    r"\b(?:costs?|costing|expenses?|spending|payments?|pays?|paid|paying|budgets?|"
    r"contributions?|fees?|prices?|funds?|funding|salar(?:y|ies)|wages?|taxe?s?|tariffs?|"
    r"subsid(?:y|ies)|trillion|billion|yen|dollars?|euros?|yuan|KRW|USD)\b|[$€£¥₩]",
    re.IGNORECASE,
)
"""Words of money: a percentage in a sentence without any (a poll's "46 percent of
voters", "won 80 percent of the vote") is no figure of the costs."""
CONVERSION = re.compile(
    r"(?:\s*[(\[]\s*(?:about|around|roughly|approximately|or|some)?|"
    r",\s*or\s+(?:about|around|roughly|approximately|some|nearly|almost)?|"
    r"\s*[—–]\s*(?:about|around|roughly|approximately|some|nearly|almost)?)\s*$"
)
"""What stands between an amount and the same money in another currency: a bracket
("1.04 trillion won ($890 million)"), ", or about" or a dash."""
FOLD = re.compile(r"\b(?P<word>two|three|four|five|six|seven|eight|nine|ten)fold\b", re.IGNORECASE)
TIMES = re.compile(
    _APPROX + r"\b(?<!\d)(?P<word>\d++|two|three|four|five|six|seven|eight|nine|ten)\s+times\s+"
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


CATEGORY_LIMIT = 200
"""The longest cost category taken from a list (the model allows 1,000)."""


@dataclass(frozen=True)
class Amount:
    """A number the text states."""

    start: int
    end: int
    text: str
    kind: str
    """money, multiplier or percent."""
    value: float
    currency: str | None
    approximate: bool
    conversion: bool = False
    """An amount in brackets right after another: the same money in another currency."""
    rule: str = "money"
    """The rule that found it."""
    confidence: float = 0.8


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def find_amounts(text: str) -> list[Amount]:
    """Money with currency and scale, and multipliers, in text order."""
    found: list[Amount] = []
    taken: set[int] = set()

    def add(match: re.Match[str], kind: str, value: float, currency: str | None, rule: str) -> None:
        start, end = match.span()
        if start in taken or (end - 1) in taken:
            return
        taken.update(range(start, end))
        approx = bool(match.groupdict().get("approx"))
        found.append(Amount(start, end, match.group(0), kind, value, currency, approx, rule=rule))

    for match in SYMBOL_MONEY.finditer(text):
        scale = SCALES.get((match.group("scale") or "").lower(), 1.0)
        symbol = match.group("cur").lower()
        add(match, "money", _number(match.group("num")) * scale, SYMBOLS[symbol], "symbol")
    for match in WORD_MONEY.finditer(text):
        scale = SCALES.get((match.group("scale") or "").lower(), 1.0)
        word = " ".join(match.group("cur").lower().split())
        add(match, "money", _number(match.group("num")) * scale, WORDS.get(word), "currency-word")
    for match in CODE_MONEY.finditer(text):
        number = match.group("num") or match.group("num2")
        scale = SCALES.get((match.group("scale") or match.group("scale2") or "").lower(), 1.0)
        code = match.group("code") or match.group("code2")
        add(match, "money", _number(number) * scale, code, "iso-code")
    for match in KOREAN_W.finditer(text):
        scale = SCALES.get(match.group("scale").lower(), 1.0)
        add(match, "money", _number(match.group("num")) * scale, "KRW", "korean-w")
    for match in PERCENT.finditer(text):
        add(match, "percent", _number(match.group("num")), "percent", "percent")
    for match in FOLD.finditer(text):
        add(match, "multiplier", float(MULTIPLIERS[match.group("word").lower()]), None, "fold")
    for match in TIMES.finditer(text):
        word = match.group("word").lower()
        value = float(word) if word.isdigit() else float(MULTIPLIERS[word])
        add(match, "multiplier", value, None, "times")
    found.sort(key=lambda amount: amount.start)
    # "1.04 trillion won ($890 million)": the bracketed amount converts the one before.
    result: list[Amount] = []
    for amount in found:
        previous = result[-1] if result else None
        if (
            previous is not None
            and amount.kind == previous.kind == "money"
            and amount.currency != previous.currency  # the same money in another currency
            and amount.start - previous.end <= 16
            and CONVERSION.search(text, previous.end, amount.start)
        ):
            result.append(
                Amount(
                    amount.start, amount.end, amount.text, amount.kind, amount.value,
                    amount.currency, amount.approximate, True, "bracketed-conversion", 0.7,
                )
            )  # fmt: skip
            continue
        result.append(amount)
    return result


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
            # A category is a short phrase: 2–14 words and at most CATEGORY_LIMIT characters.
            short = 2 <= len(item.split()) <= 14 and len(item) <= CATEGORY_LIMIT
            if offset >= 0 and COST_WORD.search(item) and short:
                spans.append((offset, offset + len(item)))
            position = max(position, offset + len(item)) if offset >= 0 else position
    return spans
