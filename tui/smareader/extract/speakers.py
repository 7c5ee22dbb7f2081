"""Who is who: named mentions, their aliases, and resolving a short reference.

"DeHart" and "Jeong" resolve to the full names met earlier, "the ministry" to the
last ministry named, "the U.S. president" to the person first introduced with that
title, "he"/"she" to the last person quoted and "they" to the last group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NAME = re.compile(
    r"(?:[A-Z][\w’'.-]*|[A-Z]\.)(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|bin|al|da|of|for|and)(?=\s+[A-Z])"
    r"|\s+[A-Z][\w’'.-]*)*"
)
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
    "Oct.", "Nov.", "Dec.",
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
}  # fmt: skip
ORGANIZATION_HEADS = {
    "company", "firm", "group", "organization", "organisation", "agency", "ministry",
    "department", "government", "council", "committee", "contractor", "bank", "union",
    "party", "club", "team", "board", "commission", "administration", "regulator", "court",
}  # fmt: skip
PERSON_HEADS = {
    "president", "minister", "spokesman", "spokeswoman", "spokesperson", "official",
    "mayor", "governor", "chairman", "chairwoman", "chief", "director", "secretary",
    "negotiator", "ambassador", "senator", "leader", "coach", "judge", "commissioner",
}  # fmt: skip
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
    r"Motors|Energy|Labs|Studios|Watch|Network|Brands|Group|Trust|Fund|"
    r"Washington|Beijing|Brussels|Pyongyang|Berlin|Paris|London|Moscow)\b"
)
MEDIA = re.compile(
    r"\b(News|Times|Post|Journal|Yonhap|Reuters|Bloomberg|Kyodo|Xinhua|AFP|AP|BBC|CNN|"
    r"Tribune|Herald|Gazette|Broadcasting|Television|Radio|Press)\b"
)


@dataclass
class Entity:
    """Someone the text names, with every way it names them."""

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    role: str = ""
    affiliation: str = ""
    titles: list[str] = field(default_factory=list)
    """Lower-cased titles seen before the name ("u.s. president")."""

    def tokens(self) -> set[str]:
        return {token for alias in [self.name, *self.aliases] for token in alias.split()}


def _kind(name: str) -> str:
    if MEDIA.search(name):
        return "media"
    if ORGANIZATION.search(name):
        return "organization"
    if name[:1].islower() or (
        name.split()[-1].endswith("s")
        and len(name.split()) > 1
        and (
            name.split()[-1].lower() in {"officials", "lawmakers", "experts", "analysts", "sources"}
        )
    ):
        return "group"
    return "person"


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:60] or "speaker"


def split_title(mention: str) -> tuple[str, str]:
    """``("U.S. President", "Donald Trump")`` from "U.S. President Donald Trump".

    An organization keeps its whole name: "Finance Ministry" is no title.
    """
    if _kind(mention) == "organization":
        return "", mention
    words = mention.split()
    index = 0
    while index < len(words) - 1 and words[index].lower() in TITLES:
        index += 1
    return " ".join(words[:index]), " ".join(words[index:])


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

    def _new(self, name: str, kind: str | None = None) -> Entity:
        base = _slug(name)
        ids = {entity.id for entity in self.entities}
        slug, number = base, 2
        while slug in ids:
            slug, number = f"{base}-{number}", number + 1
        entity = Entity(slug, name, kind or _kind(name), [name])
        self.entities.append(entity)
        return entity

    def add_alias(self, entity: Entity, alias: str) -> None:
        if alias and alias not in entity.aliases:
            entity.aliases.append(alias)

    def resolve(self, mention: str, *, create: bool = True) -> Entity | None:
        """The entity a mention refers to, creating one for a new full name."""
        mention = re.sub(r"[’']s$", "", mention.strip().strip(","))
        if mention.endswith(".") and "." not in mention[:-1].split()[-1]:
            mention = mention[:-1]  # a full stop, not "U.S."
        if not mention:
            return None
        lowered = mention.lower()
        if lowered in {"he", "she", "him", "her"}:
            return next((e for e in reversed(self.recent) if e.kind == "person"), None)
        if lowered in {"they", "it"}:
            return next((e for e in reversed(self.recent) if e.kind != "person"), None)
        bare = re.sub(r"^(the|a|an)\s+", "", mention, flags=re.IGNORECASE)
        for entity in reversed(self.entities):
            if any(bare.lower() == alias.lower() for alias in entity.aliases):
                self.add_alias(entity, mention)
                return entity
        title, name = split_title(bare)
        all_titles = all(word.lower() in TITLES for word in bare.split())
        if (lowered.startswith("the ") and (bare[:1].islower() or all_titles)) or all_titles:
            # "the ministry", "the president": the last entity with that head or title.
            head = bare.split()[-1].lower()
            # The whole description as someone's title first ("U.S. president"), then
            # the head noun in a name ("the ministry").
            for entity in reversed(self.entities):
                if bare.lower() in entity.titles:
                    self.add_alias(entity, mention)
                    return entity
            for entity in reversed(self.entities):
                names = " ".join(entity.aliases).lower()
                if re.search(rf"\b{re.escape(head)}\b", names):
                    self.add_alias(entity, mention)
                    return entity
            if head in ORGANIZATION_HEADS:
                # "the company" after "Northline Construction said": the last organization.
                for entity in [*reversed(self.recent), *reversed(self.entities)]:
                    if entity.kind == "organization":
                        self.add_alias(entity, mention)
                        return entity
            if not create:
                return None
            kind = (
                "organization"
                if head in ORGANIZATION_HEADS
                else ("person" if head in PERSON_HEADS else "group")
            )
            return self._new(mention[0].upper() + mention[1:], kind)
        if len(name.split()) == 1:
            for entity in reversed(self.entities):
                if name in entity.tokens() and entity.kind == "person":
                    self.add_alias(entity, mention)
                    return entity
            # "Jeong" after "Jeong Eun-bo led the talks": the full name met earlier.
            full = self._full_name(name)
            found = self.resolve(full) if full else None
            if found is not None:
                self.add_alias(found, mention)
                return found
        for entity in reversed(self.entities):
            if name.lower() == entity.name.lower():
                self.add_alias(entity, mention)
                if title:
                    entity.titles.append(title.lower())
                return entity
        # "the South Korean Foreign Ministry" after "South Korea’s Foreign Ministry".
        if _kind(name) == "organization":
            key = " ".join(name.split()[-2:]).lower()
            for entity in reversed(self.entities):
                if entity.kind == "organization" and key in entity.name.lower():
                    self.add_alias(entity, mention)
                    return entity
        if not create:
            return None
        # News names a person in full first; a lone new name ("Lumora") is an outfit.
        entity = self._new(name, "organization" if len(name.split()) == 1 else None)
        if mention != name:
            self.add_alias(entity, mention)
        if title:
            entity.titles.append(title.lower())
            entity.role = entity.role or title
        return entity

    def _full_name(self, token: str) -> str | None:
        """The longest earlier name of 2–4 words that holds ``token`` as a word."""
        pattern = re.compile(
            rf"(?<![\w’'-])(?:[A-Z][\w’'-]+\s+){{0,3}}{re.escape(token)}(?:\s+[A-Z][\w’'-]+){{0,3}}"
        )
        names = [
            m.group(0)
            for m in pattern.finditer(self.text, 0, self.position)
            if len(m.group(0).split()) >= 2 and m.group(0).split()[0] not in STOP
        ]
        return max(names, key=len) if names else None

    def subject_before(self, offset: int) -> Entity | None:
        """For "she" with nobody quoted yet: the person who starts a recent sentence."""
        window = self.text[max(0, offset - 600) : offset]
        starts = list(
            re.finditer(r"(?:^|[.!?”\n]\s+)([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3})\b", window)
        )
        for match in reversed(starts):
            name = match.group(1)
            if name.split()[0] not in STOP and _kind(name) == "person":
                return self.resolve(name)
        return None

    def spoke(self, entity: Entity) -> None:
        """Record that ``entity`` was just quoted (for pronouns)."""
        if entity in self.recent:
            self.recent.remove(entity)
        self.recent.append(entity)

    def learn_titles(self, text: str) -> None:
        """Register every "Title Name" mention, so "the U.S. president" finds Trump,
        and every "the ROLE, Name," apposition, so DeHart's role is known."""
        for match in NAME.finditer(text):
            mention = re.sub(r"[’']s$", "", match.group(0))
            title, name = split_title(mention)
            if title and len(name.split()) >= 2 and name.split()[0] not in STOP:
                entity = self.resolve(mention)
                if entity is not None and title.lower() not in entity.titles:
                    entity.titles.append(title.lower())
        for match in APPOSITION.finditer(text):
            role, name = match.group("role"), match.group("name")
            if len(name.split()) >= 2 and name.split()[0] not in STOP:
                entity = self.resolve(name)
                if entity is not None:
                    entity.role = entity.role or role
                    entity.titles.append(role.lower())
                    if role.split()[-1].lower() in ORGANIZATION_HEADS:
                        entity.kind = "organization"  # "the contractor, Northline Construction,"
