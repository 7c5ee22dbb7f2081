"""``smareader FOLDER``: a folder of stories read as a library of its own.

The folder's stories are indexed into a cache file keyed by the folder's resolved
path, so a second opening re-validates only what changed; stories whose files left
the folder leave the cache. The cache is disposable, like every library.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from smareader.library.index import Outcome, add_files, remove_story, story_files
from smareader.library.query import Library
from smareader.library.store import LibraryError, connect, library_errors


def folder_library_path(folder: Path) -> Path:
    """The cache file of a folder's library, in the user's cache directory."""
    from platformdirs import user_cache_path

    key = hashlib.sha256(str(folder.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return user_cache_path("smareader", appauthor=False) / "folders" / f"{key[:32]}.sqlite3"


def open_folder(
    folder: Path, *, progress: Callable[[int, int, Path], None] | None = None
) -> tuple[Library, list[Outcome]]:
    """Index a folder's story files (what changed since last time) and open them.

    Returns:
        The library, and what happened to each file (bad ones carry their error).

    Raises:
        LibraryError: If the cache file cannot be used.
    """
    path = folder_library_path(folder)
    files = list(story_files([folder]))
    try:
        connection = connect(path, create=True)
    except LibraryError as error:
        if not error.outdated:
            raise
        # A cache made by an older smareader: made again.
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        connection = connect(path, create=True)
    try:
        with library_errors(path):
            outcomes = add_files(connection, files, progress=progress)
            present = {os.path.abspath(file) for file in files}
            gone = [
                story_id
                for story_id, story_path in connection.execute("SELECT id, path FROM stories")
                if story_path not in present
            ]
            for story_id in gone:
                remove_story(connection, story_id)
    finally:
        connection.close()
    return Library.open(path), outcomes


__all__ = ["folder_library_path", "open_folder"]
