"""Edits to a draft story, with undo and redo, a journal and a safe save.

The draft is kept as its JSON document, the form it is saved in, so an edit is a
list of :class:`Change` records — a place in the document, the value before and the
value after — and undo is the same changes run backwards. Every edit is checked as
it is made where it can be (a speaker that exists, dates in order, a span inside the
text); the whole story is validated by the model before it is written.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from smareader.files import FileRefused, read_file, write_atomic
from smareader.model.load import Problem, StoryFileError, parse_story, read_bytes, read_json
from smareader.model.story import Story
from smareader.sanitize import json_text

MISSING: Final = object()
"""A key that is absent from its object, before or after a change."""

COLLECTIONS: dict[str, tuple[str, ...]] = {
    "speaker": ("speakers",),
    "quote": ("quotes",),
    "event": ("events",),
    "figure": ("costs", "figures"),
    "category": ("costs", "categories"),
}
"""Where each kind of item lives in a story document."""
DROPPABLE = ("quote", "event", "figure", "category")
_PLURAL = {"quote": "quotes", "event": "events", "figure": "figures", "category": "categories"}
_TEXT_FIELD = {"quote": "text", "event": "when", "figure": "text", "category": "text"}
_EDITABLE = {
    "event": {"date_start", "date_end", "precision", "modifier", "status", "time", "title"},
    "figure": {"amount", "unit", "kind", "approximate", "label", "period", "stated_by"},
    "category": {"name", "description", "past", "demanded", "reported_by"},
    "quote": {"kind", "cue", "speaker"},
    "speaker": {"name", "kind", "role", "affiliation", "country", "aliases"},
}
CONTEXT = 32
"""Characters of prefix and suffix kept around a quote, as ``anchor`` does."""
JOURNAL_LIMIT = 16 * 1024 * 1024
"""The largest journal read back: edits are small, so anything larger is not ours."""

Path_ = tuple[str | int, ...]


class ReviewError(Exception):
    """An edit that was refused, with the reason in words a reviewer can act on."""


class SaveRefused(ReviewError):
    """The edited story is not valid, so it was not written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0] if problems else Problem("", "not valid")
        where = f"{first.location}: " if first.location else ""
        more = f" (and {len(problems) - 1:,} more)" if len(problems) > 1 else ""
        super().__init__(f"not saved: {where}{first.message}{more}")


class ChangedOnDisk(ReviewError):
    """The file changed on disk since it was opened: saving would lose those changes."""


@dataclass(frozen=True)
class Change:
    """One value replaced at one place in the document."""

    path: Path_
    """Keys and indexes from the top of the document to the value."""
    before: Any
    """The value before (``MISSING`` if the key was absent)."""
    after: Any
    """The value after (``MISSING`` to remove the key)."""


@dataclass(frozen=True)
class Edit:
    """What one action of the reviewer changed: undone and redone as a whole."""

    label: str
    """What was done, for the status line: "accept quote q3"."""
    changes: tuple[Change, ...]
    """The changes, in the order they were made."""


@dataclass(frozen=True)
class Journal:
    """Unsaved edits found beside a story file, from a session that did not save."""

    path: Path
    """The journal file."""
    edits: list[Edit]
    """The edits, oldest first."""
    current: bool
    """Whether the story file is still the one the edits were made to."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _get(document: Any, path: Path_) -> Any:
    node = document
    for part in path:
        if isinstance(part, int):
            node = node[part]
        else:
            if part not in node:
                return MISSING
            node = node[part]
    return node


def _set(document: Any, path: Path_, value: Any) -> None:
    node = _get(document, path[:-1])
    last = path[-1]
    if value is MISSING:
        node.pop(last, None)
    else:
        node[last] = copy.deepcopy(value)


def _encode(value: Any) -> Any:
    return {"$missing": True} if value is MISSING else value


def _decode(value: Any) -> Any:
    return MISSING if value == {"$missing": True} else value


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return (slug or "item")[:60]


class Review:
    """A draft story open for review.

    Args:
        path: The story file.
        document: Its JSON document (edited in place).
        original: The file's bytes as opened, to tell later whether it changed.
        story: The validated story, for its source text.
    """

    def __init__(self, path: Path, document: dict[str, Any], original: bytes, story: Story):
        self.path = path
        self.document = document
        self.text = story.text
        self.published = story.story.published
        self._disk = _digest(original)
        self._done: list[Edit] = []
        self._undone: list[Edit] = []
        self._saved: Edit | None = None
        self.journal_problem: str | None = None
        """Why unsaved edits could not be journaled (a read-only folder, a full disk)."""

    @classmethod
    def open(cls, path: Path, *, limit: int | None = None) -> Review:
        """Open a story file for review: it must be a valid story (a draft is one).

        Raises:
            StoryFileError: If the file cannot be read or is not a valid story.
        """
        data = read_bytes(path, limit=limit)
        story = parse_story(data, path=path, limit=limit)
        return cls(path, read_json(data, path), data, story)

    # ------------------------------------------------------------------ reading

    @property
    def dirty(self) -> bool:
        """Whether there are edits that are not saved."""
        top = self._done[-1] if self._done else None
        return top is not self._saved

    @property
    def journal_path(self) -> Path:
        """Where unsaved edits are journaled: a hidden file beside the story."""
        return journal_path(self.path)

    def items(self, kind: str) -> list[dict[str, Any]]:
        """The items of one kind: "speaker", "quote", "event", "figure" or "category"."""
        found = _get(self.document, COLLECTIONS[kind])
        return found if isinstance(found, list) else []

    def find(self, kind: str, item_id: str) -> tuple[int, dict[str, Any]]:
        """The index and item of ``kind`` with ``item_id``.

        Raises:
            ReviewError: If there is no such item.
        """
        for index, item in enumerate(self.items(kind)):
            if item.get("id") == item_id:
                return index, item
        raise ReviewError(f"there is no {kind} {item_id!r}")

    def queue(self, kind: str) -> list[dict[str, Any]]:
        """Items in review order: pending first, least confident first, then the rest."""
        items = self.items(kind)

        def order(pair: tuple[int, dict[str, Any]]) -> tuple[int, float, int]:
            index, item = pair
            pending = item.get("review") == "pending"
            confidence = item.get("confidence")
            sure = float(confidence) if isinstance(confidence, (int, float)) else 1.0
            return (0 if pending else 1, sure if pending else 0.0, index)

        return [item for _, item in sorted(enumerate(items), key=order)]

    def summary(self) -> dict[str, int]:
        """Counts of pending, accepted, edited and dropped items."""
        counts = {"pending": 0, "accepted": 0, "edited": 0, "dropped": 0}
        for kind in DROPPABLE:
            for item in self.items(kind):
                state = item.get("review")
                if state in counts:
                    counts[state] += 1
        dropped = (self.document.get("review") or {}).get("dropped") or {}
        counts["dropped"] = sum(value for value in dropped.values() if isinstance(value, int))
        return counts

    # -------------------------------------------------------------------- edits

    def _item_path(self, kind: str, item_id: str) -> tuple[Path_, dict[str, Any]]:
        index, item = self.find(kind, item_id)
        return (*COLLECTIONS[kind], index), item

    def _mark(self, path: Path_, item: dict[str, Any], state: str) -> list[Change]:
        before = item.get("review", MISSING)
        return [] if before == state else [Change((*path, "review"), before, state)]

    def _play(self, edit: Edit, *, forward: bool = True) -> None:
        """Make an edit's changes in the document, or unmake them in reverse order."""
        changes = edit.changes if forward else tuple(reversed(edit.changes))
        for change in changes:
            _set(self.document, change.path, change.after if forward else change.before)

    def apply(self, edit: Edit) -> Edit:
        """Make an edit, remember it for undo, and journal it."""
        self._play(edit)
        self._done.append(edit)
        self._undone.clear()
        self._write_journal()
        return edit

    def undo(self) -> Edit | None:
        """Undo the last edit, if any; return it."""
        if not self._done:
            return None
        edit = self._done.pop()
        self._play(edit, forward=False)
        self._undone.append(edit)
        self._write_journal()
        return edit

    def redo(self) -> Edit | None:
        """Redo the last undone edit, if any; return it."""
        if not self._undone:
            return None
        edit = self._undone.pop()
        self._play(edit)
        self._done.append(edit)
        self._write_journal()
        return edit

    def accept(self, kind: str, item_id: str) -> Edit:
        """Mark an item as checked by a person."""
        path, item = self._item_path(kind, item_id)
        return self.apply(
            Edit(f"accept {kind} {item_id}", tuple(self._mark(path, item, "accepted")))
        )

    def drop(self, kind: str, item_id: str) -> Edit:
        """Remove an item, every reference to it, and count it as dropped."""
        if kind not in DROPPABLE:
            raise ReviewError(f"a {kind} cannot be dropped; drop its quotes instead")
        index, _ = self.find(kind, item_id)
        changes = [_without(self.document, COLLECTIONS[kind], index)]
        changes += self._unreference(kind, item_id)
        log = self.document.get("review")
        dropped = dict((log or {}).get("dropped") or {})
        dropped[_PLURAL[kind]] = dropped.get(_PLURAL[kind], 0) + 1
        after = {**(log or {}), "dropped": dropped}
        changes.append(Change(("review",), log if log is not None else MISSING, after))
        return self.apply(Edit(f"drop {kind} {item_id}", tuple(changes)))

    def _unreference(self, kind: str, item_id: str) -> list[Change]:
        """Changes that remove references to a dropped item from the others."""
        changes: list[Change] = []
        lists = {"quote": ("events", "quotes"), "event": ("quotes", "events")}
        if kind in lists:
            holders, field = lists[kind]
            for index, item in enumerate(self.items(holders.rstrip("s"))):
                refs = item.get(field)
                if isinstance(refs, list) and item_id in refs:
                    kept = [ref for ref in refs if ref != item_id]
                    changes.append(Change((holders, index, field), refs, kept))
        if kind == "figure":
            comparisons = _get(self.document, ("costs", "comparisons"))
            if isinstance(comparisons, list):
                kept = []
                for item in comparisons:
                    if item_id in (item.get("numerator"), item.get("denominator")):
                        continue  # a ratio without one of its sides is no ratio
                    if item.get("stated") == item_id:  # the ratio stays, unconfirmed
                        item = {key: value for key, value in item.items() if key != "stated"}
                    kept.append(item)
                if kept != comparisons:
                    changes.append(Change(("costs", "comparisons"), comparisons, kept))
        return changes

    def set_speaker(self, quote_id: str, speaker_id: str) -> Edit:
        """Attribute a quote to another speaker of the story."""
        _, speaker = self.find("speaker", speaker_id)
        path, item = self._item_path("quote", quote_id)
        changes = [Change((*path, "speaker"), item.get("speaker", MISSING), speaker_id)]
        changes += self._mark(path, item, "edited")
        name = speaker.get("name") or speaker_id
        return self.apply(Edit(f"attribute quote {quote_id} to {name}", tuple(changes)))

    def add_speaker(
        self,
        name: str,
        kind: str = "person",
        *,
        role: str = "",
        affiliation: str = "",
        country: str = "",
        aliases: Iterable[str] = (),
    ) -> tuple[str, Edit]:
        """Add a speaker (checked by the model as it is added); return its id and the edit.

        Raises:
            ReviewError: If a field is not valid (empty name, unknown kind, too long…).
        """
        taken = {item.get("id") for item in self.items("speaker")}
        base = _slug(name)
        speaker_id, number = base, 1
        while speaker_id in taken:
            number += 1
            speaker_id = f"{base}-{number}"
        fields = {
            "id": speaker_id,
            "name": name.strip(),
            "kind": kind,
            "role": role.strip(),
            "affiliation": affiliation.strip(),
            "country": country.strip(),
            "aliases": [alias.strip() for alias in aliases if alias.strip()],
            "review": "edited",
        }
        fields = {key: value for key, value in fields.items() if value not in ("", [])}
        _check_record("speaker", fields)
        speakers = self.items("speaker")
        changes = [Change(("speakers",), speakers, [*speakers, fields])]
        return speaker_id, self.apply(Edit(f"add speaker {name.strip()}", tuple(changes)))

    def check(self, kind: str, item_id: str, /, **fields: Any) -> None:
        """Check an edit as :meth:`edit` would, without making it (for forms as you type).

        Raises:
            ReviewError: Saying what is wrong.
        """
        unknown = set(fields) - _EDITABLE.get(kind, set())
        if unknown:
            raise ReviewError(f"cannot edit {', '.join(sorted(unknown))} of a {kind} here")
        _, item = self._item_path(kind, item_id)
        candidate = {**item, **{key: value for key, value in fields.items() if value is not None}}
        for key, value in fields.items():
            if value is None:
                candidate.pop(key, None)
        if kind == "quote" and "speaker" in fields:
            self.find("speaker", fields["speaker"])
        candidate["review"] = "edited"
        _check_record(kind, candidate)
        if kind == "event":
            try:
                _check_event(candidate, self.published)
            except ValueError as error:  # a date the record check let through as text
                raise ReviewError(str(error)) from None

    def edit(self, kind: str, item_id: str, /, **fields: Any) -> Edit:
        """Change fields of an item after checking them; the item becomes "edited".

        ``kind`` and ``item_id`` are positional only, so a figure's own ``kind``
        field can be passed among ``fields``.

        A value of ``None`` removes an optional field. Events are checked against
        each other's rules too: the first day not after the last, minute precision
        with a time, and a status that agrees with the publication date.

        Raises:
            ReviewError: Saying what is wrong, and nothing is changed.
        """
        self.check(kind, item_id, **fields)
        path, item = self._item_path(kind, item_id)
        changes = [
            Change((*path, key), item.get(key, MISSING), MISSING if value is None else value)
            for key, value in fields.items()
            if item.get(key, MISSING) != (MISSING if value is None else value)
        ]
        changes += self._mark(path, item, "edited")
        return self.apply(Edit(f"edit {kind} {item_id}", tuple(changes)))

    def _span(self, start: int, end: int) -> str:
        if not 0 <= start < end <= len(self.text):
            raise ReviewError(f"the selection [{start}, {end}) is not inside the article")
        words = self.text[start:end]
        if not words.strip():
            raise ReviewError("the selection is blank; select some words")
        return words

    def reanchor(self, kind: str, item_id: str, start: int, end: int) -> Edit:
        """Point an item at other words of the article (a new span)."""
        if kind not in _TEXT_FIELD:
            raise ReviewError(f"a {kind} has no span to move")
        words = self._span(start, end)
        path, item = self._item_path(kind, item_id)
        after: dict[str, Any] = {_TEXT_FIELD[kind]: words, "start": start, "end": end}
        if kind == "quote":
            after["prefix"] = self.text[max(0, start - CONTEXT) : start]
            after["suffix"] = self.text[end : end + CONTEXT]
        changes = [
            Change((*path, key), item.get(key, MISSING), value)
            for key, value in after.items()
            if item.get(key, MISSING) != value
        ]
        changes += self._mark(path, item, "edited")
        return self.apply(Edit(f"re-anchor {kind} {item_id}", tuple(changes)))

    def add_quote(
        self, start: int, end: int, speaker_id: str, *, kind: str = "direct", cue: str = ""
    ) -> tuple[str, Edit]:
        """Add the selected words as a quote of a speaker; return its id and the edit."""
        words = self._span(start, end)
        self.find("speaker", speaker_id)
        quote_id = _fresh_id({item.get("id") for item in self.items("quote")}, "q")
        item = {
            "id": quote_id,
            "speaker": speaker_id,
            "text": words,
            "start": start,
            "end": end,
            "kind": kind,
            "prefix": self.text[max(0, start - CONTEXT) : start],
            "suffix": self.text[end : end + CONTEXT],
            "cue": cue,
            "review": "edited",
            "rule": "person",
        }
        _check_record("quote", item)
        quotes = self.items("quote")
        edit = Edit(f"add quote {quote_id}", (Change(("quotes",), quotes, [*quotes, item]),))
        return quote_id, self.apply(edit)

    def add_event(self, start: int, end: int, *, title: str | None = None) -> tuple[str, Edit]:
        """Add the selected words as an event's time phrase, dated to the publication day.

        The new event stays "pending": its dates are a placeholder for the reviewer
        to set with :meth:`edit`.
        """
        words = self._span(start, end)
        event_id = _fresh_id({item.get("id") for item in self.items("event")}, "e")
        day = self.published.isoformat()
        item = {
            "id": event_id,
            "title": (title or words).strip()[:300],
            "when": words,
            "start": start,
            "end": end,
            "date_start": day,
            "date_end": day,
            "precision": "day",
            "status": "on_day",
            "review": "pending",
            "rule": "person",
        }
        _check_record("event", item)
        events = self.items("event")
        edit = Edit(f"add event {event_id}", (Change(("events",), events, [*events, item]),))
        return event_id, self.apply(edit)

    # --------------------------------------------------------- validate and save

    def serialized(self) -> str:
        """The document as it will be saved."""
        return json_text(self.document) + "\n"

    def validate(self) -> Story:
        """The edited story, validated by the model.

        Raises:
            SaveRefused: With every problem, each naming its item by JSON path.
        """
        try:
            return parse_story(self.serialized().encode("utf-8"), path=self.path)
        except StoryFileError as error:
            raise SaveRefused(error.problems) from None

    def save(self, *, overwrite_changed: bool = False) -> Story:
        """Validate, then write the story atomically, keeping the old file as ``.bak``.

        Args:
            overwrite_changed: Save even if the file changed on disk since it was
                opened (the reviewer said so).

        Raises:
            SaveRefused: If the story is not valid; nothing is written.
            ChangedOnDisk: If the file changed on disk; nothing is written.
            FileRefused, OSError: If the file cannot be written.
        """
        text = self.serialized()
        story = self.validate()
        try:
            current = read_bytes(self.path)
        except StoryFileError:
            current = None
        if current is not None and _digest(current) != self._disk and not overwrite_changed:
            raise ChangedOnDisk(
                f"{self.path.name} changed on disk since it was opened; not saved "
                "(save again to overwrite it, or reopen it to see the changes)"
            )
        if current is not None:
            write_atomic(backup_path(self.path), current, overwrite=True)
        write_atomic(self.path, text, overwrite=True)
        self._disk = _digest(text.encode("utf-8"))
        self._saved = self._done[-1] if self._done else None
        self._write_journal()
        return story

    # ------------------------------------------------------------------ journal

    def _write_journal(self) -> None:
        """Keep the unsaved edits beside the file, or remove the journal if none are.

        A journal that cannot be written never costs the edit: the edit stands, and
        :attr:`journal_problem` says why it is not safe from a crash until saved.
        """
        try:
            if not self.dirty:
                self.journal_path.unlink(missing_ok=True)
            else:
                start = self._done.index(self._saved) + 1 if self._saved in self._done else 0
                payload = {
                    "journal": 1,
                    "base": self._disk,
                    "edits": [_edit_json(edit) for edit in self._done[start:]],
                }
                text = json.dumps(payload, ensure_ascii=False)
                write_atomic(self.journal_path, text, overwrite=True)
        except (FileRefused, OSError) as error:
            reason = error.reason if isinstance(error, FileRefused) else error.strerror
            self.journal_problem = f"unsaved edits cannot be journaled: {reason or error}"
        else:
            self.journal_problem = None

    def recover(self, journal: Journal) -> int:
        """Redo the edits of a journal found at open; return how many.

        Raises:
            ReviewError: If the story file changed since the journal was written.
        """
        if not journal.current:
            raise ReviewError(
                f"{self.path.name} changed since the unsaved edits were journaled; "
                "they cannot be applied to it"
            )
        for edit in journal.edits:
            self._play(edit)
            self._done.append(edit)
        self._write_journal()
        return len(journal.edits)


def journal_path(path: Path) -> Path:
    """The journal of a story file: ``.NAME.json.journal`` beside it."""
    return path.with_name(f".{path.name}.journal")


def backup_path(path: Path) -> Path:
    """The previous version of a saved story: ``NAME.json.bak`` beside it."""
    return path.with_name(f"{path.name}.bak")


def find_journal(path: Path) -> Journal | None:
    """Unsaved edits left beside ``path`` by a session that ended without saving.

    A journal that cannot be read or is not ours is ignored (``None``).
    """
    file = journal_path(path)
    try:
        payload = json.loads(read_file(file, limit=JOURNAL_LIMIT))
        edits = [_edit_from(item) for item in payload["edits"]]
        base = str(payload["base"])
        current = _digest(read_file(path)) == base
    except (FileRefused, ValueError, KeyError, TypeError):
        return None
    return Journal(file, edits, current) if edits else None


def _edit_json(edit: Edit) -> dict[str, Any]:
    return {
        "label": edit.label,
        "changes": [
            {
                "path": list(change.path),
                "before": _encode(change.before),
                "after": _encode(change.after),
            }
            for change in edit.changes
        ],
    }


def _edit_from(data: dict[str, Any]) -> Edit:
    changes = tuple(
        Change(tuple(item["path"]), _decode(item["before"]), _decode(item["after"]))
        for item in data["changes"]
    )
    return Edit(str(data["label"]), changes)


def _without(document: Any, path: Path_, index: int) -> Change:
    items = _get(document, path)
    return Change(path, items, [item for position, item in enumerate(items) if position != index])


def _fresh_id(taken: set[Any], prefix: str) -> str:
    number = len(taken) + 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def _check_record(kind: str, fields: dict[str, Any]) -> None:
    """Validate one item with the model's own record type.

    Raises:
        ReviewError: Naming the first field that is wrong and why.
    """
    from pydantic import TypeAdapter, ValidationError

    from smareader.model import story as model
    from smareader.model.load import problems_from

    record = {
        "speaker": model.Speaker,
        "quote": model.Quote,
        "event": model.Event,
        "figure": model.Figure,
        "category": model.Category,
    }[kind]
    try:
        TypeAdapter(record).validate_python(fields)
    except ValidationError as error:
        problem = problems_from(error)[0]
        raise ReviewError(f"{problem.location}: {problem.message}") from None


def _check_event(fields: dict[str, Any], published: date) -> None:
    """The rules an event must keep with itself and the publication date."""
    from smareader.model.story import _status_allows

    first = date.fromisoformat(str(fields["date_start"]))
    last = date.fromisoformat(str(fields["date_end"]))
    if first > last:
        raise ReviewError(
            f"the last day {last} is before the first day {first}; expected first ≤ last"
        )
    if (fields.get("precision") == "minute") != (fields.get("time") is not None):
        raise ReviewError("a time of day is needed exactly when the precision is 'minute'")
    problem = _status_allows(fields["status"], first, last, published)
    if problem is not None:
        raise ReviewError(problem)
