"""The Article pane: the whole source, every anchored span highlighted by type.

The text is wrapped once per width into lines that remember their character offset,
so a span can be scrolled to exactly and only the lines on screen are drawn. A long
article is wrapped in a thread: a resize repaints at once with the old lines cut to
the new width, and the new lines take over when they are ready.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

from rich.cells import cell_len
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.cache import LRUCache
from textual.containers import Container
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.widgets import Static

from smareader.model.story import Story
from smareader.model.views import Mark, article_marks, navigable_marks, paragraph_of
from smareader.sanitize import strip_controls
from smareader.widgets.messages import Copy, Navigate, Pane, Target
from smareader.widgets.pane import StoryPane
from smareader.widgets.safe import safe_content
from smareader.widgets.virtual_list import content_strip
from smareader.widgets.wrap import layout

MARK_STYLES = {
    "quote": "$text-primary on $primary-muted",
    "event": "bold $text-warning on $warning-muted",
    "evidence": "underline",
    "figure": "bold $text-success on $success-muted",
    "category": "$text-success on $success-muted",
}
"""How each kind of span looks in the article."""
REGION_STYLE = "italic $text-disabled"
CURRENT_STYLE = "reverse bold"
FOUND_STYLE = "bold $text-warning on $warning-muted underline"
"""Every match of a find in the article."""
FOUND_CURRENT_STYLE = "bold reverse $text-warning"
"""The match ``n``/``N`` stopped at."""
SELECTION_STYLE = "$text on $error-muted"
"""Words selected with the keyboard or the mouse."""
HEAD_STYLE = "reverse"
"""The end of a keyboard selection that the arrows move."""
WORD = re.compile(r"\w+")
MAX_MATCHES = 100_000
"""Matches of a find kept (a one-letter find in a huge article stops there)."""
SYNC_LAYOUT = 1_000_000
"""Characters up to which the text is wrapped on the UI thread (a few milliseconds)."""
MEASURE = 96
"""Longest line, in cells: long lines are hard to read on wide terminals."""
MARGIN = 2


@dataclass
class _MarkIndex:
    """Every anchored span, ready for drawing and stepping through."""

    all: list[Mark]
    """Every span, in text order."""
    starts: array[int]
    """``all[i].start``, for bisecting."""
    longest: int
    """Length of the longest span: how far back a span may start and still show."""
    navigable: list[Mark]
    """One span per item, in text order."""
    by_item: dict[tuple[str, str], int]
    """``(kind, id)`` → index into ``navigable``."""

    @classmethod
    def build(cls, story: Story) -> _MarkIndex:
        marks = article_marks(story)
        navigable = navigable_marks(marks)
        return cls(
            marks,
            array("q", (mark.start for mark in marks)),
            max((mark.end - mark.start for mark in marks), default=0),
            navigable,
            {(mark.kind, mark.id): index for index, mark in enumerate(navigable)},
        )


class ArticleView(ScrollView, can_focus=True):
    """The wrapped, highlighted source text."""

    DEFAULT_CSS = """
    ArticleView { height: 1fr; background: $surface; overflow-x: hidden; }
    """

    BINDINGS = [
        Binding("n", "next_mark", "Next", tooltip="The next match, or the next anchored span"),
        Binding("N", "previous_mark", "Prev", tooltip="The previous match or span"),
        Binding("enter", "open_mark", "Open", tooltip="Show the highlighted item in its pane"),
        Binding(
            "v",
            "select",
            "Select",
            tooltip="Select words from the match or the highlighted span; arrows extend",
        ),
        # Shift+arrows start or extend a selection; plain arrows move the end of one
        # that is on (and otherwise scroll).
        Binding("shift+right", "select_more('char', 1)", "Extend", show=False),
        Binding("shift+left", "select_more('char', -1)", "Shrink", show=False),
        Binding("ctrl+shift+right", "select_more('word', 1)", "Word", show=False),
        Binding("ctrl+shift+left", "select_more('word', -1)", "Word back", show=False),
        Binding("shift+down", "select_more('line', 1)", "Line", show=False),
        Binding("shift+up", "select_more('line', -1)", "Line up", show=False),
        Binding("right", "extend('char', 1)", "Extend", show=False),
        Binding("left", "extend('char', -1)", "Shrink", show=False),
        Binding("ctrl+right", "extend('word', 1)", "Word", show=False),
        Binding("ctrl+left", "extend('word', -1)", "Word back", show=False),
        Binding("down", "extend('line', 1)", "Line", show=False),
        Binding("up", "extend('line', -1)", "Line up", show=False),
        Binding("o", "swap_ends", "Other end", show=False, tooltip="Move the other end"),
        Binding("escape", "clear_selection", "Clear", show=False),
        Binding("up,k", "scroll_up", "Up", show=False),
        Binding("down,j", "scroll_down", "Down", show=False),
        Binding("home,g", "scroll_home", "Top", show=False),
        Binding("end,G", "scroll_end", "Bottom", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
    ]

    current: reactive[int | None] = reactive(None, init=False)
    """Index into :attr:`marks` of the highlighted span."""

    @dataclass
    class MarkChanged(Message):
        """Another span is highlighted."""

        mark: Mark | None

    @dataclass
    class OpenMark(Message):
        """Show the highlighted span's item in its own pane."""

        mark: Mark

    @dataclass
    class FindMoved(Message):
        """Another match of the find is highlighted, or the matches changed."""

        current: int | None
        total: int

    @dataclass
    class Selected(Message):
        """The selection changed."""

        span: tuple[int, int] | None
        """The selected words as ``[start, end)`` offsets into the text, or ``None``."""

    @dataclass
    class _Wrapped(Message):
        width: int
        starts: array[int]
        ends: array[int]

    def __init__(self, story: Story, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.story = story
        self._starts: array[int] = array("q")
        self._ends: array[int] = array("q")
        self._width = 0
        self._margin = MARGIN
        self._cache: LRUCache[tuple[int, int, int | None, int | None], Strip] = LRUCache(256)
        self._wanted = 0  # the width a wrap in a thread is working towards
        self._jump_pending = False
        self.find_query = ""
        self._found: array[int] = array("q")
        self._found_length = 0
        self.found: int | None = None
        """Index into the matches of the highlighted one."""
        self._anchor: int | None = None
        """Where the selection started (offset into the text); ``None``: no selection."""
        self._head = 0
        """The end of the selection that moves."""
        self._by_mouse = False
        """Whether the selection was made with the mouse (Textual's selection)."""

    # ---------------------------------------------------------------- marks index

    @cached_property
    def _index(self) -> _MarkIndex:
        # Built on first use, not at start-up: the Article is rarely the first pane.
        return _MarkIndex.build(self.story)

    @property
    def marks(self) -> list[Mark]:
        """The spans ``n``/``N`` step through, in text order."""
        return self._index.navigable

    # ---------------------------------------------------------------- layout

    def _measure(self, width: int) -> int:
        return max(10, min(MEASURE, width - 2 * MARGIN))

    def _apply_layout(self, width: int, starts: array[int], ends: array[int]) -> None:
        top = self._starts[self.scroll_offset.y] if self._starts else 0
        self._margin = max(MARGIN, (width - self._measure(width)) // 2)  # centred when wide
        self._starts, self._ends = starts, ends
        self._width = width
        self._cache.clear()
        self.virtual_size = Size(width, len(self._starts))
        self.refresh()
        # Keep the same words at the top, then make sure the current span shows.
        self.scroll_to(y=self.line_of(top), animate=False, immediate=True, force=True)
        self.call_after_refresh(self._scroll_to_current)

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        if shown:
            # The scrollbar appears a refresh after a jump scrolled: show where it is.
            self.call_after_refresh(self._sync_scrollbar)

    def _sync_scrollbar(self) -> None:
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.position = self.scroll_y
            self.vertical_scrollbar.refresh()

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if self._jump_pending:
            # A jump made while the pane was hidden (no height) scrolls now.
            self.call_after_refresh(self._scroll_to_current)
        if not width or width == self._wanted:
            return
        self._wanted = width
        if width == self._width:  # back to the width already laid out
            self._cache.clear()
            self.refresh()
        elif len(self.story.text) <= SYNC_LAYOUT:
            self._apply_layout(width, *layout(self.story.text, self._measure(width)))
        else:
            # Until the thread is done, the old lines are drawn cut to the new width.
            self._cache.clear()
            self.refresh()
            self._wrap_in_thread(width)

    @property
    def wrapping(self) -> bool:
        """Whether the text is being wrapped for a new width in a thread."""
        return self._wanted != self._width

    @work(thread=True, exclusive=True, group="article-wrap")
    def _wrap_in_thread(self, width: int) -> None:
        starts, ends = layout(self.story.text, self._measure(width))
        # post_message is thread-safe and does nothing once the app is closing.
        self.post_message(self._Wrapped(width, starts, ends))

    @on(_Wrapped)
    def _wrapped(self, message: _Wrapped) -> None:
        message.stop()
        if message.width == self._wanted:  # a later resize wants another width
            self._apply_layout(message.width, message.starts, message.ends)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self._starts))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self.refresh()

    # ---------------------------------------------------------------- drawing

    def _line_content(self, lo: int, hi: int) -> Content:
        """One wrapped line, sanitized, with the regions and marks that touch it."""
        content = safe_content(self.story.text[lo:hi])  # one-line mode keeps offsets
        for region in self.story.source.regions:
            if region.start < hi and region.end > lo:
                content = content.stylize(
                    REGION_STYLE, max(region.start, lo) - lo, min(region.end, hi) - lo
                )
        # A mark that starts before the line can reach into it, but none is longer
        # than the longest mark, so the search starts that far back.
        first = bisect.bisect_left(self._index.starts, lo - self._index.longest)
        last = bisect.bisect_left(self._index.starts, hi)
        for touching in self._index.all[first:last]:
            if touching.end > lo:
                start, end = max(touching.start, lo) - lo, min(touching.end, hi) - lo
                content = content.stylize(MARK_STYLES[touching.kind], start, end)
        mark = self.current_mark
        if mark is not None and mark.start < hi and mark.end > lo:
            content = content.stylize(
                CURRENT_STYLE, max(mark.start, lo) - lo, min(mark.end, hi) - lo
            )
        if self._found:
            size = self._found_length
            first = bisect.bisect_left(self._found, lo - size + 1)
            last = bisect.bisect_left(self._found, hi)
            for index in range(first, last):
                start = self._found[index]
                style = FOUND_CURRENT_STYLE if index == self.found else FOUND_STYLE
                content = content.stylize(style, max(start, lo) - lo, min(start + size, hi) - lo)
        span = self.selection
        if span is not None and span[0] < hi and span[1] > lo:
            content = content.stylize(SELECTION_STYLE, max(span[0], lo) - lo, min(span[1], hi) - lo)
        if self._anchor is not None and not self._by_mouse and lo <= self._head < hi:
            content = content.stylize(HEAD_STYLE, self._head - lo, self._head - lo + 1)
        return content.rstrip()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if not self._starts and self.wrapping and y == 0:
            notice = Content.styled(" " * MARGIN + "Laying out the article…", "$text-muted")
            return content_strip(self, notice, width, self.visual_style)
        if index >= len(self._starts):
            return Strip.blank(width, self.rich_style)
        key = (index, width, self.current, self.found)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        content = Content.assemble(
            " " * self._margin, self._line_content(self._starts[index], self._ends[index])
        )
        # Offsets in the text of the line, for Textual's mouse selection: the margin
        # counts below zero, so a drag that starts in it starts at the line's start.
        strip = content_strip(self, content, width, self.visual_style).apply_offsets(
            -self._margin, index
        )
        self._cache[key] = strip
        return strip

    # ---------------------------------------------------------------- marks

    @property
    def current_mark(self) -> Mark | None:
        """The highlighted span."""
        return None if self.current is None else self.marks[self.current]

    def line_of(self, offset: int) -> int:
        """Index of the wrapped line that holds a character offset."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def show(self, kind: str, item_id: str) -> bool:
        """Highlight an item's span and scroll to it; false if it has none."""
        index = self._index.by_item.get((kind, item_id))
        if index is not None:
            # A jump puts the span a third down the view, always, once the text is
            # laid out and again after a relayout: the same place whatever was on
            # screen before. (``force``: the scrollbar that allows scrolling is only
            # worked out on the next refresh after a layout.)
            # Stepping with n/N or a click ends it.
            self._jump_pending = True
            self.current = index
        return index is not None

    def watch_current(self) -> None:
        self._scroll_to_current()
        self.call_after_refresh(self._scroll_to_current)
        self.refresh()
        self.post_message(self.MarkChanged(self.current_mark))

    def _scroll_to_current(self) -> None:
        mark = self.current_mark
        if mark is None or not self._starts:
            return
        first, last = self.line_of(mark.start), self.line_of(max(mark.start, mark.end - 1))
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if self._jump_pending or first < top or last >= top + height:
            self.scroll_to(y=max(0, first - height // 3), animate=False, immediate=True, force=True)
            self.refresh()

    # ---------------------------------------------------------------- find

    def set_find(self, query: str) -> None:
        """Highlight every occurrence of ``query`` (ignoring case); ``""`` clears."""
        self.find_query = query
        self._found = array("q")
        self._found_length = len(query)
        self.found = None
        if query.strip():
            matches = re.finditer(re.escape(query), self.story.text, re.IGNORECASE)
            for _, match in zip(range(MAX_MATCHES), matches, strict=False):
                self._found.append(match.start())
            if self._found:
                top = self._starts[self.scroll_offset.y] if self._starts else 0
                self.found = bisect.bisect_left(self._found, top) % len(self._found)
        self._cache.clear()
        self.refresh()
        self._scroll_to_found()
        self.post_message(self.FindMoved(self.found, len(self._found)))

    @property
    def match_count(self) -> int:
        """How many matches the find has."""
        return len(self._found)

    @property
    def finding(self) -> bool:
        """Whether ``n``/``N`` step through matches of a find (rather than spans)."""
        return bool(self._found)

    def current_found(self) -> tuple[int, int] | None:
        """The span of the highlighted match."""
        if self.found is None:
            return None
        start = self._found[self.found]
        return start, start + self._found_length

    def _step_found(self, step: int) -> None:
        if not self._found:
            return
        self.found = ((self.found or 0) + step) % len(self._found)
        self._cache.clear()
        self.refresh()
        self._scroll_to_found()
        self.post_message(self.FindMoved(self.found, len(self._found)))

    def _scroll_to_found(self) -> None:
        span = self.current_found()
        if span is None or not self._starts:
            return
        line = self.line_of(span[0])
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if not top <= line < top + height:
            self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True, force=True)

    def action_next_mark(self) -> None:
        self._jump_pending = False
        if self.finding:
            self._step_found(1)
            return
        if not self.marks:
            return
        if self.current is None:
            line = min(self.scroll_offset.y, len(self._starts) - 1)
            top = self._starts[line] if self._starts else 0
            following = bisect.bisect_left(self.marks, Mark(top, -1, "", ""))
            self.current = following % len(self.marks)
        else:
            self.current = (self.current + 1) % len(self.marks)

    def action_previous_mark(self) -> None:
        self._jump_pending = False
        if self.finding:
            self._step_found(-1)
            return
        if not self.marks:
            return
        self.current = (len(self.marks) - 1 if self.current is None else self.current - 1) % len(
            self.marks
        )

    # ---------------------------------------------------------------- selection

    @property
    def selection(self) -> tuple[int, int] | None:
        """The selected words as ``[start, end)`` offsets into the text, if any."""
        if self._anchor is None or self._anchor == self._head:
            return None
        return min(self._anchor, self._head), max(self._anchor, self._head)

    @property
    def selecting(self) -> bool:
        """Whether a selection is on (the arrows move its end)."""
        return self._anchor is not None

    def select(self, start: int, end: int, *, by_mouse: bool = False) -> None:
        """Select the words ``[start, end)``; the end is the one the arrows move."""
        size = len(self.story.text)
        self._anchor = max(0, min(start, size))
        self._head = max(0, min(end, size))
        self._by_mouse = by_mouse
        self._selection_changed()

    def clear_selection(self) -> None:
        """Select nothing."""
        if self._anchor is None:
            return
        self._anchor = None
        self._by_mouse = False
        if self.is_attached and self.text_selection is not None:
            self.screen.clear_selection()
        self._selection_changed()

    def _selection_changed(self) -> None:
        self._cache.clear()
        self.refresh()
        self.refresh_bindings()
        self.post_message(self.Selected(self.selection))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("clear_selection", "swap_ends", "extend"):
            return self.selecting
        return True

    def action_select_more(self, unit: str, step: int) -> None:
        """Start a selection, or move its end (shift+arrows)."""
        self.action_extend(unit, step)

    def action_select(self) -> None:
        """Start a selection at the match or the highlighted span; a second ``v`` ends it."""
        if self.selecting:
            self.clear_selection()
            return
        span = self.current_found()
        mark = self.current_mark
        if span is None and mark is not None and self._mark_on_screen(mark):
            span = (mark.start, mark.end)
        if span is None:
            line = min(self.scroll_offset.y, len(self._starts) - 1)
            top = self._starts[line] if self._starts else 0
            word = WORD.search(self.story.text, top)
            span = (word.start(), word.end()) if word else (top, top)
        self.select(*span)

    def _mark_on_screen(self, mark: Mark) -> bool:
        if not self._starts:
            return True
        top = self.scroll_offset.y
        return top <= self.line_of(mark.start) < top + self.scrollable_content_region.height

    def action_extend(self, unit: str, step: int) -> None:
        """Move the end of the selection by a character, a word or a line."""
        if not self.selecting:
            self.action_select()
            return
        text = self.story.text
        head = self._head
        if unit == "char":
            head += step
        elif unit == "word" and step > 0:
            word = WORD.search(
                text, head + 1 if head < len(text) and text[head].isalnum() else head
            )
            head = word.end() if word else len(text)
        elif unit == "word":
            before = [match.start() for match in WORD.finditer(text, max(0, head - 200), head)]
            before = [start for start in before if start < head]
            head = before[-1] if before else max(0, head - 200)
        elif self._starts:
            line = self.line_of(head)
            column = head - self._starts[line]
            line = max(0, min(len(self._starts) - 1, line + step))
            head = min(self._starts[line] + column, self._ends[line])
        self._head = max(0, min(head, len(text)))
        self._by_mouse = False
        self._selection_changed()
        self._scroll_to_offset(self._head)

    def action_swap_ends(self) -> None:
        """Let the arrows move the other end of the selection."""
        if self._anchor is not None:
            self._anchor, self._head = self._head, self._anchor
            self._selection_changed()
            self._scroll_to_offset(self._head)

    def action_clear_selection(self) -> None:
        self.clear_selection()

    def _scroll_to_offset(self, offset: int) -> None:
        if not self._starts:
            return
        line = self.line_of(offset)
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        if line < top:
            self.scroll_to(y=line, animate=False, immediate=True)
        elif line >= top + height:
            self.scroll_to(y=line - height + 1, animate=False, immediate=True)

    # Textual's mouse selection: lines carry offsets (see render_line) in wrapped
    # line and character coordinates, turned into text offsets here.

    def _text_offset(self, x: int, y: int) -> int:
        if not self._starts:
            return 0
        line = max(0, min(y, len(self._starts) - 1))
        lo, hi = self._starts[line], self._ends[line]
        return lo + max(0, min(x, hi - lo))

    def _span_of(self, selection: Selection) -> tuple[int, int]:
        start = 0 if selection.start is None else self._text_offset(*selection.start)
        end = len(self.story.text) if selection.end is None else self._text_offset(*selection.end)
        return min(start, end), max(start, end)

    def selection_updated(self, selection: Selection | None) -> None:
        if selection is None:
            if self._by_mouse:
                self.clear_selection()
            return
        self.select(*self._span_of(selection), by_mouse=True)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        start, end = self._span_of(selection)
        return strip_controls(self.story.text[start:end], keep_newlines=True), "\n"

    def text_select_all(self) -> None:
        """A double click opens a span (as in the lists), so it selects nothing."""

    def action_open_mark(self) -> None:
        if (mark := self.current_mark) is not None:
            self.post_message(self.OpenMark(mark))

    def on_click(self, event: events.Click) -> None:
        if self.text_selection is not None:
            return  # the end of a drag that selected words
        self.clear_selection()
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.scroll_offset.y + offset.y
        if index >= len(self._starts):
            return
        lo, hi = self._starts[index], self._ends[index]
        first = bisect.bisect_left(self.marks, Mark(lo - self._index.longest, -1, "", ""))
        on_line = [
            i
            for i in range(first, bisect.bisect_left(self.marks, Mark(hi, -1, "", "")))
            if self.marks[i].end > lo
        ]
        if not on_line:
            return
        event.stop()
        at = self._offset_at(lo, hi, offset.x - self._margin)
        under = [i for i in on_line if self.marks[i].start <= at < self.marks[i].end]
        # The span under the pointer (the shortest, if they nest); else the line's first.
        choice = min(under, key=lambda i: self.marks[i].end - self.marks[i].start, default=None)
        if choice is None:
            choice = self.current if self.current in on_line else on_line[0]
        self._jump_pending = False
        if choice == self.current:  # a second click opens it, as in the lists
            self.action_open_mark()
        else:
            self.current = choice

    def _offset_at(self, lo: int, hi: int, cells: int) -> int:
        """The source offset under a cell column of the line ``[lo, hi)``."""
        text = self.story.text
        width = 0
        for position in range(lo, hi):
            width += cell_len(text[position])
            if width > cells:
                return position
        return hi


class ArticlePane(StoryPane, Container):
    """The source article with a legend and the highlighted span's description."""

    PANE: ClassVar[Pane] = "article"

    BINDINGS = [Binding("y", "copy", "Copy", tooltip="Copy the highlighted words with a citation")]

    find: reactive[str] = reactive("", init=False)
    """Words to find in the text, bound from the screen."""
    offsets: reactive[bool] = reactive(False, init=False)
    """Show raw character offsets, bound from the screen."""

    def __init__(self, story: Story, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.story = story

    def compose(self) -> ComposeResult:
        yield Static(self._legend(), id="article-legend")
        yield ArticleView(self.story, id="article-view")
        yield Static(id="article-status", classes="status")

    @property
    def view(self) -> ArticleView:
        """The text view."""
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        self._describe(None)
        if self.find:
            self.view.set_find(self.find)

    def place(self, target: Target) -> None:
        if target.kind is not None and target.id is not None and target.kind != "speaker":
            self.view.show(target.kind, target.id)

    def focus_main(self) -> None:
        self.view.focus()

    def report_current(self) -> None:
        mark = self.view.current_mark
        self.report(Target("article", mark.kind, mark.id) if mark else Target("article"))  # type: ignore[arg-type]

    def watch_find(self, query: str) -> None:
        if self._ready:
            self.view.set_find(query)

    def watch_offsets(self) -> None:
        if self._ready:
            self._describe(self.view.current_mark)

    def _legend(self) -> Content:
        return Content.assemble(
            (" quote ", MARK_STYLES["quote"]),
            " ",
            (" time ", MARK_STYLES["event"]),
            " ",
            (" cost ", MARK_STYLES["figure"]),
            " ",
            ("not story text", REGION_STYLE),
        )

    @on(ArticleView.MarkChanged)
    def _mark_changed(self, message: ArticleView.MarkChanged) -> None:
        message.stop()
        self._describe(message.mark)
        self.report_current()

    @on(ArticleView.OpenMark)
    def _open_mark(self, message: ArticleView.OpenMark) -> None:
        message.stop()
        mark = message.mark
        self.post_message(Navigate(Target.home(mark.kind, mark.id)))  # type: ignore[arg-type]

    @dataclass
    class FindCount(Message):
        """Which match of how many the find in the article is at."""

        current: int | None
        """Index of the highlighted match."""
        total: int
        """Number of matches."""

    @dataclass
    class Selected(Message):
        """The reader selected words of the article, or nothing."""

        span: tuple[int, int] | None
        """The selected words as ``[start, end)`` offsets into the text, or ``None``."""

    @on(ArticleView.Selected)
    def _selected(self, message: ArticleView.Selected) -> None:
        # Told again from here, as the find's count is (see below).
        message.stop()
        self._describe(self.view.current_mark)
        self.post_message(self.Selected(message.span))

    @on(ArticleView.FindMoved)
    def _find_moved(self, message: ArticleView.FindMoved) -> None:
        # Told again from here: the view's message, made while this pane ran the
        # find, stops bubbling at this pane (Textual never returns a message to
        # the node that sent it).
        message.stop()
        self._describe(self.view.current_mark)
        self.post_message(self.FindCount(message.current, message.total))

    def action_copy(self) -> None:
        """Copy the selection, the highlighted match or the highlighted span, with a citation."""
        span = self.view.selection or self.view.current_found()
        mark = self.view.current_mark
        if span is None and mark is not None:
            span = (mark.start, mark.end)
        if span is not None:
            self.post_message(Copy("span", f"{span[0]}:{span[1]}"))
        else:
            self.notify("Highlight a span (n) or find words (/) first.", timeout=3)

    def _where(self, start: int, end: int) -> str:
        where = f"  ¶ {paragraph_of(self.story, start):,}"
        return f"{where}  [{start}, {end})" if self.offsets else where

    def _describe(self, mark: Mark | None) -> None:
        status = self.query_one("#article-status", Static)
        view = self.view
        story = self.story
        selected = view.selection
        if selected is not None:
            start, end = selected
            words = story.text[start:end]
            if len(words) > 60:
                words = f"{words[:28]}…{words[-28:]}"
            status.update(
                Content.assemble(
                    (f"Selected {end - start:,} characters ", "bold $text-accent"),
                    safe_content(f"“{words}”"),
                    (f"{self._where(start, end)} · Esc: clear", "$text-muted"),
                )
            )
            return
        span = view.current_found()
        if view.find_query.strip():
            total = view.match_count
            text = f"“{view.find_query}”"
            if span is None:
                status.update(Content.assemble(("No match for ", "bold"), safe_content(text)))
                return
            status.update(
                Content.assemble(
                    (f"Match {(view.found or 0) + 1:,}/{total:,} ", "bold $text-warning"),
                    ("for ", ""),
                    safe_content(text),
                    (f"{self._where(*span)} · n/N: next/previous · Esc: clear", "$text-muted"),
                )
            )
            return
        costs = story.costs
        # One navigable span per quote, event, figure and category.
        total = len(story.quotes) + len(story.events)
        total += len(costs.figures) + len(costs.categories) if costs else 0
        if mark is None:
            status.update(
                Content.styled(f"{total:,} anchored spans · n/N: next/previous", "$text-muted")
            )
            return
        if mark.kind == "quote":
            quote = story.quote_by_id[mark.id]
            label = f"{story.speaker_by_id[quote.speaker].name} ({quote.kind})"
        elif mark.kind == "event":
            event = story.event_by_id[mark.id]
            label = event.title
        elif mark.kind == "figure":
            label = story.figure_by_id[mark.id].label
        else:
            assert story.costs is not None
            label = next(c.name for c in story.costs.categories if c.id == mark.id)
        position = (view.current or 0) + 1
        status.update(
            Content.assemble(
                (f"{mark.kind.capitalize()} {position:,}/{total:,}: ", "bold"),
                safe_content(label),
                (self._where(mark.start, mark.end), "$text-muted"),
            )
        )
