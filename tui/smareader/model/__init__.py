"""The story model and its derived views. Nothing here imports Textual."""

from smareader.model.load import StoryFileError, load_story, parse_story
from smareader.model.story import (
    Category,
    Comparison,
    Costs,
    Event,
    Figure,
    Quote,
    Source,
    Speaker,
    Story,
    StoryInfo,
)

__all__ = [
    "Category",
    "Comparison",
    "Costs",
    "Event",
    "Figure",
    "Quote",
    "Source",
    "Speaker",
    "Story",
    "StoryFileError",
    "StoryInfo",
    "load_story",
    "parse_story",
]
