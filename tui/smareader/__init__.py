"""smareader: a terminal reader for news stories as timelines, quotes and costs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("smareader")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
