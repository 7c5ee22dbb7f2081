"""The Costs pane: categories paid before vs. newly demanded, amounts as bars, ratios."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from smareader.model.story import Story
from smareader.model.views import CategoryRow, CostTable, FigureBar, cost_table, format_amount
from smareader.widgets.links import Links
from smareader.widgets.messages import Copy, Navigate, Pane, Target
from smareader.widgets.pane import StoryPane
from smareader.widgets.review import review_lines, review_mark
from smareader.widgets.safe import safe_content
from smareader.widgets.text import field
from smareader.widgets.virtual_list import VirtualList

COLUMN = 12
"""Width of each yes/no column of the category matrix."""
SHORT = 5
"""Width of a yes/no column when the pane is narrow."""
COMPACT = 58
"""Row width under which the matrix drops its words and the reporter column."""
LABEL = 36
"""Widest label column of the figures."""
NAME = 32
"""Width of the category name column."""


def _plain(text: str) -> str:
    """Letters and digits only, lower case: to tell a restatement from a description."""
    return "".join(character for character in text.casefold() if character.isalnum())


def _mark(value: bool | None, width: int = COLUMN) -> Content:
    short = width < COLUMN
    if value is None:
        return Content.styled(("?" if short else "? not said").ljust(width), "$text-muted")
    if value:
        return Content.styled(("✔" if short else "✔ yes").ljust(width), "bold $text-success")
    return Content.styled(("✘" if short else "✘ no").ljust(width), "$text-error")


class CostsPane(StoryPane, Container):
    """What South Korea paid for, what the U.S. wants, and the money side by side."""

    PANE: ClassVar[Pane] = "costs"

    BINDINGS = [
        Binding(
            "s", "source", "Source", key_display="⏎/s", tooltip="Show this item in the article"
        ),
        Binding("y", "copy", "Copy", tooltip="Copy the highlighted item with its citation"),
    ]

    def __init__(
        self,
        story: Story,
        *,
        reviewing: bool = False,
        id: str | None = None,  # noqa: A002
    ) -> None:
        """Build the pane.

        Args:
            story: The story.
            reviewing: Review mode: each row carries its review mark.
            id: The widget's id.
        """
        super().__init__(id=id)
        self.story = story
        self.reviewing = reviewing
        self.table: CostTable = cost_table(story)
        self.figures: list[FigureBar] = self.table.bars + self.table.others
        self._amount_width = max(
            (safe_content(bar.text).cell_length for bar in self.table.bars), default=0
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="categories-box"):
            yield Static(self._matrix_header(), id="matrix-header")
            yield VirtualList(
                self._render_category,
                len(self.table.categories),
                id="categories",
                empty="This story has no cost categories",
            )
        with Vertical(id="figures-box"):
            yield VirtualList(
                self._render_figure,
                len(self.figures),
                id="figures",
                empty="This story has no figures",
            )
            yield Static(self._comparisons(), id="comparisons")
        with VerticalScroll(id="cost-detail", classes="detail"):
            yield Static(id="cost-detail-body")
            yield Links(id="cost-links")

    def on_mount(self) -> None:
        self.query_one("#categories-box").border_title = "Categories: past deals vs. new demand"
        self.query_one("#figures-box").border_title = f"Amounts ({self.table.currency or '—'})"
        self._show_category(0)

    @property
    def category_list(self) -> VirtualList:
        """The category matrix."""
        return self.query_one("#categories", VirtualList)

    @property
    def figure_list(self) -> VirtualList:
        """The amounts."""
        return self.query_one("#figures", VirtualList)

    def place(self, target: Target) -> None:
        if target.kind == "category":
            ids = [row.category.id for row in self.table.categories]
            if target.id in ids:
                self.category_list.cursor = ids.index(target.id)
        elif target.kind == "figure":
            ids = [bar.figure.id for bar in self.figures]
            if target.id in ids:
                self.figure_list.cursor = ids.index(target.id)

    def focus_main(self) -> None:
        # A story with amounts but no categories (most drafts) starts on its amounts:
        # an empty matrix would take the keys, and `e` or Enter would find nothing.
        only_figures = bool(self.figures) and not self.table.categories
        on_figures = self.target.kind == "figure" or only_figures
        wanted = self.figure_list if on_figures else self.category_list
        focused = self.screen.focused
        if self.target.kind is None and focused in (self.figure_list, self.category_list):
            return  # back on the pane as left: keep the list that had focus
        wanted.focus()

    def _current(self) -> Target:
        if self.screen.focused is self.figure_list and self.figures:
            return Target("costs", "figure", self.figures[self.figure_list.cursor].figure.id)
        if self.table.categories:
            category = self.table.categories[self.category_list.cursor].category
            return Target("costs", "category", category.id)
        return Target("costs")

    def report_current(self) -> None:
        self.report(self._current())

    def _matrix_header(self, width: int = 80) -> Content:
        if width < COMPACT:
            name = max(8, width - 2 * SHORT)
            return Content.assemble(
                ("Category".ljust(name), "bold"), ("Past".ljust(SHORT), "bold"), ("New", "bold")
            )
        return Content.assemble(
            ("Category".ljust(NAME), "bold"),
            ("Past deals".ljust(COLUMN), "bold"),
            ("New demand".ljust(COLUMN), "bold"),
            ("Reported by", "bold"),
        )

    def on_resize(self) -> None:
        width = self.size.width - 3  # the rows' width: padding and the scrollbar
        self.query_one("#matrix-header", Static).update(self._matrix_header(width))

    def _render_category(self, index: int, width: int) -> list[Content]:
        row = self.table.categories[index]
        category = row.category
        if self.reviewing:
            mark = review_mark(category, on_cursor=index == self.category_list.cursor)
            return [Content.assemble(mark, *self._category_cells(row, width - mark.cell_length))]
        return [Content.assemble(*self._category_cells(row, width))]

    def _category_cells(self, row: CategoryRow, width: int) -> list[Content]:
        category = row.category
        if width < COMPACT:
            # Narrow: short marks, no reporter (it is in the detail).
            size = max(8, width - 2 * SHORT)
            name = safe_content(category.name).truncate(size - 1, ellipsis=True)
            return [
                name.pad_right(size - name.cell_length),
                _mark(category.past, SHORT),
                _mark(category.demanded, SHORT),
            ]
        name = safe_content(category.name).truncate(NAME - 1, ellipsis=True)
        return [
            name.pad_right(NAME - name.cell_length),
            _mark(category.past),
            _mark(category.demanded),
            safe_content(row.reported_by, "$text-muted"),
        ]

    def _render_figure(self, index: int, width: int) -> list[Content]:
        """One line: the label, then a bar for money or the words for the rest."""
        bar = self.figures[index]
        if self.reviewing:
            mark = review_mark(bar.figure, on_cursor=index == self.figure_list.cursor)
            return [Content.assemble(mark, *self._figure_cells(bar, index, width - 2))]
        return self._figure_cells(bar, index, width)

    def _figure_cells(self, bar: FigureBar, index: int, width: int) -> list[Content]:
        figure = bar.figure
        label_width = max(8, min(LABEL, width // 3))
        label = safe_content(figure.label, "bold").truncate(label_width - 1, ellipsis=True)
        label = label.pad_right(label_width - label.cell_length)
        amount = safe_content(bar.text, "bold" if figure.kind == "money" else "")
        if figure.kind == "money":
            # One scale for every bar: the amounts share a right-aligned column.
            room = max(1, width - label_width - self._amount_width - 1)
            cells = max(1, round(bar.fraction * room))
            style = "$text-warning" if index == 0 else "$text-primary"
            drawing = Content.assemble(("█" * cells, style), " " * (room - cells + 1))
            amount = amount.pad_left(max(0, self._amount_width - amount.cell_length))
            return [Content.assemble(label, drawing, amount).truncate(width)]
        words = safe_content(f"  “{figure.text}”", "italic $text-muted")
        return [Content.assemble(label, amount, words).truncate(width, ellipsis=True)]

    def _comparisons(self) -> Content:
        lines = []
        for row in self.table.comparisons:
            stated = ""
            if row.stated is not None:
                agrees = abs(row.stated.amount - row.ratio) < 0.05 * row.ratio
                verdict = "the story says" if agrees else "but the story says"
                stated = f"  ({verdict} “{row.stated.text}”)"
            lines.append(
                Content.assemble(
                    safe_content(row.comparison.label, "bold"),
                    " = ",
                    (f"{format_amount(round(row.ratio, 2))}×", "bold $text-warning"),
                    safe_content(stated, "$text-muted"),
                )
            )
        return Content("\n").join(lines) if lines else Content("")

    # ---------------------------------------------------------------- events

    @on(VirtualList.Highlighted, "#categories")
    def _category_highlighted(self, message: VirtualList.Highlighted) -> None:
        message.stop()
        self._show_category(message.index)
        self.report_current()

    @on(VirtualList.Highlighted, "#figures")
    def _figure_highlighted(self, message: VirtualList.Highlighted) -> None:
        message.stop()
        self._show_figure(message.index)
        self.report_current()

    @on(VirtualList.Selected)
    def _selected(self, message: VirtualList.Selected) -> None:
        message.stop()
        self.action_source()

    def on_descendant_focus(self) -> None:
        focused = self.screen.focused
        if focused is self.figure_list:
            self._show_figure(self.figure_list.cursor)
            self.report_current()
        elif focused is self.category_list:
            self._show_category(self.category_list.cursor)
            self.report_current()

    def action_source(self) -> None:
        """Jump to the highlighted category or figure in the article."""
        current = self._current()
        if current.kind is not None:
            self.post_message(Navigate(Target("article", current.kind, current.id)))

    def action_copy(self) -> None:
        """Copy the highlighted category or figure with its citation."""
        current = self._current()
        if current.kind is not None and current.id is not None:
            self.post_message(Copy(current.kind, current.id))

    def _show_category(self, index: int) -> None:
        detail = self.query_one("#cost-detail-body", Static)
        if not 0 <= index < len(self.table.categories):
            detail.update("")
            self._links(None)
            return
        row = self.table.categories[index]
        category = row.category
        lines = [
            Content.assemble(
                safe_content(category.name, "bold"),
                " — ",
                safe_content(category.description or category.text),
            )
        ]
        # A description that only restates the words wastes a line the detail lacks.
        if _plain(category.description) != _plain(category.text):
            lines.append(field("As written", safe_content(f"“{category.text}”", "italic")))
        lines += review_lines(category)
        detail.update(Content("\n").join(lines))
        self._links(category.reported_by, "Reported by")

    def _show_figure(self, index: int) -> None:
        detail = self.query_one("#cost-detail-body", Static)
        if not 0 <= index < len(self.figures):
            detail.update("")
            self._links(None)
            return
        bar = self.figures[index]
        figure = bar.figure
        period = f" {figure.period}" if figure.period else ""
        detail.update(
            Content("\n").join(
                [
                    Content.assemble(
                        safe_content(figure.label, "bold"), " — ", safe_content(bar.text + period)
                    ),
                    field("As written", safe_content(f"“{figure.text}”", "italic")),
                    *review_lines(figure),
                ]
            ),
        )
        self._links(figure.stated_by, "Stated by")

    def _links(self, speaker_id: str | None, label: str = "") -> None:
        """Link the reporter of a figure or category to their quotes."""
        links = self.query_one("#cost-links", Links)
        if speaker_id is None:
            links.show([])
            return
        name = safe_content(self.story.speaker_by_id[speaker_id].name, "bold")
        links.show(
            [(Content.assemble(f"{label}: ", name), Target("quotes", "speaker", speaker_id))]
        )
