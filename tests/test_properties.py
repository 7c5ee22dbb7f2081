"""Property-based tests: no JSON value makes the model fail any other way."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from smareader.model import Story

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=6)
    ),
    max_leaves=40,
)

FIELDS = ["schema_version", "story", "source", "speakers", "quotes", "events", "costs", "$schema"]


@given(json_values)
def test_any_json_value_is_a_story_or_a_validation_error(value: Any) -> None:
    with contextlib.suppress(ValidationError):
        Story.model_validate(value)


@st.composite
def story_shaped(draw: st.DrawFn, raw: dict[str, Any]) -> dict[str, Any]:
    """The bundled story with some values replaced by arbitrary JSON."""
    data = json.loads(json.dumps(raw))
    for _ in range(draw(st.integers(1, 4))):
        collection = draw(st.sampled_from(["quotes", "events", "speakers"]))
        items = data[collection]
        item = items[draw(st.integers(0, len(items) - 1))]
        key = draw(st.sampled_from(sorted(item)))
        item[key] = draw(json_values)
    return data


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150)
@given(data=st.data())
def test_mutated_stories_fail_only_with_validation_errors(raw: dict[str, Any], data: Any) -> None:
    mutated = data.draw(story_shaped(raw))
    try:
        story = Story.model_validate(mutated)
    except ValidationError as error:
        for detail in error.errors():
            assert isinstance(detail["loc"], tuple)
        return
    # Whatever survived validation holds together.
    for quote in story.quotes:
        assert story.text[quote.start : quote.end] == quote.text
        assert quote.speaker in story.speaker_by_id


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=200))
def test_any_embedded_text_round_trips(raw: dict[str, Any], text: str) -> None:
    """Spans count code points: any text, anchored anywhere, validates and reads back."""
    from smareader.model.story import sha256_hex

    source = "Intro. " + text + " Outro."
    data = {
        "schema_version": 1,
        "story": raw["story"],
        "source": {"text": source, "sha256": sha256_hex(source)},
        "speakers": [{"id": "s", "name": "S", "kind": "person"}],
        "quotes": [
            {
                "id": "q",
                "speaker": "s",
                "text": text,
                "start": 7,
                "end": 7 + len(text),
                "kind": "direct",
            }
        ],
    }
    story = Story.model_validate(data)
    assert story.text[story.quotes[0].start : story.quotes[0].end] == text
