"""The published JSON Schema of a story file."""

from __future__ import annotations

import json

from smareader.model.story import Story


def story_schema() -> dict[str, object]:
    """The JSON Schema (draft 2020-12) that story files follow."""
    schema = Story.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "smareader story",
    }


def schema_text() -> str:
    """The schema as the text committed in ``data/schema.json``."""
    return json.dumps(story_schema(), ensure_ascii=False, indent=2) + "\n"
