"""Keys as a person feels them: a key's bytes → the end of the frame it causes, on a pty.

``python benchmarks/pty_keys.py --library FILE`` (``--pages N``). The reader runs on a
pseudo-terminal of 120×40 that answers Textual's query for synchronized output, so
each frame arrives between ``ESC[?2026h`` and ``ESC[?2026l``. The clock starts as a
key's bytes are written to the terminal and stops when the end of the next frame has
been read back: the key's parsing, its handling, the repaint and the terminal's own
transfer, as a person's terminal sees them. Between keys the program is left idle for
a moment, as between a person's presses.

A minimal Textual app whose one key changes one ``Static`` is measured the same way,
in the same run: Textual's own floor for a key on this machine.

Prints; asserts nothing. POSIX only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from first_paint import _environment
from smareader.devtools.terminal import Pty

SYNC_QUERY = b"\x1b[?2026$p"
"""Textual asks the terminal whether it draws synchronized frames (DECRQM 2026)."""
SYNC_SUPPORTED = b"\x1b[?2026;2$y"
"""The answer of a terminal that does (mode 2026 known, reset)."""
FRAME_END = b"\x1b[?2026l"
"""The end of a synchronized frame."""
PAGE_DOWN, DOWN = b"\x1b[6~", b"\x1b[B"

MINIMAL = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Static

    class Minimal(App[None]):
        BINDINGS = [("j", "bump")]
        presses = 0

        def compose(self):
            yield Static("FirstPaintMarker")

        def action_bump(self):
            self.presses += 1
            self.query_one(Static).update(f"FirstPaintMarker {self.presses}")

    Minimal().run()
    """
)


def key_latencies(
    argv: list[str],
    env: dict[str, str],
    marker: bytes,
    keys: dict[str, tuple[bytes, int]],
    before: tuple[bytes, ...] = (),
    pause: float = 0.12,
) -> dict[str, list[float]]:
    """Milliseconds from each key's bytes to the end of its first frame.

    Args:
        argv: The program, run on a 120×40 pty.
        env: Its environment.
        marker: Bytes of the first screen: the program is ready once they are drawn.
        keys: For each name, the key's bytes and how many times to press it.
        before: Keys pressed first (to reach a pane), each given time to settle.
        pause: Idle time after each frame before the next key.
    """
    terminal = Pty(argv, size=(120, 40), env=env)
    try:
        if terminal.wait_for_any([SYNC_QUERY], limit=120.0) is None:
            raise RuntimeError(f"{argv[-1]!r} never asked for synchronized output")
        os.write(terminal.master, SYNC_SUPPORTED)
        if terminal.wait_for_any([marker], limit=120.0) is None:
            raise RuntimeError(f"{argv[-1]!r}: {marker!r} never reached the terminal")
        terminal.read(quiet=1.0, limit=30.0)
        terminal.press(before, settle=1.5)
        found: dict[str, list[float]] = {}
        for name, (key, count) in keys.items():
            found[name] = []
            for _ in range(count):
                since = len(terminal.output)
                start = time.monotonic()
                os.write(terminal.master, key)
                end = terminal.wait_for_any([FRAME_END], limit=5.0, since=since)
                if end is None:
                    raise RuntimeError(f"{argv[-1]!r}: no frame after {name}")
                found[name].append((end - start) * 1000)
                terminal.read(quiet=pause, limit=5.0)
    finally:
        terminal.close()
    return found


def bench_pty_keys(library: Path, pages: int = 200) -> None:
    """Print PgDn and ↓ in the library reader's Quotes pane beside the minimal app's key."""
    from run import percentile  # run.py's own (it imports this module at call time too)

    with tempfile.TemporaryDirectory() as home:
        env = _environment(Path(home))
        minimal = key_latencies(
            [sys.executable, "-c", MINIMAL], env, b"FirstPaintMarker", {"key": (b"j", 60)}
        )
        reader = key_latencies(
            [sys.executable, "-m", "smareader", "--fresh", "--library", str(library)],
            env,
            b"generator",
            {"PgDn": (PAGE_DOWN, pages), "↓": (DOWN, 60)},
            before=(b"3",),  # the Quotes pane: every speaker, all quotes in date order
        )
    print(f"\nKeys on a real pty, 120×40, {library.name}: key's bytes → end of its frame")
    rows = [("minimal Textual app, a key that changes a Static", minimal["key"])]
    rows += [(f"smareader, Quotes pane, {name}", values) for name, values in reader.items()]
    for name, values in rows:
        print(
            f"   {name:50} ×{len(values):<4} p50 {statistics.median(values):5.1f} ms,"
            f" p95 {percentile(values, 0.95):5.1f} ms, max {max(values):5.1f} ms"
        )
    print("   target: PgDn p95 ≤ 16 ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library", type=Path, required=True, help="the library file to open")
    parser.add_argument("--pages", type=int, default=200, help="PgDn presses (default 200)")
    args = parser.parse_args()
    bench_pty_keys(args.library, args.pages)


if __name__ == "__main__":
    main()
