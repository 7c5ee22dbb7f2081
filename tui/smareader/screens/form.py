"""A small modal form whose fields are checked as you type, for review edits."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from smareader.review.session import ReviewError
from smareader.widgets.safe import safe_content

Check = Callable[..., None]
"""Checks fields as the edit would (``Review.check`` bound to the item)."""


def row(label: str, widget: Widget) -> Horizontal:
    """One line of a form: its label, then its field."""
    return Horizontal(Label(label), widget, classes="row")


class CheckedForm(ModalScreen[dict[str, Any] | None]):
    """A form whose fields are checked as they change; Save stays disabled while they fail.

    Dismissed with the fields that changed (for ``Review.edit``), or ``None``. A
    subclass gives its title, its rows, what the fields are and what changed; ids are
    ``PREFIX-title``, ``PREFIX-error``, ``PREFIX-save`` and so on.

    Args:
        check: Raises :class:`ReviewError` with the reason when fields are not valid.
    """

    PREFIX: ClassVar[str]
    """The start of the form's widget ids, e.g. ``event``."""
    LABELS: ClassVar[dict[str, str]] = {}
    """The label of each field whose name is not its label: a reason that names a field
    says "Last day: …", as the form does, not "date_end: …"."""

    DEFAULT_CSS = """
    CheckedForm { align: center middle; }
    CheckedForm > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    CheckedForm .form-title { width: 100%; text-style: bold; margin-bottom: 1; }
    CheckedForm .row { height: 1; margin-bottom: 1; }
    CheckedForm .row Label { width: 12; color: $text-muted; }
    CheckedForm .row Input, CheckedForm .row Select { width: 1fr; }
    CheckedForm .form-error { color: $text-error; height: auto; min-height: 1; }
    CheckedForm .form-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    CheckedForm Button { margin-left: 2; }
    """

    def __init__(self, check: Check) -> None:
        super().__init__()
        self.check = check

    def heading(self) -> Content:
        """The line above the fields (story text, made safe)."""
        raise NotImplementedError

    def rows(self) -> Iterable[Widget]:
        """The fields, one line each."""
        raise NotImplementedError

    def fields(self) -> dict[str, Any]:
        """The fields as they stand in the form.

        Raises:
            ReviewError: If a field cannot even be read (a number that is not one).
        """
        raise NotImplementedError

    def changed(self) -> dict[str, Any]:
        """The fields that differ from the item as it was."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        prefix = self.PREFIX
        # One line a field (compact widgets), so the whole form fits in 80×24.
        with Vertical():
            yield Static(self.heading(), id=f"{prefix}-title", classes="form-title", markup=False)
            yield from self.rows()
            yield Static("", id=f"{prefix}-error", classes="form-error", markup=False)
            with Horizontal(id=f"{prefix}-buttons", classes="form-buttons"):
                yield Button(
                    "Save", variant="primary", compact=True, id=f"{prefix}-save", classes="save"
                )
                yield Button("Cancel", compact=True, id=f"{prefix}-cancel", classes="cancel")

    def on_mount(self) -> None:
        self._validate()

    @on(Button.Pressed, ".cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Changed)
    @on(Select.Changed)
    def _validate(self) -> bool:
        """Check the fields now; say why they are refused and disable Save if they are."""
        try:
            self.check(**self.fields())
        except ReviewError as error:
            problem = self._in_words(str(error))
        else:
            problem = ""
        self.query_one(f"#{self.PREFIX}-error", Static).update(safe_content(problem))
        self.query_one(f"#{self.PREFIX}-save", Button).disabled = bool(problem)
        return not problem

    def _in_words(self, problem: str) -> str:
        """The reason with the field named by its label."""
        name, colon, rest = problem.partition(": ")
        label = self.LABELS.get(name)
        return f"{label}: {rest}" if colon and label else problem

    @on(Input.Submitted)
    @on(Button.Pressed, ".save")
    def _save(self) -> None:
        # Saving an unchanged form changes nothing: the item is not marked edited.
        if self._validate():
            self.dismiss(self.changed() or None)
