"""The Article pane: the whole source, every anchored span highlighted by type.

The text is wrapped once per width into lines that remember their character offset,
so a span can be scrolled to exactly and only the lines on screen are drawn.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from textual import events, on
from textual._wrap import compute_wrap_offsets
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual
from textual.widgets import Static

from smareader.model.story import Story
from smareader.model.views import Mark, article_marks, navigable_marks
from smareader.safe import safe_content

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


@dataclass(frozen=True)
class _Line:
    start: int
    """Offset in the source of the line's first character."""
    content: Content


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
        self.marks = navigable_marks(story)
        self._all_marks = article_marks(story)
        self._longest = max((mark.end - mark.start for mark in self._all_marks), default=0)
        self._lines: list[_Line] = []
        self._starts: list[int] = []
        self._width = 0
        self._margin = MARGIN

    # ---------------------------------------------------------------- layout

    def _paragraph(self, start: int, end: int) -> Content:
        content = safe_content(self.story.text[start:end])  # one-line mode keeps offsets
        for region in self.story.source.regions:
            if region.start < end and region.end > start:
                content = content.stylize(
                    REGION_STYLE, max(region.start, start) - start, min(region.end, end) - start
                )
        # Marks that began before this paragraph may reach into it, but none is
        # longer than the longest mark, so the search starts that far back.
        first = bisect.bisect_left(self._all_marks, Mark(start - self._longest, -1, "", ""))
        for mark in self._all_marks[first:]:
            if mark.end <= start:
                continue
            if mark.start >= end:
                break
            content = content.stylize(
                MARK_STYLES[mark.kind], max(mark.start, start) - start, min(mark.end, end) - start
            )
        return content

    def _layout(self, width: int) -> None:
        text = self.story.text
        measure = max(10, min(MEASURE, width - 2 * MARGIN))
        self._margin = max(MARGIN, (width - measure) // 2)  # centred on wide screens
        lines: list[_Line] = []
        position = 0
        for raw in text.split("\n"):
            end = position + len(raw)
            if raw:
                content = self._paragraph(position, end)
                offsets = compute_wrap_offsets(content.plain, measure, 8, fold=True)
                pieces = content.divide(offsets) if offsets else [content]
                for offset, piece in zip([0, *offsets], pieces, strict=False):
                    lines.append(_Line(position + offset, piece.rstrip()))
            else:
                lines.append(_Line(position, Content("")))
            position = end + 1
        self._lines = lines
        self._starts = [line.start for line in lines]
        self._width = width
        self.virtual_size = Size(width, len(lines))

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width and width != self._width:
            self._layout(width)
            # Scroll once the new virtual size has taken effect.
            self.call_after_refresh(self._scroll_to_current)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self._lines))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    # ---------------------------------------------------------------- drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        style = self.visual_style
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        line = self._lines[index]
        content = line.content
        mark = self.current_mark
        if mark is not None:
            lo, hi = line.start, line.start + len(content)
            if mark.start < hi and mark.end > lo:
                content = content.stylize(
                    CURRENT_STYLE, max(mark.start, lo) - lo, min(mark.end, hi) - lo
                )
        content = Content.assemble(" " * self._margin, content)
        strips = Visual.to_strips(self, content, width, 1, style)
        strip = strips[0] if strips else Strip.blank(width, self.rich_style)
        return strip.extend_cell_length(width, self.rich_style).crop(0, width)

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
        for index, mark in enumerate(self.marks):
            if mark.kind == kind and mark.id == item_id:
                self.current = index
                return True
        return False

    def watch_current(self) -> None:
        self._scroll_to_current()
        self.call_after_refresh(self._scroll_to_current)
        self.refresh()
        self.post_message(self.MarkChanged(self.current_mark))

    def _scroll_to_current(self) -> None:
        mark = self.current_mark
        if mark is None or not self._lines:
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
            top = self._starts[self.scroll_offset.y] if self._starts else 0
            self.current = next((i for i, m in enumerate(self.marks) if m.start >= top), 0)
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
        if index >= len(self._lines):
            return
        line = self._lines[index]
        end = line.start + len(line.content)
        on_line = [i for i, m in enumerate(self.marks) if m.start < end and m.end > line.start]
        if on_line:
            event.stop()
            self.current = on_line[0] if self.current not in on_line else self.current
            if event.chain >= 2:
                self.action_open_mark()


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
        total = len(view.marks)
        if mark is None:
            status.update(
                Content.styled(f"{total} anchored spans · n/N: next/previous", "$text-muted")
            )
            return
        story = self.story
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
