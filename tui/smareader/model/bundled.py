"""Where the story that ships with smareader lives."""

from __future__ import annotations

from pathlib import Path

BUNDLED_STORY = "japantimes-2019-11-19-sma-talks.json"
"""File name of the bundled story, under ``data/``."""


def bundled_story_path() -> Path:
    """Path of the bundled story, in an installed wheel or a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_bundle" / "data" / BUNDLED_STORY
    if installed.is_file():
        return installed
    # A source checkout or editable install: tui/smareader/model/ -> repository root.
    return package.parent.parent / "data" / BUNDLED_STORY
