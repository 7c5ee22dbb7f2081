"""Make the SVG screenshots in ``screenshots/``: ``python tools/screenshots.py``.

Each shot starts the reader on the bundled story in a headless terminal, presses
keys as a person would, and saves what the screen shows.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"

SHOTS: dict[str, tuple[tuple[int, int], list[str]]] = {
    "timeline": ((100, 32), []),
    "quotes": ((100, 32), ["2", "down", "down"]),
    "costs": ((100, 32), ["3"]),
    "article": ((100, 32), ["2", "down", "enter", "down", "s"]),
    "search": ((100, 32), ["slash", *"japan", "enter"]),
    "help": ((100, 32), ["f1"]),
    "wide-quotes": ((180, 45), ["2", "tab", "down"]),
    "narrow": ((80, 24), ["down", "s"]),
    "links": ((100, 32), ["tab", "tab"]),
    "find": ((100, 32), ["4", "slash", *"korea", "enter", "n"]),
    "compact": ((40, 12), ["2"]),
}


async def shoot(name: str, size: tuple[int, int], keys: list[str], out: Path) -> Path:
    from smareader.app import make_app

    app = make_app(theme="textual-dark", fresh=True)
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
    # Never read or write the user's remembered session while shooting.
    import tempfile

    import smareader.session

    state = Path(tempfile.mkdtemp(prefix="smareader-shots-"))
    smareader.session.state_dir = lambda: state
    out = Path(os.environ.get("SMAREADER_SCREENSHOTS", OUT))
    out.mkdir(parents=True, exist_ok=True)
    for name in names or list(SHOTS):
        size, keys = SHOTS[name]
        print(await shoot(name, size, keys, out))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
