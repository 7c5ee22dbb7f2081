"""Shared fixtures: the bundled story, raw and parsed, and a way to write variants."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from smareader.model import Story, load_story
from smareader.model.bundled import bundled_story_path

BUNDLED = bundled_story_path()
_RAW = json.loads(BUNDLED.read_text(encoding="utf-8"))
_SOURCE = (BUNDLED.parent / _RAW["source"]["path"]).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def story() -> Story:
    """The bundled story, validated."""
    return load_story(BUNDLED)


@pytest.fixture
def raw() -> dict[str, Any]:
    """A deep copy of the bundled story's JSON with its source text embedded."""
    data = copy.deepcopy(_RAW)
    data["source"] = {**data["source"], "text": _SOURCE}
    del data["source"]["path"]
    return data


@pytest.fixture
def write_story(tmp_path: Path) -> Callable[[Any], Path]:
    """Write a JSON value (or raw bytes) as a story file and return its path."""

    def write(data: Any, name: str = "story.json") -> Path:
        path = tmp_path / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def steady_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every app run the same whatever the environment or the clock.

    ``NO_COLOR`` would turn the screen monochrome, and a blinking cursor makes two
    screenshots of one screen differ; the theme is fixed by ``make_app``.
    """
    from textual.widgets import Input

    for name in ("NO_COLOR", "TEXTUAL_THEME", "FORCE_COLOR", "TEXTUAL_ANIMATIONS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the real user's library and folders.

    ``SMAREADER_LIBRARY`` names a library in a temporary folder, and HOME and the XDG
    folders (what platformdirs reads) point there too, so a test that forgets
    ``--library`` still cannot touch the user's files.
    """
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.setenv("SMAREADER_LIBRARY", str(home / "library.sqlite3"))
    return home


@pytest.fixture(autouse=True)
def private_state_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Never read or write the real remembered session: each test gets an empty one.

    Snapshots are thereby immune to whatever session the developer's own reader left.
    """
    import smareader.session

    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setattr(smareader.session, "state_dir", lambda: folder)
    return folder
