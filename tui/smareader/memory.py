"""Keeping the garbage collector off the reader's back."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

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
