"""Quotations: where they are, whether they are speech, and who said them.

Attribution tries, in order (each a named ``rule`` with a confidence):

1. ``after-subject``: the quote is followed by its speaker and a speech verb
   ("…,” USFK head Gen. Robert Abrams said"; "…?” Mr. Clyburn said");
2. ``after-verb``: followed by the verb, then the speaker ("…,” said Ana Park");
3. ``before-verb``: a speech verb earlier in the sentence ("Ana Park told reporters:");
4. ``colon``: a short clause and a colon ("Mook agreed: “…”", "Ana Park, Outlet: “…”");
5. ``according-to``; ``report`` ("a Reuters report that … “…”");
6. ``continuation``: no cue, the same speaker as the quote just before;

and a pronoun subject ("he said") goes to the nearest earlier person of the same
gender, subjects of sentences first (``pronoun``).

Every window searched is bounded, so the cost of a quotation does not grow with the
length of its sentence or paragraph.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from smareader.extract.names import gender_of_first_name
from smareader.extract.speakers import (
    COMPLEMENT_WORDS,
    COMPLEMENTED,
    GROUP_HEADS,
    NAME,
    ORGANIZATION_HEADS,
    PERSON_HEADS,
    PLACES,
    SPELLED,
    STOP,
    TITLES,
    Entity,
    Registry,
    epithet,
    full_name_like,
    kind_of,
    name_mentions,
    split_title,
    title_gender,
)
from smareader.extract.text import sentence_at

SPEECH_VERBS = (
    "said|says|say|told|tells|tell|added|adds|adding|saying|stated|states|asked|asks|"
    "wrote|writes|noted|notes|explained|explains|argued|argues|warned|warns|insisted|"
    "insists|claimed|claims|declared|declares|announced|announces|replied|replies|"
    "continued|continues|recalled|recalls|urged|urges|acknowledged|acknowledges|admitted|"
    "admits|suggested|suggests|predicted|predicts|conceded|concedes|stressed|stresses|"
    "emphasized|emphasised|confirmed|confirms|denied|denies|tweeted|tweets|posted|"
    "remarked|observed|cautioned|complained|complains|vowed|vows|pledged|promised|"
    "countered|counters|responded|responds|implored|fumed|shouted|gushed|reiterated|"
    "reiterates|chimed in|advised|advises|exclaimed|sighed|agreed|agrees|joked|jokes|"
    "quipped|quips|mused|muses|boasted|boasts|bragged|yelled|screamed|cried|chanted|"
    "laughed|retorted|shot back|thundered|snapped|scoffed|lamented|laments|concluded|"
    "testified|charged|alleged|contended|contends|maintained|maintains|asserted|asserts|"
    "proclaimed|pointed out|points out|went on|reported|reports|read|offered|wondered|"
    "demanded|recounted|griped|mocked|teased|whispered|barked|opined|reasoned|answered|"
    "interjected|objected|protested|confessed|summed up|put it|accused|blasted|slammed|"
    "called|texted|emailed|e-mailed|wrote in|concluded|began|explained|cheered|noted|"
    "telling|asking|explaining|remarking|writing|tweeting|reads|assured|assures|citing|"
    "remembered|praised|pressed|surmised|retaliated|elaborated|mocks|concludes|riffed|"
    "write|quoting|puts it|exhorted|reacted|fired back|hit back|beamed|boomed|retweeted|wrote back|"
    "shouted back|sings|sang|sing|issued a statement|released a statement|"
    "issued the following statement|released the following statement|stating|chiding|"
    "declaring|noting|arguing|insisting|claiming|joking|quipping|responding|replying|"
    "proclaiming|vowing|boasting|complaining|pleading|recalling|countering|repeated|questioned"
).replace(" ", r"[^\S\n]+")
"""Speech verbs; the words of "issued a statement" may be parted by a no-break space."""
VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
HEADLINE_VERB = re.compile(r"\b(?:Said|Says|Tells|Told|Warns|Writes|Asks)\b")
SCARE_BEFORE = re.compile(
    r"(?:so-called|dubbed|called|termed|known as|labell?ed|the word|the term|a|an|the|its|"
    r"their|his|her|this|that|what (?:he|she|they|it) calls?|titled|entitled|headlined|"
    r"slogan|book|film|movie|show|song|album|series|program|programme|hashtag|chant|"
    r"phrase|motto|headline)\s*$",
    re.IGNORECASE,
)
PARTICIPLES = {
    "adding", "saying", "telling", "asking", "explaining", "remarking", "writing", "tweeting",
    "citing", "quoting", "stating", "chiding", "declaring", "noting", "arguing", "insisting",
    "claiming", "joking", "quipping", "responding", "replying", "proclaiming", "vowing",
    "boasting", "complaining", "pleading", "recalling", "countering",
}  # fmt: skip
LEAD = re.compile(r"[,.?!…;:—–-]*\s*")
PRONOUNS = {"he", "she", "they", "it", "i", "we"}
AUXILIARY = {
    "has", "had", "have", "also", "later", "then", "previously", "once", "repeatedly",
    "again", "however", "simply", "just", "only", "quickly", "flatly", "would", "will",
    "could", "can", "did", "does", "recently", "often", "frequently", "publicly",
    "privately", "still", "even", "further", "first", "finally", "angrily", "bluntly",
}  # fmt: skip
BOUNDARY = {
    "in", "on", "at", "during", "when", "while", "after", "before", "who", "which", "as",
    "to", "last", "this", "from", "about", "with", "adding", "because", "but", "and",
    "that", "of", "earlier", "later", "recently", "shortly", "via", "through", "told",
    "wrote", "said", "over", "outside", "inside", "near", "following", "if", "for", "—",
}  # fmt: skip
TIME_WORD = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|"
    r"Jul|Aug|Sept?|Oct|Nov|Dec|Today|Yesterday|Tonight)\b\.?"
)
DETERMINERS = {"the", "a", "an", "one", "another", "some", "two", "three", "several", "many"}
CLAUSE_VERBS = {
    "said", "says", "told", "tells", "asked", "asks", "added", "adds", "wrote", "writes",
    "sought", "seeks", "makes", "made", "shows", "showed", "pushed", "tried", "tries",
    "wants", "wanted", "went", "goes", "took", "takes", "gave", "gives", "insisted",
    "insists", "argued", "argues", "explained", "explains", "noted", "notes",
}  # fmt: skip
"""Verbs that start the clause after a speaker's phrase, never a word of it."""
DANGLING = {"of", "the", "a", "an", "and", "or", "to", "in", "for", "with", "at", "by"}
"""Words a speaker's description cannot end on: "the authors of the" (a title in
quotation marks cut it short: the authors of the “Harbor Plan”) is "the authors"."""
REPORT = re.compile(
    r"\b(?:an?|the)\s+(?P<who>(?:[A-Z][\w’'.-]*\s+){1,3})(?:news\s+)?"
    r"(?:report|story|article|poll|survey|study|statement|memo)\b[^“”\"]{0,80}$"
)
REPORTED = re.compile(
    r"(?P<who>(?<![\w’'])[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})"
    r"(?P<apposition>,\s+[^,”“\"]{3,120},)?"
    r"\s+(?:has\s+|had\s+)?(?:said|says|told|added|argued|warned|insisted)\b"
)
REPORTED_BY = re.compile(
    r"(?P<who>(?<![\w’'])[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})\s+(?:reported|reports)\b"
)
ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<who>[^,.;:“”\"]{2,80})")
SPEAKING = re.compile(
    rf"(?:[’']s)?(?:\s*\([^)]{{0,30}}\))?(?:(?:,\s*[^,“”\"]{{1,60}}){{1,2}},)?\s+"
    rf"(?:has\s+|had\s+|also\s+|then\s+)?(?![a-z]+ing\b)(?:{SPEECH_VERBS})\b"
    r"(?!(?:(?<=continued)|(?<=continues)|(?<=began)|(?<=went on)|(?<=offered)|(?<=called)"
    r"|(?<=pressed))\s+(?:to|for|on)\b)"
)
"""A speech verb after a name, past an age or an aside or two: "Reyk, 70, said" (but
"Reyk continued to argue" and "Reyk began to" are not speech)."""
PLACE_BEFORE = re.compile(
    r"\b(?:in|at|from|of|to|for|across|into|near|outside|throughout|around|via|toward|"
    r"towards|with|against)\s+(?:the\s+)?$"
)
GOVERNED = re.compile(
    r"\b(?:[Ll]ike|[Uu]nlike|with|to|by|about|against|than|for|from|of|at|on|in|toward|"
    r"towards|between|among|behind|before|after|under|over|and|or|nor|named|called|"
    r"[a-z]+ed)\s+(?:[a-z]+\s+){0,2}$"
)
"""Words before a name that make it an object, not the sentence's subject."""
TOPIC_BEFORE = re.compile(r"(?:^|[.!?”\"\n]\s*)(?:As\s+for|As\s+to)\s+$")
""""As for" opening a sentence: the name after it is what the sentence is about."""
REPORTED_THAT = re.compile(r"\bthat\s+(?:[\w’'.-]+\s+){0,2}$")
""""… arguing that the weekly's Ana Park claimed": a speaker inside reported content."""
SUBORDINATE = re.compile(
    r"\b(?:when|after|as|before|while|until|once|because|since|if)\s+(?:[\w’'.-]+\s+){0,2}$"
)
""""Reyk did not sound sure when Tasker asked …": a speaker in a clause the sentence's
subject governs."""
OWNER = re.compile(r"(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*[’']s\s+(?=[A-Z])")
"""An owner before a name: "NBC’s Ana Park" is Ana Park."""
SPOKEN_BEFORE = re.compile(
    r"[,”\"]\s*(?:said|says|noted|notes|added|adds|wrote|writes|explained|observed|argued|"
    r"recalled|remarked|replied|responded|warned|cautioned|insisted|suggested)\s+"
    r"(?:[A-Z][\w.&-]*[’']s\s+)?$"
)
"""A speech verb after a comma, just before a name: "…, noted Ana Park" (but "Park said
Lee has …" is Park speaking, not Lee)."""
SPOKEN_ENDS = re.compile(r"\s*(?:[,.;:!?)\n]|$)")
"""What follows the name a comma's speech verb introduces: a stop or the end."""
ROLE_AFTER = re.compile(r"[’']?s?\s+((?:[a-z][\w-]*\s+){1,3})(?=[A-Z])")
"""Lowercase role words between a name and another name: "Lowe adviser Ana Park"."""
OPENS = re.compile(r"(?:^|[.!?\n]\s*|[.!?][”\"]\s*)$")
"""Where a sentence opens: the start of the text, a line, or just after a full stop."""
ARTICLE_BEFORE = re.compile(r"\b(?:[Tt]he|an?|An?)\s+$")
MEDIA_OWNER = re.compile(r"(?:\b[A-Z]{2,5}|Channel|Network|News|Radio|TV)[’']s\s*$")
"""An outlet's possessive just before a quotation mark: "NBC’s", "Fox News Channel’s"."""
NAMED_BEFORE = re.compile(r"(?:[’']s|\bon|\bin|\bby|\bof|\bfrom|\bto|\bfor|\bwith)\s*$")
WORK_BEFORE = re.compile(
    r"\b(?:book|memoir|novel|program|programme|show|podcast|film|movie|documentary|series|"
    r"album|song|titled|entitled|headlined)[,:]?\s*$",
    re.IGNORECASE,
)
"""The kind of work a title names, just before it: "her memoir, “Low Tide.”"."""
WORK_AFTER = re.compile(r"[,.]?\s*(?:star|stars|host|hosts|creator|actor|actress)\b")
"""A title's star after it: "“Low Tide” star Ana Park"."""
PRONOUN_OPENING = re.compile(r"[“\"]?\s*(He|She)\b")
PRONOUN_LEAD = re.compile(
    r"[“\"]?\s*(?:(?:But|And|Then|Yet|Still|Later|Now)\s+)?"
    r"(?:[a-z][^,.;:!?“”\"\n]{0,60},\s+|[A-Z][a-z]*\s+[a-z][^,.;:!?“”\"\n]{0,60},\s+)?"
    r"(He|She|he|she)\b"
)
"""A sentence whose subject is he or she, past a leading phrase with no name in it
("Back at the harbor office, he …", "In the end, she …")."""
PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
PARENTHETICAL = re.compile(
    r"\s+(?:said|says|added|adds|noted|notes|explained|argued|wrote|writes|recalled|warned|"
    r"insisted|continued)\s*[,.]"
)
"""A speech verb and a comma or a full stop after "he": "…, he said," is an aside."""
DASH = re.compile(r"\s*[-—–―]\s*(?P<who>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})(?=[,.\s]|$)")
OPENING_VERB = re.compile(
    r"(?:^|[.!?”\"]\s+)(?P<verb>Said|Says|Stated|Added|Asked|Wrote|Writes|Explained)\s+"
    r"(?P<who>[A-Z][^,:“”\"]{1,60})(?:,[^:“”\"]{0,160})?[,:]\s*$"
)
IN_WORDS = re.compile(
    r"\b[Ii]n\s+(?:the\s+words\s+of\s+(?:the\s+)?(?P<of>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})"
    r"|(?P<own>[A-Z][\w.’'-]*?(?:\s+[A-Z][\w.’'-]*?){0,4})[’'](?:s)?\s+(?:own\s+)?words),?\s*$"
)
INTRODUCED = re.compile(rf"\b(?:{SPEECH_VERBS})\b[^“”\".!?]{{0,40}}[,:]\s*$")
COORDINATED = re.compile(r"\b(?:and|but)(?:\s+then|\s+also|\s+later|\s+now)?\s*$")
HEADLINE_BEFORE = re.compile(
    r"(?:^|[.!?]\s+)(?P<who>[A-Z][^“”\".!?]{1,60}?)\s+(?P<verb>Said|Says|Tells|Told|Warns|Writes)"
    r"\s*:?\s*$"
)
INVERTED = re.compile(r"\s+(?P<who>[A-Za-z][^,“”\"]{1,60})(?:,[^“”\"]{0,160})?,\s*")
TRANSCRIPT = re.compile(
    r"(?P<who>(?:(?:MR|MRS|MS|DR|SEN|REP|GOV)\.\s+)?[A-Z][A-Z’'-]+(?:\s+[A-Z][A-Z’'-]+){0,2}):\s"
)
"""A transcript's turn: the speaker's name in capitals and a colon ("PARK: …")."""
NOT_SPEAKERS = {
    "NOTE", "UPDATE", "BREAKING", "WARNING", "EDITOR", "CORRECTION", "PS", "WATCH", "VIDEO",
    "AUDIO", "PHOTO",
}  # fmt: skip
REPORTS_ON = re.compile(
    r"\s+(?:that|he|she|they|it|we|I|the|a|an|his|her|their|this|there)\s+"
    r"|\s+[A-Z][\w’'-]*\s+(?:is|was|were|has|had|will|would|could|should|can)\b"
)
"""A clause after the verb: what a new sentence reports, not an attribution."""
INTRODUCES = re.compile(r"[^\S\n]*[,:][^\S\n]*")
"""Nothing but a comma or a colon between the verb and the next quotation mark."""
QUOTED_AS = re.compile(
    r"(?P<who>[^,.;:“”\"]{2,80}?)\s+(?:is|was|were|has been|had been)\s+quoted\s+as\s+saying$"
)
"""“…,” Ana Park is quoted as saying."""
ELLIPTICAL = re.compile(r"\b(?:[Ii]f|[Ww]hen|[Uu]nless)\s+$")
"""A speech verb with no subject of its own: "if asked", "when told"."""
WITH_ACTOR = re.compile(
    r"\bwith\s+(?P<who>(?:[A-Z][\w.’'-]*\s+){1,4}"
    r"|(?:one\s+of\s+)?(?:an?|the|his|her|their|its)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*\s+)"
    r"(?P<verb>[a-z]+ing)\b"
)
"""An absolute phrase with its own subject: "…, with Tom Reyk adding"."""
COLON_ACTOR = re.compile(
    r"(?:[Tt]he\s+)?(?P<who>(?:[A-Z][\w.’'-]*\s+(?:of\s+(?:the\s+)?)?){0,4}[A-Z][\w.’'-]*)\s+"
    r"(?:(?:has|had|have|also|then|since|again|later|finally|quickly|simply|only)\s+)*"
    r"(?:was|were|is|are|[a-z]+ed|[a-z]+[^s\W]s)\b"
)
"""A name and its verb before a colon: "Ana Park delivered a sharp reply:"."""
FROM_SOURCE = re.compile(
    r"(?:^|[.!?]\s+|\s[-—–]\s*|\n\s*)(?:[Mm]ore\s+)?[Ff]rom\s+(?P<who>[^,;:“”\"\n]{2,60}):$"
)
"""A source named alone before a colon, as a roundup cites it: "More from the report:"."""
MAX_QUOTE = 20_000
"""The longest quotation text the story model takes (``Quote.text``)."""
WINDOW = 320
"""Characters either side of a quotation searched for its attribution."""


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
    rule: str = "none"
    """Which attribution rule named the speaker (a short stable name)."""
    confidence: float = 0.3
    """How often that rule is right, roughly, on the development corpus."""


@dataclass
class Attribution:
    """What the words around a quotation say about who said it."""

    who: str | None
    cue: str
    apposition: str
    rule: str
    confidence: float


def _quotation_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """``(inner start, inner end, paragraph index)`` of every quotation.

    Curly and straight marks; a quotation that runs over paragraphs (the opening
    mark repeated, no closing mark) gives one span per paragraph; nested single
    quotes stay inside; an unbalanced mark is ignored. One regular-expression pass
    over each paragraph, so the cost is linear whatever the marks.
    """
    spans = []
    marks = re.compile(r"[“\"]")
    for number, (start, end) in enumerate(paragraphs):
        position = start
        while position < end:
            found = marks.search(text, position, end)
            if found is None:
                break
            opening = found.start()
            mark = text[opening]
            closing = text.find("”" if mark == "“" else '"', opening + 1, end)
            if closing < 0:
                following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
                if following and text[following[0]] == mark:
                    spans.append((opening + 1, end, number))  # runs on
                break
            spans.append((opening + 1, closing, number))
            position = closing + 1
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop white space and a trailing comma inside the marks."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def clean_speaker(phrase: str) -> str | None:
    """The speaker in a subject phrase, or ``None`` for junk.

    "USFK head Gen. Robert Abrams" → "Gen. Robert Abrams"; "Trump, 70" → "Trump";
    "Rep. Ann Lee (D-Mo.)" → "Rep. Ann Lee"; "Barack Obama on Tuesday" → "Barack
    Obama"; "Velmora's harbor commissioner, Ilse Brandvold" → "Ilse Brandvold";
    "but now", "March 2", "FULL TEXT", "Rev" and "It may be" → ``None``.
    """
    phrase = re.sub(r"\s*\([^()]{0,40}\)", "", phrase)
    phrase = re.sub(r"\s+", " ", phrase).strip(' ,;:—–-‘’“”"')
    if not phrase or len(phrase) > 160:
        return None
    if phrase.lower() in PRONOUNS:
        return phrase.lower()
    segments = [segment.strip() for segment in phrase.split(",") if segment.strip()]
    while len(segments) > 1 and segments[0] in STOP | ADVERBS:
        segments.pop(0)  # "Perhaps, he said"
    if segments[0].lower() in PRONOUNS:
        return segments[0].lower()
    first = segments[0]
    words = first.split()
    # Cut a trailing time or place: "Barack Obama on Tuesday", "Ana Park in Seoul".
    for index, word in enumerate(words[1:], start=1):
        ended = words[index - 1][:1].isupper()  # "Ana Park of Cheyenne", not "master of …"
        rest = words[index + 1 :]
        # "Fight for $15 organizing director Kendall Fells": a role and a name follow.
        role_follows = (
            any(w[:1].islower() and w.lower() in TITLES for w in rest) and rest[-1][:1].isupper()
        )
        of_title = word == "of" and words[index - 1].lower() in TITLES  # "Secretary of State"
        # "Velmora Gov. and Harbor Board Chairman Ana Park": two titles of one person.
        of_title = of_title or (word == "and" and words[index - 1].lower() in TITLES)
        # "Mei Jun": a short month without its full stop is a date only before a number.
        short_month = re.fullmatch(r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)", word)
        timed = TIME_WORD.match(word) is not None
        if short_month and not (rest and rest[0][:1].isdigit()):
            timed = False
        if timed and all(w.lower() in DETERMINERS for w in words[:index]):
            timed = False  # "a Sunday editorial": the day modifies what speaks
        # "harbor chief Ana Park and port director Tom Reyk": two people, the first named.
        both = word == "and" and role_follows and _person_run(_capitalized_run(words[:index]))
        # "The veteran mayor said she …", "Park’s memo makes a case": a clause
        # after the subject, whatever the subject's case.
        clause = word in CLAUSE_VERBS
        if (
            (word.lower() in BOUNDARY and ended and (both or not role_follows) and not of_title)
            or timed
            or clause
        ):
            words = words[:index]
            break
    while words and (
        words[-1].lower() in AUXILIARY
        or (words[-1].endswith("ly") and words[-1].islower())
        or (len(words) > 1 and words[-1] in DANGLING)
    ):
        words.pop()
    if words and words[-1].lower() in COMPLEMENTED and len(words) > 1:
        words.pop()  # "one donor familiar", cut before its phrase: "one donor"
    if not words:
        return None
    first = " ".join(words)
    if _capital(words[-1]) and not re.search(r"[’']s?$", words[-1]):
        # The trailing run of capitalized words (titles included) is the name.
        index = len(words)
        while index > 0 and (_capital(words[index - 1]) or words[index - 1] in PARTICLES):
            index -= 1
        lead = words[:index]
        run = words[index:]
        owners = [at for at, word in enumerate(run[:-1]) if re.search(r"[’']s?$", word)]
        # "a smiling Reyk", "the Herald's night editor Ana Park", "the Green Party's Ana
        # Park": a name after the words that describe it, not a role ("a Velmora Democrat").
        tail = run[owners[-1] + 1 :] if owners else run
        named = (
            tail[-1].lower() not in TITLES | HEADS
            and kind_of(" ".join(tail)) == "person"
            and (len(tail) == 1 or _person_run(" ".join(tail)))
            # "the senator from Velmora", "one of the lawyers for Ana Park": the
            # name is in a phrase of the description, not what it describes.
            and not any(word.lower() in PREPOSITIONS | BOUNDARY | COMPLEMENTED for word in lead)
        )
        if lead and lead[0].lower() in DETERMINERS and index < len(words) and not named:
            candidate = first  # "another New Hampshire Republican": a description
        else:
            if owners and _person_run(" ".join(tail)):
                run = tail  # "The Post's Dana Milbank" is Dana Milbank
            # "Democratic National Committee Chairman Ed Rendell": from the last title on.
            titled = [
                position
                for position, word in enumerate(run[:-1])
                if (word.lower() in TITLES or word.lower() + "." in TITLES)
                and kind_of(" ".join(run[position + 1 :])) == "person"  # not "Foreign Ministry"
            ]
            candidate = " ".join(run[titled[-1] :] if titled else run)
    elif len(segments) > 1 and _name_like(segments[1]):
        candidate = segments[1]  # "Velmora's harbor commissioner, Ilse Brandvold,"
    else:
        candidate = first  # a description: "the senior adviser", "Ryan’s office"
    return candidate if _acceptable(candidate) else None


MODIFIER_WORD = re.compile(r"\w-[a-z]+(?:ed|ing)$|^(?:Pro|Anti|Non|Ex)-")
"""A capitalized word that modifies: "Velmora-backed", "Lumora-leaning", "Pro-Velmora"."""
PARTICLE_JOINED = re.compile(r"(?:al|el|ad|ash|bin|ibn|abu)-[A-Z]")
"""A name's particle joined to it: "al-Rashid"."""


def _capital(word: str) -> bool:
    """Whether a word is written as part of a name: "Park", "al-Rashid"."""
    return word[:1].isupper() or PARTICLE_JOINED.match(word) is not None


def _capitalized_run(words: list[str]) -> str:
    """The capitalized words that end ``words``: "chief Ana Park" → "Ana Park"."""
    index = len(words)
    while index > 0 and words[index - 1][:1].isupper():
        index -= 1
    return " ".join(words[index:])


ADVERBS = {
    "Perhaps", "Likewise", "Instead", "Indeed", "Moreover", "Ultimately", "Finally",
    "Later", "Earlier", "Separately", "Similarly", "Notably", "Regardless", "Otherwise",
    "Again", "Overall", "Clearly", "Obviously", "Apparently", "Certainly", "Sure", "Well",
    "Ever", "Further", "Furthermore", "Additionally", "Besides", "Specifically", "Initially",
    "Afterward", "Afterwards", "Recently", "Currently", "Previously", "Originally", "Thus",
    "Hence", "Therefore", "Accordingly", "Consequently", "Nonetheless", "Anyway", "Plus",
    "Hours", "Days", "Weeks", "Months", "Years", "Minutes", "Moments", "Decades", "Rather",
    "Still", "Now", "Yet", "Meanwhile", "Alas", "Incidentally", "Importantly",
}  # fmt: skip
SURNAMES = {"King", "Pope", "Bishop", "Major", "Judge", "Marshal", "Chancellor", "Rich"}
POSSESSIVES = {"his", "her", "their", "its", "our", "my"}
HEADS = PERSON_HEADS | ORGANIZATION_HEADS | GROUP_HEADS
ABBREVIATED = re.compile(r"(?:[A-Z][a-z]{0,3}|[A-Z])\.(?:[A-Z]\.)*")
"""A title or an initial that keeps its full stop: "Gov.", "J.", "U.S."."""
PARTICLES = {"de", "van", "von", "der", "da", "bin", "al", "el", "la", "le", "du"}


PLACED = re.compile(
    r"((?:[A-Z][\w’'.-]+\s+){1,3}[A-Z][\w’'-]+)\s+of\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'.-]*\s*)+(?:(?:of|for|and|on)\s+(?:the\s+)?(?:[A-Z][\w’'.-]*\s*)+)*$"
)


def _person_run(run: str) -> bool:
    """Whether a run of capitalized words ends in a person's name: "Gov. Ann Lee"."""
    _, name = split_title(run)
    words = name.split()
    return len(words) >= 2 and words[0] not in STOP and kind_of(name) == "person"


def _name_like(segment: str) -> bool:
    words = segment.split()
    return 1 <= len(words) <= 5 and all(word[:1].isupper() for word in words)


SHORT_MONTH_NAME = re.compile(r"(?:Jan|Jun|Jul)(?:\s+[A-Z][a-z]+)?")
""""Jun" alone or before a word is a name ("Jun wrote"), not a date; a date has a day."""


def _acceptable(candidate: str) -> bool:
    """A name, a role description or an organization: never a conjunction, a date or
    a clause."""
    words = candidate.split()
    if not words or len(words) > 9:
        return False
    if all(word.lower() in DETERMINERS | DANGLING for word in words):
        return False  # "a", "the": no one
    titled = words[0].lower() in TITLES or words[0].lower() + "." in TITLES
    leading = (words[0] in STOP or words[0] in ADVERBS) and not (
        words[0] == "Will" and len(words) > 1  # Will Doyle, not "Will he run?"
    )
    if leading and not titled and words[0] not in {"The", "A", "An", "One", "Another"}:
        return False
    if (TIME_WORD.match(candidate) and not SHORT_MONTH_NAME.fullmatch(candidate)) or (
        re.search(r"\d", candidate) and words[0] not in DETERMINERS
    ):
        return False  # "March 2", but "a 2008 Clinton veteran" is someone
    if candidate.isupper() and len(words) > 1:
        return False  # "FULL TEXT"
    if words[-1] not in SURNAMES and all(
        word.lower().rstrip(".") + "." in TITLES or word.lower() in TITLES for word in words
    ):
        return False  # a bare title: "Rev", "Sen" (but "Mr. King said" names someone)
    # "Will Dorn": "Will" before capitalized words only is a first name, not a modal.
    named_will = words[0] == "Will" and len(words) > 1 and all(w[:1].isupper() for w in words)
    lowered = {word.lower() for word in (words[1:] if named_will else words)}
    if lowered & {
        "is", "was", "are", "were", "may", "might", "be", "been", "cited", "will", "which",
        "that", "who", "whom", "had", "has", "have", "would",
    }:  # fmt: skip
        return False  # a clause: "It may be", "Reuters last Friday cited sources as"
    if candidate[:1].islower() and not (
        words[0] in DETERMINERS
        or words[0] in {"his", "her", "their", "its", "some", "many", "my", "our"}
        or words[-1].lower() in HEADS
    ):
        return False  # "after remaining neutral": a clause, not a description
    if candidate[:1].islower() and words[0] in PREPOSITIONS:
        return False  # "in a statement", "during an interview": where, not who
    return not (candidate[:1].islower() and words[0] in {"but", "and", "or", "so", "now"})


PREPOSITIONS = {
    "in", "on", "at", "during", "after", "before", "with", "from", "to", "for", "by", "via",
    "through", "about", "into", "over", "under", "without",
}  # fmt: skip


SENTENCE_BREAK = re.compile(
    r"(?<=[.!?])\s+(?=[A-Z“\"])(?<!Mr\. )(?<!Ms\. )(?<!Mrs\. )(?<!Dr\. )(?<!Sen\. )"
    r"(?<!Rep\. )(?<!Gov\. )(?<!Gen\. )(?<!Rev\. )(?<!Lt\. )(?<!Col\. )(?<!Sgt\. )"
    r"(?<!Capt\. )(?<!\b[A-Z]\. )|\s+[-—–]\s+"
)
"""Where a clause's last sentence begins: a stop and a capital, but not after "Sen." or
an initial ("Minnesota Sen. Al Franken" is one name), or at a dash."""


def _subject_phrase(clause: str) -> str:
    """The subject part of a clause that ends just before its verb."""
    clause = clause[clause.rfind("”") + 1 :] if "”" in clause else clause
    clause = SENTENCE_BREAK.split(clause)[-1]
    clause = re.sub(r"^[\s~•*·►>]+", "", clause)  # a list's bullet: "~ As Lumora put it,"
    # A clause before the subject: "As he left, Ana Park said" → "Ana Park".
    clause = re.split(
        r"(?:^|,\s*)(?:and|but|while|as|because|when|after|so)(?:\s+(?:then|later|also|now))?"
        r"\s+(?=[A-Z])",
        clause,
    )[-1]  # "The fishermen clap, and then Ana Park adds:" → "Ana Park".
    # Capitalized at the start of the sentence, with no comma after it, the whole clause
    # is subordinate: "As Ana Park said in May, “…”" (but "After X spoke, he said").
    opening = re.match(
        r"(?:As|Just as|While|When|After)\s+(?=[A-Z]|(?:one|a|an|the|another)\s)([^,]*)$", clause
    )
    if opening:
        clause = opening.group(1)  # "As one fisherman told a reporter, “…”"
        # "As the Lumora Post’s Ana Park wrote": the name the owner's outlet precedes.
        clause = re.sub(
            r"^(?:the|a|an)\s+(?=(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*[’']s\s+[A-Z])", "", clause
        )
    clause = re.sub(r",\s+(?:who|which|whose)\b[^,]*,", "", clause)
    # "…, even a senior port official said": the description, not the adverb before it.
    clause = re.sub(
        r"(?:^|(?<=,\s))(?:even|also|only|just)\s+(?=(?:a|an|the|one|another)\s)", "", clause
    )
    return clause.strip()


def _after(after: str, closed: bool = False) -> Attribution | None:
    """Attribution that follows the quotation.

    ``closed``: the quotation ended its own sentence ("…today.”"), so a name and a verb
    after it that go on to report something else ("Ann Lee said that …") start a new
    sentence rather than attribute this one.
    """
    lead = LEAD.match(after)
    body = after[lead.end() if lead else 0 :]
    dash = DASH.match(after)
    if dash and (who := clean_speaker(re.split(r"(?<=[a-z]{2})\.\s", dash.group("who"))[0])):
        return Attribution(who, "", "", "dash", 0.7)  # "“…” - Bernie Sanders."
    verb = VERB.search(body, 0, 160) or HEADLINE_VERB.search(body, 0, 80)
    quoted = QUOTED_AS.match(body, 0, verb.end()) if verb is not None else None
    if quoted is not None and (who := clean_speaker(quoted.group("who"))):
        return Attribution(who, "is quoted as saying", "", "after-subject", 0.8)
    if verb is None or verb.group(0) in PARTICIPLES:
        return None  # "…,” adding …: the sentence's subject, found before the quote
    head = body[: verb.start()]
    if head.rstrip().endswith(",") and head[:1].islower() and verb.start() > 0:
        # "“…” if she loses, said David Wasserman": the quoted sentence runs on first.
        late = _after(" " + body[verb.start() :])
        if late is not None and late.rule == "after-verb":
            return late
    if verb.start() == 0:
        # "said Ana Park, the mayor." / "said one senior official"
        tail = body[verb.end() :]
        words: list[str] = []
        appositive = ""
        for match in re.finditer(r"\S+", tail[:200]):
            word = match.group(0)
            bare = word.rstrip(",;:!?")
            if bare.endswith(".") and not ABBREVIATED.fullmatch(bare):
                bare = bare[:-1]
            if words and (bare.lower() in BOUNDARY or TIME_WORD.match(bare)):
                if words[-1].lower() in COMPLEMENTED and bare.lower() in COMPLEMENT_WORDS:
                    # "said an aide close to the board": the phrase is the description.
                    words.append(bare)
                    continue
                if TIME_WORD.match(bare) and all(w.lower() in DETERMINERS for w in words):
                    words.append(bare)  # "reads a Sunday editorial": no date, a modifier
                    continue
                if bare == "and" and words[-1].lower() in TITLES and words[0][:1].islower():
                    # "said former Velmora Gov. and Harbor Board Chairman Ana Park"
                    words.append(bare)
                    continue
                if bare.lower() == "of" and words[-1][:1].isupper():
                    break
                if bare.lower() != "of":
                    break
            words.append(bare)
            if word != bare and not re.fullmatch(r"(?:[A-Z][a-z]{0,3}|[A-Z]\.)+\.", word):
                if word.endswith(","):
                    appositive = tail[match.end() :].split(".")[0]
                break
            if len(words) >= 12:
                break
        who = clean_speaker(" ".join(words))
        named = appositive.split(",")[0].strip()
        described = who is not None and who.split()[-1][:1].islower()
        if (
            described
            and named.split()[:1]
            and named.split()[0] in ROLE_WORDS
            and (cleaned := clean_speaker(named))
            and _person_run(cleaned)
        ):
            named = cleaned  # "…'s host, actress Ana Park": the name after the role
        if described and _name_like(named) and _acceptable(named):
            # "said Halvard’s deputy harbor master, Ines Tollund, who …"
            who, appositive = named, " ".join(words)
        if who is None:
            return None
        return Attribution(who, verb.group(0), _appositive(appositive), "after-verb", 0.9)
    if len(head.split()) > 14 and "\n" not in head:
        # "…,” Ana Park, the director at a center that also made the film, told us."
        signed = re.match(r"([A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){1,3}),\s+(?:the|a|an)\s", head)
        if signed and _person_run(signed.group(1)) and head.rstrip().endswith(","):
            who = clean_speaker(signed.group(1))
            if who is not None:
                return Attribution(who, verb.group(0), "", "after-subject", 0.8)
    if "“" in head or '"' in head or len(head.split()) > 14 or "\n" in head:
        return None
    if re.search(r"[.!?]\s+[A-Z]", head) and not re.search(
        r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Rev|Lt|Col|St|Jr|Sr|[A-Z])\.\s+[A-Z]", head
    ):
        return None  # a sentence in between
    # "…,” Ana Park and Tom Reyk, both Liberals, said": what they both are names nobody.
    head = QUANTIFIED_APPOSITION.sub(", ", head)
    segments = [segment for segment in head.split(",") if segment.strip()]
    appositive = ",".join(segments[1:]) if len(segments) > 2 else ""
    opening = head.split()[0] if head.split() else ""
    continues = opening[:1].islower() and opening not in DETERMINERS | POSSESSIVES
    if len(segments) > 1 and segments[-1].strip().lower() in PRONOUNS:
        who = segments[-1].strip().lower()  # "The north quay, he said, is …"
    else:
        who = None if continues and len(segments) > 1 else clean_speaker(head)
        if who is None and head.strip() == "Will" and verb.group(0).endswith(("d", "s", "te")):
            who = "Will"  # "…,” Will wrote.": a modal takes no past verb, so it is a name
    if closed and INTRODUCES.fullmatch(body, verb.end()):
        return None  # “…done.” Of the pier, Lee, who …, said, “…”: the next one's cue
    if who is None and len(segments) > 1:
        # "“…” would be fair, ferry board candidate Oda Brekke said"
        who = clean_speaker(segments[-1])
        if who is not None and who not in PRONOUNS:
            return Attribution(who, verb.group(0), "", "after-late", 0.6)
    if who is None:
        return None
    if closed and REPORTS_ON.match(body, verb.end()):
        return None  # “…done.” Ann Lee said she would run: a new sentence
    cue = verb.group(0) + _cue_tail(body[verb.end() :])
    return Attribution(who, cue, _appositive(appositive), "after-subject", 0.9)


QUANTIFIED_APPOSITION = re.compile(r",\s+(?:both|all|each|neither)\s+[^,]{1,40},\s*$")
"""A trailing apposition of several people: ", both Liberals," """


INNER_CLOSE = re.compile(r"[,?!][”\"“][^\S\n]+(?=\S)")
"""Inside a quotation, a mark after a comma that closes a quoted sentence the marks of
another kind left open (“It is late," she said. "We go.”)."""


ACCORDING_AFTER = re.compile(r"[^.!?“”\"\n]{0,160}?,\s+according to\s+(?P<who>[^,.;:“”\"\n]{2,80})")
"""A cue after the quotation that a report carries: "…,” Ana Park said, according to the
Lumora Herald." """


def _according_source(after: str, attribution: Attribution | None) -> Attribution | None:
    """“…,” X said, according to Y: the words are still X's, and the cue records the
    report they reach the story through ("said, according to the Lumora Herald"), which
    is what a reader checking the quote goes back to.

    PolNeAR files such quotes under Y; they stay X's here, because Y never said them
    and a quote browser keyed by speaker would put them in Y's mouth."""
    if attribution is None or attribution.rule not in ("after-subject", "after-verb"):
        return attribution
    according = ACCORDING_AFTER.match(after)
    # clean_speaker gives a pronoun in lower case: "according to him" names no report.
    who = clean_speaker(according.group("who")) if according else None
    if attribution.who is None or who is None or who in PRONOUNS:
        return attribution
    cue = f"{attribution.cue}, according to {who}".lstrip(", ")
    return replace(attribution, cue=cue)


def _inner_cue(words: str) -> Attribution | None:
    """The cue between two quoted sentences inside one pair of marks, where a mark of the
    other kind closed and reopened the quotation (“It is late," Ana Park said. "We go.”):
    whoever that cue names said the whole quotation."""
    for number, close in enumerate(INNER_CLOSE.finditer(words, 0, min(len(words), 4000))):
        if number >= 8:
            break  # a bounded look: real quotations hold one or two such cues
        between = re.split(r"[“”\"]", words[close.end() : close.end() + 200], maxsplit=1)[0]
        attribution = _after(" " + between)
        if attribution is not None and attribution.rule in ("after-subject", "after-verb"):
            return Attribution(
                attribution.who, attribution.cue, attribution.apposition, "inner-cue", 0.8
            )
    return None


def _dash_below(text: str, below: tuple[int, int]) -> Attribution | None:
    """A quotation standing alone, signed on the line below: "“…”" then "- Ana Park.".

    Only a short signature line counts (a name, then a comma, a full stop or the end),
    so a bulleted list ("- Park wants more") under a quotation signs nothing.
    """
    line = text[below[0] : min(below[1], below[0] + 160)]
    dash = DASH.match(line)
    if dash is None or not re.match(r"\s*(?:[,.]|$)", line[dash.end() :]):
        return None
    who = clean_speaker(dash.group("who"))
    return Attribution(who, "", "", "dash-below", 0.65) if who else None


def _appositive(text: str) -> str:
    text = text.strip(" ,")
    return f", {text}," if text else ""


PASSIVE_AGENT = re.compile(r"\s+by\s+(?P<who>[^,“”\"]{2,80})(?:,[^“”\"]{0,160})?,\s*$")
"""The agent of a passive question just before a quotation: "was asked by X, “…”"."""


MODIFIED_BEFORE = re.compile(
    rf"(?:\b(?:the|a|an|his|her|their|its|our|this|that|any|no)|\b(?:{SPEECH_VERBS}),)[^\S\n]+$"
)
NOUN_AFTER = re.compile(
    r"[^\S\n]+(?!(?:to|that|by|on|in|at|with|for|of|as|and|but|or|he|she|they|it|we|i|you|"
    r"the|a|an|his|her|their|its|our|this|me|him|them|us|later|again|then|also)\b)[a-z]"
)


BEGAN_CUE = re.compile(r"[^\S\n]*(?:(?:[,:]|to)?[^\S\n]*$|by\b|with\b)")
"""What follows "began" or "pledged" when it introduces a quotation: "began:", "began by
saying", "pledged to “…”"."""


def _adjectival(before: str, verb: re.Match[str]) -> bool:
    """A past participle that qualifies a noun, not a speech verb: "the continued
    support", "he said, continued delays will …", "the reported deal"."""
    return (
        verb.group(0).endswith("ed")
        and MODIFIED_BEFORE.search(before, max(0, verb.start() - 30), verb.start()) is not None
        and NOUN_AFTER.match(before, verb.end()) is not None
    )


def _before(before: str, sentence: str) -> Attribution | None:
    """Attribution earlier in the sentence than the quotation."""
    words = IN_WORDS.search(before[-100:])
    if words and (who := clean_speaker(words.group("of") or words.group("own"))):
        return Attribution(who, "in the words of", "", "in-words", 0.8)  # in Ana Park’s words, “…”
    opening = OPENING_VERB.search(before)
    if opening and (who := clean_speaker(opening.group("who"))):
        return Attribution(who, opening.group("verb").lower(), "", "after-verb", 0.85)
    # Only the verbs after the last quotation mark can introduce this quotation (a
    # verb before it belongs to the quotation before); a run of short quotations
    # ('1"1"1"…') then costs a look at a few characters each, not the whole window.
    mark = max(before.rfind("“"), before.rfind("”"), before.rfind('"'))
    verbs = [
        verb
        for verb in VERB.finditer(before, mark + 1)
        # "… if asked.", "when asked about the pier": a clause with no subject of its own.
        if not ELLIPTICAL.search(before, max(0, verb.start() - 8), verb.start())
        and not _adjectival(before, verb)
        # "… before the race began, may reconsider", "delegates pledged to Voss": these
        # speak only as the cue itself ("began:", "pledged, “…”").
        and not (verb.group(0) in ("began", "pledged") and not BEGAN_CUE.match(before, verb.end()))
    ]
    if verbs:
        verb = verbs[-1]
        cue = verb.group(0)
        if cue in PARTICIPLES:
            actor = next(reversed(list(WITH_ACTOR.finditer(before))), None)  # the last one
            if (
                actor is not None
                and actor.group("verb") in PARTICIPLES
                and not any(
                    v.start() >= actor.end() and v.group(0) not in PARTICIPLES for v in verbs
                )
                and (who := clean_speaker(actor.group("who")))
            ):
                # "…, with Tom Reyk adding, “…”": the participle has its own subject.
                return Attribution(who, cue, "", "with-participle", 0.65)
            earlier = [v for v in verbs[:-1] if v.group(0) not in PARTICIPLES]
            if earlier:
                verb = earlier[-1]  # "X told reporters …, adding": X said it
            clause = before[: verb.start()] if earlier else before[: verbs[-1].start()]
            if not earlier:
                who = _clause_subject(_subject_phrase(clause))
                if who is None and ("”" in clause or '"' in clause):
                    # "Ana Park mocked the “experts,” saying": a scare quote in between.
                    who = _clause_subject(re.split(r"[“\"]", clause, maxsplit=1)[0])
                return Attribution(who, cue, "", "participle", 0.7) if who else None
            if COORDINATED.search(clause[-12:]):
                # "The spokesman would not name anyone but said …, adding:": the subject
                # of the clause the speech verb is joined to.
                joined = _clause_subject(_subject_phrase(COORDINATED.sub("", clause).rstrip(" ,")))
                if joined is not None:
                    return Attribution(joined, cue, "", "before-coordinated", 0.7)
            who = _who_before(clause)
            return Attribution(who, cue, "", "before-verb", 0.75) if who else None
        agent = PASSIVE_AGENT.match(before, verb.end())
        if (
            agent is not None
            and cue in ("asked", "questioned", "pressed", "told")
            and re.search(
                r"\b(?:was|were|is|being)\s+$", before[max(0, verb.start() - 8) : verb.start()]
            )
            and (who := clean_speaker(agent.group("who")))
            and who not in PRONOUNS
        ):
            # "Ana Park was asked by host Ben Voss, “…”": the one who asks speaks.
            return Attribution(who, f"{cue} by", "", "passive-agent", 0.7)
        inverted = INVERTED.fullmatch(before, verb.end())
        opener = before[: verb.start()].strip(" ,")
        if (
            inverted
            and (
                before[: verb.start()].rstrip().endswith(("”", '"'))
                # "But, said Ana Park, “…”": only a conjunction or an adverb before the verb.
                or (opener in STOP | ADVERBS and before[: verb.start()].rstrip().endswith(","))
            )
        ):
            # "“…,” said Ana Park, the mayor, “…”": the speaker follows the verb.
            who = clean_speaker(inverted.group("who"))
            if who is not None:
                return Attribution(who, cue, "", "after-verb", 0.85)
        clause = before[: verb.start()]
        coordinated = COORDINATED.search(clause[-12:])
        earlier = [v for v in verbs[:-1] if v.group(0) not in PARTICIPLES]
        if earlier and "," in before[earlier[-1].end() : verb.start()]:
            earlier = []  # "When the band began to play, Park … and joked": another clause
        if coordinated and earlier:
            # "Suu Kyi said it was too early but added, “…”": the first verb's subject.
            clause = before[: earlier[-1].start()]
        elif coordinated:
            # "He chose Ana Park over Voss and said, “…”": the subject of the clause the
            # verb is joined to, not the object just before "and".
            joined = _clause_subject(_subject_phrase(COORDINATED.sub("", clause).rstrip(" ,")))
            if joined is not None:
                cue += _cue_tail(before[verb.end() :])
                return Attribution(joined, cue, "", "before-coordinated", 0.7)
        who = _who_before(clause)
        if who is not None:
            return Attribution(who, cue + _cue_tail(before[verb.end() :]), "", "before-verb", 0.8)
        lead = re.sub(
            r"\s+(?:went on|goes on|go on|continued|began|would|will|could|[a-z]+ed)\s+to\s*$",
            "",
            clause,
        )
        if COORDINATED.search(lead[-12:]):
            # "Ana Park did not name her rivals, but told her supporters, “…”": the verb
            # shares the subject of the clause before the conjunction.
            who = _clause_subject(_subject_phrase(COORDINATED.sub("", lead).rstrip(" ,")))
            if who is not None:
                cue += _cue_tail(before[verb.end() :])
                return Attribution(who, cue, "", "before-coordinated", 0.7)
    headline = HEADLINE_BEFORE.search(before[-80:])
    if headline and (who := clean_speaker(headline.group("who"))):
        return Attribution(who, headline.group("verb").lower(), "", "headline", 0.7)
    stripped = before.rstrip()
    if stripped.endswith(":"):
        source = FROM_SOURCE.search(stripped, max(0, len(stripped) - 80))
        if source and (who := clean_speaker(source.group("who"))) and who not in PRONOUNS:
            # "From the survey: “…”", "More from Ana Park: “…”": where the words come from.
            return Attribution(who, "from", "", "colon-from", 0.6)
        clause = _subject_phrase(stripped[:-1])
        possessive = re.match(
            r"^(.*?)[’']s\s+(?:response|reply|answer|statement|message|tweet)", clause
        )
        if possessive:
            clause = possessive.group(1)
        clause = re.sub(r"\s+(?:" + "|".join(AUXILIARY) + r")$", "", clause)
        acting = COLON_ACTOR.match(clause.split(",")[-1].strip())
        if acting and (who := clean_speaker(acting.group("who"))) and who not in PRONOUNS:
            # "Ana Park delivered a sharp reply:", "Reyk resisted:": the name, not the clause.
            return Attribution(who, "", "", "colon-verb", 0.7)
        if 1 <= len(clause.split()) <= 8:
            who = clean_speaker(clause)
            if who is not None:
                return Attribution(who, "", "", "colon", 0.7)
    report = REPORT.search(before)
    if report:
        return Attribution(report.group(0).split()[1] + " report", "report", "", "report", 0.5)
    according = ACCORDING.search(sentence)
    if according:
        who = clean_speaker(according.group("who"))
        if who is not None:
            return Attribution(who, "according to", "", "according-to", 0.8)
    return None


ROLE_WORDS = TITLES | PERSON_HEADS | {"hopeful", "front-runner", "frontrunner"}
"""Lowercase words of a role that may stand between capitalized words and a name."""
PREPOSITION_OPENERS = {
    "In", "On", "At", "During", "After", "Before", "From", "With", "By", "For", "Under",
    "Through", "Throughout", "Since", "Until", "Despite", "Amid", "Following", "Like",
    "Unlike", "Regarding", "Over", "Among", "Against", "About", "Within", "Without", "Upon",
    "Toward", "Across", "Beyond", "Behind", "Inside", "Outside", "Via", "Along", "Alongside",
    "Beside", "Near",
}  # fmt: skip
"""Words that open a prepositional phrase before a sentence's subject."""
TIME_SEGMENT = re.compile(r"\s*(?:\S+\s+){0,3}(?:ago|earlier|later)\s*$")
"""A comma's stretch that only says when: "Two years ago", "Two days later"."""


def _clause_subject(clause: str) -> str | None:
    """The subject a participle ("…, saying") hangs on: the first name or description
    that opens one of the clause's comma-separated parts ("On Thursday, Warren …")."""
    segments = clause.split(",")
    for at, segment in enumerate(segments):
        if TIME_SEGMENT.match(segment):
            continue  # "Two years ago, he …": when, not who
        words = segment.split()
        if words and words[0] in PREPOSITION_OPENERS and at + 1 < len(segments):
            continue  # "On Velmora’s radio hour a week before, she …": where, not who
        if (
            at
            and len(words) == 1
            and (ABBREVIATED.fullmatch(words[0]) or words[0].lower() in PLACES)
        ):
            continue  # "… in Portmore, Velm., the engineer …": the state of a place
        if (
            len(words) >= 2
            and words[-1] in ROLE_WORDS
            and at + 1 < len(segments)
            and _name_like(segments[at + 1].strip())
            and (named := clean_speaker(segments[at + 1]))
        ):
            return named  # "Reyk’s field director, Ana Park, contacted …"
        if words and words[0].lower() in {"he", "she", "they", "it"}:
            return words[0].lower()  # "He then praised the crew, saying, “…”"
        while words and (
            (words[0] in STOP and words[0] not in {"The", "A", "An"})
            or (words[0] in {"then", "also", "later", "now", "again", "still"} and len(words) > 1)
        ):
            words.pop(0)  # "And then Ana Park …"
        if not words:
            continue
        if words[0] in {"The", "A", "An"} or (at and words[0] in {"the", "a", "an"}):
            # "The U.S. president has …": the description up to its verb.
            run: list[str] = []
            for word in words[:7]:
                if word.lower() in AUXILIARY or word.lower() in {"is", "was", "are", "were"}:
                    break
                if len(run) > 1 and word.endswith("ed") and word.islower():
                    break  # "The board agreed" (but "The retired judge" is one person)
                run.append(word)
            who = clean_speaker(" ".join(run))
            if who:
                return who
            continue
        if words[0][:1].isupper():
            run = [words[0]]
            for position, word in enumerate(words[1:], start=1):
                # "Velmora Harbor hopeful Sen. Ben Voss": a role runs into the name.
                role = (
                    word in ROLE_WORDS
                    and words[position + 1 : position + 2] != []
                    and words[position + 1][:1].isupper()
                )
                if not (word[:1].isupper() or word in PARTICLES or role):
                    break
                run.append(word)
            who = clean_speaker(" ".join(run))
            if who and not TIME_WORD.match(who):
                return who
        pronoun = re.match(r"(he|she|they|it)\b", " ".join(words), re.IGNORECASE)
        if pronoun:
            return pronoun.group(1).lower()
    return None


def _who_before(clause: str) -> str | None:
    """The speaker named before a speech verb: ``James DeHart, said`` → James DeHart."""
    phrase = _subject_phrase(clause)
    phrase = re.sub(r",\s+who\s*$", "", phrase)  # "…, Gov. Ana Park, who called it “…”"
    phrase = re.sub(r",\s+(?:a|an|the|one of|both)\b[^,]*,\s*$", "", phrase)
    phrase = re.sub(r",\s*\d+,?\s*$", "", phrase)  # "Trump, 70,"
    phrase = re.sub(r"\s*\([^()]{0,40}\)", "", phrase)  # "(D-Mo.)"
    phrase = re.sub(
        r"\s+(?:went on|goes on|go on|continued|began|tried|wanted|decided|was quick|"
        r"were quick|would|will|could|took the opportunity|[a-z]+ed)\s+to\s*$",
        "",
        phrase,
    )
    placed = PLACED.search(phrase)
    if placed and _person_run(placed.group(1)):
        phrase = phrase[: placed.end(1)]  # "Archbishop Aris Shirvanian of the Patriarchate"
    segments = [segment.strip() for segment in phrase.split(",") if segment.strip()]
    last = segments[-1] if segments else ""
    if (
        len(segments) >= 2
        # An aside follows a name or is closed by a comma: not "As Reyk spoke, the crowd".
        and (phrase.rstrip().endswith(",") or _name_like(segments[0]))
        and not re.match(r"(?:and|but|or|so|then|while|as|when)\b", last)
        and (
            re.match(r"^(?:[RDI]-|\d)", last)
            or re.match(r"[a-z]+ing\b", last)  # "Fiorina, speaking to Iowans, said"
            or (
                (last[:1].islower() or re.match(r"^[A-Z][\w.-]*[’']s?\s", last))
                and (last.split()[-1][:1].islower() or re.search(r"\b(?:of|at|for|with)\b", last))
            )
        )
    ):
        # "Tad Devine, Sanders's chief strategist," / "Sen. Ron Johnson, R-Wis.,"
        first = clean_speaker(segments[0])
        if first is not None and first[:1].isupper() and first not in PRONOUNS:
            return first
    words = phrase.split()
    while words and words[-1].lower().strip(",") in AUXILIARY:
        words.pop()
    phrase = " ".join(words).strip(" ,")
    pronoun = re.search(r"\b(he|she|they|it|I|we)(?:[’']s|[’']d)?$", phrase, re.IGNORECASE)
    if pronoun:
        return pronoun.group(1).lower()
    if (
        re.match(r"(?i)(?:the|a|an|one|another)\s", phrase)
        and len(words) <= 6
        and phrase[-1:].islower()
    ):
        return clean_speaker(phrase)  # "The U.S. president", "a senior official"
    described = phrase.rsplit(",", 1)[-1].strip()
    if (
        "," in phrase
        and re.match(r"(?:the|a|an|one|another)\s", described)
        and len(described.split()) <= 6
        and described[-1:].islower()
        and (who := clean_speaker(described))
    ):
        return who  # "After the storm, a senior port official said"
    names = [
        match
        for match in NAME.finditer(phrase)
        if match.group(0).split()[0] not in STOP or len(match.group(0).split()) > 1
    ]
    if names and len(phrase[names[-1].end() :].split()) <= 1:
        # The name right before the verb, with any lowercase title before it.
        return clean_speaker(names[-1].group(0).removeprefix("The ").removeprefix("A "))
    segment = re.split(r"[,;:]\s+|\s+(?:that|and|but|while|as|when)\s+", phrase)[-1]
    if 1 <= len(segment.split()) <= 6:
        return clean_speaker(segment)
    return clean_speaker(names[-1].group(0)) if names else None


def _cue_tail(text: str) -> str:
    """Words that complete a cue: "told" + " reporters in Seoul"."""
    tail = re.match(
        r"^\s+((?:in a statement|at a briefing|a briefing|reporters|in an interview"
        r"|on Twitter|to reporters)(?:\s+in\s+[A-Z]\w+)?)",
        text,
    )
    return f" {tail.group(1)}" if tail else ""


def _show_name(words: str, before: str, after: str = "") -> bool:
    """A programme, a book or a podcast named after an owner or a preposition: on ABC’s
    “This Week.”, in an interview with “Harbor Hours.”, told KVLM’s “Dawn”; after the
    kind of work it is (her memoir, “Low Tide.”); or before its star (“Low Tide” star
    Ana Park). A full stop or a comma inside the closing mark is American punctuation,
    not the end of a sentence."""
    bare = words.rstrip(".,")
    if (_looks_like_title(bare) or _title_case(bare)) and (
        WORK_BEFORE.search(before) is not None or WORK_AFTER.match(after) is not None
    ):
        return True
    if NAMED_BEFORE.search(before) is None:
        return False
    if _looks_like_title(bare):
        return True
    # One capitalized word after an outlet's possessive: NBC’s “Today”.
    return bool(re.fullmatch(r"[A-Z][\w’'-]+", bare)) and MEDIA_OWNER.search(before) is not None


TITLE_SMALL = {"a", "an", "the", "is", "of", "and", "or", "in", "on", "to", "for", "with", "at"}
"""Words a title in title case leaves lowercase: “Orange Is the New Black”."""


def _title_case(words: str) -> bool:
    """Every word capitalized but the small ones, the first and last capitalized."""
    tokens = words.split()
    return (
        2 <= len(tokens) <= 10
        and tokens[0][:1].isupper()
        and tokens[-1][:1].isupper()
        and all(token[:1].isupper() or token in TITLE_SMALL for token in tokens)
    )


def _looks_like_title(words: str) -> bool:
    """“Make America Great Again”, “The Apprentice”: capitalized words, no sentence."""
    tokens = words.split()
    if not tokens or len(tokens) > 10 or words.rstrip()[-1:] in ".?!,":
        return False
    capitals = sum(token[:1].isupper() or not token[:1].isalpha() for token in tokens)
    return capitals >= max(2, len(tokens) - 1) if len(tokens) > 1 else False


class People:
    """Person mentions outside quotations, in text order, for pronouns and subjects."""

    def __init__(
        self,
        text: str,
        registry: Registry,
        quoted: list[tuple[int, int]],
        sentences: list[tuple[int, int]],
    ) -> None:
        self.text = text
        self.offsets: list[int] = []
        self.entities: list[Entity] = []
        self.speaking: list[bool] = []
        """Whether a speech verb follows the mention: "…, Stovall said." """
        self.owned: list[bool] = []
        """Whether the mention is an owner inside its sentence: "… praised Reyk’s plan"."""
        self.governed: list[bool] = []
        """Whether a preposition governs the mention ("like Reyk", "with Voss"): then it
        is no subject of its sentence."""
        self.shared: list[list[Entity]] = []
        """For a lone surname two people share, the one of them named in full last (else
        nothing): a pronoun takes it only when its gender is known to fit."""
        self.sentences = sentences
        named: dict[int, int] = {}
        """Where each person was last named in full."""
        starts = [start for start, _ in quoted]
        self.pronouns: dict[str, tuple[list[int], list[bool]]] = {"he": ([], []), "she": ([], [])}
        """Where "he" and "she" stand outside quotations, and whether each is a
        parenthetical "…, he said," (then the whole sentence is what he reports)."""
        for match in PRONOUN.finditer(text):
            index = bisect.bisect_right(starts, match.start()) - 1
            if index >= 0 and quoted[index][0] <= match.start() < quoted[index][1]:
                continue
            offsets, asides = self.pronouns[match.group(0).lower()]
            offsets.append(match.start())
            asides.append(
                text.endswith(",", 0, max(0, match.start() - 1))
                and PARENTHETICAL.match(text, match.end()) is not None
            )
        placed = {match.group(1) for match in PLACED_NAME.finditer(text)}
        """One-word names the text puts after "in", "to", "from": places, not people."""
        for offset, found in name_mentions(text):
            index = bisect.bisect_right(starts, offset) - 1
            if index >= 0 and quoted[index][0] <= offset < quoted[index][1]:
                continue  # a name inside a quotation is no antecedent
            opens = OPENS.search(text, max(0, offset - 4), offset) is not None
            if offset > 1 and text[offset - 1] == "-" and text[offset - 2].isalpha():
                continue  # "the anti-Reyk vote": a modifier, nobody "he" means
            while " " in found and (found.split(" ", 1)[0] in STOP or found[:1].islower()):
                cut = found.index(" ") + 1  # "But Bryant said": the name is "Bryant"
                found, offset = found[cut:], offset + cut
            owner = OWNER.match(found)
            if (
                owner
                and len(found[owner.end() :].split()) >= 2
                and kind_of(owner.group(0)) == "media"
            ):
                found, offset = found[owner.end() :], offset + owner.end()  # "NBC’s Ana Park"
            mention = re.sub(r"[’']s$", "", found).rstrip(".,")
            title, name = split_title(mention)
            words = name.split()
            if not words or words[0] in STOP or " and " in mention or name.lower() in PLACES:
                continue  # "Lowe and Diaz" are two people, neither of them "he"
            if any(MODIFIER_WORD.search(word) for word in words):
                continue  # "the Velmora-backed Islamic cleric": a description, no name
            registry.position = offset
            # "President Lowe", "Sen. Reyk": a title that only a person has makes one.
            personal = bool(title) and title.split()[-1].lower() in PERSON_HEADS | SPELLED.keys()
            known = len(words) >= 2 or personal or bool(title_gender(title))
            known = known or bool(gender_of_first_name(name))
            entity = registry.resolve(mention, create=known)
            if (
                entity is None
                and not title
                and not registry.named_in_full(name)
                and _lone_subject(text, offset, found, name, opens, placed)
            ):
                # "Voss readily conceded …": a surname the text never gives in full, as the
                # subject of its sentence, may be the person a later "he" or "she" means
                # (it stays an outfit, "Lumora", until a pronoun says otherwise).
                entity = registry.resolve(mention)
                if entity is not None and entity.rule == "short-name":
                    entity.rule = "lone-subject"
            shared = registry.sharing(name) if entity is None and len(words) == 1 else []
            if shared:
                # "Lowe" after Ana Lowe and Ben Lowe: the one named in full last.
                entity = max(shared, key=lambda e: named.get(id(e), -1))
                shared = [entity] if id(entity) in named else []
                entity = entity if shared else None
            elif entity is not None and len(words) >= 2:
                named[id(entity)] = offset
            if entity is None or (entity.kind != "person" and entity.rule != "lone-subject"):
                continue
            # "Reyk’s continued silence": after an owner's ’s the verb is a noun's modifier.
            owned = found.endswith(("’s", "'s"))
            speaking = (not owned and SPEAKING.match(text, offset + len(found)) is not None) or (
                SPOKEN_BEFORE.search(text, max(0, offset - 40), offset) is not None
                # "…, said Reyk." speaks; in "…, said Reyk won" Reyk is what was said
                and SPOKEN_ENDS.match(text, offset + len(found)) is not None
            )
            if (
                entity.gender is None
                and not entity.titles
                and PLACE_BEFORE.search(text, max(0, offset - 16), offset)
            ):
                continue  # "in North Carolina", "Islamic State": not known to be anyone
            self.offsets.append(offset)
            self.entities.append(entity)
            self.shared.append(shared)
            self.speaking.append(speaking)
            # "Reyk’s plan failed, and he …" opens on its owner: that one is its topic.
            self.owned.append(owned and not opens)
            role = ROLE_AFTER.match(text, offset + len(found))
            # "As for Reyk, he said …": the topic the sentence turns to is its subject.
            topic = TOPIC_BEFORE.search(text, max(0, offset - 12), offset) is not None
            self.governed.append(
                (not topic and GOVERNED.search(text, max(0, offset - 24), offset) is not None)
                # "the Velmora senator", "a Lumora Republican": a modifier
                or ARTICLE_BEFORE.search(text, max(0, offset - 6), offset) is not None
                # "Vale adviser Anders Briggs": the adviser is the subject
                or (role is not None and role.group(1).split()[0] in TITLES | HEADS)
                # "… praised Reyk’s speech": an owner inside the sentence is not what it
                # is about (but "Reyk’s plan failed, and he …" opens on its topic)
                or (
                    found.endswith(("’s", "'s"))
                    and not speaking
                    and not OPENS.search(text, max(0, offset - 4), offset)
                )
            )
        registry.position = len(text)

    def is_subject(self, index: int) -> bool:
        """Whether mention ``index`` is what its sentence is about: it speaks, or it is
        the first person named there that no preposition governs."""
        if self.speaking[index]:
            return True
        if self.governed[index]:
            return False
        start, _ = sentence_at(self.sentences, self.offsets[index])
        first = bisect.bisect_left(self.offsets, start)
        return not any(not self.governed[other] for other in range(first, index))

    def _sentence_index(self, offset: int) -> int:
        return bisect.bisect_right(self.sentences, (offset, float("inf"))) - 1

    def subject(
        self,
        start: int,
        end: int,
        gender: str | None = None,
        cut: int | None = None,
        free: bool = False,
        owners: bool = True,
    ) -> Entity | None:
        """The person a stretch of text is about: one named before a speech verb,
        else the first named (of ``gender`` when given); past ``cut``, only one who
        speaks; with ``free``, never one a preposition governs; without ``owners``,
        never one named as an owner ("Reyk’s plan")."""
        lo = bisect.bisect_left(self.offsets, start)
        hi = bisect.bisect_left(self.offsets, end)
        candidates = [
            index
            for index in range(lo, hi)
            if (person := self.person(index, gender)) is not None
            and (gender is None or person.gender in (gender, None))
            and (cut is None or self.offsets[index] < cut or self.speaking[index])
            and (owners or not self.owned[index])
        ]
        if not candidates:
            return None
        speaking = [index for index in candidates if self.speaking[index]]
        if speaking:
            chosen = speaking[-1]
            first = next((index for index in candidates if not self.governed[index]), None)
            if (
                first is not None
                and first < chosen
                and (
                    REPORTED_THAT.search(
                        self.text, max(0, self.offsets[chosen] - 30), self.offsets[chosen]
                    )
                    or SUBORDINATE.search(
                        self.text, max(0, self.offsets[chosen] - 30), self.offsets[chosen]
                    )
                )
            ):
                # "Reyk attacked the weekly, arguing that its Ana Park had claimed …", "Reyk
                # did not sound sure when Tasker asked …": who speaks inside what the
                # subject says, or in a clause of its sentence, is not its subject.
                return self.person(first, gender)
            return self.person(chosen, gender)
        ungoverned = [index for index in candidates if not self.governed[index]]
        if free and not ungoverned:
            return None  # "… far from Sioux City.": a place or an object, not its subject
        return self.person((ungoverned or candidates)[0], gender)

    def person(self, index: int, gender: str | None) -> Entity | None:
        """Who mention ``index`` is, for a pronoun of ``gender``: a lone surname two
        people share is the one named in full last, if that one's gender is known to fit
        (else nobody)."""
        shared = self.shared[index]
        if not shared:
            return self.entities[index]
        fits = [entity for entity in shared if gender is not None and entity.gender == gender]
        return fits[0] if len(fits) == 1 else None

    def antecedent(self, pronoun: str, offset: int) -> Entity | None:
        """The person "he" or "she" at ``offset`` most likely refers to.

        Sentence by sentence backwards (at most five): the subject of the nearest
        sentence with a person of that gender. A sentence that itself opens with the
        same pronoun is about the same person, so the search goes on past it.
        """
        gender = {"he": "m", "she": "f"}.get(pronoun)
        if gender is None:
            return None
        index = self._sentence_index(offset)
        seen = 0
        while index >= 0 and seen < 5:
            start, end = self.sentences[index]
            if offset - start > 3000:
                break
            # "When Tom Reyk spoke, he praised Ben Voss": a name after the same pronoun in
            # its sentence is not what that pronoun means, and "Voss won, he said" is
            # all what he reports; only one who speaks there can still be meant.
            cut = self._pronoun_at(pronoun, start, min(end, offset))
            # "Dismayed by Voss's record, he …": with the pronoun in the sentence, an
            # owner named before it is not who it means.
            found = self.subject(start, min(end, offset), gender, cut, owners=cut is None)
            opening = PRONOUN_OPENING.match(self.text, start)
            if found is not None and not (
                opening and opening.group(1).lower() == pronoun and not self._speaks(start, end)
            ):
                if found.rule == "lone-subject":
                    found.kind = "person"  # "Voss admitted …. “…,” he said."
                return found
            index -= 1
            seen += 1
        return None

    def described(self, head: str, offset: int) -> Entity | None:
        """The person "the candidate" or "the actress" refers to, in a sentence that
        starts at ``offset``: the subject of the nearest sentence before it (at most
        three back) that names a person of the head's gender.

        The description's own sentence is not searched: the names in it are who it
        speaks to or about ("the senator told Harbor Radio", "on a call with Ana Park, the
        candidate said").
        """
        gender = title_gender(head)
        index = self._sentence_index(offset) - 1
        for _ in range(3):
            if index < 0 or offset - self.sentences[index][0] > 3000:
                break
            start, end = self.sentences[index]
            found = self.subject(start, end, gender, free=True)
            if found is not None and found.kind == "person":
                # A person's name, not a run of capitals ("told HARBOR TV").
                named = found.gender is not None or bool(found.titles)
                return found if named or full_name_like(found.name) else None
            index -= 1
        return None

    def _pronoun_at(self, pronoun: str, start: int, end: int) -> int | None:
        """Where the first ``pronoun`` in ``[start, end)`` stands (``start`` when one of
        them is a parenthetical "…, he said,"), or ``None``."""
        offsets, asides = self.pronouns[pronoun]
        lo = bisect.bisect_left(offsets, start)
        hi = bisect.bisect_left(offsets, end)
        if lo == hi:
            return None
        return start if any(asides[lo:hi]) else offsets[lo]

    def _speaks(self, start: int, end: int) -> bool:
        lo = bisect.bisect_left(self.offsets, start)
        hi = bisect.bisect_left(self.offsets, end)
        return any(self.speaking[lo:hi])


PLACED_NAME = re.compile(
    r"\b(?:in|at|from|to|into|across|throughout|near|outside|of|for|visit|visited|"
    r"visiting)\s+(?:the\s+)?([A-Z][a-z’'-]+)\b(?![\w’'-]|\s+[A-Z])"
)
LONE_VERB = re.compile(
    r"(?:,\s+who\s[^,.;:“”\"\n]{1,80},)?"  # "Voss, who chairs the board, conceded"
    r"\s+(?:(?:[a-z]+ly|also|then|later|still|again|now|never|has|had)\s+)?"
    rf"(?:[a-z]{{2,}}ed|spoke|wrote|took|gave|made|came|went|stood|sat|began|led|ran|met|"
    rf"knew|thought|felt|saw|held|left|kept|brought|{SPEECH_VERBS})\b"
)
"""A past verb after a lone name ("Voss readily conceded", "Voss, who …, conceded"): the
name is its subject."""


NOBODY = {"None", "Nobody", "Everyone", "Everybody", "Someone", "Somebody", "Anyone"}
"""Capitalized sentence openers that name no one."""


def _lone_subject(
    text: str, offset: int, found: str, name: str, opens: bool, placed: set[str]
) -> bool:
    """Whether a one-word name that opens its sentence is the subject of a verb there and
    nothing in the text says it is a place ("in Denver") or an acronym ("NATO warned")."""
    return (
        opens
        and found == name
        and " " not in name
        and name[1:].islower()
        and name not in STOP
        and name not in ADVERBS
        and name not in NOBODY
        and not (name.endswith("s") and not name.endswith("ss"))  # "Gulls circled"
        and not name.endswith("men")  # "Fishermen cheered"
        and name not in placed
        and kind_of(name) == "person"
        and LONE_VERB.match(text, offset + len(found)) is not None
    )


def find_quotes(
    text: str,
    paragraphs: list[tuple[int, int]],
    sentences: list[tuple[int, int]],
    registry: Registry,
) -> list[Found]:
    """Every quotation that is speech, with its speaker where one can be found."""
    found: list[Found] = []
    spans = _quotation_spans(text, paragraphs)
    people = People(text, registry, [(start, end) for start, end, _ in spans], sentences)
    read_to = 0
    for inner_start, inner_end, paragraph in spans:
        # Reported speech since the last quotation ("Tom Becker … said the delay was
        # sensible") tells who "the company" or "they" is in the next one.
        for mention in REPORTED.finditer(text, read_to, max(read_to, inner_start - 1)):
            if mention.group("who").split()[0] not in STOP:
                registry.position = mention.start()
                entity = registry.resolve(mention.group("who"))
                if entity is not None:
                    registry.spoke(entity)
        read_to = max(read_to, inner_end)
        start, end = _trim(text, inner_start, inner_end)
        if end <= start:
            continue
        if end - start > MAX_QUOTE:
            continue  # pages between two marks are no quotation (and past the model's limit)
        words = text[start:end]
        sentence_start, sentence_end = sentence_at(sentences, inner_start - 1)
        if sentence_start == sentence_end:
            sentence_start, sentence_end = inner_start - 1, inner_end
        before = text[max(sentence_start, inner_start - 1 - WINDOW) : inner_start - 1]
        paragraph_end = paragraphs[paragraph][1]
        after = text[inner_end + 1 : min(paragraph_end, inner_end + 1 + WINDOW)]
        after = re.split(r"[“\"]", after, maxsplit=1)[0]
        sentence = text[max(sentence_start, start - WINDOW) : min(sentence_end, end + WINDOW)]
        if len(words.split()) <= 3 and SCARE_BEFORE.search(before[-40:]):
            continue  # a scare quote or a name: a so-called “peace dividend”
        if before.endswith("="):
            continue  # a value in markup: author="…"
        if _show_name(words, before[-40:], after[:20]):
            continue  # a show's or a book's name: on ABC’s “This Week.”, NBC’s “Today”
        if INTRODUCED.search(before[-60:]):
            # "Ana Park said, “…”": the cue before the quotation owns it, whatever follows.
            attribution = _before(before, sentence) or _after(after)
        else:
            attribution = _after(after, closed=words.endswith("."))
            attribution = _according_source(after, attribution)
            if attribution is None or attribution.rule == "after-late":
                # A name late after the quote is weaker than a cue before it.
                attribution = _before(before, sentence) or attribution
        if (
            attribution is None
            and not before.strip()
            and not after.strip(' .”"')
            and paragraph + 1 < len(paragraphs)
        ):
            attribution = _dash_below(text, paragraphs[paragraph + 1])
        if attribution is None and INNER_CLOSE.search(words):
            attribution = _inner_cue(words)
        transcript = TRANSCRIPT.match(words)
        if (
            transcript
            and transcript.group("who") not in NOT_SPEAKERS
            and (who := clean_speaker(transcript.group("who")))
        ):
            # “PARK: We will win.”: a transcript names its speaker inside the marks.
            attribution = Attribution(who, "", "", "transcript", 0.85)
        short = attribution is None and len(words.split()) <= 3
        if short and not _runs_on(text, found, paragraph, start, words):
            continue  # a short quoted phrase nobody is said to have said
        if (
            _looks_like_title(words)
            and not before.rstrip().endswith((":", ","))
            and (
                attribution is None
                or attribution.rule not in ("after-subject", "after-verb", "headline")
            )
        ):
            continue  # a title, a show or a slogan in quotation marks: not speech
        registry.position = inner_start
        speaker: Entity | None = None
        rule, confidence, cue, apposition = "none", 0.3, "", ""
        if attribution is not None:
            rule, confidence = attribution.rule, attribution.confidence
            cue, apposition = attribution.cue, attribution.apposition
            who = attribution.who or ""
            if who in {"he", "she"}:
                speaker = _same_as_before(found, paragraph, who, people, inner_start)
                rule, confidence = f"{rule}+pronoun", 0.65
                if speaker is None:
                    speaker = people.antecedent(who, inner_start) or _recent_person(registry, who)
                else:
                    rule, confidence = f"{attribution.rule}+pronoun-previous", 0.8
            elif who in {"they", "it", "we", "i"}:
                speaker = next((e for e in reversed(registry.recent) if e.kind != "person"), None)
                rule, confidence = f"{rule}+pronoun", 0.4
            elif (
                (head := epithet(who))
                and registry.titled(who) is None
                and (speaker := people.described(head, sentence_start))
            ):
                # “…,” the candidate said: the person the sentences before are about,
                # whom the text calls so here.
                registry.add_alias(speaker, who)
                rule, confidence = f"{rule}+description", 0.6
            else:
                speaker = registry.resolve(who)
        elif (
            before.rstrip().endswith(":")
            # "She forwarded a note from her deputy, Ana Park, with the words:": she.
            and not PRONOUN_LEAD.match(text, sentence_start, inner_start)
            and (subject := people.subject(sentence_start, inner_start))
        ):
            # "Ana Park delivered a blunt message to the board: “…”"
            speaker, rule, confidence = subject, "colon-subject", 0.6
        elif before.rstrip().endswith(":") and (
            subject := _colon_pronoun(found, paragraph, people, sentence_start, inner_start)
        ):
            # "She then addressed the crowd again: “…”": whoever "she" is.
            speaker, rule, confidence = subject, "colon-subject+pronoun", 0.5
        elif (lead := _previous_sentence(text, sentences, inner_start, found, people)) is not None:
            # “…” after "Sen. Ted Cruz tweeted a warning.": the sentence before names them.
            who = lead.who or ""
            speaker = registry.resolve(who) if who not in PRONOUNS else None
            if who in {"he", "she"}:
                speaker = people.antecedent(who, inner_start)
            rule, confidence, cue = lead.rule, lead.confidence, lead.cue
            if lead.rule not in ("previous-subject", "previous-colon"):
                rule, confidence = "previous-sentence", 0.6
            if who in {"he", "she"}:
                rule += "+pronoun"
        elif found and (
            found[-1].paragraph == paragraph
            or (found[-1].paragraph == paragraph - 1 and not before.strip())
        ):
            previous = found[-1]
            speaker, cue = previous.speaker, previous.cue
            rule, confidence = "continuation", 0.75
            if short:
                rule, confidence = "short-continuation", 0.7  # “…,” Lee said. “Never.”
        if speaker is not None:
            registry.spoke(speaker)
            _describe(speaker, apposition)
        elif rule == "none" and before.strip() and not before.rstrip().endswith((",", ":")):
            continue  # a fragment inside a sentence that nobody is said to have said
        else:
            confidence = min(confidence, 0.3)
        kind = "direct" if not before.strip() or before.rstrip().endswith(":") else "partial"
        found.append(
            Found(start, end, words, kind, cue, speaker, paragraph, rule, round(confidence, 2))
        )
    return found


def _runs_on(text: str, found: list[Found], paragraph: int, start: int, words: str) -> bool:
    """A short quoted sentence that goes on from the quotation just attributed, with only
    that attribution between them (“…,” Ana Park said. “Never again.”)."""
    if not found or found[-1].paragraph != paragraph or found[-1].speaker is None:
        return False
    if not (words[:1].isupper() and words.endswith((".", "?", "!"))):
        return False
    between = text[found[-1].end : start]
    return (
        len(between) <= 80
        and VERB.search(between) is not None
        and re.search(r"[a-z]\.\s*[“\"]$", between) is not None
    )


def _previous_sentence(
    text: str, sentences: list[tuple[int, int]], offset: int, found: list[Found], people: People
) -> Attribution | None:
    """A speech verb in the sentence just before a quotation that has no cue of its own,
    when no quotation stands between them."""
    last = offset - 2  # the character before the opening mark, then back over spaces
    while last > 0 and offset - last < 8 and text[last].isspace():
        last -= 1
    start, end = sentence_at(sentences, max(0, last))
    if start == end or end > offset or (found and found[-1].end > start):
        return None
    sentence = text[max(start, end - WINDOW) : end].rstrip()
    if not sentence.endswith((".", ":")):
        return None
    attribution = _before(sentence[:-1], sentence)
    if attribution is not None and attribution.rule in ("before-verb", "colon"):
        return attribution if attribution.who else None
    opening = PRONOUN_OPENING.match(text, start, end)
    if sentence.endswith(":") and opening is not None:
        # "He then gave his reasons:" and, below it, “…”: whoever "he" is.
        return Attribution(opening.group(1).lower(), "", "", "previous-colon", 0.55)
    # "Clinton touted her record. “…”": the person the sentence before is about.
    subject = people.subject(start, min(end, start + 80), free=True)
    if subject is not None:
        return Attribution(subject.name, "", "", "previous-subject", 0.55)
    if sentence.endswith(":") and attribution is None:
        # "The Lumora Trust describes its aims this way:" and, below it, “…”: with no
        # person to speak, the name and its verb before the colon, as in the quotation's
        # own sentence.
        acting = _before(sentence, sentence)
        if acting is not None and acting.rule == "colon-verb":
            return acting
    return None


def _colon_pronoun(
    found: list[Found], paragraph: int, people: People, start: int, offset: int
) -> Entity | None:
    """The person a sentence opening with "He" or "She" and ending in a colon means:
    the speaker just quoted when nobody else of that gender came in between, else the
    nearest earlier subject of that gender."""
    opening = PRONOUN_LEAD.match(people.text, start, offset)
    if opening is None:
        return None
    pronoun = opening.group(1).lower()
    return _same_as_before(found, paragraph, pronoun, people, offset) or people.antecedent(
        pronoun, start
    )


def _recent_person(registry: Registry, pronoun: str) -> Entity | None:
    """The last person quoted whose gender fits, when no sentence nearby names one."""
    gender = {"he": "m", "she": "f"}[pronoun]
    return next(
        (
            entity
            for entity in reversed(registry.recent)
            if entity.kind == "person" and entity.gender in (gender, None)
        ),
        None,
    )


def reported_source(sentence: str) -> str | None:
    """Who a sentence says reports something: "Yonhap reported that …", "X said …",
    "according to X". ``None`` when it names nobody."""
    according = ACCORDING.search(sentence)
    if according and (who := clean_speaker(according.group("who"))):
        return who if who not in PRONOUNS else None
    reported = REPORTED.search(sentence) or REPORTED_BY.search(sentence)
    if reported and (who := clean_speaker(reported.group("who"))):
        return who if who not in PRONOUNS else None
    return None


def _same_as_before(
    found: list[Found], paragraph: int, pronoun: str, people: People, offset: int
) -> Entity | None:
    """“…,” she said. “…,” she added: the speaker just quoted, when no other person of
    that gender is named between the two quotations."""
    if not found or found[-1].paragraph not in (paragraph, paragraph - 1):
        return None
    previous = found[-1].speaker
    gender = {"he": "m", "she": "f"}[pronoun]
    # A lone new name ("Varga said") is filed as an outfit until "he said" shows a person.
    unsure = (
        previous is not None
        and previous.rule in ("short-name", "lone-subject")
        and previous.gender is None
    )
    if previous is None or (previous.kind != "person" and not unsure):
        return None
    if previous.gender not in (gender, None):
        return None
    first = bisect.bisect_left(people.offsets, found[-1].end)
    last = bisect.bisect_left(people.offsets, offset)
    for index in range(first, last):
        if previous in people.shared[index]:
            continue  # "Lowe" may well be the Lowe just quoted
        entity = people.person(index, gender)
        if entity is None or entity is previous or entity.gender not in (gender, None):
            continue
        # Someone else of that gender who speaks, or is a sentence's subject, takes over.
        if people.is_subject(index):
            return None
        if previous.gender is None and entity.gender == gender:
            # "Kalve had a letter from Wendy Lane, … “…,” she wrote": one
            # whom "she" surely fits beats a speaker whose gender nothing tells.
            return None
    previous.kind, previous.gender = "person", gender
    return previous


def _describe(speaker: Entity, apposition: str) -> None:
    """Take a role (and affiliation) from an apposition: ", a professor at X,"."""
    role = apposition.strip(" ,.")
    if not role or speaker.role or re.match(r"(?:who|which|whose|where|when)\b", role):
        return
    if len(role.split()) < 2 or len(role) > 120:
        return  # ", however," is no role
    speaker.role = role
    at = re.search(r"\b(?:at|of|for|with)\s+(?:the\s+)?(.+)$", role)
    if at and at.group(1)[:1].isupper():
        speaker.affiliation = at.group(1)
