"""Author the bundled story: the facts written by a reader of the article, spans left out.

Run ``smareader anchor`` on the output to fill in every span from the texts here.
This script records the hand-made reading; it is kept so the reading can be reviewed
and re-made, and is not part of the installed package.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = "japantimes-2019-11-19-us-south-korea-cost-sharing-talks.txt"
source = (ROOT / "seeds" / SEED).read_text(encoding="utf-8")

promo = source.index("In a time of both misinformation")
byline_end = source.index("\n")


def q(id, speaker, text, kind, cue, events=(), prefix="", suffix=""):
    item = {"id": id, "speaker": speaker, "text": text, "kind": kind, "cue": cue}
    if prefix:
        item["prefix"] = prefix
    if suffix:
        item["suffix"] = suffix
    if events:
        item["events"] = list(events)
    return item


def ev(
    id,
    title,
    summary,
    when,
    evidence,
    date_start,
    date_end,
    precision,
    status,
    actors=(),
    quotes=(),
    modifier=None,
    time=None,
    key=None,
):
    item = {
        "id": id,
        "title": title,
        "summary": summary,
        "when": when,
        "date_start": date_start,
        "date_end": date_end,
        "precision": precision,
        "status": status,
        "actors": list(actors),
        "quotes": list(quotes),
        "evidence": [{"text": text} for text in evidence],
    }
    if modifier:
        item["modifier"] = modifier
    if time:
        item["time"] = time
    if key:
        item["key"] = key
    return item


speakers = [
    {
        "id": "james-dehart",
        "name": "James DeHart",
        "kind": "person",
        "role": "Chief U.S. negotiator",
        "affiliation": "U.S. negotiating team",
        "country": "United States",
        # The same person as the speaker of the bundled transcript of his remarks.
        "key": "person/james-dehart",
        "aliases": [
            "James DeHart",
            "DeHart",
            "the chief U.S. negotiator",
            "The top U.S. negotiator",
        ],
    },
    {
        "id": "rok-foreign-ministry",
        "name": "South Korean Foreign Ministry",
        "kind": "organization",
        "role": "Foreign ministry of South Korea",
        "affiliation": "Government of South Korea",
        "country": "South Korea",
        "aliases": [
            "South Korea’s Foreign Ministry",
            "the South Korean Foreign Ministry",
            "the ministry",
        ],
    },
    {
        "id": "jeong-eun-bo",
        "name": "Jeong Eun-bo",
        "kind": "person",
        "role": "Head of the South Korean delegation",
        "affiliation": "Government of South Korea",
        "country": "South Korea",
        "aliases": ["Jeong Eun-bo", "Jeong"],
    },
    {
        "id": "mark-esper",
        "name": "Mark Esper",
        "kind": "person",
        "role": "U.S. Defense Secretary",
        "affiliation": "U.S. Department of Defense",
        "country": "United States",
        "aliases": ["Defense Secretary Mark Esper", "Esper"],
    },
    {
        "id": "donald-trump",
        "name": "Donald Trump",
        "kind": "person",
        "role": "U.S. President",
        "affiliation": "White House",
        "country": "United States",
        "aliases": ["U.S. President Donald Trump", "Trump", "The U.S. president"],
    },
    {
        "id": "stephen-nagy",
        "name": "Stephen Nagy",
        "kind": "person",
        "role": "Senior associate professor",
        "affiliation": "International Christian University in Tokyo",
        "country": "Japan",
        "aliases": ["Stephen Nagy", "Nagy"],
    },
    {
        "id": "rok-ruling-party-lawmakers",
        "name": "Ruling party lawmakers",
        "kind": "group",
        "role": "Members of South Korea’s parliament",
        "affiliation": "South Korea’s ruling party",
        "country": "South Korea",
        "aliases": ["Ruling party lawmakers"],
    },
    {
        "id": "rok-ministry-officials",
        "name": "Unnamed Foreign Ministry officials",
        "kind": "group",
        "role": "Officials cited by South Korean media",
        "affiliation": "South Korean Foreign Ministry",
        "country": "South Korea",
        "aliases": ["unnamed Foreign Ministry officials"],
    },
    {
        "id": "yonhap",
        "name": "Yonhap",
        "kind": "media",
        "role": "News agency",
        "country": "South Korea",
        "aliases": ["the Yonhap news agency"],
    },
    {
        "id": "people-familiar",
        "name": "People familiar with the matter",
        "kind": "group",
        "role": "Unnamed sources",
        "aliases": ["people familiar with the matter"],
    },
    {
        "id": "us-administration-officials",
        "name": "U.S. administration officials",
        "kind": "group",
        "role": "Trump administration",
        "affiliation": "U.S. government",
        "country": "United States",
        "aliases": ["administration officials"],
    },
    {
        "id": "media-reports",
        "name": "Media reports (Japan)",
        "kind": "media",
        "role": "Press reports on the U.S.–Japan cost-sharing demand",
        "country": "Japan",
        "aliases": ["Media reports", "media reports"],
    },
    {
        "id": "japan-government",
        "name": "Japanese government",
        "kind": "organization",
        "affiliation": "Government of Japan",
        "country": "Japan",
        "aliases": ["Tokyo"],
    },
    {
        "id": "some-experts",
        "name": "Some experts",
        "kind": "group",
        "role": "Unnamed analysts",
        "aliases": ["some experts"],
    },
    {
        "id": "us-security-planners",
        "name": "U.S. security planners",
        "kind": "group",
        "affiliation": "U.S. government",
        "country": "United States",
        "aliases": ["U.S. security planners"],
    },
]

quotes = [
    q(
        "q-ministry-acceptable-range",
        "rok-foreign-ministry",
        "an acceptable range for both counterparts",
        "partial",
        "said it expected to discuss",
        ["e-talks-break-down"],
    ),
    q(
        "q-dehart-not-responsive-1",
        "james-dehart",
        "not responsive to our request for fair and equitable burden-sharing.",
        "partial",
        "said that Seoul was",
        ["e-talks-break-down"],
    ),
    q(
        "q-ministry-our-position",
        "rok-foreign-ministry",
        "Our position is that it should be within the mutually acceptable Special Measures "
        "Agreement (SMA) framework that has been agreed upon by South Korea and the U.S. for "
        "the past 28 years",
        "direct",
        "said",
        ["e-sma-framework"],
    ),
    q(
        "q-ministry-new-category",
        "rok-foreign-ministry",
        "The U.S. believes that the share of defense spending should be increased "
        "significantly by creating a new category",
        "direct",
        "said in a statement",
    ),
    q(
        "q-dehart-reconsider",
        "james-dehart",
        "give the Korean side some time to reconsider and I hope to put forward new proposals "
        "that would enable both sides to work towards a mutually acceptable agreement in the "
        "spirit of our great alliance.",
        "partial",
        "said the Americans cut short the talks to",
        ["e-talks-break-down"],
    ),
    q(
        "q-dehart-unfortunately",
        "james-dehart",
        "Unfortunately, the proposals that were put forward by the Korean negotiating team were "
        "not responsive to our request for fair and equitable burden sharing",
        "direct",
        "told a briefing",
        ["e-talks-break-down"],
    ),
    q(
        "q-jeong-left-seats",
        "jeong-eun-bo",
        "left their seats first",
        "partial",
        "told reporters in Seoul",
        ["e-talks-break-down", "e-negotiators-leave"],
    ),
    q(
        "q-jeong-big-difference",
        "jeong-eun-bo",
        "quite a big difference in principle.",
        "partial",
        "adding",
        ["e-talks-break-down"],
    ),
    q(
        "q-esper-wealthy-country",
        "mark-esper",
        "a wealthy country, and could and should pay more to offset the cost of defense",
        "partial",
        "said",
        ["e-esper-visit"],
    ),
    q(
        "q-trump-protection",
        "donald-trump",
        "$5 billion worth of protection.",
        "partial",
        "has previously said",
    ),
    q(
        "q-nagy-linchpin",
        "stephen-nagy",
        "Japan is the linchpin for the United States’ broader security (goals) in the region "
        "and has been a proactive partner in cementing the Free and Open Indo-Pacific vision",
        "direct",
        "said in reference to",
    ),
    q(
        "q-nagy-leverage",
        "stephen-nagy",
        "Based on this role, Japan has much more leverage to resist U.S. demands as well as a "
        "much more cooperative track record at the leadership and institutional level than "
        "the Moon administration",
        "direct",
        "said",
        ["e-japan-talks"],
    ),
    q(
        "q-trump-bring-them-home",
        "donald-trump",
        "like to bring them back home, but that’s not part of the equation right now.",
        "partial",
        "saying after his first meeting with North Korean leader Kim Jong Un",
        ["e-trump-kim-meeting"],
    ),
    q(
        "q-lawmakers-refuse",
        "rok-ruling-party-lawmakers",
        "refuse to ratify any excessive outcome of the current negotiations",
        "partial",
        "have said this week they will",
        ["e-lawmakers-refuse"],
    ),
    # Reported statements: the words are the article's, the claim is the speaker's.
    q(
        "r-dehart-cut-short",
        "james-dehart",
        "the Americans cut short the talks",
        "reported",
        "said",
        ["e-talks-break-down"],
    ),
    q(
        "r-officials-one-hour",
        "rok-ministry-officials",
        "Negotiators left the table after only about one hour of discussions that were "
        "scheduled to continue throughout the day",
        "reported",
        "South Korean media reported, citing",
        ["e-negotiators-leave"],
    ),
    q(
        "r-trump-demand",
        "donald-trump",
        "Trump has demanded South Korea pay about $5 billion for hosting U.S. troops",
        "reported",
        "has demanded",
    ),
    q(
        "r-people-familiar-price-tag",
        "people-familiar",
        "The price tag originated with the White House",
        "reported",
        "according to",
    ),
    q(
        "r-administration-justify",
        "us-administration-officials",
        "it reflects the costs South Korea would incur if it takes operational control of "
        "combined U.S.-South Korean forces in the case of a conflict",
        "reported",
        "justify it by saying",
    ),
    q(
        "r-trump-railed",
        "donald-trump",
        "Trump has long railed against what he says are inadequate contributions from allies "
        "toward defense costs",
        "reported",
        "has long railed against what he says",
    ),
    q(
        "r-media-japan-similar",
        "media-reports",
        "the White House has also demanded Japan pay a similar amount in its next defense "
        "cost-sharing deal",
        "reported",
        "said that",
        ["e-media-reports-last-week"],
    ),
    q(
        "r-media-japan-five-times",
        "media-reports",
        "The United States had asked Japan earlier this year to pay significantly more — about "
        "five times as much per year — to support U.S. forces stationed on the soil of its "
        "major Asian ally",
        "reported",
        "media reports said Saturday",
        ["e-us-asks-japan", "e-media-reports-saturday"],
    ),
    q(
        "r-tokyo-denied",
        "japan-government",
        "Tokyo has denied those reports.",
        "reported",
        "has denied",
    ),
    q(
        "r-experts-japan",
        "some-experts",
        "Japan may ultimately not be subject to the same kinds of demands that South Korea is "
        "currently facing",
        "reported",
        "believe",
    ),
    q(
        "r-jeong-no-troop-cuts",
        "jeong-eun-bo",
        "the U.S. has never mentioned the issues of reducing or withdrawing troops from South "
        "Korea during the talks",
        "reported",
        "said",
        ["e-talks-break-down"],
    ),
    q(
        "r-security-planners-key",
        "us-security-planners",
        "The alliance is seen by U.S. security planners as key to checking the rise of an "
        "increasingly powerful military in China.",
        "reported",
        "is seen by",
    ),
    q(
        "r-ministry-declined",
        "rok-foreign-ministry",
        "South Korea’s Foreign Ministry declined to comment on what the new cost category U.S. "
        "sought was",
        "reported",
        "declined to comment",
    ),
    q(
        "r-yonhap-new-categories",
        "yonhap",
        "the U.S. demand included labor costs for the U.S. troops in South Korea, military "
        "personnel and family support costs, costs of rotational deployment of U.S. troops to "
        "the Korean Peninsula and offshore training expenses",
        "reported",
        "has reported",
    ),
]

SEOUL_ROUND_ENDS = "sma-11/seoul-2019-11-19-talks-cut-short"
"""The cross-story key of the day the Seoul round ended early (see the DeHart transcript)."""

events = [
    ev(
        "e-talks-break-down",
        "SMA talks in Seoul break down",
        "The U.S.–South Korea cost-sharing talks in Seoul end abruptly, each side blaming "
        "the other.",
        "on Tuesday",
        ["Talks between the two on Tuesday ended abruptly, with each side blaming the other."],
        "2019-11-19",
        "2019-11-19",
        "day",
        "on_day",
        ["james-dehart", "jeong-eun-bo", "rok-foreign-ministry"],
        ["q-dehart-unfortunately", "q-jeong-left-seats", "q-ministry-acceptable-range"],
        # The State Department transcript of DeHart's remarks reports this same event.
        key=SEOUL_ROUND_ENDS,
    ),
    ev(
        "e-negotiators-leave",
        "Negotiators leave after about an hour",
        "Talks scheduled to run all day end after about one hour of discussion.",
        "throughout the day",
        [
            "Negotiators left the table after only about one hour of discussions that were "
            "scheduled to continue throughout the day"
        ],
        "2019-11-19",
        "2019-11-19",
        "day",
        "on_day",
        [],
        ["r-officials-one-hour"],
    ),
    ev(
        "e-esper-visit",
        "Esper visits Seoul",
        "Defense Secretary Mark Esper, part of a high-powered mission, visits Seoul and says "
        "South Korea should pay more.",
        "last week",
        ["During a visit to Seoul last week, Esper said South Korea was"],
        "2019-11-11",
        "2019-11-17",
        "week",
        "before",
        ["mark-esper"],
        ["q-esper-wealthy-country"],
    ),
    ev(
        "e-media-reports-last-week",
        "Reports: U.S. wants a similar amount from Japan",
        "Media reports say the White House has also demanded that Japan pay a similar amount "
        "in its next cost-sharing deal.",
        "last week",
        [
            "Media reports in last week said that the White House has also demanded Japan pay a "
            "similar amount in its next defense cost-sharing deal."
        ],
        "2019-11-11",
        "2019-11-17",
        "week",
        "before",
        ["media-reports"],
        ["r-media-japan-similar"],
    ),
    ev(
        "e-media-reports-saturday",
        "Reports: U.S. asked Japan for five times as much",
        "Media reports say the U.S. asked Japan to pay about five times as much per year.",
        "Saturday",
        ["media reports said Saturday"],
        "2019-11-16",
        "2019-11-16",
        "day",
        "before",
        ["media-reports"],
        ["r-media-japan-five-times"],
    ),
    ev(
        "e-us-asks-japan",
        "U.S. asks Japan to pay significantly more",
        "The United States asks Japan to pay about five times as much per year toward "
        "U.S. forces in Japan.",
        "earlier this year",
        ["The United States had asked Japan earlier this year to pay significantly more"],
        "2019-01-01",
        "2019-11-18",
        "span",
        "before",
        ["media-reports"],
        ["r-media-japan-five-times"],
        modifier="approximate",
    ),
    ev(
        "e-sma-framework",
        "The SMA framework, agreed over 28 years",
        "South Korea and the U.S. have agreed the Special Measures Agreement framework over "
        "the past 28 years.",
        "the past 28 years",
        ["that has been agreed upon by South Korea and the U.S. for the past 28 years"],
        "1991-11-19",
        "2019-11-19",
        "span",
        "before",
        ["rok-foreign-ministry"],
        ["q-ministry-our-position"],
        modifier="approximate",
    ),
    ev(
        "e-trump-kim-meeting",
        "Trump's first meeting with Kim Jong Un",
        "After his first meeting with North Korean leader Kim Jong Un, Trump says he would "
        "like to bring U.S. troops home, but that it is not part of the equation right now.",
        "last year",
        ["after his first meeting with North Korean leader Kim Jong Un last year"],
        "2018-01-01",
        "2018-12-31",
        "year",
        "before",
        ["donald-trump"],
        ["q-trump-bring-them-home"],
    ),
    ev(
        "e-lawmakers-refuse",
        "Ruling party lawmakers vow to refuse ratification",
        "South Korea's ruling party lawmakers say they will refuse to ratify any excessive "
        "outcome.",
        "this week",
        ["Ruling party lawmakers have said this week they will"],
        "2019-11-18",
        "2019-11-24",
        "week",
        "before",
        ["rok-ruling-party-lawmakers"],
        ["q-lawmakers-refuse"],
    ),
    ev(
        "e-intelligence-pact-expiry",
        "Intelligence-sharing pact with Tokyo set to expire",
        "Amid a bitter row with Japan over history and trade, Seoul has decided to let a key "
        "intelligence-sharing pact with Tokyo expire. The article gives no time zone for "
        "12:01 a.m.",
        "12:01 a.m. on Nov. 23",
        ["let a key intelligence-sharing pact with Tokyo expire at 12:01 a.m. on Nov. 23."],
        "2019-11-23",
        "2019-11-23",
        "minute",
        "scheduled",
        [],
        time="00:01",
    ),
    ev(
        "e-pyongyang-deadline",
        "Pyongyang's year-end deadline",
        "North Korea's deadline for the U.S. to shift its approach in nuclear talks.",
        "year-end",
        ["ahead of a year-end deadline from Pyongyang for the U.S. to shift its approach."],
        "2019-12-31",
        "2019-12-31",
        "day",
        "scheduled",
        modifier="approximate",
    ),
    ev(
        "e-japan-talks",
        "Japan's cost-sharing negotiations begin",
        "Tokyo is due to begin its own negotiations on a defense cost-sharing deal.",
        "next year",
        [
            "The move was likely to stoke concern in Tokyo, which is due to begin its own "
            "negotiations on a defense cost-sharing deal next year."
        ],
        "2020-01-01",
        "2020-12-31",
        "year",
        "scheduled",
        ["japan-government"],
    ),
    ev(
        "e-germany-nato-talks",
        "U.S. cost-sharing talks with Germany and NATO",
        "The U.S. is due to begin separate cost-sharing negotiations with Germany and NATO.",
        "next year",
        [
            "the United States is also due to begin separate negotiations for new defense "
            "cost-sharing deals with Germany and NATO next year."
        ],
        "2020-01-01",
        "2020-12-31",
        "year",
        "scheduled",
    ),
    ev(
        "e-korean-election",
        "South Korean parliamentary election",
        "Moon may not want to make major concessions ahead of a parliamentary election.",
        "next year",
        ["ahead of a parliamentary election next year."],
        "2020-01-01",
        "2020-12-31",
        "year",
        "scheduled",
    ),
]

costs = {
    "currency": "USD",
    "figures": [
        {
            "id": "f-demand",
            "label": "U.S. demand",
            "kind": "money",
            "amount": 5e9,
            "approximate": True,
            "text": "about $5 billion",
        },
        {
            "id": "f-current",
            "label": "Current one-year deal",
            "kind": "money",
            "amount": 1e9,
            "approximate": True,
            "period": "under the current one-year deal",
            "text": "about $1 billion",
        },
        {
            "id": "f-protection",
            "label": "“Worth of protection”, per Trump",
            "kind": "money",
            "amount": 5e9,
            "stated_by": "donald-trump",
            "text": "$5 billion worth of protection",
        },
        {
            "id": "f-fivefold",
            "label": "Demanded increase",
            "kind": "multiplier",
            "amount": 5,
            "text": "fivefold",
        },
        {
            "id": "f-japan-five-times",
            "label": "Reported ask of Japan",
            "kind": "multiplier",
            "amount": 5,
            "approximate": True,
            "stated_by": "media-reports",
            "period": "per year",
            "text": "about five times as much per year",
        },
        {
            "id": "f-troops",
            "label": "U.S. personnel in South Korea",
            "kind": "count",
            "amount": 28500,
            "unit": "personnel",
            "approximate": True,
            "text": "about 28,500 personnel",
        },
    ],
    "categories": [
        {
            "id": "c-korean-workers",
            "name": "Korean workers",
            "description": "Personnel costs of South Korean workers hired by U.S. troops.",
            "past": True,
            "text": "personnel costs of South Korean workers hired by U.S. troops",
        },
        {
            "id": "c-construction",
            "name": "Military construction",
            "description": "Military construction costs, such as building facilities within "
            "U.S. bases.",
            "past": True,
            "text": "military construction costs such as building facilities within U.S. bases",
        },
        {
            "id": "c-assistance",
            "name": "Military assistance",
            "description": "Military assistance expenses, such as for services and materials.",
            "past": True,
            "text": "military assistance expenses, such as for services and materials",
        },
        {
            "id": "c-troop-labor",
            "name": "Labor for U.S. troops",
            "description": "Labor costs for the U.S. troops in South Korea.",
            "past": False,
            "demanded": True,
            "reported_by": "yonhap",
            "text": "labor costs for the U.S. troops in South Korea",
        },
        {
            "id": "c-family-support",
            "name": "Personnel and family support",
            "description": "Military personnel and family support costs.",
            "past": False,
            "demanded": True,
            "reported_by": "yonhap",
            "text": "military personnel and family support costs",
        },
        {
            "id": "c-rotation",
            "name": "Rotational deployments",
            "description": "Costs of rotational deployment of U.S. troops to the Korean Peninsula.",
            "past": False,
            "demanded": True,
            "reported_by": "yonhap",
            "text": "costs of rotational deployment of U.S. troops to the Korean Peninsula",
        },
        {
            "id": "c-offshore-training",
            "name": "Offshore training",
            "description": "Offshore training expenses.",
            "past": False,
            "demanded": True,
            "reported_by": "yonhap",
            "text": "offshore training expenses",
        },
    ],
    "comparisons": [
        {
            "id": "x-demand-vs-current",
            "label": "Demand ÷ current deal",
            "numerator": "f-demand",
            "denominator": "f-current",
            "stated": "f-fivefold",
        },
    ],
}

story = {
    "$schema": "./schema.json",
    "schema_version": 1,
    "story": {
        "id": "japantimes-2019-11-19-sma-talks",
        # The seed text prints no headline: the title is our own description.
        "title": "U.S.–South Korea defense cost-sharing talks break down over Trump's "
        "demand for a fivefold increase",
        "headline": None,
        "publisher": "The Japan Times",
        "url": "https://www.japantimes.co.jp/news/2019/11/19/asia-pacific/"
        "us-south-korea-defense-cost-talks-trump/",
        "published": "2019-11-19",
        "byline": "Bloomberg, Reuters, Staff Report",
        "agencies": ["Bloomberg", "Reuters", "Japan Times staff"],
        "language": "en",
    },
    "source": {
        "path": SEED,  # beside the story: a story reads only files in its own folder
        "regions": [
            {
                "kind": "byline",
                "start": 0,
                "end": byline_end,
                "note": "Byline: not part of the story.",
            },
            {
                "kind": "promotion",
                "start": promo,
                "end": len(source),
                "note": "Subscription pitch: not part of the story.",
            },
        ],
    },
    "speakers": speakers,
    "quotes": quotes,
    "events": events,
    "costs": costs,
}

json.dump(story, sys.stdout, ensure_ascii=False, indent=2)
sys.stdout.write("\n")
