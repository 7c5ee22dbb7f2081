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


def figure(id_, label, kind, amount, text, unit=None, approximate=False, period=""):
    item = {"id": id_, "label": label, "kind": kind, "amount": amount, "text": text}
    if unit:
        item["unit"] = unit
    if approximate:
        item["approximate"] = True
    if period:
        item["period"] = period
    return item


def story(name, title, published, speakers, quotes, events, costs=None):
    text = (EVAL / f"{name}.txt").read_text(encoding="utf-8")
    extra = {"costs": costs} if costs else {}
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
        **extra,
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

# An invented article, written for this evaluation: the negotiators, the figures and the
# rounds of talks are made up (it is dated 2032 so that it cannot be read as a report of
# real talks). Its time expressions and amounts are the shapes that defence cost-sharing
# news uses; each normalized value was written by hand before the rules were changed.
# fmt: off
SMA_EVENTS = [
    ("Deal to run through 2037", "through 2037", "a multiyear deal through 2037",
     "2037-01-01", "2037-12-31", "year", "scheduled"),
    ("Negotiators say a deal is close", "on Friday", "negotiators said on Friday",
     "2032-11-19", "2032-11-19", "day", "on_day"),
    ("Talks in Honolulu", "on Nov. 16-17", "talks in Honolulu on Nov. 16-17",
     "2032-11-16", "2032-11-17", "span", "before"),
    ("Stopgap deal expires", "the end of this year", "expires at the end of this year",
     "2032-12-31", "2032-12-31", "day", "scheduled", "approximate"),
    ("New SMA's term", "from 2033 to 2037", "to run from 2033 to 2037",
     "2033-01-01", "2037-12-31", "span", "scheduled"),
    ("This year's payment", "this year", "($870 million) this year",
     "2032-01-01", "2032-12-31", "year", "on_day"),
    ("11th SMA signed", "in February 2029", "signed in February 2029",
     "2029-02-01", "2029-02-28", "month", "before"),
    ("Talks resume in Honolulu", "last month", "resumed in Honolulu last month",
     "2032-10-01", "2032-10-31", "month", "before"),
    ("U.S. makes its position clear", "on Tuesday", "we made that clear on Tuesday",
     "2032-11-16", "2032-11-16", "day", "before"),
    ("Seoul's share over the years", "the past 41 years", "for the past 41 years",
     "1991-11-19", "2032-11-19", "span", "before", "approximate"),
    ("Tuesday's session", "Tuesday's", "after Tuesday's session",
     "2032-11-16", "2032-11-16", "day", "before"),
    ("Cost shared since the first agreement", "since the 1991 agreement",
     "shared the cost since the 1991 agreement", "1991-01-01", "2032-11-19", "span", "before"),
    ("Payments in the early 1990s", "the early 1990s", "a year in the early 1990s",
     "1990-01-01", "1993-12-31", "span", "before", "approximate"),
    ("Payments grow", "the late 2020s", "a year in the late 2020s",
     "2027-01-01", "2029-12-31", "span", "before", "approximate"),
    ("Fivefold rise reported", "earlier this month", "reported earlier this month",
     "2032-11-01", "2032-11-18", "span", "before", "approximate"),
    ("U.S. officials on rotation costs", "Late last year", "Late last year, U.S. officials",
     "2031-09-01", "2031-12-31", "span", "before", "approximate"),
    ("Rotation costs rise", "the third quarter of 2030", "in the third quarter of 2030",
     "2030-07-01", "2030-09-30", "span", "before"),
    ("Japan's payment", "the first half of 2031", "In the first half of 2031",
     "2031-01-01", "2031-06-30", "span", "before"),
    ("Cost of U.S. troops", "in 2031", "USD 4.4 billion in 2031",
     "2031-01-01", "2031-12-31", "year", "before"),
    ("2033 budget", "2033", "in its 2033 budget",
     "2033-01-01", "2033-12-31", "year", "scheduled"),
    ("This year's budget", "this year", "W1.16 trillion this year",
     "2032-01-01", "2032-12-31", "year", "on_day"),
    ("Cost over five years", "the next five years", "Over the next five years",
     "2032-11-19", "2037-11-19", "span", "on_day", "approximate"),
    ("Seoul's last offer", "on Oct. 6", "about $940 million, on Oct. 6",
     "2032-10-06", "2032-10-06", "day", "before"),
    ("Washington turns down the offer", "Two weeks later", "Two weeks later, Washington",
     "2032-10-20", "2032-10-20", "day", "before"),
    ("Working group set up", "Two years ago", "Two years ago, the allies",
     "2030-11-19", "2030-11-19", "day", "before", "approximate"),
    ("U.S. team arrives", "on Nov. 14", "arrived in Honolulu on Nov. 14",
     "2032-11-14", "2032-11-14", "day", "before"),
    ("Whitcomb in Tokyo", "A day earlier", "A day earlier, Whitcomb",
     "2032-11-13", "2032-11-13", "day", "before"),
    ("Seo briefs lawmakers", "on Monday", "lawmakers in Seoul on Monday",
     "2032-11-15", "2032-11-15", "day", "before"),
    ("Costs over the past decade", "the past decade", "Over the past decade, our costs",
     "2022-11-19", "2032-11-19", "span", "before", "approximate"),
    ("Whitcomb on costs", "last week", "Whitcomb said last week",
     "2032-11-08", "2032-11-14", "week", "before"),
    ("Next round in Seoul", "Dec. 1", "set for Dec. 1 in Seoul",
     "2032-12-01", "2032-12-01", "day", "scheduled"),
    ("Hoped-for signing", "the end of the month", "sign by the end of the month",
     "2032-11-30", "2032-11-30", "day", "scheduled", "approximate"),
    ("Latest signing", "mid-December", "in mid-December",
     "2032-12-11", "2032-12-20", "span", "scheduled", "approximate"),
    ("Draft ready", "within two weeks", "ready within two weeks",
     "2032-11-19", "2032-12-03", "span", "on_day"),
    ("Video call", "next week", "by video next week",
     "2032-11-22", "2032-11-28", "week", "scheduled"),
    ("Assembly vote", "next March", "until next March",
     "2033-03-01", "2033-03-31", "month", "scheduled"),
    ("First payment", "early next year", "payment made early next year",
     "2033-01-01", "2033-04-30", "span", "scheduled", "approximate"),
    ("Period the terms cover", "2033-37", "the 2033-37 period",
     "2033-01-01", "2037-12-31", "span", "scheduled"),
]
# fmt: on

SMA = story(
    "sma-cost-talks-invented",
    "Invented for evaluation: Seoul and Washington near a multiyear troop cost deal",
    "2032-11-19",
    [
        speaker(
            "dana-whitcomb",
            "Dana Whitcomb",
            "person",
            "Chief U.S. negotiator",
            "United States",
            ["Whitcomb"],
        ),
        speaker(
            "seo-ha-rin",
            "Seo Ha-rin",
            "person",
            "Chief negotiator",
            "South Korea",
            ["Seo", "she"],
        ),
    ],
    [
        quote(
            "q1",
            "dana-whitcomb",
            "This is a fair number, and we made that clear on Tuesday",
            "direct",
            "told reporters",
        ),
        quote("q2", "seo-ha-rin", "We have paid our share for the past 41 years", "direct", "said"),
        quote(
            "q3",
            "dana-whitcomb",
            "Over the past decade, our costs have only gone up",
            "direct",
            "said",
        ),
        quote(
            "q4",
            "seo-ha-rin",
            "We will not sign a deal that our people cannot accept",
            "direct",
            "said",
        ),
    ],
    [
        event(f"e{number}", *fields[:7], modifier=fields[7] if len(fields) > 7 else None)
        for number, fields in enumerate(SMA_EVENTS, start=1)
    ],
    {
        "currency": "KRW",
        "figures": [
            figure("f1", "Seoul's payment this year", "money", 1.16e12, "1.16 trillion won"),
            figure("f2", "Rise over the 11th SMA", "count", 13.9, "13.9 percent", "percent"),
            figure("f3", "Paid under the 11th SMA", "money", 1.02e12, "1.02 trillion won"),
            figure("f4", "U.S. request", "money", 4.7e9, "$4.7 billion", "USD", period="a year"),
            figure(
                "f5", "Seoul's ceiling", "money", 1.3e12, "about 1.3 trillion won", approximate=True
            ),
            figure(
                "f6",
                "Seoul's payment in the early 1990s",
                "money",
                1.5e11,
                "less than 150 billion won",
                approximate=True,
                period="a year",
            ),
            figure(
                "f7",
                "Yearly growth in the late 2020s",
                "count",
                5,
                "about 5 percent",
                "percent",
                approximate=True,
                period="a year",
            ),
            figure("f8", "Rise floated by Washington", "multiplier", 5, "fivefold"),
            figure("f9", "Rise in rotation costs", "count", 8.2, "8.2 percent", "percent"),
            figure(
                "f10", "Japan's host-nation support", "money", 211.4e9, "¥ 211.4 billion", "JPY"
            ),
            figure("f11", "Cost of U.S. troops in Korea", "money", 4.4e9, "USD 4.4 billion", "USD"),
            figure(
                "f12",
                "Wages of Korean workers",
                "money",
                923e6,
                "roughly $923 million",
                "USD",
                approximate=True,
            ),
            figure("f13", "2033 budget for the payment", "money", 1.21e12, "W1.21 trillion"),
            figure("f14", "This year's budget for the payment", "money", 1.16e12, "W1.16 trillion"),
            figure("f15", "Base construction", "money", 350e9, "₩350 billion"),
            figure("f16", "Cost over the next five years", "money", 6.1e12, "KRW 6.1 trillion"),
            figure("f17", "Rise on the last five years", "count", 4.1, "4.1%", "percent"),
            figure("f18", "Seoul's last formal offer", "money", 1.25e12, "1.25 trillion won"),
        ],
    },
)

if __name__ == "__main__":
    for item in (BRIDGE, LUMORA, SMA):
        path = EVAL / f"{item['story']['id']}.json"
        path.write_text(json.dumps(item, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(path, file=sys.stderr)
