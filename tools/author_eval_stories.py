"""Author the hand-made stories for the two evaluation articles in ``data/eval/``.

A person's reading of each article: every quotation that is speech (scare quotes
left out), its speaker, and every dated time expression with its normalized value.
Spans are left out here; ``smareader anchor`` fills them in (see the README).
"""

import hashlib
import json
import sys
from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent / "data" / "eval"


def speaker(id_, name, kind, role="", affiliation="", aliases=()):
    return {
        "id": id_,
        "name": name,
        "kind": kind,
        "role": role,
        "affiliation": affiliation,
        "aliases": list(aliases),
    }


def quote(id_, who, text, kind, cue, prefix=""):
    item = {"id": id_, "speaker": who, "text": text, "kind": kind, "cue": cue}
    if prefix:
        item["prefix"] = prefix
    return item


def event(id_, title, when, evidence, first, last, precision, status, modifier=None, time=None):
    item = {
        "id": id_,
        "title": title,
        "when": when,
        "date_start": first,
        "date_end": last,
        "precision": precision,
        "status": status,
        "evidence": [{"text": evidence}],
    }
    if modifier:
        item["modifier"] = modifier
    if time:
        item["time"] = time
    return item


def story(name, title, published, speakers, quotes, events):
    text = (EVAL / f"{name}.txt").read_text(encoding="utf-8")
    return {
        "schema_version": 1,
        "story": {
            "id": name,
            "title": title,
            "publisher": "smareader evaluation set",
            "published": published,
        },
        "source": {
            "path": f"{name}.txt",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        },
        "speakers": speakers,
        "quotes": quotes,
        "events": events,
    }


BRIDGE = story(
    "harbor-city-bridge",
    "Harbor City delays Riverside Bridge reopening over corrosion",
    "2024-03-14",
    [
        speaker(
            "elena-ruiz",
            "Elena Ruiz",
            "person",
            "Mayor",
            "Harbor City",
            ["Mayor Elena Ruiz", "Ruiz", "She"],
        ),
        speaker(
            "northline",
            "Northline Construction",
            "organization",
            "Contractor",
            aliases=["the contractor", "the company"],
        ),
        speaker(
            "tom-becker",
            "Tom Becker",
            "person",
            "Structural engineer",
            "Lakeshore University",
            ["he"],
        ),
        speaker(
            "james-okafor",
            "James Okafor",
            "person",
            "Councilor",
            "Harbor City council",
            ["Councilor James Okafor"],
        ),
    ],
    [
        quote(
            "q1",
            "elena-ruiz",
            "We cannot ask people to drive over a bridge we are not sure about",
            "direct",
            "told reporters",
        ),
        quote(
            "q2",
            "elena-ruiz",
            "Safety comes first, and it will always come first.",
            "direct",
            "told reporters",
        ),
        quote("q3", "elena-ruiz", "look at every option", "partial", "added"),
        quote("q4", "northline", "could not have been detected", "partial", "said in a statement"),
        quote(
            "q5",
            "northline",
            "We have worked on this bridge for 18 months, and we stand by our crews",
            "direct",
            "said",
        ),
        quote(
            "q6",
            "tom-becker",
            "Corrosion of this kind spreads quickly once it starts",
            "direct",
            "said",
        ),
        quote("q7", "tom-becker", "Waiting until the spring is the right call.", "direct", "said"),
        quote("q8", "james-okafor", "Nobody wanted this", "direct", "said"),
        quote(
            "q9",
            "james-okafor",
            "But the people I represent have waited long enough, and they deserve a date, "
            "not another 'maybe'.",
            "direct",
            "said",
        ),
    ],
    [
        event(
            "e1",
            "Council votes to delay the reopening",
            "on Wednesday",
            "The Harbor City council voted on Wednesday to delay",
            "2024-03-13",
            "2024-03-13",
            "day",
            "before",
        ),
        event(
            "e2",
            "Bridge to reopen",
            "next year",
            "Riverside Bridge until next year",
            "2025-01-01",
            "2025-12-31",
            "year",
            "scheduled",
        ),
        event(
            "e3",
            "Last year's budget",
            "last year",
            "as the city budgeted last year",
            "2023-01-01",
            "2023-12-31",
            "year",
            "before",
        ),
        event(
            "e4",
            "Contractor's promise",
            "in January",
            "had promised in January",
            "2024-01-01",
            "2024-01-31",
            "month",
            "before",
        ),
        event(
            "e5",
            "Promised completion",
            "June 30",
            "finish the work by June 30",
            "2024-06-30",
            "2024-06-30",
            "day",
            "scheduled",
        ),
        event(
            "e6",
            "Northline statement",
            "on Tuesday",
            "said in a statement on Tuesday",
            "2024-03-12",
            "2024-03-12",
            "day",
            "before",
        ),
        event(
            "e7",
            "Closure began",
            "14 months ago",
            "since the closure began 14 months ago",
            "2023-01-14",
            "2023-01-14",
            "day",
            "before",
            modifier="approximate",
        ),
        event(
            "e8",
            "Council meets on a new timetable",
            "on March 28",
            "The council will meet again on March 28",
            "2024-03-28",
            "2024-03-28",
            "day",
            "scheduled",
        ),
        event(
            "e9",
            "Final budget vote",
            "later this year",
            "A final vote on the budget is expected later this year.",
            "2024-03-15",
            "2024-12-31",
            "span",
            "scheduled",
            modifier="approximate",
        ),
    ],
)

LUMORA = story(
    "lumora-data-fine",
    "EU fines streaming company Lumora €1.2 billion over data transfers",
    "2023-09-05",
    [
        speaker(
            "anna-lindqvist",
            "Anna Lindqvist",
            "person",
            "Competition Commissioner",
            "European Commission",
            ["Competition Commissioner Anna Lindqvist", "Lindqvist", "she"],
        ),
        speaker("lumora", "Lumora", "organization", "Streaming company", aliases=["the company"]),
        speaker(
            "marco-bellini", "Marco Bellini", "person", "Chief legal officer", "Lumora", ["Bellini"]
        ),
        speaker(
            "ursula-brandt", "Ursula Brandt", "person", "Head", "Digital Rights Watch", ["She"]
        ),
    ],
    [
        quote(
            "q1",
            "anna-lindqvist",
            "This is not a fine for a technicality",
            "direct",
            "told a news conference",
        ),
        quote(
            "q2",
            "anna-lindqvist",
            "Lumora knew the rules and chose to ignore them for years.",
            "direct",
            "told a news conference",
        ),
        quote("q3", "lumora", "unjustified and dangerous", "partial", "called"),
        quote("q4", "marco-bellini", "We are disappointed by this decision", "direct", "said"),
        quote(
            "q5",
            "marco-bellini",
            "We have invested more than €80m in European data centres since 2020, and we "
            "will keep investing.",
            "direct",
            "said",
        ),
        quote(
            "q6",
            "marco-bellini",
            "But the commission has ignored the safeguards we put in place last year.",
            "direct",
            "said",
        ),
        quote("q7", "ursula-brandt", "Finally, someone has said ‘enough’", "direct", "said"),
    ],
    [
        event(
            "e1",
            "Lumora fined",
            "on Monday",
            "Lumora €1.2 billion on Monday",
            "2023-09-04",
            "2023-09-04",
            "day",
            "before",
        ),
        event(
            "e2",
            "Previous record fine",
            "in 2021",
            "set in 2021",
            "2021-01-01",
            "2021-12-31",
            "year",
            "before",
        ),
        event(
            "e3",
            "Investment since 2020",
            "since 2020",
            "data centres since 2020",
            "2020-01-01",
            "2023-09-05",
            "span",
            "before",
        ),
        event(
            "e4",
            "Safeguards put in place",
            "last year",
            "we put in place last year",
            "2022-01-01",
            "2022-12-31",
            "year",
            "before",
        ),
        event(
            "e5",
            "First complaint filed",
            "in March 2019",
            "filed its first complaint in March 2019",
            "2019-03-01",
            "2019-03-31",
            "month",
            "before",
        ),
        event(
            "e6",
            "Compliance review",
            "Dec. 15",
            "compliance plan by Dec. 15",
            "2023-12-15",
            "2023-12-15",
            "day",
            "scheduled",
        ),
        event(
            "e7",
            "Deadline to say whether it will pay",
            "Friday",
            "has until Friday to say",
            "2023-09-08",
            "2023-09-08",
            "day",
            "scheduled",
        ),
        event(
            "e8",
            "Appeal reaches the courts",
            "next year",
            "Analysts expect the appeal to reach the courts next year.",
            "2024-01-01",
            "2024-12-31",
            "year",
            "scheduled",
        ),
    ],
)

if __name__ == "__main__":
    for item in (BRIDGE, LUMORA):
        path = EVAL / f"{item['story']['id']}.json"
        path.write_text(json.dumps(item, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(path, file=sys.stderr)
