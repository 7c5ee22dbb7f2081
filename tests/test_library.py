"""The library: adding, listing, removing, checking, rebuilding, and every way it breaks."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smareader.cli import main
from smareader.devtools.generate import generate, generate_library, write
from smareader.library import Cancelled, Library, default_library_path, open_library, store
from smareader.library import query as query_module
from smareader.library.index import add_files, words_of
from smareader.library.maintain import dump_story
from smareader.library.store import TooSlow
from smareader.model import load_story
from smareader.model.bundled import bundled_story_path, bundled_story_paths

BUNDLED = bundled_story_path()
HOSTILE = Path(__file__).parent / "data" / "hostile.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def digests(*folders: Path) -> dict[Path, str]:
    """The sha256 of every file under the folders: to prove they were left alone."""
    return {
        path: hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    return tmp_path / "lib" / "library.sqlite3"


@pytest.fixture
def stories(tmp_path: Path) -> Path:
    """A folder of five small generated stories."""
    folder = tmp_path / "stories"
    for stem, data, text in generate_library(stories=5, quotes=200, speakers=20, seed=3):
        write(folder, data, text, stem)
    return folder


# ------------------------------------------------------------------ location


def test_tests_never_see_the_real_user_library(private_dirs: Path) -> None:
    assert default_library_path() == private_dirs / "library.sqlite3"
    os.environ.pop("SMAREADER_LIBRARY")
    assert default_library_path().is_relative_to(private_dirs)


def test_library_path_follows_option_then_environment(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMAREADER_LIBRARY", str(tmp_path / "env.sqlite3"))
    assert run(capsys, "library", "path")[1].strip() == str(tmp_path / "env.sqlite3")
    code, out, _ = run(capsys, "library", "path", "--library", str(tmp_path / "opt.sqlite3"))
    assert (code, out.strip()) == (0, str(tmp_path / "opt.sqlite3"))


@pytest.mark.parametrize("before", [["--library", "{file}"], ["--library={file}"]])
def test_the_library_option_may_come_before_the_command(
    capsys: pytest.CaptureFixture[str], before: list[str], tmp_path: Path
) -> None:
    # As the reader takes it: `smareader --library FILE list` is not a story named "list".
    chosen = str(tmp_path / "opt.sqlite3")
    option = [part.format(file=chosen) for part in before]
    assert run(capsys, *option, "library", "path")[:2] == (0, chosen + "\n")
    code, _, err = run(capsys, *option, "add", str(BUNDLED))
    assert (code, "1 added" in err) == (0, True), err
    code, out, _ = run(capsys, *option, "list")
    assert code == 0 and out.startswith("japantimes-2019-11-19-sma-talks  2019-11-19")


def test_list_counts_in_words(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data, text = generate(quotes=1, speakers=1, events=1, cost_items=1, seed=3)
    chosen = str(tmp_path / "one.sqlite3")
    assert run(capsys, "add", str(write(tmp_path / "one", data, text)), "--library", chosen)[0] == 0
    _, out, _ = run(capsys, "list", "--library", chosen)
    assert out.rstrip().endswith("  1 quote, 1 event, 1 speaker"), out


def test_list_marks_a_descriptive_title(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # The seed prints no headline: its title is ours, and `list` says so, as the reader does.
    chosen = str(tmp_path / "list.sqlite3")
    assert run(capsys, "add", *map(str, bundled_story_paths()), "--library", chosen)[0] == 0
    _, out, _ = run(capsys, "list", "--library", chosen)
    seed = load_story(BUNDLED)
    assert seed.story.headline is None
    line = next(line for line in out.splitlines() if line.startswith(seed.story.id + "  "))
    assert f"  descriptive title: {seed.story.title}  {len(seed.quotes)} quotes" in line
    others = [story for story in map(load_story, bundled_story_paths()) if story.story.headline]
    assert others  # the U.S. government texts print theirs
    for story in others:
        line = next(line for line in out.splitlines() if line.startswith(story.story.id + "  "))
        assert f"  {story.story.headline}  " in line and "descriptive title" not in line


# ------------------------------------------------------------------ commands


def test_add_list_remove(
    capsys: pytest.CaptureFixture[str], stories: Path, library_file: Path
) -> None:
    before = digests(stories)
    code, _, err = run(capsys, "add", str(stories), str(BUNDLED), "--library", str(library_file))
    assert code == 0, err
    assert "6 added" in err
    code, out, _ = run(capsys, "list", "--library", str(library_file))
    assert code == 0 and len(out.splitlines()) == 6
    assert out.splitlines()[0].startswith("generated-3-story-1  2019-06-01")
    # Nothing changed: nothing is redone.
    code, _, err = run(capsys, "add", str(stories), "--library", str(library_file))
    assert (code, err.strip().endswith("5 unchanged")) == (0, True)
    code, _, err = run(capsys, "remove", "generated-3-story-2", "--library", str(library_file))
    assert code == 0 and "removed" in err
    code, _, err = run(capsys, "remove", "nope", "--library", str(library_file))
    assert code == 2 and "no story 'nope' in the library (see `smareader list`)" in err
    with Library.open(library_file) as library:
        assert len(library.stories()) == 5
        bundled = len(load_story(BUNDLED).quotes)
        assert library.counts().quotes == 4 * 40 + bundled
    assert digests(stories) == before


def test_bad_files_are_named_and_the_rest_added(
    capsys: pytest.CaptureFixture[str], raw: dict[str, Any], tmp_path: Path, library_file: Path
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a-good.json").write_text(json.dumps(raw), encoding="utf-8")
    (folder / "b-broken.json").write_text("{", encoding="utf-8")
    raw["quotes"][0]["speaker"] = "nobody"
    raw["story"]["id"] = "other"
    (folder / "c-dangling.json").write_text(json.dumps(raw), encoding="utf-8")
    code, _, err = run(capsys, "add", str(folder), str(tmp_path / "missing.json"),
                       "--library", str(library_file))  # fmt: skip
    assert code == 2  # the worst: a file that could not be read
    assert "b-broken.json: line 1, column 1: invalid JSON" in err
    assert "c-dangling.json: quotes[0].speaker: unknown speaker id 'nobody'" in err
    assert "missing.json: no such file" in err
    assert "1 added, 3 failed" in err
    assert "Traceback" not in err
    with Library.open(library_file) as library:
        assert [story.id for story in library.stories()] == ["japantimes-2019-11-19-sma-talks"]


def test_a_changed_file_is_indexed_again(
    capsys: pytest.CaptureFixture[str], raw: dict[str, Any], tmp_path: Path, library_file: Path
) -> None:
    path = tmp_path / "story.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert run(capsys, "add", str(path), "--library", str(library_file))[0] == 0
    # Touched but the same bytes: the hash says unchanged, and the new mtime is kept.
    os.utime(path, ns=(1, 1))
    assert "1 unchanged" in run(capsys, "add", str(path), "--library", str(library_file))[2]
    raw["story"]["title"] = "A new headline"
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert "1 updated" in run(capsys, "add", str(path), "--library", str(library_file))[2]
    with Library.open(library_file) as library:
        assert [story.title for story in library.stories()] == ["A new headline"]
        assert library.stale() == []
        path.write_text(json.dumps(raw) + " ", encoding="utf-8")
        assert [story.id for story in library.stale()] == [raw["story"]["id"]]
    code, _, err = run(capsys, "library", "check", "--library", str(library_file))
    assert code == 1 and "changed since it was indexed" in err


def test_a_new_schema_version_reindexes(stories: Path, library_file: Path) -> None:
    with Library.open(library_file, create=True) as library:
        add_files(library.connection, sorted(stories.glob("*.json")))
        library.connection.execute("UPDATE stories SET schema_version = 0 WHERE id LIKE '%-1'")
        outcomes = add_files(library.connection, sorted(stories.glob("*.json")))
    assert [outcome.status for outcome in outcomes] == ["updated"] + ["unchanged"] * 4


def test_parallel_and_serial_adds_write_the_same_rows(stories: Path, tmp_path: Path) -> None:
    # The command line's add validates in worker processes, which stage each story's
    # quotes as a small SQLite database; the reader's own adds write from the tuples.
    files = [*sorted(stories.glob("*.json")), *bundled_story_paths()]
    dumps = []
    for parallel in (False, True):
        with Library.open(tmp_path / f"{parallel}.sqlite3", create=True) as library:
            outcomes = add_files(library.connection, files, parallel=parallel)
            assert [outcome.status for outcome in outcomes] == ["added"] * len(files)
            connection = library.connection
            dumps.append(
                [
                    dump_story(connection, story)
                    for (story,) in connection.execute("SELECT story FROM stories ORDER BY story")
                ]
            )
            assert [row[1] for row in connection.execute("PRAGMA database_list")] == ["main"]
    assert dumps[0] == dumps[1]
    assert sum(len(rows.quotes) for rows in dumps[0]) > 200


def test_validation_runs_ahead_within_its_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers keep at most ``window`` files, and about ``window_bytes``, ahead."""
    from concurrent.futures import Future

    from smareader.library import index

    sizes = [10, 10, 10, 10, 500, 10, 10, 10, 10, 10]
    paths = []
    for number, size in enumerate(sizes):
        paths.append(tmp_path / f"{number}.json")
        paths[-1].write_bytes(b"x" * size)
    outstanding: list[int] = []
    consumed: list[int] = []

    class Pool:
        def submit(self, _: object, path: Path, folder: Path, number: int) -> Future[Path]:
            outstanding.append(number)
            future: Future[Path] = Future()
            future.set_result(path)
            return future

    def unpickled(future: Future[Path]) -> Path:
        path = future.result()
        consumed.append(int(path.stem))
        return path

    monkeypatch.setattr(index, "_unpickled", unpickled)
    ahead = []
    for got in index._ahead(Pool(), paths, tmp_path, window=3, window_bytes=100):  # type: ignore[arg-type]
        ahead.append(len(outstanding) - len(consumed) + 1)
        assert got == paths[len(consumed) - 1]  # in order
    assert consumed == list(range(len(paths)))
    assert max(ahead) == 3  # never more than the window
    # The big file fills the byte window alone: nothing is queued behind it.
    assert ahead[4] == 1


def test_validating_workers_run_below_the_writer() -> None:
    import concurrent.futures

    from smareader.library import index

    with concurrent.futures.ProcessPoolExecutor(
        max_workers=1, initializer=index._start_worker, initargs=(os.getpid(),)
    ) as pool:
        expected = min(19, os.nice(0) + index.WORKER_NICENESS)  # 19 is the lowest
        assert pool.submit(os.nice, 0).result() == expected


def test_check_and_rebuild(
    capsys: pytest.CaptureFixture[str], stories: Path, library_file: Path
) -> None:
    assert run(capsys, "add", str(stories), "--library", str(library_file))[0] == 0
    code, _, err = run(capsys, "library", "check", "--library", str(library_file))
    assert (code, err.strip()) == (0, f"{library_file}: 5 stories checked, 0 problems")
    # Tamper with the index: check notices, rebuild repairs.
    with sqlite3.connect(library_file) as connection:
        connection.execute("UPDATE quotes SET text = 'forged' WHERE rowid = 7")
    code, _, err = run(capsys, "library", "check", "--library", str(library_file))
    assert code == 1 and "the index does not match the file: quotes differ from row" in err
    code, _, err = run(capsys, "library", "rebuild", "--library", str(library_file))
    assert code == 0 and "rebuilt with 5 of 5 stories" in err
    assert run(capsys, "library", "check", "--library", str(library_file))[0] == 0


# ------------------------------------------------------------------ broken libraries


def _corrupt(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))


def _garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database at all\n" * 200)


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _foreign(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)")


def _newer(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 99")


@pytest.mark.parametrize("damage", [_corrupt, _garbage, _truncated, _foreign, _newer])
@pytest.mark.parametrize("command", [["list"], ["add", "STORIES"], ["remove", "x"],
                                     ["library", "check"], [],  # [] is the reader
                                     ["export", "-f", "csv"]])  # fmt: skip
def test_an_unusable_library_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
    stories: Path,
    library_file: Path,
    damage: Any,
    command: list[str],
) -> None:
    assert run(capsys, "add", str(stories), "--library", str(library_file))[0] == 0
    with sqlite3.connect(library_file) as connection:  # everything into the main file
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage(library_file)
    before = digests(stories)
    argv = [str(stories) if part == "STORIES" else part for part in command]
    code, _, err = run(capsys, *argv, "--library", str(library_file))
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert str(library_file) in err and "smareader library rebuild" in err
    assert "Traceback" not in err
    assert digests(stories) == before


@pytest.mark.parametrize("damage", [_garbage, _foreign, _newer])
def test_rebuild_keeps_an_unusable_file_aside(
    capsys: pytest.CaptureFixture[str], stories: Path, library_file: Path, damage: Any
) -> None:
    assert run(capsys, "add", str(stories), "--library", str(library_file))[0] == 0
    damage(library_file)
    code, _, err = run(capsys, "library", "rebuild", "--library", str(library_file))
    assert code == 0, err
    kept = list(library_file.parent.glob("library.sqlite3.broken-*[0-9]"))
    assert len(kept) == 1 and "kept it as" in err
    with Library.open(library_file) as library:
        # Our own newer-format file still lists its stories; a foreign one does not.
        assert len(library.stories()) == (5 if damage is _newer else 0)


def test_a_locked_library_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
    stories: Path,
    library_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(capsys, "add", str(stories), "--library", str(library_file))[0] == 0
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(library_file, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        for argv in (["list"], ["add", str(BUNDLED)]):
            code, _, err = run(capsys, *argv, "--library", str(library_file))
            assert code == 2 and "locked by another program" in err, err
            assert len(err.strip().splitlines()) == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_not_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "list", "--library", str(tmp_path))
    assert code == 2 and "not a regular file" in err


def test_no_library_yet(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "list", "--library", str(tmp_path / "none.sqlite3"))
    assert code == 2 and "smareader add" in err
    assert not (tmp_path / "none.sqlite3").exists()


# ------------------------------------------------------------------ crashes and company


def _add_in_child(library: Path, *paths: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "smareader", "add", "--library", str(library), *map(str, paths)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _assert_whole(library_file: Path, expected: dict[str, int]) -> None:
    """Every story present has all its rows; the database and its search are sound."""
    with sqlite3.connect(library_file) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table in ("quote_search", "event_search"):
            connection.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
        for story_id, quotes, events, recorded in connection.execute(
            "SELECT id, (SELECT count(*) FROM quotes q WHERE q.story = s.story),"
            " (SELECT count(*) FROM events e WHERE e.story = s.story), quotes FROM stories s"
        ):
            assert quotes == recorded == expected[story_id]
            assert events > 0


def test_kill_during_add_leaves_the_library_whole(tmp_path: Path, library_file: Path) -> None:
    small_data, small_text = generate(quotes=50, speakers=5, events=10, cost_items=4, seed=1)
    small = write(tmp_path / "small", small_data, small_text)
    big_data, big_text = generate(quotes=60_000, speakers=500, events=6_000, cost_items=100, seed=2)
    big = write(tmp_path / "big", big_data, big_text)
    expected = {small_data["story"]["id"]: 50, big_data["story"]["id"]: 60_000}
    assert _add_in_child(library_file, small).wait() == 0
    wal = library_file.with_name(library_file.name + "-wal")
    child = _add_in_child(library_file, big)
    deadline = time.monotonic() + 120
    # Writing has begun once the write-ahead log grows past what the small add left.
    start = wal.stat().st_size if wal.exists() else 0
    while time.monotonic() < deadline and child.poll() is None:
        if wal.exists() and wal.stat().st_size > start + 4_000_000:
            break
        time.sleep(0.005)
    killed_mid_add = child.poll() is None
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert killed_mid_add, "the add finished before it could be killed"
    _assert_whole(library_file, expected)
    with Library.open(library_file) as library:
        ids = [story.id for story in library.stories()]
    assert small_data["story"]["id"] in ids
    # The next add finishes the job.
    assert _add_in_child(library_file, big).wait() == 0
    _assert_whole(library_file, expected)


def _processes_naming(path: Path) -> list[int]:
    """Live processes whose command line names ``path`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if str(path).encode() in command and state != "Z":
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_kill_during_a_batched_add_leaves_every_story_whole(
    tmp_path: Path, library_file: Path
) -> None:
    """Small stories share transactions; a kill still leaves none of them in part."""
    folder = tmp_path / "many"
    expected: dict[str, int] = {}
    for stem, data, text in generate_library(stories=60, quotes=60_000, speakers=300, seed=4):
        write(folder, data, text, stem)
        expected[data["story"]["id"]] = len(data["quotes"])
    child = _add_in_child(library_file, folder)
    wal = library_file.with_name(library_file.name + "-wal")
    deadline = time.monotonic() + 120
    # Killed once the first batches are in and more are being written.
    while time.monotonic() < deadline and child.poll() is None:
        if wal.exists() and wal.stat().st_size > 12_000_000:
            break
        time.sleep(0.005)
    killed_mid_add = child.poll() is None
    workers = _processes_naming(library_file)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert killed_mid_add, "the add finished before it could be killed"
    assert len(workers) > 1  # the add itself and its validating workers
    # The workers notice the add is gone and end: a killed add leaves no orphans.
    deadline = time.monotonic() + 10
    while _processes_naming(library_file) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _processes_naming(library_file)
    staged = list(Path(tempfile.gettempdir()).glob(f"smareader-add-{child.pid}-*"))
    assert staged  # what a kill -9 leaves behind, for the next add to remove
    _assert_whole(library_file, expected)
    with sqlite3.connect(library_file) as connection:
        present = connection.execute("SELECT count(*) FROM stories").fetchone()[0]
    assert present < len(expected)
    assert _add_in_child(library_file, folder).wait() == 0
    _assert_whole(library_file, expected)
    with sqlite3.connect(library_file) as connection:
        assert connection.execute("SELECT count(*) FROM stories").fetchone()[0] == len(expected)
    # The killed add's staging folder is removed by the next add.
    assert not [folder for folder in staged if folder.exists()]


def test_small_stories_share_a_commit_and_big_ones_commit_alone(
    stories: Path, library_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import smareader.library.index as index

    def commits(paths: list[Path]) -> int:
        for leftover in library_file.parent.glob(library_file.name + "*"):
            leftover.unlink()
        connection = store.connect(library_file)
        statements: list[str] = []
        connection.set_trace_callback(statements.append)
        try:
            outcomes = add_files(connection, paths)
        finally:
            connection.close()
        assert {outcome.status for outcome in outcomes} == {"added"}
        return statements.count("COMMIT")

    files = sorted(stories.glob("*.json"))
    assert commits(files) == 1  # five stories of ~200 rows: one transaction
    monkeypatch.setattr(index, "BATCH_ROWS", 1)
    assert commits(files) == len(files)  # each story past the limit: its own commit
    with Library.open(library_file) as library:
        assert len(library.stories()) == len(files)


def test_two_readers_and_an_add_at_once(stories: Path, tmp_path: Path, library_file: Path) -> None:
    more = tmp_path / "more"
    for stem, data, text in generate_library(stories=6, quotes=3000, speakers=40, seed=9):
        write(more, data, text, stem)
    with Library.open(library_file, create=True) as library:
        add_files(library.connection, sorted(stories.glob("*.json")))
    failures: list[BaseException] = []
    stop = threading.Event()

    def read() -> None:
        try:
            with Library.open(library_file) as library:
                while not stop.is_set():
                    for story in library.stories():
                        # A story is visible whole or not at all.
                        assert library.quote_count([story.id]) == story.quotes
                        assert len(library.quotes([story.id], limit=5000).rows) == story.quotes
                    library.search_quotes("talks")
                    library.timeline(limit=50)
        except BaseException as error:  # handed to the main thread
            failures.append(error)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        assert _add_in_child(library_file, more).wait(timeout=300) == 0
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert not failures, failures
    with Library.open(library_file) as library:
        assert len(library.stories()) == 11


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600)])
def test_library_files_respect_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    library = tmp_path / "new" / "library.sqlite3"
    code = (
        f"import os; os.umask({umask}); from smareader.cli import main; "
        f"raise SystemExit(main(['add', '--library', {str(library)!r}, {str(BUNDLED)!r}]))"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    assert library.stat().st_mode & 0o777 == mode
    assert library.parent.stat().st_mode & 0o777 == 0o777 & ~umask


# ------------------------------------------------------------------ the warm start


def test_reading_imports_neither_pydantic_nor_textual_nor_opens_json(
    stories: Path, library_file: Path
) -> None:
    with Library.open(library_file, create=True) as library:
        add_files(library.connection, [*sorted(stories.glob("*.json")), HOSTILE])
    code = f"""
import sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0]))
                 if event == "open" and str(args[0]).endswith(".json") else None)
from smareader.library import open_library
with open_library({str(library_file)!r}) as library:
    ids = [story.id for story in library.stories()]
    library.speakers(); library.counts(ids[:2]); library.timeline(ids); library.quotes()
    library.search_quotes("talks"); library.search_events("talks"); library.article(ids[0])
    library.cost_table(ids[0]); library.figures_over_time(); library.marks(ids[0])
print(sorted(m for m in ("pydantic", "textual", "smareader.model") if m in sys.modules), opened)
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[] []"


def test_article_that_changed_is_refused(
    stories: Path, library_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library.open(library_file, create=True) as library:
        add_files(library.connection, sorted(stories.glob("*.json")))
        first = library.stories()[0]
        text = library.article(first.id)
        (stories / "story-1.txt").write_text(text + "more", encoding="utf-8")
        with pytest.raises(store.LibraryError, match="changed since the story was indexed"):
            library.article(first.id)


def test_progress_only_on_a_terminal(tmp_path: Path) -> None:
    import io

    from smareader.library.cli import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet, shown = io.StringIO(), Terminal()
    for stream in (quiet, shown):
        progress = Progress(stream)
        for number in (1, 2, 3):
            progress(number, 3, tmp_path / f"story-\x1b[31m{number}.json")
        progress.done()
    assert quiet.getvalue() == ""
    assert "[1/3] validating and indexing story-␛[31m1.json" in shown.getvalue()
    assert "\x1b" not in shown.getvalue()


def test_check_names_a_story_that_no_longer_validates(
    capsys: pytest.CaptureFixture[str], raw: dict[str, Any], tmp_path: Path, library_file: Path
) -> None:
    path = tmp_path / "story.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert run(capsys, "add", str(path), "--library", str(library_file))[0] == 0
    raw["quotes"][0]["speaker"] = "ghost"
    path.write_text(json.dumps(raw), encoding="utf-8")
    code, _, err = run(capsys, "library", "check", "--library", str(library_file))
    assert code == 1
    assert "its file no longer validates" in err and "unknown speaker id 'ghost'" in err


def test_add_without_story_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "add", str(tmp_path), "--library", str(tmp_path / "l.sqlite3"))
    assert code == 1 and "no story files" in err


def test_the_first_run_makes_the_library_with_the_bundled_stories(tmp_path: Path) -> None:
    library_file = tmp_path / "first" / "library.sqlite3"
    with open_library(library_file) as library:
        paths = {story.path for story in library.stories()}
    assert paths == {str(path) for path in bundled_story_paths()}
    assert str(BUNDLED) in paths
    with open_library(library_file) as library:  # the second start only opens it
        assert len(library.stories()) == len(bundled_story_paths())


def test_two_adds_of_one_file_at_once(tmp_path: Path, library_file: Path) -> None:
    data, text = generate(quotes=3000, speakers=50, events=300, cost_items=20, seed=4)
    path = write(tmp_path / "one", data, text)
    children = [_add_in_child(library_file, path) for _ in range(2)]
    assert [child.wait(timeout=300) for child in children] == [0, 0]
    _assert_whole(library_file, {data["story"]["id"]: 3000})


OPEN_AT = """
import sys, time
from pathlib import Path
from smareader.library import store
folder, start, rounds = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
failed = 0
for number in range(rounds):
    time.sleep(max(0.0, start + number * 0.03 - time.time()))  # all at once, each round
    try:
        store.connect(folder / f"library-{number}.sqlite3").close()
    except store.LibraryError as error:
        failed += 1
        print(error, file=sys.stderr)
sys.exit(1 if failed else 0)
"""


def test_processes_making_one_new_library_at_once_all_open_it(tmp_path: Path) -> None:
    # Switching a new file to WAL, SQLite does not wait for another process's lock,
    # and the header read in two statements could see half of another's creation.
    start, rounds = time.time() + 1.5, 100
    children = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_AT, str(tmp_path), str(start), str(rounds)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    errors = [child.communicate(timeout=300)[1] for child in children]
    assert [child.returncode for child in children] == [0, 0, 0], errors
    for number in range(rounds):
        with sqlite3.connect(tmp_path / f"library-{number}.sqlite3") as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_article_replaced_by_a_fifo_is_not_opened(stories: Path, library_file: Path) -> None:
    with Library.open(library_file, create=True) as library:
        add_files(library.connection, sorted(stories.glob("*.json")))
        first = library.stories()[0]
        (stories / "story-1.txt").unlink()
        os.mkfifo(stories / "story-1.txt")
        with pytest.raises(store.LibraryError, match="not a regular file"):
            library.article(first.id)


def test_add_refuses_a_fifo(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fifo = tmp_path / "story.json"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "add", str(fifo), "--library", str(tmp_path / "l.sqlite3"))
    assert code == 2 and "story.json: not a regular file" in err


def test_list_shows_a_hostile_story_inert(
    capsys: pytest.CaptureFixture[str], library_file: Path
) -> None:
    assert run(capsys, "add", str(HOSTILE), "--library", str(library_file))[0] == 0
    code, out, err = run(capsys, "list", "--library", str(library_file))
    assert code == 0 and "hostile" in out
    for control in ("\x1b", "\x07", "\x9b", "\u202e", "\x00"):
        assert control not in out + err


def test_a_search_in_a_worker_thread_can_be_cancelled(tmp_path: Path, library_file: Path) -> None:
    data, text = generate(quotes=20_000, speakers=200, events=100, cost_items=4, seed=8)
    path = write(tmp_path / "big", data, text)
    with Library.open(library_file, create=True) as library:
        add_files(library.connection, [path])
        outcome: list[object] = []

        def search() -> None:
            try:  # every quote is a candidate for "a.e", and each is checked: slow
                outcome.append(library.search_count("a.e"))
            except Exception as error:  # handed to the test thread
                outcome.append(error)

        worker = threading.Thread(target=search)
        worker.start()
        while worker.is_alive():
            library.cancel()
            time.sleep(0.002)
        worker.join()
        assert len(outcome) == 1 and isinstance(outcome[0], Cancelled), outcome
        assert library.search_count("talks")[0] > 0  # and the library goes on working


def test_stop_ends_the_queries_of_every_connection_and_refuses_the_next(
    tmp_path: Path, library_file: Path
) -> None:
    """What a reader whose terminal went away does: its own query and its workers'
    (each on a connection from ``another``) raise Cancelled, and so does any later one."""
    data, text = generate(quotes=20_000, speakers=200, events=100, cost_items=4, seed=8)
    path = write(tmp_path / "big", data, text)
    with Library.open(library_file, create=True) as library:
        add_files(library.connection, [path])
    library = Library.open(library_file)
    outcome: list[object] = []
    started = threading.Event()

    def count() -> None:
        try:
            with library.another() as other:
                started.set()
                while True:  # "a.e" checks every quote, row by row: slow, and again
                    other.search_count("a.e")
        except Exception as error:  # handed to the test thread
            outcome.append(error)

    worker = threading.Thread(target=count)
    worker.start()
    assert started.wait(10)
    time.sleep(0.05)
    library.stop()
    worker.join(10)
    assert not worker.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled), outcome
    with pytest.raises(Cancelled):
        library.search_count("talks")
    with pytest.raises(Cancelled), library.another():
        pass
    library.close()


def test_a_worker_connection_keeps_little_in_memory(library_file: Path) -> None:
    """A worker's query may read every match of a search: its connection's page cache
    is small and its sorts go to a temporary file, not to memory."""
    with Library.open(library_file, create=True) as library, library.another() as other:
        (cache,) = other.connection.execute("PRAGMA cache_size").fetchone()
        (temp,) = other.connection.execute("PRAGMA temp_store").fetchone()
        (own,) = library.connection.execute("PRAGMA cache_size").fetchone()
        assert (cache, temp) == (-query_module.WORKER_CACHE_KIB, 1)  # 1: FILE
        assert own == -store.CACHE_KIB  # the reader's own connection keeps its larger cache


def test_an_add_that_found_the_file_empty_accepts_the_library_made_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two adds on a new library: the one that waited for the lock sees a library."""
    path = tmp_path / "library.sqlite3"
    real = store._create

    def racing(connection: sqlite3.Connection, where: Path) -> None:
        # Another `add` creates the library after this one found the file empty.
        other = sqlite3.connect(where, isolation_level=None)
        real(other, where)
        other.close()
        real(connection, where)

    monkeypatch.setattr(store, "_create", racing)
    store.connect(path).close()
    monkeypatch.undo()
    with Library.open(path) as library:
        assert library.stories() == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.characters(codec="utf-8"), max_size=40), max_size=8))
def test_the_words_of_texts_are_each_texts_words(texts: list[str]) -> None:
    # words_of splits all the texts at once, for speed; it must find what splitting
    # each text alone finds (a search term is looked up among these words).
    alone = {part for text in texts for part in store.WORD_SPLIT.split(text.lower()) if part}
    assert words_of(texts) == alone


def test_a_story_written_twice_in_one_add_is_searched_once(
    stories: Path, library_file: Path
) -> None:
    # The second write deletes the first from the search index, which must by then
    # hold it (the index is made at the commit): a delete of what it never held
    # damages it.
    path = sorted(stories.glob("*.json"))[0]
    with Library.open(library_file, create=True) as library:
        outcomes = add_files(library.connection, [path, path], force=True)
        assert [outcome.status for outcome in outcomes][-1] in {"added", "updated"}
        for table in ("quote_search", "event_search"):
            library.connection.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
        (quotes,) = library.connection.execute("SELECT count(*) FROM quotes").fetchone()
        (found,) = library.connection.execute(
            "SELECT count(*) FROM quote_search WHERE quote_search MATCH ?", ("the",)
        ).fetchone()
        assert quotes and found <= quotes


def test_a_query_over_its_time_limit_stops_and_says_so(
    stories: Path, library_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query_module, "PROGRESS_EVERY", 1)  # a small library's queries
    with Library.open(library_file, create=True) as library:
        add_files(library.connection, sorted(stories.glob("*.json")))
        with pytest.raises(TooSlow), library.time_limit(-1.0):
            library.search_quotes("a.")  # checked row by row: long enough to be stopped
        with library.time_limit(60.0):  # within its time: as without a limit
            assert library.search_quotes("a").rows == library.search_quotes("a").rows
        assert library.search_quotes("a").rows  # the limit is gone after the block
        library.cancel()  # a plain cancel is still Cancelled, not TooSlow
