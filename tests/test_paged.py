"""Paged rows: any index, read by key, offset or walk, is the row a full read gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from smareader.library.rows import Page
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
