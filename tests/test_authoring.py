"""The authoring scripts still make exactly the committed stories."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from smareader.model.anchor import anchor_story

ROOT = Path(__file__).resolve().parent.parent


def test_bundled_story_is_the_authoring_script_anchored() -> None:
    script = ROOT / "tools" / "author_bundled_story.py"
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True
    )
    draft = json.loads(result.stdout)
    committed_path = ROOT / "data" / "japantimes-2019-11-19-sma-talks.json"
    committed = json.loads(committed_path.read_text(encoding="utf-8"))
    source = (committed_path.parent / committed["source"]["path"]).read_text(encoding="utf-8")
    assert anchor_story(draft, source) == committed


@pytest.mark.parametrize(
    "name", ["harbor-city-bridge", "lumora-data-fine", "sma-cost-talks-invented"]
)
def test_evaluation_stories_are_the_authoring_script_anchored(name: str) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import author_eval_stories as authoring
    finally:
        sys.path.pop(0)
    draft = {
        "harbor-city-bridge": authoring.BRIDGE,
        "lumora-data-fine": authoring.LUMORA,
        "sma-cost-talks-invented": authoring.SMA,
    }[name]
    draft = json.loads(json.dumps(draft))
    path = ROOT / "data" / "eval" / f"{name}.json"
    source = (ROOT / "data" / "eval" / f"{name}.txt").read_text(encoding="utf-8")
    assert anchor_story(draft, source) == json.loads(path.read_text(encoding="utf-8"))
