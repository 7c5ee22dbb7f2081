"""Issue 8, finding 11: a resize never freezes the reader, however large the article.

A long article is wrapped in a thread; the UI thread only starts it and repaints the
old lines cut to the new width. The test checks that structure (the wrap is still
running while keys are handled) rather than a wall-clock budget, and records the
time the UI thread spent on the resize as a property for the report.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path
from time import perf_counter
from typing import Any

import pytest

from smareader.app import make_app
from smareader.widgets import article
from smareader.widgets.article import ArticleView
from smareader.widgets.wrap import layout

PARAGRAPH = "Negotiators met again in Seoul on Tuesday and left after an hour. " * 12


@pytest.fixture
def huge_story(raw: dict[str, Any], write_story: Callable[[Any], Path]) -> Path:
    """The bundled story followed by about 16 MB of extra paragraphs."""
    text = raw["source"]["text"] + ("\n" + PARAGRAPH) * 20_000
    raw["source"]["text"] = text
    raw["source"]["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return write_story(raw)


async def test_a_resize_with_a_huge_article_keeps_the_ui_responsive(
    huge_story: Path,
    record_property: Callable[[str, object], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Hold every wrap after the first until the test has used the UI meanwhile: the
    # check does not depend on how fast this machine wraps.
    release = threading.Event()
    calls: list[int] = []

    def held_layout(text: str, width: int) -> tuple[Any, Any]:
        calls.append(width)
        if len(calls) > 1 and threading.current_thread() is not threading.main_thread():
            release.wait(timeout=30)
        return layout(text, width)

    monkeypatch.setattr(article, "layout", held_layout)
    app = make_app(huge_story)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert len(view.story.text) > article.SYNC_LAYOUT
        assert not view.wrapping
        before = view._width

        began = perf_counter()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        ui_seconds = perf_counter() - began
        # The UI thread did not wrap: the new width is still being worked on...
        assert view.wrapping
        # ...and keys are handled meanwhile.
        await pilot.press("n")
        assert view.current_mark is not None
        await pilot.press("2", "j", "4")
        assert view.wrapping
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not view.wrapping
        width = view._width
        assert width != before
        starts, _ends = layout(view.story.text, view._measure(width))
        assert list(view._starts[:100]) == list(starts[:100])
        assert len(view._starts) == len(starts)
        # The highlighted span is still on screen after the new lines took over.
        mark = view.current_mark
        top = view.scroll_offset.y
        assert top <= view.line_of(mark.start) < top + view.scrollable_content_region.height
        record_property("resize_ui_seconds", round(ui_seconds, 4))
        print(
            f"UI thread time for a resize of a {len(view.story.text):,}-char article: "
            f"{ui_seconds * 1000:.1f} ms"
        )


async def test_a_small_article_is_wrapped_at_once() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        await pilot.resize_terminal(70, 24)
        await pilot.pause()
        assert not view.wrapping
        assert view._width <= 70
