"""Citations of any item of a story, in a few styles: plain functions of the model.

A citation never passes a title of our own off as the headline: when the source
prints no headline (``story.headline`` is null) it says "untitled, descriptive
title: …".
"""

from __future__ import annotations

import json
import re
from typing import Literal

from smareader.model.story import Story, StoryInfo
from smareader.model.views import format_date, format_figure, format_when

CitationStyle = Literal["plain", "markdown", "bibtex", "csl-json"]
STYLES: tuple[CitationStyle, ...] = ("plain", "markdown", "bibtex", "csl-json")
STYLE_NAMES: dict[CitationStyle, str] = {
    "plain": "Plain text",
    "markdown": "Markdown",
    "bibtex": "BibTeX",
    "csl-json": "CSL-JSON",
}
ItemKind = Literal["quote", "event", "figure", "category", "speaker", "span"]


def cited_title(info: StoryInfo) -> str:
    """The title as a citation gives it: the headline, or an honest stand-in."""
    if info.headline:
        return info.headline
    return f"untitled, descriptive title: {info.title}"


def reference(story: Story) -> str:
    """The story itself, in one line: title, publisher, date, address."""
    info = story.story
    where = f"{info.publisher}, {format_date(info.published)}"
    address = f". {info.url}" if info.url else ""
    return f"{cited_title(info)}. {where}{address}"


def item_text(story: Story, kind: ItemKind, item_id: str) -> str:
    """What an item says, in words: the thing being cited.

    For ``span``, ``item_id`` is ``"start:end"`` into the article text.
    """
    if kind == "quote":
        quote = story.quote_by_id[item_id]
        speaker = story.speaker_by_id[quote.speaker]
        who = speaker.name + (f", {speaker.role}" if speaker.role else "")
        words = quote.text if quote.kind == "reported" else f"“{quote.text}”"
        reported = " (reported)" if quote.kind == "reported" else ""
        return f"{words} — {who}{reported}"
    if kind == "event":
        event = story.event_by_id[item_id]
        summary = f" {event.summary}" if event.summary else ""
        return f"{format_when(event)} (“{event.when}”): {event.title}.{summary}"
    if kind == "figure":
        figure = story.figure_by_id[item_id]
        currency = story.costs.currency if story.costs else ""
        return f"{figure.label}: {format_figure(figure, currency)} (“{figure.text}”)"
    if kind == "category":
        assert story.costs is not None
        category = next(c for c in story.costs.categories if c.id == item_id)
        return f"{category.name}: “{category.text}”"
    if kind == "speaker":
        speaker = story.speaker_by_id[item_id]
        return speaker.name + (f", {speaker.role}" if speaker.role else "")
    start, end = (int(part) for part in item_id.split(":"))
    return f"“{story.text[start:end]}”"


def _bibtex_escape(text: str) -> str:
    # Braces and backslashes would end or open a BibTeX group; # and % and & are
    # special to LaTeX. Escaping keeps the field one literal string.
    return re.sub(r"([{}\\#%&$_^~])", r"\\\1", text)


def _markdown_escape(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>()#+!|])", r"\\\1", text)


def cite(story: Story, kind: ItemKind, item_id: str, style: CitationStyle = "plain") -> str:
    """An item with its citation, in a style."""
    info = story.story
    words = item_text(story, kind, item_id)
    if style == "plain":
        return f"{words}. {reference(story)}"
    if style == "markdown":
        title = _markdown_escape(cited_title(info))
        line = f"*{title}*, {_markdown_escape(info.publisher)}, {format_date(info.published)}"
        if info.url:
            line += f". <{info.url.replace('>', '%3E').replace('<', '%3C')}>"
        return f"> {_markdown_escape(words)}\n\n— {line}\n"
    if style == "bibtex":
        fields = {
            "title": cited_title(info),
            "journal": info.publisher,
            "date": info.published.isoformat(),
            "url": info.url or "",
            "note": words,
        }
        body = ",\n".join(
            f"  {name} = {{{_bibtex_escape(value)}}}" for name, value in fields.items() if value
        )
        key = re.sub(r"[^A-Za-z0-9:-]", "-", f"{info.id}:{item_id}")
        return f"@article{{{key},\n{body}\n}}\n"
    day = info.published
    record: dict[str, object] = {
        "id": f"{info.id}:{item_id}",
        "type": "article-newspaper",
        "title": info.headline or info.title,
        "container-title": info.publisher,
        "issued": {"date-parts": [[day.year, day.month, day.day]]},
        "language": info.language,
        "note": words if info.headline else f"{words} (untitled; descriptive title)",
    }
    if info.url:
        record["URL"] = info.url
    return json.dumps([record], ensure_ascii=False, indent=2) + "\n"
