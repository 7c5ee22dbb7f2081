"""Run a program on a real pseudo-terminal, as a person's terminal would.

Used by the byte-level tests (what reaches the terminal) and by the first-paint
benchmark (when the story's text reaches it). POSIX only.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import struct
import subprocess
import termios
import time
from collections.abc import Iterable, Sequence
from pathlib import Path


class Pty:
    """A program running on a pseudo-terminal of a given size, with its output kept."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        size: tuple[int, int] = (100, 32),
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        controlling: bool = False,
    ) -> None:
        """Args:
        controlling: Make the pty the program's controlling terminal, as a terminal
            window's is: closing it (:meth:`hang_up`) then sends SIGHUP and SIGCONT
            too, not only end of file on its input.
        """
        self.master, slave = os.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            start_new_session=True,
            close_fds=True,
            # In the child, after setsid: adopt the pty (stdin) as controlling terminal.
            preexec_fn=_adopt_terminal if controlling else None,
        )
        os.close(slave)
        self.output = bytearray()
        self.hung_up = False

    def read(self, quiet: float = 0.25, limit: float = 20.0) -> bytes:
        """Read until the program has written nothing for ``quiet`` seconds."""
        start = len(self.output)
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], quiet)
            if not ready:
                break
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            if not chunk:
                break
            self.output += chunk
        return bytes(self.output[start:])

    def wait_for(self, needle: bytes, limit: float = 30.0) -> bool:
        """Read until ``needle`` has appeared in the output (or time runs out)."""
        deadline = time.monotonic() + limit
        while needle not in self.output and time.monotonic() < deadline:
            self.read(quiet=0.2, limit=1.0)
        return needle in self.output

    def press(self, keys: Iterable[bytes], settle: float = 0.12) -> None:
        """Send keys one at a time, letting the program draw after each."""
        for key in keys:
            os.write(self.master, key)
            self.read(quiet=settle, limit=5.0)

    def wait_for_exit(self, limit: float = 20.0) -> int | None:
        """Keep reading until the program ends by itself; its exit status, or ``None`` if
        it still runs after ``limit`` seconds (a loaded machine may take a while)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                return code
            if not self.read(quiet=0.05, limit=0.5):
                time.sleep(0.01)
        return self.process.poll()

    def hang_up(self) -> None:
        """Close the terminal under the program, as closing its window does."""
        if not self.hung_up:
            self.hung_up = True
            os.close(self.master)

    def close(self) -> int:
        """Stop the program (if it still runs) and return its exit status."""
        if self.hung_up:
            try:
                return self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                return self.process.wait()
        with contextlib.suppress(ProcessLookupError):
            if self.process.poll() is None:
                self.read(quiet=0.1, limit=1.0)
                self.process.terminate()
        try:
            code = self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        with contextlib.suppress(OSError):
            while True:
                ready, _, _ = select.select([self.master], [], [], 0.05)
                if not ready:
                    break
                chunk = os.read(self.master, 65536)
                if not chunk:
                    break
                self.output += chunk
        os.close(self.master)
        return code

    def wait_for_any(
        self, needles: Sequence[bytes], limit: float = 60.0, since: int = 0
    ) -> float | None:
        """Read until one of ``needles`` appears in the output from byte ``since`` on;
        return when (monotonic), or ``None``."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if any(self.output.find(needle, since) >= 0 for needle in needles):
                return time.monotonic()
            ready, _, _ = select.select([self.master], [], [], 0.005)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    return None
                if not chunk:
                    return None
                self.output += chunk
        return None


def _adopt_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
