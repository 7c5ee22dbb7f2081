"""The one way files are read and the one way they are written.

Story files and articles come from strangers, so reading is careful: only regular
files (a FIFO would hang, ``/dev/zero`` never ends), never more than a size limit,
and a story's source only from inside the story's own folder. Writing is atomic: a
reader never sees a half-written file, a killed run leaves nothing behind for long,
and a new file gets the permissions the user's umask allows.

No Textual import: the model, the command line and the reader all use this module.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePath

MIB = 1024 * 1024
DEFAULT_LIMIT_MIB = 128
"""The largest file read, in MiB, unless ``SMAREADER_MAX_FILE_MIB`` or ``--max-size`` says."""
LIMIT_VARIABLE = "SMAREADER_MAX_FILE_MIB"

_TEMP_SUFFIX = ".smareader.tmp"
_BUFFER = 1024 * 1024
_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


class FileRefused(Exception):
    """A file that was not read or written, and why, as the end of one message line.

    The reason never quotes the file's content: a refused file may be a secret.
    """

    def __init__(self, reason: str, *, missing: bool = False) -> None:
        self.reason = reason
        self.missing = missing
        super().__init__(reason)


def size_limit() -> int:
    """The largest file read, in bytes: ``SMAREADER_MAX_FILE_MIB`` or the default."""
    value = os.environ.get(LIMIT_VARIABLE, "")
    try:
        mib = float(value) if value else DEFAULT_LIMIT_MIB
    except ValueError:
        mib = DEFAULT_LIMIT_MIB
    return int(mib * MIB) if mib > 0 else DEFAULT_LIMIT_MIB * MIB


def describe_size(size: int) -> str:
    """A size for people: ``64 MiB``, ``1.5 MiB``, ``812 bytes``."""
    if size < MIB:
        return f"{size:,} bytes"
    return f"{size / MIB:,.1f} MiB".replace(".0 MiB", " MiB")


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def read_file(path: Path, *, limit: int | None = None, expected: str = "a file") -> bytes:
    """Read a whole regular file of at most ``limit`` bytes.

    The file is opened without blocking (a FIFO opens at once instead of waiting for
    a writer), then checked on the open descriptor, so nothing is read from a FIFO,
    a device or a directory, and never more than ``limit`` bytes even if the file
    grows while it is read.

    Args:
        path: The file.
        limit: At most this many bytes (default: :func:`size_limit`).
        expected: What the file should be, for the message ("a story file (JSON)").

    Raises:
        FileRefused: Saying why the file was not read.
    """
    limit = size_limit() if limit is None else limit
    if "\0" in str(path):
        raise FileRefused(f"the path contains a NUL character; expected {expected}")
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise FileRefused(f"no such file; expected {expected}", missing=True) from None
    except IsADirectoryError:
        raise FileRefused(f"is a directory; expected {expected}") from None
    except PermissionError:
        raise FileRefused(f"permission denied; expected {expected}, readable") from None
    except OSError as error:
        raise FileRefused(f"cannot open: {error.strerror or type(error).__name__}") from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
        os.close(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused(f"is a directory; expected {expected}")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"is {_kind(info.st_mode)}; expected {expected}, a regular file")
        raise FileRefused(_too_large(info.st_size, limit))
    with os.fdopen(descriptor, "rb") as stream:
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            raise FileRefused(f"cannot read: {error.strerror or type(error).__name__}") from None
    if len(data) > limit:
        raise FileRefused(_too_large(len(data), limit))
    return data


def _too_large(size: int, limit: int) -> str:
    return (
        f"is larger than {describe_size(limit)} (at least {describe_size(size)}); expected a "
        f"smaller file, or raise the limit with --max-size or {LIMIT_VARIABLE}"
    )


def confined(folder: Path, relative: str) -> Path:
    """The file that ``relative`` names inside ``folder``, refusing any way out.

    The path must be relative, and must still lie inside ``folder`` once every
    symbolic link is resolved, so ``../`` and links cannot reach other files.

    Raises:
        FileRefused: If the path is absolute, leaves the folder, or does not exist.
    """
    if "\0" in relative:
        raise FileRefused("the path contains a NUL character; expected a file name")
    if PurePath(relative).is_absolute() or relative.startswith("~"):
        raise FileRefused(
            "is an absolute path; expected a path relative to the story file's folder"
        )
    root = folder.resolve()
    try:
        target = (root / relative).resolve(strict=True)
    except FileNotFoundError:
        raise FileRefused(
            "no such file; expected a file in the story file's folder", missing=True
        ) from None
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop
        raise FileRefused(
            f"cannot be resolved ({type(error).__name__}); expected a file in the story's folder"
        ) from None
    if not target.is_relative_to(root):
        raise FileRefused(
            "leads outside the story file's folder; expected a file inside that folder "
            "(no '..', no links out of it)"
        )
    return target


def read_source(folder: Path, relative: str, *, limit: int | None = None) -> tuple[bytes, str]:
    """A story's source text: a regular UTF-8 file inside the story's folder.

    The one reader of ``source.path``, for the loader and ``anchor`` alike.

    Args:
        folder: The story file's folder.
        relative: The story's ``source.path``.
        limit: At most this many bytes (default: :func:`size_limit`).

    Returns:
        The bytes (for the sha256) and the text.

    Raises:
        FileRefused: If the path leaves the folder, or the file is not a regular
            UTF-8 file within the limit.
    """
    data = read_file(confined(folder, relative), limit=limit, expected="the article text")
    try:
        return data, data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FileRefused(f"is not UTF-8 (byte {error.start}); expected UTF-8") from None


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_swept: set[tuple[str, int, int]] = set()
"""Folders (real path, device, inode) this process has cleared of stale temporaries."""


def _remove_stale_temporaries(folder: Path) -> None:
    """Remove temporary files that killed runs left in ``folder``, once per process.

    Temporary names carry the writer's process id; a file whose process is gone
    was left by a run that died (``kill -9``) before it could clean up. A folder is
    swept on this process's first write into it only: sweeping at every write made
    a thousand files written into one folder cost a million directory entries read.
    """
    with contextlib.suppress(OSError):
        found = os.stat(folder)
        key = (os.path.realpath(folder), found.st_dev, found.st_ino)
        if key in _swept:
            return
        _swept.add(key)
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(".") and entry.name.endswith(_TEMP_SUFFIX):
                    _remove_if_orphaned(entry)


def _remove_if_orphaned(entry: os.DirEntry[str]) -> None:
    """Remove one of our temporaries (``.NAME.PID.RANDOM.smareader.tmp``) if PID is gone."""
    parts = entry.name[: -len(_TEMP_SUFFIX)].rsplit(".", 2)
    if len(parts) != 3 or not parts[1].isdigit() or int(parts[1]) == os.getpid():
        return
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
    except OSError:
        pass  # alive, owned by someone else


def _write_target(path: Path, overwrite: bool) -> tuple[Path, os.stat_result | None]:
    """Where the bytes go, and the file they replace; refuse what must not be written.

    A symbolic link is written through: the file it points to is replaced and the
    link stays. A link to nothing is refused, as is anything that is not a regular
    file (device, FIFO, directory), and a read-only file.
    """
    if "\0" in str(path):
        raise FileRefused("the path contains a NUL character; expected a file name")
    target = path
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.exists():
            raise FileRefused("is a symbolic link to a file that does not exist; expected a file")
    try:
        info = target.stat()
    except FileNotFoundError:
        return target, None
    except OSError as error:
        raise FileRefused(f"cannot write: {error.strerror or type(error).__name__}") from None
    if stat.S_ISDIR(info.st_mode):
        raise FileRefused("is a directory; expected a file name to write")
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(f"is {_kind(info.st_mode)}; expected a regular file to write")
    if not overwrite:
        raise FileExistsError(path)
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise FileRefused("is read-only; expected a writable file (change its mode first)")
    return target, info


def write_atomic(
    path: Path,
    data: str | bytes | Iterable[str | bytes],
    *,
    overwrite: bool = False,
    durable: bool = True,
) -> None:
    """Write ``data`` to ``path`` all at once, or not at all.

    ``data`` may be one string or bytes, or an iterable of them written in turn (an
    export streamed a story at a time): the file then appears only once the last
    chunk is written, and not at all if producing a chunk raises.

    The data goes to a temporary file in the same folder, is flushed to disk, and
    then takes the target's name in one step. A new file gets ``0666 & ~umask``; a
    replaced file keeps its mode (and, where allowed, its owner). Without
    ``overwrite`` an existing file is never replaced, even if it appears while we
    write. The temporary file is removed on any error, and on SIGTERM or SIGINT
    (the command line turns both into exceptions); one left by a killed run is
    removed by the next run that writes into the same folder.

    ``durable=False`` skips the flush to disk, for files that do not outlive the run
    that writes them (``add``'s hand-over between processes, generated benchmark
    data): every reader still sees the whole file or none, and only a power cut,
    which ends the run anyway, could lose them.

    Raises:
        FileExistsError: If ``path`` exists and ``overwrite`` is false.
        FileRefused: If ``path`` is a device, FIFO, directory, dangling link or read-only.
        OSError: If the folder cannot be written.
    """
    chunks: Iterable[str | bytes] = (data,) if isinstance(data, str | bytes) else data
    target, replaced = _write_target(path, overwrite)
    folder = target.parent if str(target.parent) else Path(".")
    _remove_stale_temporaries(folder)
    mode = stat.S_IMODE(replaced.st_mode) & 0o777 if replaced else 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=_TEMP_SUFFIX, dir=folder
    )
    try:
        with os.fdopen(handle, "wb", buffering=_BUFFER) as stream:
            os.fchmod(stream.fileno(), mode)
            if replaced is not None and replaced.st_uid != os.geteuid():
                with contextlib.suppress(OSError):
                    os.fchown(stream.fileno(), replaced.st_uid, replaced.st_gid)
            for chunk in chunks:
                stream.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        if overwrite:
            os.replace(temporary, target)
        else:
            os.link(temporary, target)  # fails if the name was taken meanwhile
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
