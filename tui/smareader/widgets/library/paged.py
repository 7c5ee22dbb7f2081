"""A long list read from the library a page at a time, for a :class:`VirtualList`.

The list asks for rows by index; :class:`PagedRows` fetches the page that holds the
index and keeps a few pages. The next page after a known one is a keyset seek (its
cost does not grow with the index); a jump is a fetch by offset where the query
has one, else a walk on from the nearest page whose end is known.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from textual.cache import LRUCache

from smareader.library.rows import Page
from smareader.library.store import TooSlow

_T = TypeVar("_T")

Fetch = Callable[[str | None, int, int], Page[_T]]
"""``fetch(after, offset, limit)``: one page of rows after a cursor, or at an offset."""

PAGE = 128
"""Rows per fetch: a screen's worth several times over, a few milliseconds of SQL."""


class PagedRows(Generic[_T]):
    """Rows ``0 … count-1`` of a query, fetched on demand."""

    def __init__(
        self, count: int, fetch: Fetch[_T], *, offsets: bool = True, keep: int = 16
    ) -> None:
        """Args:
        count: How many rows the query has (from SQL).
        fetch: Fetches a page (see :data:`Fetch`).
        offsets: Whether ``fetch`` honours an offset; if not, jumps walk.
        keep: Pages kept in memory.
        """
        self.count = count
        self._fetch = fetch
        self._offsets = offsets
        self._pages: LRUCache[int, list[_T]] = LRUCache(keep)
        self._next: dict[int, str | None] = {}
        """The cursor after each page fetched so far (``None``: it was the last)."""

    def __len__(self) -> int:
        return self.count

    def get(self, index: int) -> _T | None:
        """The row at ``index``, or ``None`` past the end (the data shrank)."""
        if not 0 <= index < self.count:
            return None
        number, within = divmod(index, PAGE)
        rows = self._pages.get(number)
        if rows is None:
            rows = self._load(number)
        return rows[within] if within < len(rows) else None

    def find(self, test: Callable[[_T], bool], limit: int = 50_000) -> int | None:
        """Index of the first row (among the first ``limit``) that passes ``test``."""
        for index in range(min(self.count, limit)):
            row = self.get(index)
            if row is not None and test(row):
                return index
        return None

    def _load(self, number: int) -> list[_T]:
        after = self._next.get(number - 1) if number else None
        if number == 0 or after is not None:
            return self._keep(number, self._fetch(after, 0, PAGE))
        if number - 1 in self._next:
            return []  # the page before was the last one
        if self._offsets:
            return self._keep(number, self._fetch(None, number * PAGE, PAGE))
        known = max((page for page in self._next if page < number), default=-1)
        rows: list[_T] = []
        for page in range(known + 1, number + 1):
            rows = self._load(page)
            if not rows:
                break
        return rows

    def _keep(self, number: int, page: Page[_T]) -> list[_T]:
        self._pages[number] = page.rows
        self._next[number] = page.next
        return page.rows


class GrowingRows(Generic[_T]):
    """Rows of a query that is never counted: read on, a page at a time, near the end.

    A search's first page costs milliseconds, counting its matches tens or hundreds:
    the list shows what is read so far and grows as the reader moves down it, while the
    count comes separately (or not at all). A page that ``fetch`` finds too slow to
    read here (it raises :class:`~smareader.library.store.TooSlow`) is handed to
    ``behind``, which reads it elsewhere and gives it back with :meth:`add`;
    meanwhile :attr:`waiting` is true and no other page is asked for.
    """

    def __init__(
        self,
        fetch: Fetch[_T],
        grown: Callable[[int], None],
        behind: Callable[[GrowingRows[_T], str | None, int], None] | None = None,
    ) -> None:
        """Args:
        fetch: Fetches a page after a cursor (offsets are not used).
        grown: Called with the new number of rows after more were read (it must not
            redraw at once: it is called while a row is being drawn).
        behind: Reads a page ``fetch`` found too slow (after the cursor given, of
            the size given) and calls :meth:`add` with it, from the reader's thread;
            without it, the slow page's error is raised.
        """
        self._fetch = fetch
        self._grown = grown
        self._behind = behind
        self._rows: list[_T] = []
        self._after: str | None = None
        self.complete = False
        """Whether every row has been read."""
        self.waiting = False
        """Whether a page is being read behind the screen."""
        self._read()

    @property
    def count(self) -> int:
        """Rows read so far."""
        return len(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, index: int) -> _T | None:
        """The row at ``index``; nearing the end of what is read reads the next page."""
        near_end = index >= len(self._rows) - PAGE // 2
        if near_end and not self.complete and not self.waiting and self._read():
            self._grown(len(self._rows))
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def add(self, page: Page[_T]) -> None:
        """The page read behind the screen (after the cursor it was asked for)."""
        self.waiting = False
        self._take(page)
        self._grown(len(self._rows))

    def _read(self) -> bool:
        """Read the next page here, or have it read behind; whether rows came."""
        try:
            page = self._fetch(self._after, 0, PAGE)
        except TooSlow:
            if self._behind is None:
                raise
            self.waiting = True
            self._behind(self, self._after, PAGE)
            return False
        self._take(page)
        return True

    def _take(self, page: Page[_T]) -> None:
        self._rows += page.rows
        self._after = page.next
        self.complete = page.next is None


__all__ = ["PAGE", "Fetch", "GrowingRows", "PagedRows"]
