"""The library: many stories indexed in one SQLite file, for the reader to page through.

:mod:`.query` reads it (no pydantic, no story files), :mod:`.index` fills it from
validated story files, :mod:`.store` opens it and says what is wrong with a bad one.
Nothing in this package imports Textual.
"""

from smareader.library.query import Chosen, Library, open_library
from smareader.library.store import (
    Cancelled,
    LibraryError,
    default_library_path,
    resolve_library_path,
)

__all__ = [
    "Cancelled",
    "Chosen",
    "Library",
    "LibraryError",
    "default_library_path",
    "open_library",
    "resolve_library_path",
]
