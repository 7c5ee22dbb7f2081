"""How long the UI thread stalls when the Article pane is resized (issue 8, finding 11).

    python benchmarks/resize_stall.py [EXTRA_PARAGRAPHS]

Builds the bundled story followed by EXTRA_PARAGRAPHS paragraphs of ~800 characters
(default 50,000: about 40 million characters), opens the Article at 120×30, resizes
to 80×24, and reports the longest gap between 5 ms timer ticks on the UI thread while
the new wrap is made, once wrapping on the UI thread and once in a thread.
"""

from __future__ import annotations

import asyncio
import copy
import hashlib
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import smareader.session
from smareader.app import make_app
from smareader.model.bundled import bundled_story_path
from smareader.widgets import article
from smareader.widgets.article import ArticleView

PARAGRAPH = "Negotiators met again in Seoul on Tuesday and left after an hour. " * 12


def huge_story(paragraphs: int) -> Path:
    """Write the bundled story with extra paragraphs embedded; return its path."""
    path = bundled_story_path()
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    source = (path.parent / raw["source"]["path"]).read_text(encoding="utf-8")
    data = copy.deepcopy(raw)
    text = source + ("\n" + PARAGRAPH) * paragraphs
    data["source"] = {**data["source"], "text": text}
    data["source"]["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    del data["source"]["path"]
    out = Path(tempfile.mkdtemp()) / "huge.json"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out


async def measure(path: Path, *, in_thread: bool) -> None:
    """Resize once and print the wrap time and the longest UI stall."""
    article.SYNC_LAYOUT = 1_000_000 if in_thread else 10**12
    app = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        ticks: list[float] = []
        timer = app.set_interval(0.005, lambda: ticks.append(time.perf_counter()))
        await pilot.pause(0.1)
        began = time.perf_counter()
        await pilot.resize_terminal(80, 24)
        while view.wrapping or time.perf_counter() - began < 0.3:
            await asyncio.sleep(0.005)
        done = time.perf_counter()
        timer.stop()
        gaps = [b - a for a, b in itertools.pairwise(ticks) if a >= began - 0.01]
        where = "thread" if in_thread else "UI thread"
        print(
            f"{len(view.story.text):,} chars, wrapped on the {where}: "
            f"done after {(done - began) * 1000:.0f} ms, "
            f"longest UI stall {max(gaps) * 1000:.0f} ms"
        )


def main() -> None:
    state = Path(tempfile.mkdtemp())
    smareader.session.state_dir = lambda: state  # never touch the user's session
    path = huge_story(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
    asyncio.run(measure(path, in_thread=False))
    asyncio.run(measure(path, in_thread=True))


if __name__ == "__main__":
    main()
