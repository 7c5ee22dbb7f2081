"""A figure's amount, unit and kind, or a category's name and flags, checked as you type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from smareader.model.story import Category, Figure
from smareader.review.session import ReviewError
from smareader.widgets.safe import safe_content

FIGURE_KINDS = ("money", "multiplier", "count")
FLAGS: list[tuple[str, str]] = [("yes", "yes"), ("no", "no"), ("the story does not say", "?")]
"""A category's past / demanded flag: true, false or null."""
_FLAG = {"yes": True, "no": False, "?": None}

CheckCost = Callable[..., None]
"""Checks fields as the edit would (``Review.check`` bound to the item)."""


def _plain_number(amount: float) -> str:
    """5000000000 rather than 5e+09: what a reviewer reads in the article."""
    return f"{amount:.0f}" if amount.is_integer() else repr(amount)


def _flag_key(value: bool | None) -> str:
    return "?" if value is None else "yes" if value else "no"


class CostForm(ModalScreen[dict[str, Any] | None]):
    """Edit a figure or a category; Save stays disabled while the fields are not valid.

    Dismissed with the fields that changed (for ``Review.edit``), or ``None``.

    Args:
        item: The figure or category as it is.
        check: Raises :class:`ReviewError` with the reason when fields are not valid.
    """

    DEFAULT_CSS = """
    CostForm { align: center middle; }
    CostForm > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    CostForm #cost-title { width: 100%; text-style: bold; margin-bottom: 1; }
    CostForm .row { height: 1; margin-bottom: 1; }
    CostForm .row Label { width: 13; color: $text-muted; }
    CostForm .row Input, CostForm .row Select { width: 1fr; }
    CostForm #cost-error { color: $text-error; height: auto; min-height: 1; }
    CostForm #cost-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    CostForm Button { margin-left: 2; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", tooltip="Keep the item as it is")]

    def __init__(self, item: Figure | Category, check: CheckCost) -> None:
        super().__init__()
        self.item = item
        self.check = check

    def _row(self, label: str, widget: Widget) -> Horizontal:
        return Horizontal(Label(label), widget, classes="row")

    def compose(self) -> ComposeResult:
        item = self.item
        # One line a field (compact widgets), so the whole form fits in 80×24.
        with Vertical():
            yield Static(safe_content(f"“{item.text}”"), id="cost-title", markup=False)
            if isinstance(item, Figure):
                yield self._row("Label", Input(item.label, compact=True, id="cost-label"))
                yield self._row(
                    "Amount", Input(_plain_number(item.amount), compact=True, id="cost-amount")
                )
                yield self._row(
                    "Unit",
                    Input(item.unit or "", placeholder="currency", compact=True, id="cost-unit"),
                )
                yield self._row(
                    "Kind",
                    Select(
                        [(kind, kind) for kind in FIGURE_KINDS],
                        value=item.kind,
                        allow_blank=False,
                        compact=True,
                        id="cost-kind",
                    ),
                )
                yield self._row(
                    "Approximate",
                    Select(
                        [("yes", "yes"), ("no", "no")],
                        value="yes" if item.approximate else "no",
                        allow_blank=False,
                        compact=True,
                        id="cost-approximate",
                    ),
                )
            else:
                yield self._row("Name", Input(item.name, compact=True, id="cost-name"))
                yield self._row(
                    "Description",
                    Input(item.description, compact=True, id="cost-description"),
                )
                for field, title in (("past", "Past deals"), ("demanded", "New demand")):
                    value = _flag_key(getattr(item, field))
                    yield self._row(
                        title,
                        Select(
                            FLAGS,
                            value=value,
                            allow_blank=False,
                            compact=True,
                            id=f"cost-{field}",
                        ),
                    )
            yield Static("", id="cost-error", markup=False)
            with Horizontal(id="cost-buttons"):
                yield Button("Save", variant="primary", compact=True, id="cost-save")
                yield Button("Cancel", compact=True, id="cost-cancel")

    def on_mount(self) -> None:
        self._validate()

    def _text(self, name: str) -> str:
        return self.query_one(f"#cost-{name}", Input).value.strip()

    def _choice(self, name: str) -> str:
        return str(self.query_one(f"#cost-{name}", Select).value)

    def fields(self) -> dict[str, Any]:
        """The fields as they stand in the form.

        Raises:
            ReviewError: If the amount is not a number.
        """
        if isinstance(self.item, Figure):
            try:
                amount = float(self._text("amount").replace(",", ""))
            except ValueError:
                raise ReviewError(
                    "amount: expected a number, such as 5000000000 or 1.5e9"
                ) from None
            return {
                "label": self._text("label"),
                "amount": amount,
                "unit": self._text("unit") or None,
                "kind": self._choice("kind"),
                "approximate": self._choice("approximate") == "yes",
            }
        return {
            "name": self._text("name"),
            "description": self._text("description"),
            "past": _FLAG[self._choice("past")],
            "demanded": _FLAG[self._choice("demanded")],
        }

    def changed(self) -> dict[str, Any]:
        """The fields that differ from the item as it was."""
        return {
            key: value for key, value in self.fields().items() if getattr(self.item, key) != value
        }

    @on(Input.Changed)
    @on(Select.Changed)
    def _validate(self) -> bool:
        """Check the fields now; say why they are refused and disable Save if they are."""
        try:
            self.check(**self.fields())
        except ReviewError as error:
            problem = str(error)
        else:
            problem = ""
        self.query_one("#cost-error", Static).update(safe_content(problem))
        self.query_one("#cost-save", Button).disabled = bool(problem)
        return not problem

    @on(Input.Submitted)
    @on(Button.Pressed, "#cost-save")
    def _save(self) -> None:
        # Saving an unchanged form changes nothing: the item is not marked edited.
        if self._validate():
            self.dismiss(self.changed() or None)

    @on(Button.Pressed, "#cost-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
