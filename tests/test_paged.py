"""Paged rows: any index, read by key, offset or walk, is the row a full read gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smareader.library.rows import Page
from smareader.library.store import TooSlow
from smareader.widgets.library.paged import PAGE, GrowingRows, PagedRows


def source(size: int, calls: list[tuple[str | None, int]]) -> object:
    rows = list(range(size))

    def fetch(after: str | None, offset: int, limit: int) -> Page[int]:
        calls.append((after, offset))
        start = int(after) + 1 if after is not None else offset
        page = rows[start : start + limit]
        more = start + limit < size
        return Page(page, str(page[-1]) if more and page else None)

    return fetch


@settings(max_examples=60, deadline=None)
@given(
    size=st.integers(0, 5 * PAGE),
    indexes=st.lists(st.integers(-3, 6 * PAGE), max_size=30),
    offsets=st.booleans(),
)
def test_paged_rows_give_every_index_in_any_order(
    size: int, indexes: list[int], offsets: bool
) -> None:
    calls: list[tuple[str | None, int]] = []
    rows = PagedRows(size, source(size, calls), offsets=offsets, keep=2)  # type: ignore[arg-type]
    for index in indexes:
        assert rows.get(index) == (index if 0 <= index < size else None)
    if not offsets:
        assert all(offset == 0 for _, offset in calls)  # never an offset it cannot honour


@settings(max_examples=40, deadline=None)
@given(size=st.integers(0, 4 * PAGE))
def test_growing_rows_read_on_near_the_end(size: int) -> None:
    calls: list[tuple[str | None, int]] = []
    grown: list[int] = []
    rows = GrowingRows(source(size, calls), grown.append)  # type: ignore[arg-type]
    assert rows.count == min(size, PAGE)
    seen = []
    while (row := rows.get(len(seen))) is not None:
        seen.append(row)
    assert seen == list(range(size))
    assert rows.complete and rows.count == size
    assert grown == sorted(grown) and (not grown or grown[-1] == size)
    assert all(offset == 0 for _, offset in calls)  # read by key only


def test_a_page_too_slow_to_read_here_is_read_behind_and_added() -> None:
    rows = list(range(3 * PAGE))
    slow = {0, PAGE}  # the first two pages are "too slow" where the list reads them
    asked: list[str | None] = []
    grown: list[int] = []

    def fetch(after: str | None, offset: int, limit: int) -> Page[int]:
        start = int(after) + 1 if after is not None else 0
        if start in slow:
            raise TooSlow
        return page_at(start, limit)

    def page_at(start: int, limit: int) -> Page[int]:
        page = rows[start : start + limit]
        return Page(page, str(page[-1]) if start + limit < len(rows) else None)

    def behind(growing: GrowingRows[int], after: str | None, limit: int) -> None:
        assert limit == PAGE
        asked.append(after)

    growing = GrowingRows(fetch, grown.append, behind)
    assert growing.waiting and asked == [None] and growing.count == 0
    assert growing.get(0) is None and asked == [None]  # not asked twice meanwhile
    growing.add(page_at(0, PAGE))
    assert not growing.waiting and growing.count == PAGE and grown == [PAGE]
    assert growing.get(PAGE - 1) == PAGE - 1  # near the end: the next page is slow too
    assert growing.waiting and asked == [None, str(PAGE - 1)]
    growing.add(page_at(PAGE, PAGE))
    assert [growing.get(index) for index in range(3 * PAGE)] == rows  # the last, here
    assert growing.complete and not growing.waiting


def test_without_a_reader_behind_a_slow_page_is_an_error() -> None:
    def fetch(after: str | None, offset: int, limit: int) -> Page[int]:
        raise TooSlow

    with pytest.raises(TooSlow):
        GrowingRows(fetch, lambda count: None)
