"""Writing files so that a reader never sees a half-written one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``path`` all at once, or not at all.

    The data goes to a temporary file in the same folder, is flushed to disk, and
    then takes the target's name in one step. Without ``overwrite`` an existing file
    is never replaced, even if it appears while we write.

    Raises:
        FileExistsError: If ``path`` exists and ``overwrite`` is false.
        OSError: If the folder cannot be written.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    if not overwrite and path.exists():
        raise FileExistsError(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails if the name was taken meanwhile
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
