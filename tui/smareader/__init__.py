"""smareader: a terminal reader for news stories as timelines, quotes and costs."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version comes from the installed package's metadata, read only when
    # asked for: importing importlib.metadata costs start-up time for nothing.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("smareader")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0+unknown"
    raise AttributeError(f"module 'smareader' has no attribute {name!r}")
