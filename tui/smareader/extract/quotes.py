"""Quotations: where they are, whether they are speech, and who said them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from smareader.extract.speakers import NAME, STOP, Entity, Registry
from smareader.extract.text import sentence_at

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|adding|saying|stated|states|asked|asks|wrote|"
    "writes|noted|notes|explained|argued|warned|insisted|claimed|declared|announced|"
    "replied|continued|recalled|urged|acknowledged|admitted|suggested|predicted|"
    "conceded|stressed|emphasized|emphasised|confirmed|denied|tweeted|posted|remarked|"
    "observed|cautioned|complained|vowed|pledged|promised|countered|responded|called"
)
VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
SCARE_BEFORE = re.compile(
    r"(?:so-called|dubbed|called|termed|known as|labell?ed|the word|the term|a|an|the|its|"
    r"their|his|her|this|that|what (?:he|she|they|it) calls?)\s*$",
    re.IGNORECASE,
)
# A speaker as the text may name one after the quote: `,” NAME(, APPOSITIVE,) said`.
WHO = (
    r"(?P<who>(?:[Tt]he\s+)?(?:[A-Z][\w’'.-]*\s*)+|[Tt]he\s+[a-z][\w.-]*(?:\s+[a-z][\w.-]*){0,3}"
    r"|he|she|they|it)"
)
AFTER_SUBJECT_VERB = re.compile(
    rf"^[,.?!]?\s*{WHO}(?P<apposition>,\s+[^,”“]{{3,120}},)?\s+"
    rf"(?:(?:has|had|have|also|later|then|previously|once)\s+)*(?P<verb>{SPEECH_VERBS})\b"
)
AFTER_VERB_SUBJECT = re.compile(
    r"^[,.?!]?\s*(?P<verb>said|says|added|asked|wrote|continued|explained|replied|noted)\s+"
    r"(?P<who>(?:[Tt]he\s+)?(?:[A-Z][\w’'.-]*\s*)+|the\s+[a-z][\w.-]*(?:\s+[a-z][\w.-]*){0,3})"
    r"(?P<apposition>,\s+[^,”“]{3,120},?)?(?=\s*(?:[.,;]|$|in\b|on\b|at\b))"
)
REPORTED = re.compile(
    r"(?P<who>(?<![\w’'])[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})(?P<apposition>,\s+[^,”“\"]{3,120},)?"
    r"\s+(?:has\s+|had\s+)?(?:said|says|told|added|argued|warned|insisted)\b"
)
ACCORDING = re.compile(rf"\baccording to\s+{WHO}")
AUXILIARY = re.compile(
    r"\s+(?:has|had|have|also|later|then|previously|once|repeatedly|again|however|,)+\s*$"
)
RELATIVE = re.compile(r",\s+(?:who|which|whose|a|an|the|one of|both)\b[^,]*,")


@dataclass
class Found:
    """One quotation: its words, where, what kind, and who said it."""

    start: int
    end: int
    text: str
    kind: str
    cue: str
    speaker: Entity | None
    paragraph: int


def _quotation_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """``(inner start, inner end, paragraph index)`` of every quotation.

    Curly and straight marks; a quotation that runs over paragraphs (the opening
    mark repeated, no closing mark) gives one span per paragraph; nested single
    quotes stay inside; an unbalanced mark is ignored.
    """
    spans = []
    for number, (start, end) in enumerate(paragraphs):
        paragraph = text[start:end]
        position = 0
        while position < len(paragraph):
            opening = min(
                (
                    index
                    for index in (paragraph.find("“", position), paragraph.find('"', position))
                    if index >= 0
                ),
                default=-1,
            )
            if opening < 0:
                break
            mark = paragraph[opening]
            closing = paragraph.find("”" if mark == "“" else '"', opening + 1)
            if closing < 0:
                following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
                if following and text[following[0]] == mark:
                    spans.append((start + opening + 1, end, number))  # runs on
                break
            spans.append((start + opening + 1, start + closing, number))
            position = closing + 1
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop white space and a trailing comma inside the marks."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _subject_before(clause: str) -> str | None:
    """The speaker named before a speech verb: ``James DeHart, said`` → James DeHart."""
    clause = RELATIVE.sub("", clause)
    clause = AUXILIARY.sub("", clause).rstrip(", ")
    described = re.search(r"(?:^|[,;]\s+)((?:[Tt]he)\s+[\w.’'-]+(?:\s+[\w.’'-]+){0,4})$", clause)
    if described and not any(word[:1].isupper() for word in described.group(1).split()[2:]):
        return described.group(1)  # "The U.S. president", "the ministry"
    names = [
        m
        for m in NAME.finditer(clause)
        if m.group(0).split()[0] not in STOP
        or (len(m.group(0).split()) > 1 and m.group(0).split()[0] in {"The"})
    ]
    tail = clause[names[-1].end() :].strip() if names else clause
    if names and len(tail.split()) <= 1:
        return names[-1].group(0)
    # No name right before the verb: a short noun phrase ("Ruling party lawmakers").
    words = re.split(r"(?<=[,;:])\s+|\s+(?:that|and|but|while|as)\s+", clause)[-1].split()
    if 1 <= len(words) <= 6:
        return " ".join(words)
    pronoun = re.search(r"\b(he|she|they|it)\s*$", clause, re.IGNORECASE)
    return pronoun.group(1) if pronoun else (names[-1].group(0) if names else None)


def find_quotes(
    text: str,
    paragraphs: list[tuple[int, int]],
    sentences: list[tuple[int, int]],
    registry: Registry,
) -> list[Found]:
    """Every quotation that is speech, with its speaker where one can be found."""
    found: list[Found] = []
    read_to = 0
    for inner_start, inner_end, paragraph in _quotation_spans(text, paragraphs):
        # Reported speech since the last quotation ("Tom Becker … said the delay was
        # sensible") tells who "he" is in the next one.
        for mention in REPORTED.finditer(text, read_to, max(read_to, inner_start - 1)):
            entity = registry.resolve(mention.group("who"))
            if entity is not None:
                registry.spoke(entity)
                _describe(entity, mention.group("apposition") or "")
        read_to = inner_end
        start, end = _trim(text, inner_start, inner_end)
        if end <= start:
            continue
        words = text[start:end]
        sentence_start, sentence_end = sentence_at(sentences, inner_start - 1)
        before = text[sentence_start : inner_start - 1]
        after = text[inner_end + 1 : sentence_end]
        sentence = text[sentence_start:sentence_end]
        if len(words.split()) <= 3 and SCARE_BEFORE.search(before):
            continue  # a scare quote or a name: a so-called “peace dividend”
        who, cue, apposition = _attribute(before, after, sentence)
        if who is None and len(words.split()) <= 3:
            continue  # a short quoted phrase nobody is said to have said
        registry.position = inner_start
        speaker = registry.resolve(who) if who else None
        if speaker is None and who and who.lower() in {"he", "she"}:
            speaker = registry.subject_before(inner_start)
        if who is None and found and found[-1].paragraph in (paragraph, paragraph - 1):
            speaker = found[-1].speaker  # the same speaker goes on
            cue = cue or found[-1].cue
        if speaker is not None:
            registry.spoke(speaker)
            _describe(speaker, apposition)
        kind = "direct" if not before.strip() or before.rstrip().endswith(":") else "partial"
        found.append(Found(start, end, words, kind, cue, speaker, paragraph))
    return found


def _describe(speaker: Entity, apposition: str) -> None:
    """Take a role (and affiliation) from an apposition: ", a professor at X,"."""
    role = apposition.strip(" ,.")
    if not role or speaker.role or re.match(r"(?:who|which|whose|where|when)\b", role):
        return
    if len(role.split()) < 2:
        return  # ", however," is no role
    speaker.role = role
    at = re.search(r"\b(?:at|of|for|with)\s+(?:the\s+)?(.+)$", role)
    if at and at.group(1)[:1].isupper():
        speaker.affiliation = at.group(1)


def _attribute(before: str, after: str, sentence: str) -> tuple[str | None, str, str]:
    """Who said a quotation, the cue, and any apposition describing them."""
    match = AFTER_SUBJECT_VERB.match(after) or AFTER_VERB_SUBJECT.match(after)
    if match:
        who = match.group("who").strip()
        tail = after[match.end() :]
        cue = match.group("verb") + _cue_tail(tail)
        return who, cue, match.group("apposition") or ""
    verbs = list(VERB.finditer(before))
    if verbs:
        verb = verbs[-1]
        cue = verb.group(0)
        if cue in {"adding", "saying"} and len(verbs) > 1:
            verb = verbs[-2]  # "X told reporters …, adding": X said it
            return _subject_before(before[: verb.start()]), cue, ""
        elif cue in {"adding", "saying"}:
            clause = before[: verb.start()]
            first = re.split(r",|\s+(?:has|had|have)\s+", clause)[0]
            return _subject_before(first) or _subject_before(clause), cue, ""
        who = _subject_before(before[: verb.start()])
        return who, cue + _cue_tail(before[verb.end() :]), ""
    according = ACCORDING.search(sentence)
    if according:
        return according.group("who").strip(), "according to", ""
    return None, "", ""


def _cue_tail(text: str) -> str:
    """Words that complete a cue: "told" + " reporters in Seoul"."""
    tail = re.match(
        r"^\s+((?:in a statement|at a briefing|a briefing|reporters|in an interview"
        r"|on Twitter|to reporters)(?:\s+in\s+[A-Z]\w+)?)",
        text,
    )
    return f" {tail.group(1)}" if tail else ""
