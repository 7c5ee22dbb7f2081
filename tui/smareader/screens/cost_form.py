"""A figure's amount, unit and kind, or a category's name and flags, checked as you type."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Select

from smareader.model.story import Category, Figure
from smareader.review.session import ReviewError
from smareader.sanitize import strip_controls
from smareader.screens.form import Check, CheckedForm, row
from smareader.widgets.safe import safe_content

FIGURE_KINDS = ("money", "multiplier", "count")
FLAGS: list[tuple[str, str]] = [("yes", "yes"), ("no", "no"), ("the story does not say", "?")]
"""A category's past / demanded flag: true, false or null."""
_FLAG = {"yes": True, "no": False, "?": None}

CheckCost = Check
"""Checks fields as the edit would (``Review.check`` bound to the item)."""


def _plain_number(amount: float) -> str:
    """5000000000 rather than 5e+09: what a reviewer reads in the article."""
    return f"{amount:.0f}" if amount.is_integer() else repr(amount)


def _flag_key(value: bool | None) -> str:
    return "?" if value is None else "yes" if value else "no"


class CostForm(CheckedForm):
    """Edit a figure or a category; Save stays disabled while the fields are not valid.

    Args:
        item: The figure or category as it is.
        check: Raises :class:`ReviewError` with the reason when fields are not valid.
    """

    PREFIX = "cost"
    LABELS = {
        "label": "Label", "amount": "Amount", "unit": "Unit", "kind": "Kind",
        "approximate": "Approximate", "name": "Name", "description": "Description",
        "past": "Past deals", "demanded": "New demand",
    }  # fmt: skip

    DEFAULT_CSS = """
    CostForm .row Label { width: 13; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", tooltip="Keep the item as it is")]

    def __init__(self, item: Figure | Category, check: CheckCost) -> None:
        super().__init__(check)
        self.item = item

    def heading(self) -> Content:
        return safe_content(f"“{self.item.text}”")

    def rows(self) -> Iterable[Widget]:
        item = self.item
        if isinstance(item, Figure):
            yield row("Label", Input(strip_controls(item.label), compact=True, id="cost-label"))
            yield row("Amount", Input(_plain_number(item.amount), compact=True, id="cost-amount"))
            yield row(
                "Unit",
                Input(
                    strip_controls(item.unit or ""),
                    placeholder="currency",
                    compact=True,
                    id="cost-unit",
                ),
            )
            yield row(
                "Kind",
                Select(
                    [(kind, kind) for kind in FIGURE_KINDS],
                    value=item.kind,
                    allow_blank=False,
                    compact=True,
                    id="cost-kind",
                ),
            )
            yield row(
                "Approximate",
                Select(
                    [("yes", "yes"), ("no", "no")],
                    value="yes" if item.approximate else "no",
                    allow_blank=False,
                    compact=True,
                    id="cost-approximate",
                ),
            )
            return
        yield row("Name", Input(strip_controls(item.name), compact=True, id="cost-name"))
        yield row(
            "Description",
            Input(strip_controls(item.description), compact=True, id="cost-description"),
        )
        for field, title in (("past", "Past deals"), ("demanded", "New demand")):
            yield row(
                title,
                Select(
                    FLAGS,
                    value=_flag_key(getattr(item, field)),
                    allow_blank=False,
                    compact=True,
                    id=f"cost-{field}",
                ),
            )

    def _text(self, name: str) -> str:
        """A text field as typed; story text left as shown is the story's own text.

        Fields start with the story's text made safe (control characters shown as
        stand-ins, so an Input never writes them to the terminal); a field the
        reviewer did not touch gives back the original, not the stand-ins.
        """
        value = self.query_one(f"#cost-{name}", Input).value.strip()
        original = getattr(self.item, name, None)
        if isinstance(original, str) and value == strip_controls(original).strip():
            return original.strip()
        return value

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
