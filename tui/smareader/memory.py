"""Keeping the garbage collector off the reader's back."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from time import monotonic

_paused = False
"""Whether :func:`collector_paused` turned the collector off and nothing has turned it
back on yet."""


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection from here until the heap is frozen.

    Start-up builds tens of thousands of objects that live as long as the reader
    (Textual's classes, stylesheets, the screen), and almost no garbage: the full
    collection that this triggers half-way through the first frame found nothing
    worth its 25 ms. :func:`freeze_heap` turns the collector back on (once that
    heap is out of its sight), and so does leaving the block, whatever happened.
    """
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True
    try:
        yield
    finally:
        _resume()


def _resume() -> None:
    global _paused
    if _paused:
        _paused = False
        gc.enable()


def freeze_heap() -> None:
    """Move everything alive now out of the collector's sight.

    A large story is a million long-lived objects; every full collection would
    visit them all — a pause of a tenth of a second in the middle of typing. The
    one-story reader calls this once the story is loaded, and again when the panes
    have finished building. The library reader holds no story, but Textual's own
    objects and the screen it has built made every full collection a pause of
    80–120 ms, one in twenty keys of paging; frozen after the first frame, 10–30 ms.
    A collector paused for start-up (:func:`collector_paused`) runs again from here.
    """
    gc.collect()
    gc.freeze()
    _resume()


IDLE_BEFORE_FULL = 1.0
"""Seconds without input after which a held-back full collection may run."""

LONGEST_HELD = 5.0
"""Seconds after which a due full collection runs even while keys keep coming: the
garbage of a long burst of input is not left to pile up (paging, that is one pause in
about 150 keys rather than one in twenty)."""

HELD_BACK = 1 << 30
"""A third collection threshold that CPython never reaches: no full collection of its own."""


class IdleCollections:
    """Full collections when the reader is idle, never in the middle of paging.

    Paging a long list fills caches of rows and drawn lines whose entries live a few
    screens and die by reference counting; enough of them reach the oldest generation
    that CPython runs a full collection every twenty-odd keys, and with Textual's
    objects about it that is a 20–60 ms pause — the slowest key in twenty. While
    :meth:`start` is in force CPython runs only its young collections; :meth:`tick`
    (the app calls it on a timer) runs the full one CPython would have run, once the
    keys have stopped for :data:`IDLE_BEFORE_FULL` seconds, or after
    :data:`LONGEST_HELD` seconds of keys that never stop.
    """

    def __init__(self) -> None:
        self.last_input = monotonic()
        """When the reader last had a key or mouse event (the app sets it)."""
        self._threshold: tuple[int, int, int] | None = None
        self._last_full = self.last_input

    def start(self) -> None:
        """Hold CPython's full collections back (until :meth:`stop`)."""
        if self._threshold is None:
            self._threshold = gc.get_threshold()
            young, middle, _ = self._threshold
            gc.set_threshold(young, middle, HELD_BACK)

    def stop(self) -> None:
        """Give CPython its own thresholds back."""
        if self._threshold is not None:
            gc.set_threshold(*self._threshold)
            self._threshold = None

    def input(self) -> None:
        """A key or mouse event came: the reader is busy."""
        self.last_input = monotonic()

    def tick(self) -> bool:
        """Run the full collection held back, if one is due and the reader is idle
        (or it has been held back :data:`LONGEST_HELD` seconds).

        Due as CPython counts it: ``threshold[2]`` collections of the middle generation
        since the last full one. Returns whether it ran.
        """
        if self._threshold is None or not gc.isenabled():
            return False
        now = monotonic()
        if now - self.last_input < IDLE_BEFORE_FULL and now - self._last_full < LONGEST_HELD:
            return False
        if gc.get_count()[2] < self._threshold[2]:
            return False
        gc.collect()
        self._last_full = monotonic()
        return True
