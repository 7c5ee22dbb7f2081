"""smareader benchmarks: ``python benchmarks/run.py`` (add ``--quick`` for a smoke run).

Prints, side by side in one run:

1. cold start to first full paint of ``smareader`` on the bundled story, against a
   minimal Textual app (one ``Static``) started the same way, and their ratio;
2. load + validate time and peak memory at 1k, 10k and 100k quotes;
3. time to first paint with 100k quotes;
4. filter latency per keystroke at 100k quotes (p50, p95);
5. paging through a 100k list;
6. Textual's own ``OptionList`` holding the same 100k quotes, for comparison;
7. the library: ``add`` of a generated multi-story library against ``validate`` of
   the same files, search, paging and the first page of each list at that size;
8. ``export`` of 100k quotes to CSV.

``python benchmarks/run.py --only library --stories 1000 --library-quotes 1000000``
runs the library part at a million quotes.

Every app runs headless; every process is a fresh interpreter, as a user's would
be. Generated stories are cached under the system temporary folder.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

CACHE = Path(tempfile.gettempdir()) / "smareader-bench"


def story_for(quotes: int) -> Path:
    """A generated story with ``quotes`` quotes (and proportionate everything else)."""
    folder = CACHE / f"q{quotes}"
    path = folder / "story.json"
    if not path.exists():
        from smareader.devtools.generate import generate, write

        story, text = generate(
            quotes=quotes,
            speakers=max(10, quotes // 20),
            events=max(10, quotes // 5),
            cost_items=max(4, quotes // 50),
            seed=7,
        )
        write(folder, story, text)
    return path


_SCRATCH: Path | None = None


def _scratch_home() -> dict[str, str]:
    """State, data, cache and config folders of the benchmark's own, made once a run.

    The readers save their session on the way out, even with ``fresh``: a benchmark
    must never write the user's real session or library.
    """
    global _SCRATCH
    if _SCRATCH is None:
        _SCRATCH = Path(tempfile.mkdtemp(prefix="smareader-bench-"))
        atexit.register(shutil.rmtree, _SCRATCH, ignore_errors=True)
    return {
        "HOME": str(_SCRATCH),
        **{f"XDG_{kind}_HOME": str(_SCRATCH / kind.lower()) for kind in XDG_KINDS},
        "SMAREADER_LIBRARY": str(_SCRATCH / "library.sqlite3"),
    }


XDG_KINDS = ("STATE", "DATA", "CACHE", "CONFIG")


def run_python(code: str) -> dict[str, float]:
    """Run code in a fresh interpreter; it prints one JSON object as its last line."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        env={
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            **_scratch_home(),
            "TEXTUAL_ANIMATIONS": "none",
        },
    )
    if result.returncode != 0:
        raise SystemExit(f"a benchmark process failed:\n{result.stderr[-3000:]}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


# A child process: start an app headless, quit right after its first full frame.
# Wall time is measured by the parent from spawn to exit.
FIRST_PAINT = """
import json, resource, sys, time
started = time.perf_counter()
{imports}
from textual.app import App

def stop_after_first_frame(app: App) -> None:
    def done() -> None:
        app.exit(time.perf_counter() - started)
    app.call_after_refresh(done)

{build}
elapsed = app.run(headless=True, size=(120, 40))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"in_process": elapsed, "peak_mb": peak}}))
"""

MINIMAL = FIRST_PAINT.format(
    imports="from textual.widgets import Static",
    build="""
class Minimal(App[float]):
    def compose(self):
        yield Static("Hello")
    def on_ready(self) -> None:
        stop_after_first_frame(self)
app = Minimal()
""",
)


def smareader_first_paint(path: Path | None) -> str:
    return FIRST_PAINT.format(
        imports="from smareader.app import SMAReader, make_app\n"
        "from smareader.screens.main import MainScreen",
        build=f"""
class Timed(SMAReader):
    def on_ready(self) -> None:
        # The main screen is pushed on mount; wait for it to be the one painted.
        def check() -> None:
            if isinstance(self.screen, MainScreen) and self.screen.is_mounted:
                stop_after_first_frame(self)
            else:
                self.set_timer(0.001, check)
        check()
from smareader.app import freeze_heap
story_app = make_app({str(path)!r} if {path is not None} else None)
freeze_heap()
app = Timed(story_app.story, path=story_app.path, theme="textual-dark")
""",
    )


def timed_process(code: str, runs: int) -> tuple[float, float, float]:
    """Median wall time of ``runs`` fresh processes, and the median in-process time."""
    walls, inner, peaks = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        result = run_python(code)
        walls.append(time.perf_counter() - start)
        inner.append(result["in_process"])
        peaks.append(result["peak_mb"])
    return statistics.median(walls), statistics.median(inner), max(peaks)


def bench_startup(runs: int) -> None:
    print("\n1. Cold start to first full paint (fresh process, headless 120×40)")
    minimal, minimal_inner, _ = timed_process(MINIMAL, runs)
    reader, reader_inner, _ = timed_process(smareader_first_paint(None), runs)
    print(
        f"   minimal Textual app (one Static) {minimal:6.3f} s  (in process {minimal_inner:.3f} s)"
    )
    print(f"   smareader, bundled story         {reader:6.3f} s  (in process {reader_inner:.3f} s)")
    print(f"   ratio                            {reader / minimal:6.2f}   (target ≤ 1.25)")


LOAD = """
import json, resource, time
started = time.perf_counter()
from smareader.model.load import load_story
imported = time.perf_counter()
story = load_story({path!r})
loaded = time.perf_counter()
print(json.dumps({{"import": imported - started, "in_process": loaded - imported,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def bench_load(sizes: list[int], runs: int) -> None:
    print("\n2. Load + validate (one pydantic pass, all cross-checks), fresh process")
    print(f"   {'quotes':>8} {'file MB':>8} {'seconds':>8} {'peak RSS MB':>12}")
    for size in sizes:
        path = story_for(size)
        results = [run_python(LOAD.format(path=str(path))) for _ in range(runs)]
        seconds = statistics.median(result["in_process"] for result in results)
        peak = max(result["peak_mb"] for result in results)
        megabytes = path.stat().st_size / 1e6
        print(f"   {size:>8,} {megabytes:>8.1f} {seconds:>8.3f} {peak:>12.0f}")
    print("   targets at 100k: ≤ 1.5 s, peak RSS ≤ 400 MB")


def bench_first_paint(size: int, runs: int) -> None:
    print(f"\n3. Time to first paint with {size:,} quotes (fresh process, includes loading)")
    wall, inner, peak = timed_process(smareader_first_paint(story_for(size)), runs)
    print(f"   wall {wall:.3f} s, in process {inner:.3f} s, peak RSS {peak:.0f} MB")
    print("   target: ≤ 2 s")


INTERACTIVE = """
import asyncio, json, statistics, time
from smareader.app import make_app, freeze_heap
from smareader.widgets.quotes import QuotesPane

async def main() -> None:
    app = make_app({path!r})
    freeze_heap()  # as `smareader` does before it starts the app
    timings: dict[str, list[float]] = {{"type": [], "erase": [], "page": [], "idle": []}}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # let start-up finish (search index)
        await pilot.pause(0.5)

        async def timed(key: str, bucket: str) -> None:
            # CPU time: the work the key causes, handling and repaint. Pilot waits
            # for the app to go idle between keys, and that waiting is not work.
            start = time.process_time()
            await pilot.press(key)
            app.screen._on_timer_update()  # paint now, synchronously
            timings[bucket].append(time.process_time() - start)

        for _ in range(20):
            await timed("f12", "idle")  # an unbound key: the harness's own cost

        await pilot.press("2", "slash")
        for key in "security parliament":
            await timed("space" if key == " " else key, "type")
        # The filter runs when typing pauses: time from the last key to the result.
        screen = app.screen
        start = time.perf_counter()
        while screen.search.query != "security parliament":
            await asyncio.sleep(0.005)
        app.screen._on_timer_update()
        timings["settle"] = [time.perf_counter() - start]
        for _ in range(len("security parliament")):
            await timed("backspace", "erase")
        await pilot.press("escape")
        await pilot.pause()
        pane = app.screen.query_one(QuotesPane)
        pane.quote_list.focus()
        await pilot.pause()
        count = pane.quote_list.count
        for _ in range({pages}):
            await timed("pagedown", "page")
        moved = pane.quote_list.cursor
    print(json.dumps({{**timings, "count": count, "moved": moved}}))

asyncio.run(main())
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench_interaction(size: int, pages: int) -> None:
    result = run_python(INTERACTIVE.format(path=str(story_for(size)), pages=pages))
    typing = [t * 1000 for t in result["type"]]  # type: ignore[union-attr]
    erasing = [t * 1000 for t in result["erase"]]  # type: ignore[union-attr]
    paging = [t * 1000 for t in result["page"]]  # type: ignore[union-attr]
    idle = statistics.median(t * 1000 for t in result["idle"])  # type: ignore[union-attr]
    print(
        f"\n4. Filter latency per keystroke, {size:,} quotes "
        "(CPU ms for handling + repaint, 120×40)"
    )
    print(f"   an unbound key costs {idle:.1f} ms in this harness (Pilot's own bookkeeping)")
    print(
        f"   typing  'security parliament': p50 {percentile(typing, 0.5):6.1f} ms, "
        f"p95 {percentile(typing, 0.95):6.1f} ms, max {max(typing):6.1f} ms"
    )
    print(
        f"   erasing it again            : p50 {percentile(erasing, 0.5):6.1f} ms, "
        f"p95 {percentile(erasing, 0.95):6.1f} ms, max {max(erasing):6.1f} ms"
    )
    settle = result["settle"][0] * 1000  # type: ignore[index]
    print(
        f"   filtered lists on screen {settle:.0f} ms after the last key "
        f"(a {120} ms pause in typing, then the filter in a thread)"
    )
    print("   target: p95 ≤ 50 ms")
    print(
        f"\n5. Paging through the list of {int(result['count']):,} quotes "
        f"({pages} × PgDn, cursor moved to {int(result['moved']):,})"
    )
    print(
        f"   per page: p50 {percentile(paging, 0.5):6.1f} ms, "
        f"p95 {percentile(paging, 0.95):6.1f} ms, max {max(paging):6.1f} ms   (target ≤ 16 ms)"
    )


OPTION_LIST = """
import asyncio, json, time
from smareader.model.load import load_story
from textual.app import App
from textual.widgets import OptionList

story = load_story({path!r})
prompts = [quote.text[:100] for quote in story.quotes]

class Options(App[None]):
    def compose(self):
        yield OptionList(id="options")

async def main() -> None:
    app = Options()
    async with app.run_test(size=(120, 40)) as pilot:
        options = app.query_one(OptionList)
        start = time.perf_counter()
        options.add_options(prompts)
        await pilot.pause()
        app.screen._on_timer_update()
        fill = time.perf_counter() - start
        options.focus()
        await pilot.pause()
        pages = []
        for _ in range({pages}):
            start = time.perf_counter()
            await pilot.press("pagedown")
            app.screen._on_timer_update()
            pages.append(time.perf_counter() - start)
        start = time.perf_counter()
        options.clear_options()
        options.add_options(prompts[::-1])
        await pilot.pause()
        app.screen._on_timer_update()
        refill = time.perf_counter() - start
    pages.sort()
    print(json.dumps({{"fill": fill, "refill": refill, "page50": pages[len(pages) // 2],
                       "page95": pages[int(len(pages) * .95)]}}))

asyncio.run(main())
"""


def bench_option_list(size: int, pages: int) -> None:
    result = run_python(OPTION_LIST.format(path=str(story_for(size)), pages=pages))
    print(f"\n6. Textual's OptionList holding the same {size:,} quotes, for comparison")
    print(
        f"   fill + first paint {result['fill']:.2f} s, refill {result['refill']:.2f} s, "
        f"page p50 {result['page50'] * 1000:.1f} ms, p95 {result['page95'] * 1000:.1f} ms"
    )


def library_for(stories: int, quotes: int) -> Path:
    """A generated folder of ``stories`` story files sharing ``quotes`` quotes."""
    folder = CACHE / f"lib-s{stories}-q{quotes}"
    if not folder.exists():
        from smareader.devtools.generate import generate_library, write

        partial = folder.with_name(folder.name + ".partial")
        for stem, story, text in generate_library(stories=stories, quotes=quotes, seed=7):
            write(partial, story, text, stem)
        partial.rename(folder)
    return folder


# A child that runs one smareader command, its output discarded, and reports its
# wall time and the peak RSS of itself and of any worker it started.
COMMAND = """
import contextlib, io, json, resource, sys, time
started = time.perf_counter()
from smareader.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main({argv!r})
elapsed = time.perf_counter() - started
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({{"in_process": elapsed, "code": code, "peak_mb": own, "worker_mb": workers}}))
"""


def bench_add(folder: Path, library: Path, runs: int) -> None:
    """``validate`` and ``add`` of the same files, in turns, ``runs`` times each: medians."""
    files = sorted(str(path) for path in folder.glob("*.json"))
    print(f"\n7. The library: {len(files):,} story files in {folder.name}, median of {runs}")
    validates, adds, ratios = [], [], []
    for _ in range(runs):
        validate = run_python(COMMAND.format(argv=["validate", *files]))
        for leftover in (library, Path(f"{library}-wal"), Path(f"{library}-shm")):
            leftover.unlink(missing_ok=True)
        add = run_python(COMMAND.format(argv=["add", "--library", str(library), str(folder)]))
        assert add["code"] == 0, add
        validates.append(validate)
        adds.append(add)
        ratios.append(add["in_process"] / validate["in_process"])
    validate_s = statistics.median(v["in_process"] for v in validates)
    add_s = statistics.median(a["in_process"] for a in adds)
    validate_mb = max(v["peak_mb"] for v in validates)
    print(f"   validate {validate_s:7.2f} s, peak RSS {validate_mb:.0f} MB")
    print(
        f"   add      {add_s:7.2f} s, peak RSS {max(a['peak_mb'] for a in adds):.0f} MB "
        f"+ two validating workers of {max(a['worker_mb'] for a in adds):.0f} MB each; "
        f"library {library.stat().st_size / 1e6:.0f} MB"
    )
    print(
        f"   ratio    {statistics.median(ratios):7.2f}   (each run: "
        + ", ".join(f"{ratio:.2f}" for ratio in ratios)
        + "; target ≤ 1.5, peak RSS ≤ 600 MB)"
    )


LIBRARY_READS = """
import json, resource, time
started = time.perf_counter()
from smareader.library import Library
library = Library.open({path!r})
timings = {{}}

def timed(name, call):
    start = time.perf_counter()
    result = call()
    timings[name] = time.perf_counter() - start
    return result

stories = timed("stories", library.stories)
timed("counts", library.counts)
speakers = timed("speakers", library.speakers)
timed("first quotes page", lambda: library.quotes(limit=60))
timed("first timeline page", lambda: library.timeline(limit=60))
timed("article", lambda: library.article(stories[len(stories) // 2].id))
imported = timings["stories"]

def pages(fetch, count):
    times, after = [], None
    for _ in range(count):
        start = time.perf_counter()
        page = fetch(after)
        times.append(time.perf_counter() - start)
        after = page.next
        if after is None:
            break
    return times

paging = {{
    "all quotes": pages(lambda after: library.quotes(after=after, limit=60), 300),
    "top speaker": pages(
        lambda after: library.quotes(person=speakers[0].person, after=after, limit=60), 300),
    "timeline": pages(lambda after: library.timeline(after=after, limit=60), 300),
    "half the stories": pages(lambda after: library.quotes(
        [story.id for story in stories[::2]], after=after, limit=60), 300),
}}
search = {{}}
for query in {queries!r}:
    start = time.perf_counter()
    first = library.search_quotes(query, limit=60)
    events = library.search_events(query, limit=60)
    search[query] = [time.perf_counter() - start, len(first.rows)]
    start = time.perf_counter()
    search[query].append(library.search_count(query, cap=10_000)[0])
    search[query].append(time.perf_counter() - start)
    start = time.perf_counter()
    search[query].append(library.search_count(query)[0])
    search[query].append(time.perf_counter() - start)
print(json.dumps({{"timings": timings, "paging": paging, "search": search,
    "speakers": len(speakers),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

QUERIES = ["parliament", "secur", "rotation pen", "ment", "u.s.", "zzz", "Ana Kim", "remark 4711"]


def bench_library_reads(library: Path) -> None:
    result = run_python(LIBRARY_READS.format(path=str(library), queries=QUERIES))
    timings = result["timings"]
    print(f"   reading it (fresh process, {int(result['speakers']):,} speakers across stories):")
    for name, seconds in timings.items():  # type: ignore[union-attr]
        print(f"     {name:<22} {seconds * 1000:8.1f} ms")
    print("   paging, 60 rows a page (keyset):")
    for name, times in result["paging"].items():  # type: ignore[union-attr]
        ms = [t * 1000 for t in times]
        print(
            f"     {name:<22} p50 {percentile(ms, 0.5):6.2f} ms, "
            f"p95 {percentile(ms, 0.95):6.2f} ms,"
            f" max {max(ms):6.2f} ms over {len(ms)} pages"
        )
    print(
        "   search (FTS5): first page of quotes and of events; matching quotes counted up "
        "to 10,000 (what a pane shows), and all of them"
    )
    for query, values in result["search"].items():  # type: ignore[union-attr]
        seconds, shown, capped, capping, count, counting = values
        print(
            f"     {query!r:<16} first pages {seconds * 1000:7.1f} ms ({int(shown)} shown), "
            f"count {int(capped):>6,} in {capping * 1000:6.1f} ms, "
            f"all {int(count):>8,} in {counting * 1000:7.1f} ms"
        )
    print(f"   peak RSS of the reading process {result['peak_mb']:.0f} MB")


LIBRARY_READER = """
import asyncio, json, resource, time
from textual.app import App
from smareader.library.query import open_library
from smareader.library_app import LibraryReader
from smareader.screens.library import LibraryScreen
from smareader.widgets.library.panes import LibraryQuotes

frames, applied = [], []
_display, _apply = App._display, LibraryScreen._apply_search

def display(self, screen, renderable):
    if renderable is not None:
        frames.append(time.perf_counter())
    return _display(self, screen, renderable)

def apply_search(self, query):
    applied.append(time.perf_counter())
    return _apply(self, query)

App._display, LibraryScreen._apply_search = display, apply_search

async def main() -> None:
    app = LibraryReader(open_library({path!r}), fresh=True)
    timings = {{"page": [], "end": []}}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        start = time.perf_counter()
        await pilot.press("3")  # Quotes: every speaker, all quotes in date order
        app.screen._on_timer_update()
        timings["quotes pane"] = [time.perf_counter() - start]
        await pilot.pause()
        pane = app.screen.query_one(LibraryQuotes)
        count = app.screen.query_one("#library-quote-list").count
        # CPU time, as for the one-story reader: the work a key causes, handling and
        # repaint; Pilot's waiting for idle between keys is not work.
        timings["idle"] = []
        for _ in range(20):
            start = time.process_time()
            await pilot.press("f12")  # an unbound key: the harness's own cost
            app.screen._on_timer_update()
            timings["idle"].append(time.process_time() - start)
        for _ in range({pages}):
            start = time.process_time()
            await pilot.press("pagedown")
            app.screen._on_timer_update()
            timings["page"].append(time.process_time() - start)
        start = time.process_time()
        await pilot.press("end")
        app.screen._on_timer_update()
        timings["end"].append(time.process_time() - start)
        searches = {{}}
        for query in {queries!r}:
            await pilot.press("slash")
            for key in query[:-1]:
                await pilot.press("space" if key == " " else key)
            await pilot.pause(0.3)
            screen = app.screen
            # The last key → the first frame drawn after the search was applied: what a
            # person waits for (Pilot's own waiting for idle is not counted), and the
            # CPU of this thread meanwhile (the count runs in another).
            del frames[:], applied[:]
            wall, cpu = time.perf_counter(), time.thread_time()
            await pilot.press(query[-1])
            cpu = time.thread_time() - cpu
            await pilot.pause(0.1)
            shown = next(frame for frame in frames if frame > applied[-1])
            searches[query] = [shown - wall, cpu, app.screen.query_one("#library-quote-list").count]
            await pilot.press("escape")
            await pilot.pause()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({{**timings, "count": count, "searches": searches, "peak_mb": peak}}))

asyncio.run(main())
"""


def bench_library_reader(library: Path, runs: int, pages: int = 200) -> None:
    """The library reader over ``library``: first paint on a pty, paging, search, memory."""
    from first_paint import bench_pty_first_paint
    from pty_keys import bench_pty_keys

    bench_pty_first_paint(runs, 0, library)
    bench_pty_keys(library, pages)  # from outside, on a real terminal: the figure to compare
    result = run_python(
        LIBRARY_READER.format(
            path=str(library),
            pages=pages,
            queries=["parliament", "rotation pen", "secur", "ment", "ana kim"],
        )
    )
    paging = [t * 1000 for t in result["page"]]  # type: ignore[union-attr]
    print(
        f"   Quotes pane over {int(result['count']):,} quotes shown in "
        f"{result['quotes pane'][0] * 1000:.0f} ms"  # type: ignore[index]
    )
    print(
        f"   PgDn ×{pages}: p50 {percentile(paging, 0.5):5.1f} ms, "
        f"p95 {percentile(paging, 0.95):5.1f} ms, max {max(paging):5.1f} ms   (target p95 ≤ 16 ms)"
    )
    idle = statistics.median(t * 1000 for t in result["idle"])  # type: ignore[union-attr]
    print(f"   (CPU ms per key; an unbound key costs {idle:.1f} ms in this harness)")
    print(f"   End (the last quote): {result['end'][0] * 1000:.0f} ms")  # type: ignore[index]
    for query, (wall, cpu, shown) in result["searches"].items():  # type: ignore[union-attr]
        print(
            f"   search {query!r:<16} last key → matches drawn {wall * 1000:6.1f} ms "
            f"({cpu * 1000:5.1f} ms CPU; first {int(shown):,} matches listed)   (target ≤ 100 ms)"
        )
    print(f"   peak RSS {result['peak_mb']:.0f} MB   (target ≤ 250 MB)")


def bench_export(size: int, runs: int) -> None:
    path = story_for(size)
    output = CACHE / "export.csv"
    argv = ["export", str(path), "--format", "csv", "-o", str(output), "--force"]
    wall, inner, peak = timed_process(COMMAND.format(argv=argv), runs)
    print(f"\n8. export of {size:,} quotes to CSV, median of {runs} fresh processes")
    print(
        f"   from the story file (includes validation): {wall:.2f} s from spawn to exit"
        f" ({inner:.2f} s in process), peak RSS {peak:.0f} MB   (target ≤ 2 s)"
    )
    stories = 100
    library = CACHE / f"library-s{stories}-q{size}.sqlite3"
    if not library.exists():
        folder = library_for(stories, size)
        result = run_python(COMMAND.format(argv=["add", "--library", str(library), str(folder)]))
        assert result["code"] == 0, result
    for fmt in ("csv", "markdown", "json"):
        argv = ["export", "--library", str(library), "-f", fmt, "-o", str(output), "--force"]
        wall, inner, peak = timed_process(COMMAND.format(argv=argv), runs)
        print(
            f"   from a library of {stories} stories, {fmt:8}: {wall:.2f} s from spawn to exit"
            f" ({inner:.2f} s in process), peak RSS {peak:.0f} MB"
            + ("   (target ≤ 2 s)" if fmt == "csv" else "")
        )


def main() -> None:
    parser = argparse.ArgumentParser(description="smareader benchmarks")
    parser.add_argument("--quick", action="store_true", help="small sizes, one run each")
    parser.add_argument(
        "--only", choices=("reader", "library", "export"), help="run one part of the benchmarks"
    )
    parser.add_argument("--stories", type=int, default=100, help="stories in the library")
    parser.add_argument(
        "--library-quotes", type=int, default=100_000, help="quotes in the library, in all"
    )
    args = parser.parse_args()
    big = 5_000 if args.quick else 100_000
    runs = 1 if args.quick else 5
    print(
        f"smareader benchmarks — Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores"
    )
    if args.only in (None, "reader"):
        from first_paint import bench_pty_first_paint

        bench_pty_first_paint(runs, big)  # from outside, on a real terminal: the figure to compare
        bench_startup(runs)
        bench_load([1_000, 10_000, big] if not args.quick else [1_000, big], max(1, runs - 2))
        bench_first_paint(big, max(1, runs - 2))
        bench_interaction(big, pages=50)
        bench_option_list(big, pages=20)
    if args.only in (None, "library"):
        stories, quotes = (10, 5_000) if args.quick else (args.stories, args.library_quotes)
        library = CACHE / f"library-s{stories}-q{quotes}.sqlite3"
        bench_add(library_for(stories, quotes), library, 1 if args.quick else 3)
        bench_library_reads(library)
        bench_library_reader(library, runs)
    if args.only in (None, "export"):
        bench_export(big, 1 if args.quick else 3)


if __name__ == "__main__":
    main()
