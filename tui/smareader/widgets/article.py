"""The Article pane: the whole source, every anchored span highlighted by type.

The text is wrapped once per width into lines that remember their character offset,
so a span can be scrolled to exactly and only the lines on screen are drawn.
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass
from functools import cached_property

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.cache import LRUCache
from textual.containers import Container
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from smareader.model.story import Story
from smareader.model.views import Mark, article_marks, navigable_marks
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
        Binding("n", "next_mark", "Next", tooltip="Highlight the next anchored span"),
        Binding("N", "previous_mark", "Prev", tooltip="Highlight the previous span"),
        Binding("enter", "open_mark", "Open", tooltip="Show the highlighted item in its pane"),
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

    def __init__(self, story: Story, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.story = story
        self._starts: array[int] = array("q")
        self._ends: array[int] = array("q")
        self._width = 0
        self._margin = MARGIN
        self._cache: LRUCache[tuple[int, int, int | None], Strip] = LRUCache(256)

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

    def _layout(self, width: int) -> None:
        """Wrap the text for a width: only line offsets; styling waits for drawing."""
        measure = max(10, min(MEASURE, width - 2 * MARGIN))
        self._margin = max(MARGIN, (width - measure) // 2)  # centred on wide screens
        self._starts, self._ends = layout(self.story.text, measure)
        self._width = width
        self._cache.clear()
        self.virtual_size = Size(width, len(self._starts))

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width and width != self._width:
            self._layout(width)
            # Scroll once the new virtual size has taken effect.
            self.call_after_refresh(self._scroll_to_current)

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
        return content.rstrip()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if index >= len(self._starts):
            return Strip.blank(width, self.rich_style)
        key = (index, width, self.current)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        content = Content.assemble(
            " " * self._margin, self._line_content(self._starts[index], self._ends[index])
        )
        strip = content_strip(self, content, width, self.visual_style)
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
        if first < top or last >= top + height:
            self.scroll_to(y=max(0, first - height // 3), animate=False, immediate=True)

    def action_next_mark(self) -> None:
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
        if not self.marks:
            return
        self.current = (len(self.marks) - 1 if self.current is None else self.current - 1) % len(
            self.marks
        )

    def action_open_mark(self) -> None:
        if (mark := self.current_mark) is not None:
            self.post_message(self.OpenMark(mark))

    def on_click(self, event: events.Click) -> None:
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
        if event.chain >= 2 and choice == self.current:
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


class ArticlePane(Container):
    """The source article with a legend and the highlighted span's description."""

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
        self._describe(message.mark)

    def _describe(self, mark: Mark | None) -> None:
        status = self.query_one("#article-status", Static)
        view = self.view
        story = self.story
        costs = story.costs
        # One navigable span per quote, event, figure and category.
        total = len(story.quotes) + len(story.events)
        total += len(costs.figures) + len(costs.categories) if costs else 0
        if mark is None:
            status.update(
                Content.styled(f"{total} anchored spans · n/N: next/previous", "$text-muted")
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
                (f"{mark.kind.capitalize()} {position}/{total}: ", "bold"),
                safe_content(label),
                (f"  [{mark.start}, {mark.end})", "$text-muted"),
            )
        )
