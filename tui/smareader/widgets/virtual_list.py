"""A keyboard-and-mouse list that draws only the rows on screen.

Textual's ``OptionList`` and ``ListView`` build every item up front, which takes
seconds at 100,000 items. ``VirtualList`` is a Line API widget: it knows only how
many rows there are and asks a callback for the few it paints, so mounting, paging
and refilling cost the same at ten rows or a hundred thousand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget

from smareader.widgets.textual_private import scroll_bar_thumb, style_parser

RowRenderer = Callable[[int, int], Sequence[Content]]
"""Returns the lines (at most ``row_height``) of the row at an index, for a width."""


def content_segments(
    widget: Widget, content: Content, width: int, style: VisualStyle, pad: tuple[int, int] = (0, 0)
) -> Strip:
    """One line of ``content`` as a strip of exactly ``width`` cells plus padding.

    ``Visual.to_strips`` wraps, aligns and measures, which costs about half a
    millisecond a line; a list row is one line already cut to size, so its spans
    are rendered straight to segments (see :func:`style_parser`).
    """
    content = content.truncate(width, ellipsis=True)
    rich_style = style.rich_style
    left, right = pad
    segments = [Segment(" " * left, rich_style)] if left else []
    segments += [
        Segment(text, part.rich_style)
        for text, part in content.render(style, "", parse_style=style_parser(widget))
    ]
    fill = width - content.cell_length + right
    if fill > 0:
        segments.append(Segment(" " * fill, rich_style))
    return Strip(segments, left + width + right)


def content_strip(widget: Widget, content: Content, width: int, style: VisualStyle) -> Strip:
    """One line of ``content`` as a strip exactly ``width`` cells wide."""
    return content_segments(widget, content, width, style)


class VirtualList(ScrollView, can_focus=True):
    """A scrolling list of fixed-height rows, rendered on demand."""

    DEFAULT_CSS = """
    VirtualList {
        height: 1fr;
        background: $surface;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        &:focus { background-tint: $foreground 4%; }
        & > .virtual-list--row { padding: 0 1; }
        & > .virtual-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .virtual-list--cursor {
            background: $block-cursor-background;
            /* The theme's cursor foreground falls under 4.5:1 on some themes. */
            color: auto 100%;
            text-style: $block-cursor-text-style;
        }
        & > .virtual-list--empty { color: $text-muted; text-style: italic; }
    }
    """

    COMPONENT_CLASSES = {"virtual-list--row", "virtual-list--cursor", "virtual-list--empty"}

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)
    """Index of the highlighted row."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another row."""

        virtual_list: VirtualList
        index: int

        @property
        def control(self) -> VirtualList:
            """The list that sent the message."""
            return self.virtual_list

    @dataclass
    class Selected(Message):
        """A row was chosen with Enter or a click on the highlighted row."""

        virtual_list: VirtualList
        index: int

        @property
        def control(self) -> VirtualList:
            """The list that sent the message."""
            return self.virtual_list

    def __init__(
        self,
        render_row: RowRenderer,
        count: int = 0,
        *,
        row_height: int = 1,
        empty: str = "Nothing to show",
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
    ) -> None:
        """Build the list.

        Args:
            render_row: Returns the lines of a row, given its index.
            count: Number of rows.
            row_height: Lines per row.
            empty: What to say when there are no rows.
            name: Widget name.
            id: Widget id.
            classes: CSS classes.
        """
        super().__init__(name=name, id=id, classes=classes)
        self._render_row = render_row
        self._count = count
        self.row_height = row_height
        self.empty = empty
        self._cache: LRUCache[tuple[int, bool, int], list[Strip]] = LRUCache(192)
        self._styles: tuple[bool, VisualStyle, VisualStyle, tuple[int, int]] | None = None
        self._heading = 0
        """The direction of the last move: +1 down, -1 up, 0 none."""
        self._drawing_ahead = False
        """Whether :meth:`_draw_ahead` is already due after the next refresh."""
        self._laid_out = False
        """Whether the list has had a size yet (see :meth:`on_resize`)."""

    @property
    def count(self) -> int:
        """Number of rows."""
        return self._count

    def set_rows(self, count: int, render_row: RowRenderer | None = None, cursor: int = 0) -> None:
        """Replace the rows: a new count (and renderer), with the cursor at ``cursor``."""
        if render_row is not None:
            self._render_row = render_row
        self._count = count
        self._cache.clear()
        self._update_virtual_size()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = max(0, min(cursor, count - 1))
        self.refresh()

    def grow(self, count: int) -> None:
        """More rows after the last (a list read as it is scrolled); the cursor stays."""
        self._count = count
        self._update_virtual_size()
        self.refresh()

    def refresh_rows(self) -> None:
        """Redraw every row (after the data behind them changed)."""
        self._cache.clear()
        self.refresh()

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(
            self.scrollable_content_region.width, self._count * self.row_height
        )

    def on_resize(self, _event: events.Resize) -> None:
        self._cache.clear()
        self._update_virtual_size()
        # The first layout centres the cursor (a restored place shows what is around
        # it); later ones only keep it in view.
        self._scroll_cursor_into_view(center=not self._laid_out)
        self._laid_out = self._laid_out or bool(self.scrollable_content_region.height)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._styles = None

    def on_focus(self) -> None:
        # The cursor row looks different when the list has focus: redraw it.
        self._cache.clear()

    def on_blur(self) -> None:
        self._cache.clear()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        # ScrollView's own (a copy: see textual_private), but the scroll bar is
        # redrawn only when its thumb moves.
        # Drawing the bar costs ~2 ms a move (its every line goes through Textual's
        # styles), and over a million rows a page moves the thumb a thousandth of a
        # cell. The bar's position is still kept exact: a drag starts from it.
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            drawn = scroll_bar_thumb(bar)
            bar.set_reactive(ScrollBar.position, bar.validate_position(new_value))
            if scroll_bar_thumb(bar) != drawn:
                bar.refresh()
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, self._count * self.row_height)

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        if self._count == 0:
            if y == 0:
                style = self.get_visual_style("virtual-list--row", "virtual-list--empty")
                return content_strip(self, Content(f" {self.empty}"), width, style)
            return Strip.blank(width, self.rich_style)
        index, offset = divmod(line, self.row_height)
        if index >= self._count:
            return Strip.blank(width, self.rich_style)
        return self._row_strips(index, width)[offset]

    def _row_strips(self, index: int, width: int) -> list[Strip]:
        is_cursor = index == self.cursor
        key = (index, is_cursor, width)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        row, cursor, (left, right) = self._row_styles()
        style = cursor if is_cursor else row
        inner = max(1, width - left - right)
        lines = list(self._render_row(index, inner))[: self.row_height]
        lines += [Content("")] * (self.row_height - len(lines))
        strips = [content_segments(self, line, inner, style, (left, right)) for line in lines]
        self._cache[key] = strips
        return strips

    def _row_styles(self) -> tuple[VisualStyle, VisualStyle, tuple[int, int]]:
        """Row and cursor styles and the row padding, worked out once per look."""
        key = self.has_focus
        if self._styles is None or self._styles[0] != key:
            padding = self.get_component_styles("virtual-list--row").padding
            self._styles = (
                key,
                self.get_visual_style("virtual-list--row"),
                self.get_visual_style("virtual-list--row", "virtual-list--cursor"),
                (padding.left, padding.right),
            )
        _, row, cursor, pad = self._styles
        return row, cursor, pad

    # ------------------------------------------------------------------ cursor

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, self._count - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        # Only the two rows are redrawn (a move that scrolls redraws the rest through
        # watch_scroll_y): every line refreshed goes through Textual's styles, and a
        # whole 35-line list cost an arrow key 4 ms of its 6 ms of drawing.
        width = self.scrollable_content_region.width
        for index in {old, new}:
            self._cache.discard((index, True, width))
            self._cache.discard((index, False, width))
            self.refresh_lines(index * self.row_height, self.row_height)
        self._scroll_cursor_into_view()
        if self._count:
            self.post_message(self.Highlighted(self, new))
            self._heading = (new > old) - (new < old)
            if self._heading and not self._drawing_ahead:
                self._drawing_ahead = self.call_after_refresh(self._draw_ahead)

    def _draw_ahead(self) -> None:
        """Draw the rows of the next page in the direction of the last move, once the
        frame that moved is out: the next PgDn then shows rows already drawn.

        Drawing a page of new rows was a quarter of a PgDn's time at 120×40 (each row
        its data read, sanitized, highlighted and cut into segments); done here, it is
        off the path from the key to the frame. The row cache holds three pages.
        """
        self._drawing_ahead = False
        if not self._count or not self.is_attached:
            return
        region = self.scrollable_content_region
        width, rows = region.width, region.height // self.row_height + 1
        first = int(self.scroll_offset.y) // self.row_height
        start = first + rows - 1 if self._heading > 0 else first - rows
        for index in range(max(0, start), min(self._count, start + rows + 1)):
            self._row_strips(index, width)

    def _scroll_cursor_into_view(self, *, center: bool = False) -> None:
        if not self._count or not self.scrollable_content_region.height:
            # Not laid out yet: a row "into view" of no height scrolled past the rows
            # above it (the Costs pane hid its first heading, or not, by the timing of
            # its first fill); the first resize brings the cursor into view.
            return
        region = Region(0, self.cursor * self.row_height, 1, self.row_height)
        self.scroll_to_region(region, animate=False, immediate=True, force=True, center=center)

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // self.row_height - 1)

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self._count - 1

    def action_page_up(self) -> None:
        self.cursor -= self._page

    def action_page_down(self) -> None:
        self.cursor += self._page

    def action_select(self) -> None:
        if self._count:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._count:
            return
        index = (self.scroll_offset.y + offset.y) // self.row_height
        if index >= self._count:
            return
        event.stop()
        if index == self.cursor:
            self.action_select()
        else:
            self.cursor = index
