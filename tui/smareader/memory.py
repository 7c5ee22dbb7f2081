"""Keeping the garbage collector off a large story's back."""

from __future__ import annotations

import gc


def freeze_story() -> None:
    """Move everything alive now out of the collector's sight.

    A large story is a million long-lived objects; every full collection would
    visit them all — a pause of a tenth of a second in the middle of typing. Called
    once the story is loaded, and again when the panes have finished building.
    """
    gc.collect()
    gc.freeze()
