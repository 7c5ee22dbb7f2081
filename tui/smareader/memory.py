"""Keeping the garbage collector off the reader's back."""

from __future__ import annotations

import gc


def freeze_heap() -> None:
    """Move everything alive now out of the collector's sight.

    A large story is a million long-lived objects; every full collection would
    visit them all — a pause of a tenth of a second in the middle of typing. The
    one-story reader calls this once the story is loaded, and again when the panes
    have finished building. The library reader holds no story, but Textual's own
    objects and the screen it has built made every full collection a pause of
    80–120 ms, one in twenty keys of paging; frozen after the first frame, 10–30 ms.
    """
    gc.collect()
    gc.freeze()
