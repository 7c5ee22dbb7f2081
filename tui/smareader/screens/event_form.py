"""An event's normalized dates, precision, modifier and status, checked as you type."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Select

from smareader.model.story import Event
from smareader.screens.form import Check, CheckedForm, row
from smareader.widgets.safe import safe_content

PRECISIONS = ("minute", "day", "week", "month", "year", "span")
MODIFIERS = ("approximate", "before", "after")
STATUSES = (("before", "before"), ("on the day", "on_day"), ("scheduled", "scheduled"))

CheckEvent = Check
"""Checks event fields as the edit would (``Review.check`` bound to the event)."""


class EventForm(CheckedForm):
    """Edit an event's time; Save stays disabled while the fields are not valid.

    Args:
        event: The event as it is.
        check: Raises :class:`ReviewError` with the reason when fields are not valid.
    """

    PREFIX = "event"
    LABELS = {"date_start": "First day", "date_end": "Last day"}

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", tooltip="Keep the event as it is")]

    def __init__(self, event: Event, check: CheckEvent) -> None:
        super().__init__(check)
        self.event = event

    def heading(self) -> Content:
        return safe_content(f"{self.event.title} — “{self.event.when}”")

    def rows(self) -> Iterable[Widget]:
        event = self.event
        yield row("First day", Input(event.date_start.isoformat(), compact=True, id="event-start"))
        yield row("Last day", Input(event.date_end.isoformat(), compact=True, id="event-end"))
        yield row(
            "Precision",
            Select(
                [(name, name) for name in PRECISIONS],
                value=event.precision,
                allow_blank=False,
                compact=True,
                id="event-precision",
            ),
        )
        yield row(
            "Modifier",
            Select(
                [(name, name) for name in MODIFIERS],
                value=event.modifier if event.modifier else Select.NULL,
                prompt="none",
                compact=True,
                id="event-modifier",
            ),
        )
        yield row(
            "Status",
            Select(
                STATUSES, value=event.status, allow_blank=False, compact=True, id="event-status"
            ),
        )

    def fields(self) -> dict[str, Any]:
        modifier = self.query_one("#event-modifier", Select).value
        return {
            "date_start": self.query_one("#event-start", Input).value.strip(),
            "date_end": self.query_one("#event-end", Input).value.strip(),
            "precision": self.query_one("#event-precision", Select).value,
            "modifier": modifier if isinstance(modifier, str) else None,
            "status": self.query_one("#event-status", Select).value,
        }

    def changed(self) -> dict[str, Any]:
        event = self.event
        before = {
            "date_start": event.date_start.isoformat(),
            "date_end": event.date_end.isoformat(),
            "precision": event.precision,
            "modifier": event.modifier,
            "status": event.status,
        }
        return {key: value for key, value in self.fields().items() if before[key] != value}
