"""Issue 8: a story file from a stranger must not write to the terminal, read outside
its folder, hang, or blow up memory. One test (or more) per finding.

The byte-level tests of the reader and the commands on a real pty are in
``test_terminal_bytes.py``; these drive the command line in-process.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import hashlib
import io
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smareader.cli import main
from smareader.export import csv_cell, markdown_url
from smareader.files import FileRefused, confined, read_file, write_atomic
from smareader.model.story import sha256_hex
from smareader.sanitize import for_terminal

SECRET = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def run(*argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; return its status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def assert_clean(text: str) -> None:
    """Nothing a terminal would obey, and nothing a reader would be fooled by."""
    for char in text:
        code = ord(char)
        assert char == "\n" or not (code < 0x20 or 0x7F <= code < 0xA0), repr(text[:200])
        assert not (0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069), repr(text[:200])


@pytest.fixture
def story_with_path(tmp_path: Path, raw: dict[str, Any]) -> Callable[[str], Path]:
    """Write the bundled story in a folder of its own, its source at a given path."""

    def write(source_path: str) -> Path:
        folder = tmp_path / "stories"
        folder.mkdir(exist_ok=True)
        data = copy.deepcopy(raw)
        text = data["source"].pop("text")
        (folder / "article.txt").write_text(text, encoding="utf-8")
        data["source"]["path"] = source_path
        path = folder / "story.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    return write


# ---------------------------------------------------------------- 2. CLI escapes


def test_unknown_key_with_escapes_is_shown_inert(
    write_story: Callable[..., Path], raw: dict[str, Any]
) -> None:
    raw["quotes"][0]["\x1b]2;PWNED\x1b\\\x1b]52;c;ZXZpbA==\x07"] = 1
    raw["quotes"][1]["x\nfake.json: valid: all fine"] = 1
    code, out, err = run("validate", str(write_story(raw)))
    assert code == 1 and out == ""
    assert_clean(err)
    assert "\\x1b]2;PWNED" in err
    assert "x\\nfake.json" in err
    assert not any(line.startswith("fake.json") for line in err.splitlines())


def test_file_names_are_shown_inert(tmp_path: Path) -> None:
    path = tmp_path / "a\x1b]2;PWNED\x07\n.json"
    code, _, err = run("validate", str(path))
    assert code == 2
    assert_clean(err)
    assert len(err.splitlines()) == 1 and "\\x1b]2;PWNED\\x07\\n.json" in err


def test_for_terminal_keeps_one_line_and_shows_every_control() -> None:
    shown = for_terminal("a\x1b[2Jb\rc\nd\x9be\u202ef\u2028g\ud800h\x00")
    assert shown == "a\\x1b[2Jb\\rc\\nd\\x9be\\u202ef\\u2028g\\ud800h\\x00"


# ------------------------------------------------------ 3. source.path is confined


@pytest.mark.parametrize(
    "source_path",
    ["/etc/passwd", "../secret.txt", "link-out.txt", "sub/../../secret.txt", "/proc/self/environ"],
)
def test_source_outside_the_folder_is_never_read(
    tmp_path: Path, story_with_path: Callable[[str], Path], source_path: str
) -> None:
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    path = story_with_path(source_path)
    (path.parent / "sub").mkdir()
    (path.parent / "link-out.txt").symlink_to(tmp_path / "secret.txt")
    code, out, err = run("validate", str(path))
    assert code == 1 and out == ""
    assert "source.path" in err
    assert "absolute path" in err or "outside the story file's folder" in err
    assert "wJalr" not in err and "AWS" not in err
    assert hashlib.sha256(SECRET.encode()).hexdigest() not in err


def test_a_link_inside_the_folder_is_followed(story_with_path: Callable[[str], Path]) -> None:
    path = story_with_path("linked.txt")
    (path.parent / "linked.txt").symlink_to(path.parent / "article.txt")
    assert run("validate", str(path))[0] == 0


def test_anchor_never_copies_a_secret_into_the_draft(
    tmp_path: Path, story_with_path: Callable[[str], Path]
) -> None:
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    path = story_with_path("../secret.txt")
    draft = json.loads(path.read_text(encoding="utf-8"))
    del draft["source"]["sha256"]
    draft["quotes"] = [{"id": "q", "speaker": draft["speakers"][0]["id"], "text": "AWS_SECRET"}]
    path.write_text(json.dumps(draft), encoding="utf-8")
    before = path.read_bytes()
    code, out, err = run("anchor", str(path), "--write")
    assert code == 2 and out == ""
    assert "outside the story file's folder" in err and "wJalr" not in err
    assert path.read_bytes() == before


def test_mismatch_messages_do_not_print_the_digest(
    story_with_path: Callable[[str], Path],
) -> None:
    path = story_with_path("article.txt")
    (path.parent / "article.txt").write_text("something else", encoding="utf-8")
    _, _, err = run("validate", str(path))
    assert "does not have the recorded sha256" in err
    assert sha256_hex("something else") not in err


# --------------------------------------------------------------- 4. special files


def test_a_fifo_source_is_refused_without_hanging(
    story_with_path: Callable[[str], Path],
) -> None:
    path = story_with_path("fifo.txt")
    os.mkfifo(path.parent / "fifo.txt")
    result = subprocess.run(
        [sys.executable, "-m", "smareader", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    assert "is a FIFO (named pipe); expected the article text, a regular file" in result.stderr


def test_a_fifo_story_is_refused_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "story.json")
    code, _, err = run("validate", str(tmp_path / "story.json"))
    assert code == 2 and "is a FIFO" in err


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    with pytest.raises(FileRefused, match="character device"):
        read_file(Path(device))
    code, _, err = run("validate", device)
    assert code == 2 and "a character device" in err


def test_a_source_linked_to_a_device_is_refused(story_with_path: Callable[[str], Path]) -> None:
    path = story_with_path("zero.txt")
    (path.parent / "zero.txt").symlink_to("/dev/zero")
    code, _, err = run("validate", str(path))
    assert code == 1 and "outside the story file's folder" in err


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as stream:
        stream.truncate(1 << 30)  # sparse: 1 GiB that takes no disk
    code, _, err = run("validate", str(huge))
    assert code == 2
    assert "is larger than 128 MiB (at least 1,024 MiB)" in err
    assert "--max-size" in err
    code, _, err = run("validate", str(huge), "--max-size", "0.001")
    assert code == 2 and "is larger than 1,048 bytes" in err


def test_the_limit_can_be_raised_for_a_source(
    story_with_path: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = story_with_path("article.txt")
    small = json.loads(path.read_text(encoding="utf-8"))
    for part in ("speakers", "quotes", "events", "costs"):
        small.pop(part)
    small["source"]["regions"] = []
    path.write_text(json.dumps(small), encoding="utf-8")
    between = (path.stat().st_size + (path.parent / "article.txt").stat().st_size) / 2
    assert path.stat().st_size < between < (path.parent / "article.txt").stat().st_size
    mib = f"{between / 1024 / 1024:.6f}"
    code, _, err = run("validate", str(path), "--max-size", mib)
    assert code == 1 and "source.path: cannot read the source text 'article.txt': is larger" in err
    monkeypatch.setenv("SMAREADER_MAX_FILE_MIB", mib)
    assert run("validate", str(path))[0] == 1
    assert run("validate", str(path), "--max-size", "1")[0] == 0


def test_a_nul_in_the_source_path_is_a_message(story_with_path: Callable[[str], Path]) -> None:
    code, _, err = run("validate", str(story_with_path("a\x00b.txt")))
    assert code == 1 and "NUL character" in err and "Traceback" not in err


# ---------------------------------------------------------------- 5. output paths


def test_a_device_is_never_replaced(tmp_path: Path) -> None:
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    code, _, err = run("export", "-o", "/dev/null", "--force")
    assert code == 2 and "is a character device; expected a regular file" in err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_or_directory_target_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    code, _, err = run("export", "-o", str(tmp_path / "pipe"), "--force")
    assert code == 2 and "is a FIFO" in err
    code, _, err = run("export", "-o", str(tmp_path))
    assert code == 2 and "is a directory; expected a file name to write" in err
    assert "already exists" not in err


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_files_follow_the_umask(tmp_path: Path, mask: int, mode: int) -> None:
    with umask(mask):
        assert run("export", "-o", str(tmp_path / "out.md"))[0] == 0
    assert stat.S_IMODE((tmp_path / "out.md").stat().st_mode) == mode


def test_a_replaced_file_keeps_its_mode_and_a_link_stays_a_link(
    tmp_path: Path, raw: dict[str, Any]
) -> None:
    real = tmp_path / "real.json"
    real.write_text(json.dumps(raw), encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with umask(0o077):
        code, _, err = run("anchor", str(link), "--write")
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == real
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_a_read_only_target_is_refused_even_with_force(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("keep me", encoding="utf-8")
    target.chmod(0o444)
    code, _, err = run("export", "-o", str(target), "--force")
    assert code == 2 and "is read-only" in err
    assert target.read_text(encoding="utf-8") == "keep me"


def test_a_dangling_link_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "out.md").symlink_to(tmp_path / "elsewhere.md")
    code, _, err = run("export", "-o", str(tmp_path / "out.md"), "--force")
    assert code == 2 and "symbolic link to a file that does not exist" in err
    assert not (tmp_path / "elsewhere.md").exists()


def test_temporary_files_are_removed_on_error_and_after_a_kill(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    stale = tmp_path / f".out.json.{dead.stdout.strip()}.abc123.smareader.tmp"
    stale.write_bytes(b"x" * 1000)

    def interrupted(_: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "data")
    assert sorted(path.name for path in tmp_path.iterdir()) == []  # stale one gone too
    monkeypatch.undo()
    write_atomic(target, "data")
    assert [path.name for path in tmp_path.iterdir()] == ["out.json"]


def test_a_folder_is_swept_of_orphaned_temporaries_once_per_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    orphan = tmp_path / f".other.v1.csv.{dead}.k2j4h6g8.smareader.tmp"  # another name's
    alive = tmp_path / f".busy.json.{os.getppid()}.a1b2c3d4.smareader.tmp"  # a live writer's
    unrelated = tmp_path / ".notes.tmp"
    for path in (orphan, alive, unrelated):
        path.write_bytes(b"x")
    scans: list[object] = []
    real_scandir = os.scandir

    def counted(folder: Any) -> Any:
        scans.append(folder)
        return real_scandir(folder)

    monkeypatch.setattr(os, "scandir", counted)
    for number in range(50):
        write_atomic(tmp_path / f"{number}.json", "{}")
    assert len(scans) == 1  # not once a file: 50 files, one look at the folder
    names = {path.name for path in tmp_path.iterdir()}
    assert orphan.name not in names
    assert {alive.name, unrelated.name} <= names


def test_sigterm_during_a_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from smareader import cli, files\n"
        "real = os.fsync\n"
        "def slow(fd):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    real(fd)\n"
        "os.fsync = slow\n"
        "sys.argv = ['smareader', 'export', '-o', sys.argv[1]]\n"
        "for number in (signal.SIGTERM,):\n"
        "    signal.signal(number, cli._terminate)\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "out.md")], capture_output=True, timeout=60
    )
    assert result.returncode == 128 + 15
    assert list(tmp_path.iterdir()) == []


def test_dash_writes_to_standard_output() -> None:
    code, out, err = run("export", "--format", "csv", "-o", "-")
    assert code == 0 and out.startswith("id,speaker") and err == ""
    assert not Path("-").exists()


# --------------------------------------------------------- 7. export memory, limits


def test_every_string_field_has_a_maximum_length() -> None:
    from smareader.model.schema import schema_text

    schema = json.loads(schema_text())
    unbounded = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            kind = node.get("type")
            if kind == "string" and not {"maxLength", "enum", "format", "const"} & set(node):
                unbounded.append(where)
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}[{index}]")

    walk(schema, "schema")
    # The embedded article text is bounded by the file size limit instead.
    assert unbounded == ["schema.$defs.Source.properties.text.anyOf[0]"]


def test_a_huge_title_is_refused_and_cut_in_the_message(
    write_story: Callable[..., Path], raw: dict[str, Any]
) -> None:
    raw["story"]["title"] = "T" * 5_000_000
    code, _, err = run("validate", str(write_story(raw)))
    assert code == 1
    assert "story.title: expected at most 1000 characters" in err
    assert len(err) < 500


def test_export_builds_the_story_reference_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import smareader.export as export

    calls = []
    real = export.reference
    monkeypatch.setattr(export, "reference", lambda story: calls.append(1) or real(story))
    for fmt in ("csv", "json"):
        assert run("export", "--format", fmt)[0] == 0
    assert len(calls) == 2


# ---------------------------------------------------------------- 8. export injection


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_start_like_formulas_are_defused(start: str) -> None:
    cell = csv_cell(f'{start}HYPERLINK("https://evil.example","x")')
    assert cell == f'"\'{start}HYPERLINK(""https://evil.example"",""x"")"'
    assert csv_cell(f"{start}1+1", raw=True) == f'"{start}1+1"'
    assert csv_cell(-5) == "-5"  # numbers are numbers


def test_csv_export_defuses_a_formula_quote(
    write_story: Callable[..., Path], raw: dict[str, Any], tmp_path: Path
) -> None:
    raw["speakers"][0]["name"] = '=HYPERLINK("https://evil.example","click")'
    path = write_story(raw)
    _, out, _ = run("export", str(path), "--format", "csv")
    assert "'=HYPERLINK" in out and ",=HYPERLINK" not in out and '"=HYPERLINK' not in out
    _, out, _ = run("export", str(path), "--format", "csv", "--raw")
    assert '"=HYPERLINK' in out


def test_markdown_url_cannot_break_out() -> None:
    url = "https://e.example/>[click](javascript:alert(1))<x"
    assert markdown_url(url) == "<https://e.example/%3E[click](javascript:alert(1))%3Cx>"


def test_markdown_export_escapes_text_and_address(
    write_story: Callable[..., Path], raw: dict[str, Any]
) -> None:
    raw["story"]["url"] = "https://e.example/>[click](javascript:alert(1))<x"
    raw["story"]["title"] = "![img](https://track.example/p.gif) <script>x</script>"
    _, out, _ = run("export", str(write_story(raw)), "--format", "markdown")
    assert "<https://e.example/%3E[click](javascript:alert(1))%3Cx>" in out
    assert "\\!\\[img\\](https\\://track" in out and "<script>" not in out
    assert "`q-" not in out  # no internal ids
    assert out.count("Japan Times") > len(raw["quotes"])  # a citation with every quote


def test_json_export_and_anchor_escape_c1_and_bidi(
    write_story: Callable[..., Path], raw: dict[str, Any]
) -> None:
    raw["speakers"][0]["name"] = "Evil\x9b2J \u202etxt.exe"
    path = write_story(raw)
    for argv in (["export", str(path), "--format", "json"], ["anchor", str(path)]):
        code, out, _ = run(*argv)
        assert code == 0
        assert_clean(out)
        assert "\\u009b2J \\u202etxt.exe" in out
    data = json.loads(run("export", str(path), "--format", "json")[1])
    assert any(quote["speaker"] == "Evil\x9b2J \u202etxt.exe" for quote in data["quotes"])


# ------------------------------------------------------- 9. no traceback, any shape


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda r: r.update(costs=5), "costs"),
        (lambda r: r.update(events=["x"]), "events[0]"),
        (lambda r: r.update(quotes={}), "quotes"),
        (lambda r: r["events"][0].update(evidence=[5]), "events[0].evidence[0]"),
        (lambda r: r["costs"].update(figures=[1]), "costs.figures[0]"),
        (lambda r: r["source"].update(text=5), "source.text"),
        (lambda r: r.update(source=[]), "source"),
    ],
    ids=["costs 5", "events x", "quotes {}", "evidence 5", "figures 1", "text 5", "source []"],
)
def test_anchor_on_wrong_shapes_names_the_place(
    write_story: Callable[..., Path], raw: dict[str, Any], mutate: Any, where: str
) -> None:
    mutate(raw)
    path = write_story(raw)
    before = path.read_bytes()
    code, _, err = run("anchor", str(path), "--write")
    assert code == 1, err
    assert f": {where}: expected" in err and "Traceback" not in err
    assert path.read_bytes() == before


@pytest.mark.parametrize("command", ["validate", "anchor", "export"])
def test_deep_nesting_surrogates_and_duplicates_in_every_command(
    write_story: Callable[..., Path], command: str
) -> None:
    cases = {
        "deep": (b"[" * 100_000 + b"]" * 100_000, "nesting too deep"),
        "surrogate": (b'{"schema_version": 1, "x": "\\ud800"}', "lone UTF-16 surrogate"),
        "duplicate": (
            b'{"schema_version": 1, "story": {"id": "a", "id": "b"}}',
            "story.id: duplicate key 'id'; expected each key once",
        ),
    }
    for name, (data, expected) in cases.items():
        code, _, err = run(command, str(write_story(data, f"{name}.json")))
        assert code == 1, (name, err)
        assert expected in err, (name, err)


def test_duplicate_keys_deep_inside_are_located(
    write_story: Callable[..., Path], raw: dict[str, Any]
) -> None:
    text = json.dumps(raw)
    text = text.replace('"kind": "direct"', '"kind": "direct", "kind": "reported"', 1)
    code, _, err = run("validate", str(write_story(text.encode())))
    assert code == 1
    assert "quotes[" in err and "].kind: duplicate key 'kind'" in err


# ---------------------------------------------------------------------- 10. messages


def test_a_file_of_zeros_is_binary_not_utf16(write_story: Callable[..., Path]) -> None:
    _, _, err = run("validate", str(write_story(b"\0" * 100_000)))
    assert "binary data (a NUL byte)" in err and "UTF-16" not in err


def test_extract_checks_its_options(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("“Hello,” said Jane Roe.\n", encoding="utf-8")
    base = ["extract", str(article), "--published", "2020-01-01"]
    code, _, err = run(*base, "--url", "http://a b")
    assert code == 2 and "is not an address" in err and "please report" not in err
    code, _, err = run(*base, "--publisher", " ")
    assert code == 2 and "is empty" in err
    assert run(*base, "--url", "https://example.com/a", "--publisher", "P")[0] == 0


def test_anchor_accepts_a_bom_like_validate(
    write_story: Callable[..., Path], raw: dict[str, Any]
) -> None:
    path = write_story(b"\xef\xbb\xbf" + json.dumps(raw).encode())
    assert run("validate", str(path))[0] == 0
    assert run("anchor", str(path))[0] == 0


def test_validate_cuts_a_long_title(write_story: Callable[..., Path], raw: dict[str, Any]) -> None:
    raw["story"]["title"] = "A long title " * 70
    code, out, _ = run("validate", str(write_story(raw)))
    assert code == 0 and "…" in out
    assert out.count("A long title") < 70 and len(out) < 330  # the line stays a line


def test_plain_text_points_to_extract(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Talks broke down on Tuesday, officials said.\n", encoding="utf-8")
    code, _, err = run(str(article))
    assert code == 1 and "smareader extract" in err


def test_confined_refuses_absolute_and_escaping_paths(tmp_path: Path) -> None:
    (tmp_path / "inside.txt").write_text("x", encoding="utf-8")
    assert confined(tmp_path, "inside.txt") == (tmp_path / "inside.txt").resolve()
    for bad in ("/etc/passwd", "../x", "~/x", "a/../../x"):
        with pytest.raises(FileRefused):
            confined(tmp_path, bad)


# ------------------------------------------------------ every command, any input


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)


@st.composite
def story_files(draw: st.DrawFn, raw: dict[str, Any]) -> bytes:
    """Bytes of a would-be story: arbitrary JSON, a mutated story, or broken bytes."""
    choice = draw(st.integers(0, 2))
    if choice == 0:
        return json.dumps(draw(json_values)).encode()
    if choice == 1:
        data = copy.deepcopy(raw)
        for _ in range(draw(st.integers(1, 3))):
            part = draw(st.sampled_from(["quotes", "events", "speakers"]))
            item = data[part][draw(st.integers(0, len(data[part]) - 1))]
            item[draw(st.sampled_from([*sorted(item), "start", "end", "\x1b]2;x\x07"]))] = draw(
                json_values
            )
        return json.dumps(data, ensure_ascii=draw(st.booleans())).encode()
    return draw(st.binary(max_size=200))


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    max_examples=60,
    deadline=None,
)
@given(data=st.data())
def test_every_command_on_any_input_exits_cleanly(
    tmp_path: Path, raw: dict[str, Any], data: Any
) -> None:
    """validate, anchor, export and extract: one clean message or success, never a crash."""
    path = tmp_path / "story.json"
    content = data.draw(story_files(raw))
    path.write_bytes(content)
    command = data.draw(
        st.sampled_from(
            [
                ["validate", str(path)],
                ["anchor", str(path)],
                ["export", str(path), "--format", "csv"],
                ["export", str(path), "--format", "json"],
                ["extract", str(path), "--published", "2020-01-01"],
            ]
        )
    )
    code, out, err = run(*command)
    assert code in {0, 1, 2}, err
    assert_clean(err)
    assert_clean(out.replace("\t", " ").replace("\r", ""))
    assert path.read_bytes() == content
    if code:
        assert err and all(
            line.startswith((str(path), "  ", "smareader")) for line in err.splitlines()
        )


WRITING_CALLS = {"write_text", "write_bytes", "mkstemp", "mkdtemp", "fdopen", "NamedTemporaryFile"}
"""Calls that create or write a file by themselves (``mkdtemp``: a folder, listed so
that a new private folder is a choice someone makes here, not in passing)."""


def _writes(tree: ast.AST) -> list[tuple[int, str]]:
    """Calls in ``tree`` that write a file without :func:`write_atomic`."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in WRITING_CALLS:
            found.append((node.lineno, name))
        elif name == "open":
            receiver = func.value if isinstance(func, ast.Attribute) else None
            if isinstance(receiver, ast.Name) and receiver.id == "os":  # flags, not a mode
                found.append((node.lineno, "os.open"))
                continue
            at = 0 if receiver is not None else 1  # Path.open(mode) and open(file, mode)
            mode = node.args[at] if len(node.args) > at else None
            mode = next((k.value for k in node.keywords if k.arg == "mode"), mode)
            if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
                if set(mode.value) & set("wax+"):
                    found.append((node.lineno, f"open(..., {mode.value!r})"))
            elif mode is not None and receiver is None:  # (x.open(y): a library's own)
                found.append((node.lineno, "open with a computed mode"))
    return found


def test_every_file_the_package_writes_goes_through_write_atomic() -> None:
    # The library file itself is SQLite's to write; everything else is write_atomic's.
    package = Path(__file__).parents[1] / "tui" / "smareader"
    offenders = []
    for module in sorted(package.rglob("*.py")):
        if module.name == "files.py" and module.parent == package:
            continue
        for line, call in _writes(ast.parse(module.read_text(encoding="utf-8"))):
            offenders.append(f"{module.relative_to(package)}:{line}: {call}")
    assert offenders == []


def test_the_write_scan_finds_each_kind_of_write() -> None:
    source = (
        "p.write_text('x')\np.write_bytes(b'x')\nopen(f, 'w')\nopen(f, mode='ab')\n"
        "p.open('r+')\nos.open(f, os.O_WRONLY)\ntempfile.mkstemp()\nos.fdopen(h, 'wb')\n"
        "open(f, m)\nopen(f)\nopen(f, 'rb')\np.open()\n"
    )
    assert [line for line, _ in _writes(ast.parse(source))] == [1, 2, 3, 4, 5, 6, 7, 8, 9]


def test_a_write_that_need_not_last_is_still_whole_and_respects_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "handover.bin"
    old = os.umask(0o027)
    try:
        write_atomic(target, [b"a" * 10, b"b"], durable=False)
    finally:
        os.umask(old)
    assert target.read_bytes() == b"a" * 10 + b"b"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [entry.name for entry in tmp_path.iterdir()] == ["handover.bin"]
