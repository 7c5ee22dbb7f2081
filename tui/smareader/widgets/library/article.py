"""The library reader's Article pane: the text of the story of the item shown.

The text is read when a story is shown (:meth:`Library.article` checks it against
the hash the story recorded); every anchored span is underlined and the item's own
words stand out, scrolled into view.
"""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from smareader.library.query import Library, format_day
from smareader.library.rows import Mark, StoryEntry
from smareader.library.store import LibraryError
from smareader.widgets.library.panes import story_name_content
from smareader.widgets.safe import safe_content

_PARAGRAPH = re.compile(r"\n\s*\n|\n")
MARK_STYLE = "underline $text-primary"
"""Words some item of the story is anchored to."""
SHOWN_STYLE = "bold reverse $text-warning"
"""The words of the item shown."""


class LibraryArticle(Widget):
    """One story's article, with an item's words highlighted."""

    PANE = "article"

    def __init__(self, library: Library, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.library = library
        self.story: StoryEntry | None = None
        self._text = ""
        self._marks: list[Mark] = []
        self._span: tuple[int, int] = (0, 0)

    def compose(self) -> ComposeResult:
        yield Static(
            Content.styled("Choose an item and press Enter to see it here.", "$text-muted"),
            id="library-article-title",
        )
        yield VerticalScroll(id="library-article-text")

    def focus_main(self) -> None:
        """Focus the text, for scrolling."""
        self.query_one("#library-article-text").focus()

    async def show(self, story: StoryEntry, start: int, end: int) -> None:
        """Show ``story``'s text with ``start:end`` highlighted and in view."""
        title = self.query_one("#library-article-title", Static)
        if self.story is None or self.story.id != story.id:
            try:
                self._text = self.library.article(story.id)
            except LibraryError as error:
                self.story = None
                title.update(safe_content(error.render(), "$text-error"))
                await self.query_one("#library-article-text").remove_children()
                return
            self._marks = self.library.marks(story.id)
            self.story = story
        self._span = (start, end)
        title.update(
            Content.assemble(
                safe_content(story.publisher, "bold"),
                f" · {format_day(story.published)}  ",
                story_name_content(story),
            )
        )
        await self._draw()

    async def _draw(self) -> None:
        text = self._text
        scroll = self.query_one("#library-article-text", VerticalScroll)
        await scroll.remove_children()
        paragraphs: list[Static] = []
        target: Static | None = None
        position = 0
        start, end = self._span
        for separator in [*_PARAGRAPH.finditer(text), None]:
            stop = separator.start() if separator else len(text)
            if stop > position:
                paragraph = Static(self._paragraph(position, stop), classes="paragraph")
                paragraphs.append(paragraph)
                if target is None and end > start and position <= start < stop:
                    target = paragraph
            position = separator.end() if separator else len(text)
        await scroll.mount_all(paragraphs)
        if target is not None:
            scroll.call_after_refresh(scroll.scroll_to_widget, target, animate=False, top=True)
        else:
            scroll.scroll_home(animate=False)

    def _paragraph(self, begin: int, stop: int) -> Content:
        content = safe_content(self._text[begin:stop])
        for mark in self._marks:
            if mark.end <= begin or mark.start >= stop:
                continue
            content = content.stylize(
                MARK_STYLE, max(mark.start, begin) - begin, min(mark.end, stop) - begin
            )
        start, end = self._span
        if end > start and end > begin and start < stop:
            content = content.stylize(
                SHOWN_STYLE, max(start, begin) - begin, min(end, stop) - begin
            )
        return content
