"""Who is who: named mentions, their aliases, and resolving a short reference.

"DeHart" and "Jeong" resolve to the full names met earlier, "the ministry" to the
last ministry named, "the U.S. president" to the person first introduced with that
title. A bare surname that two people share ("Clinton" after both Hillary and Bill
Clinton) is never merged into either; an honorific carries gender ("Mrs. Trump" is
not Donald Trump), and so does a common first name (``names.py``).

Every lookup goes through a dictionary or a sorted index, so resolving ``m``
mentions in an article of ``n`` characters costs about ``n + m log m``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from smareader.extract.names import gender_of_first_name

_GAP = r"[^\S\n]+"
"""Space between the words of a name: never a line break, which ends a paragraph here
("By Staff Writer", then the dateline "SEOUL —" on the next line, is no one's name)."""
NAME = re.compile(
    rf"(?:[A-Z][\w’'.-]*|[A-Z]\.)(?:{_GAP}(?:[A-Z][\w’'.-]*|de|van|von|bin|al|da|of|for|and"
    rf"|[“\"][A-Z][\w’'.-]*[”\"])(?={_GAP}[A-Z])"
    rf"|{_GAP}(?:[A-Z]|(?:al|el|ad|ash|bin|ibn|abu)-[A-Z])[\w’'.-]*)*"
)
"""A run of capitalized words: a name, with its particles ("Omar al-Rashid") and a
nickname in quotation marks (Juan "Chico" Marquez). No possessive quantifiers: CPython
3.11.2 (Debian 12's) gets a possessive repeat of a group with a lookahead wrong, ending
the name after the space that follows it; nothing follows the group, so greedy is the
same match."""
# Words that start sentences or name things other than speakers.
STOP = {
    "The", "A", "An", "But", "And", "In", "On", "At", "As", "If", "It", "Its", "This", "That",
    "These", "Those", "During", "After", "Before", "Under", "Besides", "Nevertheless",
    "However", "While", "When", "Where", "Why", "How", "What", "Unfortunately", "Based",
    "Our", "We", "They", "He", "She", "His", "Her", "Their", "I", "Some", "Many", "Most",
    "Still", "Meanwhile", "Also", "Yet", "So", "For", "From", "With", "By", "To", "Of",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Jan.", "Feb.", "Aug.", "Sept.",
    "Oct.", "Nov.", "Dec.", "Now", "Then", "There", "Here", "Today", "Yesterday", "Asked",
    "Speaking", "According", "Like", "Unlike", "Even", "Just", "Only", "Not", "No", "Yes",
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Rev", "Gen", "FULL", "TEXT", "You",
    "Your", "My", "Me", "Us", "Is", "Was", "Are", "Were", "Will", "Would", "Can", "Could",
    "Should", "Did", "Do", "Does", "Has", "Have", "Had", "Who", "Which", "All", "Every",
    "Both", "Each", "Other", "Another", "One", "Two", "Three", "Or", "Nor", "Because",
    "Although", "Though", "Since", "Until", "Once", "Over", "Among", "Against", "About",
    "Said", "Says", "Added", "Stated", "Wrote", "Writes", "Explained", "Told", "Despite",
    "Amid", "Following", "Including", "Without", "Within", "Through", "Throughout", "Upon",
    "Toward", "Across", "Beyond", "Behind", "Inside", "Outside", "Via", "Regarding",
}  # fmt: skip
TITLES = {
    "president", "secretary", "minister", "prime", "defense", "foreign", "senator", "sen.",
    "rep.", "gov.", "governor", "mayor", "dr.", "mr.", "mrs.", "ms.", "prof.", "professor",
    "chief", "executive", "chairman", "chairwoman", "director", "general", "gen.", "judge",
    "justice", "ambassador", "spokesman", "spokeswoman", "spokesperson", "leader", "u.s.",
    "deputy", "vice", "finance", "trade", "health", "commissioner", "coach", "captain",
    "chancellor", "king", "queen", "pope", "state", "interior", "economy", "councilor",
    "councillor", "councilman", "councilwoman", "alderman", "officer", "inspector",
    "competition", "education", "environment", "transport", "agriculture", "culture",
    "science", "housing", "digital", "budget", "energy", "labor", "labour", "home",
    "rev.", "sen", "rep", "gov", "mr", "mrs", "ms", "dr", "gen", "rev", "lt.", "col.",
    "sgt.", "adm.", "capt.", "speaker", "former", "attorney", "candidate", "nominee",
    "republican", "democratic", "democrat", "presidential", "gop", "first", "lady",
    "sir", "dame", "lord", "then-candidate", "businessman", "billionaire", "host",
    "anchor", "columnist", "correspondent", "pollster", "strategist", "rabbi", "father",
    "sister", "brother", "cardinal", "bishop", "miss", "madam", "comedian", "actor",
    "actress", "singer", "rapper", "reverend", "pastor", "manager", "analyst",
    "staff", "committeeman", "committeewoman", "congressman", "congresswoman", "chair",
    "co-chair", "founder", "co-founder", "adviser", "advisor", "aide", "economist",
    "journalist", "reporter", "editor", "producer", "lawyer", "delegate", "activist",
    "organizer", "blogger", "writer", "publisher", "ceo", "cofounder", "sheriff",
    "superintendent", "treasurer", "president-elect", "assemblyman", "assemblywoman",
    "lawmaker", "physician", "researcher", "historian", "operative", "whip", "advocate",
}  # fmt: skip
HONORIFIC_GENDER = {
    "mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "father": "m",
    "brother": "m", "chairman": "m", "spokesman": "m", "councilman": "m", "businessman": "m",
    "congressman": "m", "actor": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "madam": "f", "dame": "f",
    "lady": "f", "queen": "f", "sister": "f", "chairwoman": "f", "spokeswoman": "f",
    "councilwoman": "f", "businesswoman": "f", "congresswoman": "f", "actress": "f",
}  # fmt: skip
ORGANIZATION_HEADS = {
    "company", "firm", "group", "organization", "organisation", "agency", "ministry",
    "department", "government", "council", "committee", "contractor", "bank", "union",
    "party", "club", "team", "board", "commission", "administration", "regulator", "court",
    "campaign", "office", "report", "statement", "poll", "study", "survey", "website",
    "newspaper", "network", "magazine", "paper",
}  # fmt: skip
PERSON_HEADS = {
    "president", "minister", "spokesman", "spokeswoman", "spokesperson", "official",
    "mayor", "governor", "chairman", "chairwoman", "chief", "director", "secretary",
    "negotiator", "ambassador", "senator", "leader", "coach", "judge", "commissioner",
    "adviser", "advisor", "aide", "strategist", "source", "republican", "democrat",
    "voter", "supporter", "operative", "lawmaker", "candidate", "nominee", "executive",
    "analyst", "expert", "economist", "professor", "woman", "man", "resident", "member",
    "staffer", "insider", "donor", "activist", "organizer", "worker", "officer", "attorney",
    "prosecutor", "lawyer", "reporter", "columnist", "editor", "author", "writer",
    "anchor", "correspondent", "manager", "counsel", "diplomat", "researcher", "scientist",
    "investigator", "pollster", "consultant", "historian", "veteran", "user", "person",
    "physician", "doctor", "friend", "moderator", "commenter", "investor", "designer",
    "employee", "narrator", "host", "owner", "student", "teacher", "nurse", "pastor",
    "priest", "rabbi", "imam", "neighbor", "son", "daughter", "wife", "husband", "mother",
    "father", "brother", "sister", "nephew", "niece", "cousin", "widow", "actor", "actress",
    "singer", "comedian", "mogul", "billionaire", "businessman", "businesswoman",
    "protester", "witness", "victim", "survivor", "child", "parent", "volunteer",
    "delegate", "entrepreneur", "founder", "governor-elect", "congressman", "congresswoman",
}  # fmt: skip
GROUP_HEADS = {
    "officials", "lawmakers", "experts", "analysts", "sources", "aides", "advisers",
    "advisors", "supporters", "voters", "critics", "republicans", "democrats", "protesters",
    "people", "residents", "members", "leaders", "staffers", "organizers", "others",
    "observers", "economists", "officers", "workers", "activists", "insiders", "donors",
    "prosecutors", "lawyers", "attorneys", "reporters", "investigators", "diplomats",
    "researchers", "scientists", "pollsters", "consultants", "historians", "veterans",
}  # fmt: skip
EPITHET_HEADS = {
    "president", "president-elect", "candidate", "nominee", "front-runner", "frontrunner",
    "governor", "senator", "congressman", "congresswoman", "lawmaker", "businessman",
    "businesswoman", "billionaire", "mogul", "magnate", "tycoon", "developer", "actor",
    "actress", "singer", "comedian", "star", "host", "mayor", "neurosurgeon", "surgeon",
    "speaker", "chancellor", "premier", "pope", "king", "queen", "prince", "princess",
    "secretary", "minister", "leader", "ambassador", "general", "admiral", "commander",
    "justice", "democrat", "republican", "chairman", "chairwoman", "ceo", "founder",
    "entrepreneur", "populist", "firebrand", "senator-elect", "governor-elect",
}  # fmt: skip
"""What a definite description calls a person the story has already named ("the
candidate", "the Velmora senator", "the billionaire businessman") — not the heads of
people a story leaves unnamed ("the official", "the aide", "the source")."""
_EPITHET = re.compile(r"(?i)the\s+(?P<modifiers>(?:[\w.’'-]+\s+){0,4})(?P<head>[\w-]+)")
_NOT_MODIFIER = {
    "and", "or", "but", "of", "who", "that", "which", "with", "in", "at", "on", "for", "to",
    "from", "by", "as", "than", "when", "while", "his", "her", "their", "its", "a", "an",
    "the", "this", "other", "another", "same",
}  # fmt: skip


def epithet(description: str) -> str | None:
    """The head of a definite description of someone already named ("the former
    president" → "president"), or ``None`` for anything else ("a senator", "the
    official", "the other candidate", "the senator and his aide")."""
    match = _EPITHET.fullmatch(description.strip())
    if match is None or match.group("head").lower() not in EPITHET_HEADS:
        return None
    if any(word.lower() in _NOT_MODIFIER for word in match.group("modifiers").split()):
        return None
    return match.group("head").lower()


APPOSITION = re.compile(
    r"\b[Tt]he\s+(?P<role>(?:[a-z]+|U\.S\.|[A-Z][a-z]+)(?:\s+(?:[a-z]+|U\.S\.)){0,5}),\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}),"
)
ORGANIZATION = re.compile(
    r"\b(Ministry|Department|Agency|Council|Government|University|Bank|Company|Corp|"
    r"Inc|Ltd|Party|Commission|Office|Committee|Association|Union|Institute|Center|"
    r"Centre|Police|Army|Navy|Court|Parliament|Congress|Senate|Federation|Board|Group|"
    r"Authority|Service|Foundation|Club|League|Administration|White House|Tokyo|Seoul|"
    r"Construction|Holdings|Systems|Industries|Technologies|Partners|Capital|Airlines|"
    r"Motors|Energy|Labs|Studios|Watch|Network|Brands|Group|Trust|Fund|Campaign|PAC|"
    r"Washington|Beijing|Brussels|Pyongyang|Berlin|Paris|London|Moscow|Convention|Republic|"
    r"Kingdom|Emirates|City|County|Township|Province|Prefecture|Island|Islands)\b"
)
MEDIA = re.compile(
    r"\b(News|Times|Post|Journal|Yonhap|Reuters|Bloomberg|Kyodo|Xinhua|AFP|AP|BBC|CNN|"
    r"Tribune|Herald|Gazette|Broadcasting|Television|Radio|Press|MSNBC|Fox|NBC|CBS|ABC|"
    r"Politico|Breitbart|HuffPost|Magazine)\b"
)
PLACES = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa",
    "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan",
    "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina",
    "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania", "rhode island",
    "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont", "virginia",
    "washington", "west virginia", "wisconsin", "wyoming", "new york city", "los angeles",
    "san francisco", "las vegas", "new orleans", "san diego", "salt lake city",
    "united states", "united kingdom", "great britain", "south korea", "north korea",
    "new zealand", "south africa", "saudi arabia", "hong kong", "puerto rico",
    "capitol hill", "wall street", "silicon valley", "middle east", "latin america",
    "sandy hook", "white house", "oval office", "supreme court",
}  # fmt: skip
"""Places that look like a person's two words ("New Hampshire", "Sandy Hook")."""
SPELLED = {
    "sen.": "senator", "sen": "senator", "rep.": "representative", "rep": "representative",
    "gov.": "governor", "gov": "governor", "gen.": "general", "gen": "general",
    "prof.": "professor", "dr.": "doctor", "lt.": "lieutenant", "col.": "colonel",
    "sec.": "secretary", "pres.": "president",
}  # fmt: skip
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_STOP_SPACE = re.compile(r"(?<=\.)\s+")
_KEEPS_STOP = {
    "gov.", "sen.", "rep.", "gen.", "mr.", "mrs.", "ms.", "dr.", "rev.", "lt.", "col.", "sgt.",
    "adm.", "capt.", "prof.", "st.", "jr.", "sr.", "co.", "corp.", "inc.", "ft.", "mt.",
}  # fmt: skip


def _sentence_pieces(run: str) -> list[str]:
    """A run cut after a full stop that ends a sentence, not after "Gov." or "J."."""
    pieces: list[str] = []
    start = 0
    for match in _STOP_SPACE.finditer(run):
        # The word before the stop, looked up in a bounded window (no slice of the run).
        word = run[
            max(
                start, run.rfind(" ", max(0, match.start() - 40), match.start()) + 1
            ) : match.start()
        ]
        if word.lower() in _KEEPS_STOP or re.fullmatch(r"(?:[A-Z]\.)+", word):
            continue
        pieces.append(run[start : match.start()])
        start = match.end()
    pieces.append(run[start:])
    return pieces


def name_mentions(text: str) -> list[tuple[int, str]]:
    """``(offset, mention)`` of every run of capitalized words, cut at sentence ends.

    NAME lets a word end in a full stop (for "Gen." and "U.S."), so "Joe Biden. But"
    is one match: cut it after a lowercase word's full stop.
    """
    result = []
    for match in NAME.finditer(text):
        offset = match.start()
        for piece in _sentence_pieces(match.group(0)):
            for part in _pair(piece):
                if part:
                    result.append((offset, part))
                offset += len(part)
                while offset < match.end() and not text[offset].isalnum():
                    offset += 1
                if part != piece:
                    for joint in ("and ", "of "):
                        if text.startswith(joint, offset):
                            offset += len(joint)
    return result


def _pair(piece: str) -> list[str]:
    """Two names in one run: "Hillary Lane and Bill Lane" are two people, "Michael
    Brown of Washington" a person and a place; "Bank of Korea" stays one name."""
    left, sep, right = piece.partition(" and ")
    if sep and 2 <= len(left.split()) <= 3 and 2 <= len(right.split()) <= 3:
        return [left, right]
    if sep and _titled_person(left) and _titled_person(right):
        return [left, right]  # "Ana Lane and House Speaker Ben Voss"
    left, sep, right = piece.partition(" of ")
    if left.split()[-1:] and left.split()[-1].lower() in TITLES:
        return [piece]  # "Port Chief of Staff Ana Ruiz", "Secretary of State Ann Lee"
    if sep and 2 <= len(left.split()) <= 4 and right and _kind(left) == "person":
        return [left, right]
    return [piece]


def _titled_person(side: str) -> bool:
    """A person's name of two or three words, after at most three words of title."""
    title, name = split_title(side)
    return (
        len(title.split()) <= 3
        and 2 <= len(name.split()) <= 3
        and name.split()[0] not in STOP
        and _kind(name) == "person"
    )


@dataclass(eq=False)
class Entity:
    """Someone the text names, with every way it names them."""

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    role: str = ""
    affiliation: str = ""
    titles: set[str] = field(default_factory=set)
    """Lower-cased titles seen before the name ("u.s. president")."""
    gender: str | None = None
    """"m" or "f" when an honorific, a first name or a pronoun says so."""
    rule: str = "name"
    """How the entity was first found: a stable short name for reviewers."""
    confidence: float = 0.8
    """How sure that rule is."""

    def surname(self) -> str:
        """The last word of the name, without a Jr./Sr. suffix."""
        words = [word for word in self.name.split() if word.lower() not in SUFFIXES]
        return words[-1] if words else self.name


COMPLEMENTED = {
    "close", "familiar", "involved", "knowledgeable", "known", "briefed", "connected",
    "loyal", "allied", "aligned", "opposed", "sympathetic", "tied", "linked", "affiliated",
    "friendly", "related", "devoted", "committed", "assigned", "attached",
}  # fmt: skip
"""Words that a description's phrase runs on after: "an aide close to the board", "one
donor familiar with the bid", "the former officer known as Sam"."""
COMPLEMENT_WORDS = ("to", "with", "in", "as")
"""The words that open such a phrase."""
_COMPLEMENT = re.compile(
    rf"\s+(?:{'|'.join(sorted(COMPLEMENTED))})\s+(?:{'|'.join(COMPLEMENT_WORDS)})\b.*$"
)


def _head_phrase(name: str) -> str:
    """A description without the phrase its last word runs on to: "an aide close to the
    harbor board" is a person, not a board."""
    return _COMPLEMENT.sub("", name)


def _kind(name: str) -> str:
    name = _head_phrase(name)
    if MEDIA.search(name):
        return "media"
    if ORGANIZATION.search(name):
        return "organization"
    words = name.split()
    if words and words[-1].lower() in GROUP_HEADS:
        return "group"
    if name[:1].islower():
        return "person" if words and words[-1].lower() in PERSON_HEADS else "group"
    return "person"


def kind_of(name: str) -> str:
    """Person, organization, group or media, from the words of a name."""
    return _kind(name)


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:60] or "speaker"


def split_title(mention: str) -> tuple[str, str]:
    """``("U.S. President", "Donald Trump")`` from "U.S. President Donald Trump".

    A title after a place, an outlet or a body also splits off the person: "Wisconsin
    Gov. Scott Walker", "CNN President Jeff Zucker", "National Committee Chairman Reince
    Priebus". An organization keeps its whole name: "Finance Ministry" is no title.
    """
    words = mention.split()
    for later in range(len(words) - 3, 0, -1):
        rest = " ".join(words[later + 1 :])
        if words[later].lower() in TITLES and _kind(rest) == "person" and rest[:1].isupper():
            return " ".join(words[: later + 1]), rest
    if _kind(mention) == "organization":
        return "", mention
    index = 0
    while index < len(words) - 1 and words[index].lower() in TITLES:
        index += 1
    return " ".join(words[:index]), " ".join(words[index:])


def title_gender(title: str) -> str | None:
    """The gender an honorific or gendered title states, if any."""
    for word in title.lower().split():
        if word in HONORIFIC_GENDER:
            return HONORIFIC_GENDER[word]
    return None


def name_gender(name: str) -> str | None:
    """The gender of a full name's first word, from the first-name table."""
    words = name.split()
    return gender_of_first_name(words[0]) if len(words) >= 2 else None


def _person_like(name: str) -> bool:
    """Two to four capitalized words, the first not a stop word: "Ana Park"."""
    words = name.split()
    return (
        2 <= len(words) <= 4
        and words[0] not in STOP
        and all(word[:1].isupper() for word in words)
        and _kind(name) == "person"
    )


_NOT_FIRST = re.compile(r"(?i)[a-z]+(?:ly|ed|ing)")
"""A first word that is an adverb, a participle or an adjective: "Interestingly",
"Understated", "Using"."""


def full_name_like(name: str) -> bool:
    """Whether a person's name is a first name (or initial) and a surname, with at most a
    middle name or initial: "Ana Park", "Ana J. Park" — not "Republicans Park", "Neither
    Ana Park", "Support of Park" or a headline in capitals."""
    words = [word for word in name.split() if word.lower() not in SUFFIXES]
    if not 2 <= len(words) <= 3 or name.isupper():
        return False
    if any(not word[:1].isupper() or re.search(r"[’']s?$", word) for word in words):
        return False  # "Supporters of Park", "Commentary’s Ana Park"
    if any(word in STOP or word.lower() in TITLES for word in words[1:-1]):
        return False  # "Velmora Gov. Park", "Coalition Against Park"
    first = words[0]
    if gender_of_first_name(first) is not None or re.fullmatch(r"(?:[A-Z]\.)+", first):
        return True
    if len(words) == 3 and gender_of_first_name(words[1]) is not None:
        return False  # "Neither Ana Park": a word before the first name
    lowered = first.lower()
    return not (
        first in STOP
        or _NOT_FIRST.fullmatch(first)
        or lowered in TITLES | PERSON_HEADS | GROUP_HEADS
        or lowered.rstrip("s") in TITLES | PERSON_HEADS
    )


class Registry:
    """The speakers found so far, in the order they were first named."""

    def __init__(self, text: str = "") -> None:
        self.text = text
        """The article, for finding the full name behind a short one."""
        self.position = len(text)
        """How far the reading has got: only earlier names count."""
        self.entities: list[Entity] = []
        self.recent: list[Entity] = []
        """Entities in the order they were last referred to as speakers."""
        self._by_alias: dict[str, Entity] = {}
        self._by_surname: dict[str, list[Entity]] = {}
        self._by_title: dict[str, Entity] = {}
        self._ids: set[str] = set()
        self._full: dict[str, tuple[list[int], list[str]]] = {}
        """token → (offsets, the longest full name holding it up to that offset)."""
        self._index_full_names()

    # ------------------------------------------------------------------ indexes

    def _index_full_names(self) -> None:
        """Every 2–4 word person-like name in the text, by each of its words, once."""
        for offset, found in name_mentions(self.text):
            mention = re.sub(r"[’']s$", "", found).rstrip(".,")
            _, name = split_title(mention)
            if not _person_like(name):
                continue
            for token in set(name.split()):
                offsets, best = self._full.setdefault(token, ([], []))
                longest = best[-1] if best and len(best[-1]) >= len(name) else name
                offsets.append(offset)
                best.append(longest)

    def _full_name(self, token: str) -> str | None:
        """The longest earlier name of 2–4 words that holds ``token`` as a word."""
        entry = self._full.get(token)
        if entry is None:
            return None
        offsets, best = entry
        index = bisect.bisect_left(offsets, self.position) - 1
        return best[index] if index >= 0 else None

    def named_in_full(self, token: str) -> bool:
        """Whether ``token`` is a word of a 2–4 word person-like name anywhere in the text."""
        return token in self._full

    def _new(self, name: str, kind: str | None = None, rule: str = "name") -> Entity:
        base = _slug(name)
        slug, number = base, 2
        while slug in self._ids:
            slug, number = f"{base}-{number}", number + 1
        self._ids.add(slug)
        entity = Entity(slug, name, kind or _kind(name), [], rule=rule)
        if entity.kind == "person":
            entity.gender = name_gender(name)
            if len(name.split()) >= 2:
                entity.confidence = 0.9
        self.entities.append(entity)
        self.add_alias(entity, name)
        if entity.kind == "person" and len(name.split()) >= 2:
            self._by_surname.setdefault(entity.surname().lower(), []).append(entity)
        return entity

    def add_alias(self, entity: Entity, alias: str) -> None:
        """Record another name for ``entity`` (and look it up by that name from now on)."""
        key = alias.lower()
        if not alias or (key in self._by_alias and self._by_alias[key] is entity):
            return
        self._by_alias.setdefault(key, entity)
        if alias not in entity.aliases:
            entity.aliases.append(alias)

    def _add_title(self, entity: Entity, title: str) -> None:
        key = title.lower()
        if key and key not in entity.titles:
            entity.titles.add(key)
            self._by_title[key] = entity
            # "Sen. Ted Cruz" is "the senator" later on.
            head = SPELLED.get(key.split()[-1], key.split()[-1])
            if head in SPELLED.values() and head not in self._by_title:
                self._by_title[head] = entity
            entity.gender = entity.gender or title_gender(key)

    # ------------------------------------------------------------------ resolving

    def titled(self, description: str) -> Entity | None:
        """The person the text has given the title of ``description`` ("the senator"
        after "Sen. Ana Park"), if any."""
        bare = re.sub(r"(?i)^the\s+", "", description.strip())
        return self._by_title.get(bare.lower())

    def resolve(self, mention: str, *, create: bool = True) -> Entity | None:
        """The entity a mention refers to, creating one for a new full name."""
        mention = re.sub(r"[’']s?$", "", mention.strip().strip(","))
        mention = re.sub(r"\s*\([^)]*\)", "", mention).strip()  # "Rep. X (D-Mo.)"
        if mention.endswith(".") and "." not in mention[:-1].split()[-1]:
            mention = mention[:-1]  # a full stop, not "U.S."
        if not mention:
            return None
        lowered = mention.lower()
        if lowered in {"he", "she", "him", "her", "they", "it", "i", "we", "you"}:
            return None  # pronouns are resolved by position (``Attribution``)
        found = self._by_alias.get(lowered)
        bare = re.sub(r"^(the|a|an|one(?!\s+of\b)|another)\s+", "", mention, flags=re.IGNORECASE)
        if found is None:
            found = self._by_alias.get(bare.lower())
        if found is not None:
            self.add_alias(found, mention)
            return found
        title, name = split_title(bare)
        all_titles = all(word.lower() in TITLES for word in bare.split())
        # "Republican familiar with the bid": a title word, then a description.
        described = bare[:1].islower() or name[:1].islower()
        if described or all_titles or lowered.startswith("the "):
            entity = self._described(mention, bare, create=create)
            if entity is not None or described or all_titles:
                return entity
        if len(name.split()) == 1:
            return self._short(mention, title, name, create=create)
        return self._named(mention, title, name, create=create)

    def _described(self, mention: str, bare: str, *, create: bool) -> Entity | None:
        """ "the ministry", "the president", "a senior official": a description."""
        head = _head_phrase(bare).split()[-1].lower()
        found = self._by_title.get(bare.lower())
        if found is None and head in ORGANIZATION_HEADS:
            # "the company" after "Northline Construction said": the last organization
            # whose name holds the head, else the last organization quoted.
            for entity in [*reversed(self.recent), *reversed(self.entities[-50:])]:
                if entity.kind == "organization" and head in entity.name.lower().split():
                    found = entity
                    break
            else:
                found = next((e for e in reversed(self.recent) if e.kind == "organization"), None)
        if found is None and len(bare.split()) <= 2:
            # "the official" after "a senior State Department official": the same one.
            for entity in reversed(self.recent[-8:]):
                if entity.name.lower().split()[-1] == head and entity.name[:1].islower():
                    found = entity
                    break
        if found is not None:
            self.add_alias(found, mention)
            return found
        if not create:
            return None
        kind = "organization" if head in ORGANIZATION_HEADS else _kind(bare)
        entity = self._new(bare[0].upper() + bare[1:] if bare[:1].isupper() else bare, kind)
        entity.rule, entity.confidence = "description", 0.6
        self.add_alias(entity, mention)
        return entity

    def _short(self, mention: str, title: str, name: str, *, create: bool) -> Entity | None:
        """A one-word name: a surname met before, or the full name earlier in the text."""
        gender = title_gender(title)
        people = [
            entity
            for entity in self._by_surname.get(name.lower(), [])
            if gender is None or entity.gender in (None, gender)
        ]
        if len({entity.name for entity in people}) > 1:
            # "Republicans Jolly", "Understated Perez" (a headline) beside David Jolly:
            # a run with a word in front of the name is nobody a lone surname means.
            proper = [entity for entity in people if full_name_like(entity.name)]
            if proper and len({entity.name for entity in proper}) == 1:
                people = proper
        if len({entity.name for entity in people}) == 1:
            self.add_alias(people[0], mention)
            return people[0]
        if len(people) > 1:
            # Two people share the surname: never merge; the bare name stands alone.
            return self._plain(mention, title, name, gender, create=create)
        full = self._full_name(name)
        if full is not None and full != name:
            found = self._named(full, "", full, create=create)
            if found is not None and (gender is None or found.gender in (None, gender)):
                self.add_alias(found, mention)
                return found
        return self._plain(mention, title, name, gender, create=create)

    def _plain(
        self, mention: str, title: str, name: str, gender: str | None, *, create: bool
    ) -> Entity | None:
        """A one-word name nobody else has: a new entity under the name as written."""
        label = f"{title} {name}" if gender and title else name
        found = self._by_alias.get(label.lower())
        if found is not None or not create:
            return found
        # News names a person in full first; a lone new name ("Lumora") is an outfit
        # unless a title says it is a person ("Mr. Reyk").
        first = gender_of_first_name(name)  # "Bob", named only so, is a man
        kind = "person" if title or first else ("organization" if _kind(name) == "person" else None)
        entity = self._new(label, kind)
        entity.rule, entity.confidence = "short-name", 0.5
        entity.gender = entity.gender or first
        if title:
            entity.kind = "person"
            self._add_title(entity, title)
            entity.gender = gender
        self.add_alias(entity, mention)
        return entity

    def _named(self, mention: str, title: str, name: str, *, create: bool) -> Entity | None:
        """A name of two or more words."""
        found = self._by_alias.get(name.lower())
        if found is None and _kind(name) == "organization":
            # "the South Korean Foreign Ministry" after "South Korea’s Foreign Ministry".
            key = " ".join(name.split()[-2:]).lower()
            found = next(
                (
                    entity
                    for entity in reversed(self.entities[-50:])
                    if entity.kind == "organization" and key in entity.name.lower()
                ),
                None,
            )
        if found is None:
            if not create:
                return None
            found = self._new(name)
        self.add_alias(found, mention)
        if title:
            self._add_title(found, title)
            found.role = found.role or title
            if found.kind == "person":
                found.gender = found.gender or title_gender(title)
        return found

    def sharing(self, name: str) -> list[Entity]:
        """The people named in full who share the surname ``name`` ("Lowe" after Ana
        Lowe and Ben Lowe), when two or more do; else nothing."""
        distinct = {
            entity.name: entity
            for entity in self._by_surname.get(name.lower(), [])
            if full_name_like(entity.name)
        }
        return list(distinct.values()) if len(distinct) > 1 else []

    def spoke(self, entity: Entity) -> None:
        """Record that ``entity`` was just quoted (for pronouns)."""
        if self.recent and self.recent[-1] is entity:
            return
        if entity in self.recent[-16:]:
            self.recent.remove(entity)
        self.recent.append(entity)
        if len(self.recent) > 64:
            del self.recent[:-32]  # only the last few speakers matter; keep it bounded

    def learn_titles(self, text: str) -> None:
        """Register every "Title Name" mention, so "the U.S. president" finds Trump,
        and every "the ROLE, Name," apposition, so DeHart's role is known."""
        for offset, found in name_mentions(text):
            mention = re.sub(r"[’']s$", "", found)
            title, name = split_title(mention)
            if title and _person_like(name):
                self.position = offset
                self.resolve(mention)
        for match in APPOSITION.finditer(text):
            role, name = match.group("role"), match.group("name")
            if _person_like(name):
                self.position = match.start()
                entity = self.resolve(name)
                if entity is not None:
                    entity.role = entity.role or role
                    self._add_title(entity, role)
                    if role.split()[-1].lower() in ORGANIZATION_HEADS:
                        entity.kind = "organization"  # "the contractor, Northline Construction,"
        self.position = len(text)
