"""Run a program on a real pseudo-terminal and judge the raw bytes it writes.

The tests of the screen (Pilot, snapshots) see what Textual rendered; a terminal sees
bytes. A story's text could slip past the renderer (a title, a notification, the
clipboard) and reach the terminal as an escape sequence, so these helpers read what
the program actually wrote to the pty and check every control sequence in it against
the grammar that Textual itself uses.
"""

from __future__ import annotations

import base64
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from smareader.devtools.terminal import Pty

_CSI = re.compile(rb"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]")
"""A CSI sequence: colours, cursor moves, modes. Textual writes thousands of these."""
_OSC = re.compile(rb"\x1b\](?P<body>[^\x07\x1b]*)(?:\x07|\x1b\\)")
_OSC52 = re.compile(rb"52;c;(?P<payload>[A-Za-z0-9+/=]*)")
_OSC_TEXTUAL = re.compile(rb"22;[a-z-]+")
"""OSC 22 sets the mouse pointer's shape; Textual sends it with a shape name."""
_ESC_SHORT = re.compile(rb"\x1b[=>78]")
"""Keypad modes and cursor save/restore: short ESC sequences terminals use at start-up."""
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def scratch_environment(tmp_path: Path) -> dict[str, str]:
    """This process's environment for a program on a pty, with its own home, state,
    data, config, cache and library under ``tmp_path`` (never the user's) and no
    colour or theme settings from the user's shell."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"NO_COLOR", "TEXTUAL_THEME", "COLUMNS", "LINES"}
    }
    env.update(
        TERM="xterm-256color",
        HOME=str(tmp_path / "home"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        SMAREADER_LIBRARY=str(tmp_path / "library.sqlite"),
    )
    return env


def _control(char: str) -> bool:
    code = ord(char)
    return (code < 0x20 and char != "\n") or 0x7F <= code < 0xA0


@dataclass
class Verdict:
    """What was wrong with a byte stream, if anything."""

    problems: list[str] = field(default_factory=list)
    clipboard: list[str] = field(default_factory=list)
    """Every text the program put on the clipboard (OSC 52), decoded."""

    def __bool__(self) -> bool:
        return not self.problems


HOSTILE_CSI = (
    b"clear \x1b[2J\x1b[H screen",
    b"screen \x1b[31mred",
    b"category \x1b[5m",
    b"Event[/] \x1b[2J title",
)
"""CSI payloads of ``tests/data/hostile.json`` with the words around them.

A CSI sequence is Textual's own daily bread, so the grammar cannot tell one from the
data; these can be told by the data's own words beside them.
"""


def judge(data: bytes, *, allow_clipboard: bool = False) -> Verdict:
    """Check a terminal byte stream for anything a story could have put there.

    Allowed: CSI sequences (but not the hostile story's own, told by the words
    around them: :data:`HOSTILE_CSI`), the few short ESC sequences of start-up, and (when
    ``allow_clipboard``) OSC 52 clipboard writes whose payload is base64 and decodes
    to text without control characters. Everything else is a problem: any other OSC
    (window title, hyperlink), DCS/APC/PM/SOS, a stray ESC, C1 controls, NUL, other
    C0 controls than the usual BEL/BS/TAB/LF/CR, and bidirectional controls.
    """
    verdict = Verdict()
    for payload in HOSTILE_CSI:
        if payload in data:
            verdict.problems.append(f"CSI from the data: {payload!r}")
    rest = data
    for osc in _OSC.finditer(data):
        body = osc.group("body")
        clip = _OSC52.fullmatch(body)
        if clip and allow_clipboard:
            text = base64.b64decode(clip.group("payload")).decode("utf-8", "replace")
            verdict.clipboard.append(text)
            if any(
                (ord(char) < 0x20 and char not in "\n") or 0x7F <= ord(char) < 0xA0 for char in text
            ):
                verdict.problems.append(f"clipboard text with control characters: {text[:80]!r}")
            if _BIDI.search(text):
                verdict.problems.append(f"clipboard text with bidi controls: {text[:80]!r}")
        elif not _OSC_TEXTUAL.fullmatch(body):
            verdict.problems.append(f"OSC sequence: {osc.group()[:80]!r}")
    rest = _OSC.sub(b"", rest)
    rest = _CSI.sub(b"", rest)
    rest = _ESC_SHORT.sub(b"", rest)
    for match in re.finditer(rb"\x1b.{0,12}", rest, re.S):
        verdict.problems.append(f"ESC sequence: {match.group()!r}")
    for match in re.finditer(rb"[\x00-\x06\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]", rest):
        start = max(0, match.start() - 20)
        verdict.problems.append(
            f"control byte {match.group()!r} near {rest[start : match.end() + 20]!r}"
        )
    text = rest.decode("utf-8", "replace")
    for match in re.finditer("[\x80-\x9f]", text):
        verdict.problems.append(f"C1 control U+{ord(match.group()):04X}")
    for match in _BIDI.finditer(text):
        verdict.problems.append(f"bidi control U+{ord(match.group()):04X}")
    return verdict


def run_on_pty(
    argv: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None
) -> tuple[int, bytes]:
    """Run a command to its end on a pty (stdout and stderr both a terminal)."""
    terminal = Pty(argv, env=env, cwd=cwd)
    terminal.read(quiet=0.5, limit=60.0)
    deadline = time.monotonic() + 60
    while terminal.process.poll() is None and time.monotonic() < deadline:
        terminal.read(quiet=0.2, limit=1.0)
    code = terminal.close()
    return code, bytes(terminal.output)
