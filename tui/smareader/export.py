"""Quotes with their citations, as Markdown, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Literal

from smareader.model.story import Story
from smareader.model.views import citation, format_date
from smareader.sanitize import strip_controls

Format = Literal["markdown", "csv", "json"]
FORMATS: tuple[Format, ...] = ("markdown", "csv", "json")

_COLUMNS = ("id", "speaker", "role", "kind", "cue", "text", "start", "end", "citation")


def _records(story: Story) -> list[dict[str, object]]:
    records = []
    for quote in sorted(story.quotes, key=lambda quote: quote.start):
        speaker = story.speaker_by_id[quote.speaker]
        records.append(
            {
                "id": quote.id,
                "speaker": speaker.name,
                "role": speaker.role,
                "kind": quote.kind,
                "cue": quote.cue,
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
                "citation": citation(story, quote),
            }
        )
    return records


def _markdown_escape(text: str) -> str:
    return "".join(f"\\{char}" if char in "\\`*_[]<>#|" else char for char in text)


def export_quotes(story: Story, fmt: Format) -> str:
    """Every quote in source order with its citation.

    Markdown and CSV are for people and spreadsheets, so control characters from the
    story are replaced there; JSON escapes them itself.
    """
    records = _records(story)
    if fmt == "json":
        info = story.story
        payload = {
            "story": {
                "id": info.id,
                "title": info.title,
                "publisher": info.publisher,
                "published": info.published.isoformat(),
                "url": info.url,
            },
            "quotes": records,
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            row = {
                key: strip_controls(str(value), keep_newlines=True) for key, value in record.items()
            }
            writer.writerow(row)
        return buffer.getvalue()
    info = story.story
    lines = [
        f"# Quotes: {_markdown_escape(strip_controls(info.title))}",
        "",
        f"{_markdown_escape(strip_controls(info.publisher))}, {format_date(info.published)}"
        + (f" — <{strip_controls(info.url)}>" if info.url else ""),
        "",
    ]
    for record in records:
        text = _markdown_escape(strip_controls(str(record["text"])))
        speaker = _markdown_escape(strip_controls(str(record["speaker"])))
        mark = "" if record["kind"] == "reported" else "“"
        end = "" if record["kind"] == "reported" else "”"
        lines.append(f"> {mark}{text}{end}")
        lines.append(f"> — **{speaker}** ({record['kind']}; `{record['id']}`)")
        lines.append("")
    return "\n".join(lines)
