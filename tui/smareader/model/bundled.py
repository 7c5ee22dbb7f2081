"""Where the stories that ship with smareader live."""

from __future__ import annotations

from pathlib import Path

BUNDLED_STORY = "japantimes-2019-11-19-sma-talks.json"
"""File name of the seed story, under ``data/``: the one ``smareader`` opens by default."""

BUNDLED_STORIES = (
    BUNDLED_STORY,
    "usembassy-2019-10-18-sma-negotiations-media-note.json",
    "usembassy-2019-11-19-dehart-remarks.json",
)
"""File names of every bundled story, under ``data/``: the seed first, then the stories
whose full text is a public-domain U.S. government work, by publication date."""


def _data_dir() -> Path:
    """The bundled ``data/`` folder, in an installed wheel or a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_bundle" / "data"
    if (installed / BUNDLED_STORY).is_file():
        return installed
    # A source checkout or editable install: tui/smareader/model/ -> repository root.
    return package.parent.parent / "data"


def bundled_story_path() -> Path:
    """Path of the seed story, in an installed wheel or a source checkout."""
    return _data_dir() / BUNDLED_STORY


def bundled_story_paths() -> list[Path]:
    """Paths of every bundled story, the seed first."""
    data = _data_dir()
    return [data / name for name in BUNDLED_STORIES]
