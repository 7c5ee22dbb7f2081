"""The model and the command line's checks must not pull in Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "smareader.model",
        "smareader.model.views",
        "smareader.export",
        "smareader.cli",
        "smareader.files",
        "smareader.sanitize",
        "smareader.review",
        "smareader.library",
        "smareader.library.index",
        "smareader.library.cli",
    ],
)
def test_no_textual_import(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
