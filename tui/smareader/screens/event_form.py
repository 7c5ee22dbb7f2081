"""An event's normalized dates, precision, modifier and status, checked as you type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from smareader.model.story import Event
from smareader.review.session import ReviewError
from smareader.widgets.safe import safe_content

PRECISIONS = ("minute", "day", "week", "month", "year", "span")
MODIFIERS = ("approximate", "before", "after")
STATUSES = (("before", "before"), ("on the day", "on_day"), ("scheduled", "scheduled"))

CheckEvent = Callable[..., None]
"""Checks event fields as the edit would (``Review.check`` bound to the event)."""


class EventForm(ModalScreen[dict[str, Any] | None]):
    """Edit an event's time; Save stays disabled while the fields are not valid.

    Dismissed with the fields that changed (for ``Review.edit``), or ``None``.

    Args:
        event: The event as it is.
        check: Raises :class:`ReviewError` with the reason when fields are not valid.
    """

    DEFAULT_CSS = """
    EventForm { align: center middle; }
    EventForm > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    EventForm #event-title { width: 100%; text-style: bold; margin-bottom: 1; }
    EventForm .row { height: 1; margin-bottom: 1; }
    EventForm .row Label { width: 12; color: $text-muted; }
    EventForm .row Input, EventForm .row Select { width: 1fr; }
    EventForm #event-error { color: $text-error; height: auto; min-height: 1; }
    EventForm #event-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    EventForm Button { margin-left: 2; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", tooltip="Keep the event as it is")]

    def __init__(self, event: Event, check: CheckEvent) -> None:
        super().__init__()
        self.event = event
        self.check = check

    def compose(self) -> ComposeResult:
        event = self.event
        # One line a field (compact widgets), so the whole form fits in 80×24.
        with Vertical():
            yield Static(
                safe_content(f"{event.title} — “{event.when}”"), id="event-title", markup=False
            )
            with Horizontal(classes="row"):
                yield Label("First day")
                yield Input(event.date_start.isoformat(), compact=True, id="event-start")
            with Horizontal(classes="row"):
                yield Label("Last day")
                yield Input(event.date_end.isoformat(), compact=True, id="event-end")
            with Horizontal(classes="row"):
                yield Label("Precision")
                yield Select(
                    [(name, name) for name in PRECISIONS],
                    value=event.precision,
                    allow_blank=False,
                    compact=True,
                    id="event-precision",
                )
            with Horizontal(classes="row"):
                yield Label("Modifier")
                yield Select(
                    [(name, name) for name in MODIFIERS],
                    value=event.modifier if event.modifier else Select.NULL,
                    prompt="none",
                    compact=True,
                    id="event-modifier",
                )
            with Horizontal(classes="row"):
                yield Label("Status")
                yield Select(
                    STATUSES,
                    value=event.status,
                    allow_blank=False,
                    compact=True,
                    id="event-status",
                )
            yield Static("", id="event-error", markup=False)
            with Horizontal(id="event-buttons"):
                yield Button("Save", variant="primary", compact=True, id="event-save")
                yield Button("Cancel", compact=True, id="event-cancel")

    def on_mount(self) -> None:
        self._validate()

    def fields(self) -> dict[str, Any]:
        """The fields as they stand in the form."""
        modifier = self.query_one("#event-modifier", Select).value
        return {
            "date_start": self.query_one("#event-start", Input).value.strip(),
            "date_end": self.query_one("#event-end", Input).value.strip(),
            "precision": self.query_one("#event-precision", Select).value,
            "modifier": modifier if isinstance(modifier, str) else None,
            "status": self.query_one("#event-status", Select).value,
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
        self.query_one("#event-error", Static).update(safe_content(problem))
        self.query_one("#event-save", Button).disabled = bool(problem)
        return not problem

    def changed(self) -> dict[str, Any]:
        """The fields that differ from the event as it was."""
        event = self.event
        before = {
            "date_start": event.date_start.isoformat(),
            "date_end": event.date_end.isoformat(),
            "precision": event.precision,
            "modifier": event.modifier,
            "status": event.status,
        }
        return {key: value for key, value in self.fields().items() if before[key] != value}

    @on(Input.Submitted)
    @on(Button.Pressed, "#event-save")
    def _save(self) -> None:
        # Saving an unchanged form changes nothing: the event is not marked edited.
        if self._validate():
            self.dismiss(self.changed() or None)

    @on(Button.Pressed, "#event-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
