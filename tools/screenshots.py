"""Make the SVG screenshots in ``screenshots/``: ``python tools/screenshots.py [NAME...]``.

Each shot starts a reader in a headless terminal, presses keys as a person would, and
saves what the screen shows: the one-story reader on the bundled story ("story"), the
library reader on a library of the bundled stories ("library"), or review mode on a
draft that ``smareader extract`` makes of the invented Harbor City article ("review").
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"

Kind = Literal["story", "library", "review"]
SHOTS: dict[str, tuple[Kind, tuple[int, int], list[str]]] = {
    "timeline": ("story", (100, 32), []),
    "quotes": ("story", (100, 32), ["2", "down", "down"]),
    "costs": ("story", (100, 32), ["3"]),
    "article": ("story", (100, 32), ["2", "down", "enter", "down", "s"]),
    "search": ("story", (100, 32), ["slash", *"japan", "enter"]),
    "help": ("story", (100, 32), ["f1"]),
    "wide-quotes": ("story", (180, 45), ["2", "tab", "down"]),
    "narrow": ("story", (80, 24), ["down", "s"]),
    "links": ("story", (100, 32), ["tab", "tab"]),
    "find": ("story", (100, 32), ["4", "slash", *"korea", "enter", "n"]),
    "compact": ("story", (40, 12), ["2"]),
    "library-stories": ("library", (120, 32), ["down"]),
    "library-timeline": ("library", (120, 32), ["2", "down", "down", "down"]),
    "library-quotes": ("library", (120, 32), ["3", "shift+tab", "down"]),
    "library-costs": ("library", (120, 32), ["4", "down"]),
    "review": ("review", (100, 32), ["2", "tab"]),
}


def library_file(folder: Path) -> Path:
    """A library of the bundled stories."""
    from smareader.library.index import add_files
    from smareader.library.store import connect
    from smareader.model.bundled import bundled_story_paths

    path = folder / "library.sqlite3"
    connection = connect(path)
    try:
        failed = [o for o in add_files(connection, list(bundled_story_paths())) if o.error]
    finally:
        connection.close()
    if failed:
        raise SystemExit(f"cannot index the bundled stories: {failed}")
    return path


def draft_file(folder: Path) -> Path:
    """A draft of the invented Harbor City article, as `smareader extract` writes it."""
    from smareader.cli import main

    path = folder / "draft.json"
    article = ROOT / "data" / "eval" / "harbor-city-bridge.txt"
    code = main(["extract", str(article), "--published", "2024-03-14", "-o", str(path)])
    if code:
        raise SystemExit(f"extract failed ({code})")
    return path


def make(kind: Kind, folder: Path) -> Any:
    if kind == "library":
        from smareader.library import Library
        from smareader.library_app import LibraryReader

        return LibraryReader(Library.open(library_file(folder)), theme="textual-dark", fresh=True)
    from smareader.app import make_app

    return make_app(draft_file(folder) if kind == "review" else None, fresh=True)


async def shoot(name: str, out: Path, folder: Path) -> Path:
    kind, size, keys = SHOTS[name]
    app = make(kind, folder / name)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause(0.2)
        path = out / f"{name}.svg"
        app.save_screenshot(str(path))
    return path


async def main(names: list[str]) -> None:
    os.environ.pop("NO_COLOR", None)
    # Never read or write the user's remembered session or library while shooting.
    import smareader.session

    folder = Path(tempfile.mkdtemp(prefix="smareader-shots-"))
    smareader.session.state_dir = lambda: folder / "state"
    os.environ["SMAREADER_LIBRARY"] = str(folder / "unused.sqlite3")
    out = Path(os.environ.get("SMAREADER_SCREENSHOTS", OUT))
    out.mkdir(parents=True, exist_ok=True)
    for name in names or list(SHOTS):
        (folder / name).mkdir()
        print(await shoot(name, out, folder))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
