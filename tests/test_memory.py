"""The collector pause around start-up always ends."""

from __future__ import annotations

import gc

from smareader.cli import main
from smareader.memory import collector_paused, freeze_heap


def test_collector_paused_until_the_heap_is_frozen() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        freeze_heap()
        assert gc.isenabled()
    assert gc.isenabled()
    gc.unfreeze()


def test_collector_paused_ends_with_the_block_even_on_error() -> None:
    try:
        with collector_paused():
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.isenabled()


def test_a_collector_turned_off_by_someone_else_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            freeze_heap()
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_reading_a_missing_story_leaves_the_collector_on(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert main([str(tmp_path / "missing.json")]) != 0
    assert gc.isenabled()
