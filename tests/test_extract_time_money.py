"""Time expressions and money figures of defence cost-sharing news (issue 11, causes 10–12).

Every sentence here is invented; each test fails without the rule it names.
"""

from __future__ import annotations

from datetime import date

import pytest

from smareader.extract import extract_story
from smareader.extract.money import find_amounts
from smareader.extract.text import paragraphs, sentences
from smareader.extract.timex import find_timexes
from smareader.model import Story

PUBLISHED = date(2032, 11, 19)  # a Friday


def _times(text: str) -> list[tuple[str, str, str, str, str]]:
    spans = sentences(text, paragraphs(text))
    return [
        (t.text, t.first.isoformat(), t.last.isoformat(), t.precision, t.rule)
        for t in find_timexes(text, PUBLISHED, spans)
    ]


def _draft(text: str) -> dict:  # type: ignore[type-arg]
    result = extract_story(text, PUBLISHED)
    Story.model_validate(result)
    return result


@pytest.mark.parametrize(
    ("text", "phrase", "first", "last", "precision", "rule"),
    [
        ("Talks were held on Nov. 16-17.", "Nov. 16-17", "2032-11-16", "2032-11-17", "span",
         "day-range"),
        ("A poll ran Oct. 30-Nov. 4.", "Oct. 30-Nov. 4", "2032-10-30", "2032-11-04", "span",
         "day-range"),
        ("It covers the 2033-37 period.", "2033-37", "2033-01-01", "2037-12-31", "span",
         "short-year-range"),
        ("Payments were small in the early 1990s.", "the early 1990s", "1990-01-01",
         "1993-12-31", "span", "decade-part"),
        ("Costs rose in the late 2020s.", "the late 2020s", "2027-01-01", "2029-12-31", "span",
         "decade-part"),
        ("Late last year, the allies met.", "Late last year", "2031-09-01", "2031-12-31",
         "span", "part-of-year"),
        ("The first payment is due early next year.", "early next year", "2033-01-01",
         "2033-04-30", "span", "part-of-year"),
        ("They met in mid-2030.", "mid-2030", "2030-05-01", "2030-08-31", "span",
         "part-of-year"),
        ("They may sign in mid-December.", "mid-December", "2032-12-11", "2032-12-20", "span",
         "part-of-month"),
        ("Costs rose in the third quarter of 2030.", "the third quarter of 2030", "2030-07-01",
         "2030-09-30", "span", "half-quarter"),
        ("Japan paid more in the first half of 2031.", "the first half of 2031", "2031-01-01",
         "2031-06-30", "span", "half-quarter"),
        ("Both sides hope to sign by the end of the month.", "the end of the month",
         "2032-11-30", "2032-11-30", "day", "end-of-period"),
        ("The deal expires at the end of this year.", "the end of this year", "2032-12-31",
         "2032-12-31", "day", "end-of-period"),
        ("A vote is due by the end of March.", "the end of March", "2033-03-31", "2033-03-31",
         "day", "end-of-month"),
        ("The Assembly will not vote until next March.", "next March", "2033-03-01",
         "2033-03-31", "month", "named-month"),
        ("The last round was held last December.", "last December", "2031-12-01",
         "2031-12-31", "month", "named-month"),
        ("A draft could be ready within two weeks.", "within two weeks", "2032-11-19",
         "2032-12-03", "span", "forward-span"),
        ("It would cost more over the next five years.", "over the next five years",
         "2032-11-19", "2037-11-19", "span", "forward-span"),
        ("Costs have gone up over the past decade.", "the past decade", "2022-11-19",
         "2032-11-19", "span", "past-decade"),
        ("Seoul wants a deal through 2037.", "through 2037", "2037-01-01", "2037-12-31",
         "year", "year"),
        ("Seoul has paid since the 1991 agreement.", "since the 1991 agreement", "1991-01-01",
         "2032-11-19", "span", "since-year"),
    ],
)  # fmt: skip
def test_time_shapes(
    text: str, phrase: str, first: str, last: str, precision: str, rule: str
) -> None:
    assert (phrase, first, last, precision, rule) in _times(text)


@pytest.mark.parametrize(
    ("text", "phrase", "first", "last", "precision", "rule"),
    [
        ("Talks were held on Nov. 8 and 9.", "Nov. 8 and 9", "2032-11-08", "2032-11-09", "span",
         "day-range"),
        ("Talks ran from January to March.", "from January to March", "2032-01-01",
         "2032-03-31", "span", "month-range"),
        ("It covers from November to March 2033.", "from November to March 2033",
         "2032-11-01", "2033-03-31", "span", "month-range"),
        ("They met this spring.", "this spring", "2032-03-01", "2032-05-31", "span", "season"),
        ("They met last summer.", "last summer", "2032-06-01", "2032-08-31", "span", "season"),
        ("They meet again next spring.", "next spring", "2033-03-01", "2033-05-31", "span",
         "season"),
        ("It was signed in the fall of 2031.", "the fall of 2031", "2031-09-01", "2031-11-30",
         "span", "season"),
        ("They talked over the weekend.", "over the weekend", "2032-11-13", "2032-11-14",
         "span", "weekend"),
        ("They will meet this weekend.", "this weekend", "2032-11-20", "2032-11-21", "span",
         "weekend"),
        ("A vote is due late this month.", "late this month", "2032-11-21", "2032-11-30",
         "span", "part-of-this-month"),
        ("The team will return in two weeks.", "in two weeks", "2032-12-03", "2032-12-03",
         "day", "in-count"),
        ("Costs rose over the past two decades.", "the past two decades", "2012-11-19",
         "2032-11-19", "span", "duration"),
        ("The deal was reached at year's end.", "year's end", "2032-12-31", "2032-12-31",
         "day", "year-end"),
        ("The talks resume the week of Nov. 22.", "the week of Nov. 22", "2032-11-22",
         "2032-11-28", "week", "month-day"),
        ("In 2031, Seoul paid more.", "In 2031", "2031-01-01", "2031-12-31", "year", "year"),
        ("In 2031 it paid more than a year earlier.", "a year earlier", "2030-01-01",
         "2030-12-31", "year", "counted-from"),
        # a day told in the past that would fall weeks after publication is last year's
        ("The old deal expired on Dec. 31.", "Dec. 31", "2031-12-31", "2031-12-31", "day",
         "month-day"),
        ("The next round is scheduled for Dec. 31.", "Dec. 31", "2032-12-31", "2032-12-31",
         "day", "month-day"),
        ("It had promised to finish the work by Dec. 31.", "Dec. 31", "2032-12-31",
         "2032-12-31", "day", "month-day"),
        ("The talks ended Nov. 20.", "Nov. 20", "2032-11-20", "2032-11-20", "day",
         "month-day"),  # a day after: a date line in another time zone, not last year
        # a day told in the future that would fall weeks before publication is next year's
        ("The council will meet again on Sept. 1.", "Sept. 1", "2033-09-01", "2033-09-01",
         "day", "month-day"),
        ("The next round is scheduled for Oct. 3-4.", "Oct. 3-4", "2033-10-03", "2033-10-04",
         "span", "day-range"),
        ("The talks will resume Nov. 17.", "Nov. 17", "2032-11-17", "2032-11-17", "day",
         "month-day"),  # two days before: a copy filed late, not next year
        ("It had promised to finish the work by Sept. 1.", "Sept. 1", "2032-09-01",
         "2032-09-01", "day", "month-day"),  # a past promise: no future
        ("Officials said it will. On Sept. 1, they met.", "Sept. 1", "2032-09-01",
         "2032-09-01", "day", "month-day"),  # the future is another sentence's
        ("Bids were due to be filed by Sept. 1.", "Sept. 1", "2032-09-01", "2032-09-01",
         "day", "month-day"),  # a future seen from the past
    ],
)  # fmt: skip
def test_more_time_shapes(
    text: str, phrase: str, first: str, last: str, precision: str, rule: str
) -> None:
    assert (phrase, first, last, precision, rule) in _times(text)


@pytest.mark.parametrize(
    "text",
    [
        "Costs will be the highest in two weeks.",  # a superlative looks back
        "The book sold 9,000 copies in eight months.",  # no future in the clause
    ],
)
def test_in_a_count_that_looks_back_is_no_date_ahead(text: str) -> None:
    assert _times(text) == []


def test_a_past_adjective_or_a_future_does_not_move_a_day() -> None:
    found = _times("Then comes the delegate-packed Dec. 31 primary. It will be released Dec. 9.")
    assert [(t[0], t[1]) for t in found] == [("Dec. 31", "2032-12-31"), ("Dec. 9", "2032-12-09")]


def test_a_day_later_counts_from_the_day_before_it() -> None:
    found = _times("Seoul made an offer on Oct. 6. Two weeks later, Washington turned it down.")
    assert ("Two weeks later", "2032-10-20", "2032-10-20", "day", "counted-from") in found
    found = _times("The team arrived on Nov. 14. A day earlier, it met officials in Tokyo.")
    assert ("A day earlier", "2032-11-13", "2032-11-13", "day", "counted-from") in found
    found = _times("They met on Oct. 6 and met again the next day.")
    assert ("the next day", "2032-10-07", "2032-10-07", "day", "counted-from") in found


def test_counted_from_nothing_or_from_a_comparison_is_left_out() -> None:
    # no day before it: no guess
    assert _times("Two weeks later, Washington turned it down.") == []
    # "a week later than planned" compares, and "a day earlier than" has no date of its own
    assert [t[0] for t in _times("On Oct. 6 they met, a week later than planned.")] == ["Oct. 6"]


@pytest.mark.parametrize(
    "text",
    [
        "The score was 2019-05 at the break.",  # no span: the end is before the start
        "Call 2033-12 for help.",  # an ISO month, not 2033 to 2012
        "Troops stayed from Nov. 16-5 in the camp.",  # a range that runs backwards
        "Prices may fall late may or early june.",  # lowercase: verbs, not months
        "The end of the month-long talks came quietly.",  # a month-long thing, no date
    ],
)
def test_shapes_that_are_no_time(text: str) -> None:
    rules = {t[4] for t in _times(text)}
    assert not rules & {
        "short-year-range",
        "day-range",
        "part-of-month",
        "end-of-period",
    }, _times(text)


# money: every figure keeps its currency
@pytest.mark.parametrize(
    ("text", "amount", "currency", "rule"),
    [
        ("KRW 1.389 trillion", 1.389e12, "KRW", "iso-code"),
        ("USD 900 million", 9e8, "USD", "iso-code"),
        ("4 billion JPY", 4e9, "JPY", "iso-code"),
        ("W1.03 trillion", 1.03e12, "KRW", "korean-w"),
        ("W350 billion", 3.5e11, "KRW", "korean-w"),
    ],
)
def test_codes_and_the_korean_w_keep_their_currency(
    text: str, amount: float, currency: str, rule: str
) -> None:
    (found,) = find_amounts(f"Seoul will pay {text} next year.")
    assert (found.value, found.currency, found.rule) == (pytest.approx(amount), currency, rule)


def test_a_w_without_a_scale_is_no_money() -> None:
    assert find_amounts("Take exit W3 and park in row W12.") == []


def test_a_conversion_after_or_is_not_a_figure() -> None:
    result = _draft("Seoul's last offer, 1.25 trillion won, or about $940 million, was refused.")
    assert [f["text"] for f in result["costs"]["figures"]] == ["1.25 trillion won"]
    assert result["costs"]["currency"] == "KRW"


def test_the_same_currency_after_or_is_a_figure_of_its_own() -> None:
    texts = [f.text for f in find_amounts("It asked for $5 billion, or $1 billion more.")]
    assert texts == ["$5 billion", "$1 billion"]
    assert not any(f.conversion for f in find_amounts("It asked for $5 billion ($1 billion)."))


def test_percentages_about_money_are_figures() -> None:
    result = _draft(
        "Seoul pays 1.16 trillion won this year, a 13.9 percent increase over last year. "
        "Its payments grew by about 5% a year."
    )
    figures = [
        (f["text"], f["kind"], f["amount"], f.get("unit"), f["rule"])
        for f in result["costs"]["figures"]
    ]
    assert figures[1] == ("13.9 percent", "count", 13.9, "percent", "percent")
    assert figures[2] == ("about 5%", "count", 5.0, "percent", "percent")
    assert result["costs"]["figures"][2]["approximate"]
    assert result["costs"]["currency"] == "KRW"  # a percentage is no currency


def test_a_poll_percentage_is_no_cost_figure() -> None:
    result = _draft("Park won 46 percent of the vote, a poll found.")
    assert result["costs"]["figures"] == []


def test_less_than_is_approximate() -> None:
    (found,) = find_amounts("It paid less than 150 billion won a year.")
    assert found.approximate


# figure labels: the figure's own clause, never stray words of an earlier one
@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Seoul pays 1.1 trillion won, a 13.9 percent increase over the old deal.",
         "Increase over old deal"),
        ("Seoul has paid since the 1991 agreement, and it paid less than 150 billion won.",
         "Money"),
        ("It set aside a separate ₩350 billion for base construction.", "Base construction"),
        ("Seoul made its last formal offer, 1.25 trillion won, in October.",
         "Seoul made its last formal offer"),
        ("U.S. officials put the cost of keeping 28,500 troops at $4.4 billion.",
         "Keeping 28,500 troops"),
        ("The repairs will cost about $48 million, more than planned.", "Repairs"),
        ("Prices saw a 5 percent rise over 2019 levels.", "Prices saw rise over 2019 levels"),
        # who asks or offers it, and a relative clause cut off
        ("The mayor has demanded the port pay $2 million for the works.", "Mayor's demand"),
        ("But Velmora asked for $4 million a year.", "Velmora's request"),
        ("The union offered $300,000 in the last round.", "Union's offer"),
        ("Talks stalled over Velmora’s demands for $9 million.", "Velmora’s demand"),
        ("It is above the old deal where the town pays $1 million.", "Old deal"),
        ("Reporters asked about the $2 million for the works.", "Reporters asked"),  # no request
        ("The new pier could reach $9 million.", "New pier"),
    ],
)  # fmt: skip
def test_figure_labels(text: str, label: str) -> None:
    figures = _draft(text)["costs"]["figures"]
    assert figures[-1]["label"] == label


def test_a_change_over_another_amount_is_labelled_with_that_amount() -> None:
    text = "It pays 9 billion won, a 4 percent rise over the 8.6 billion won of last year."
    figures = _draft(text)["costs"]["figures"]
    (rise,) = [figure for figure in figures if figure["text"] == "4 percent"]
    assert rise["label"] == "Rise over 8.6 billion won"


def test_the_invented_sma_story_scores() -> None:
    """The hand-made story written for these rules (so no held-out score): every time
    expression and figure right. Its speaker score is left to the attribution rules (a
    dateline after the byline, "SEOUL —", is still taken for a person's name)."""
    from pathlib import Path

    from smareader.extract.evaluate import score
    from smareader.model import load_story

    path = Path(__file__).resolve().parent.parent / "data" / "eval" / "sma-cost-talks-invented.json"
    result = score(load_story(path), path.stem)
    assert result.recall == 1.0, result.mistakes
    assert result.times == 1.0, result.mistakes
    assert result.figures == 1.0 and result.figure_precision == 1.0, result.mistakes


# categories: who reports them, and whether they were paid before or are newly demanded
def _categories(text: str) -> list[tuple[str, str | None, bool | None, bool | None]]:
    result = _draft(text)
    names = {speaker["id"]: speaker["name"] for speaker in result["speakers"]}
    return [
        (c["text"], names.get(c.get("reported_by", "")), c.get("past"), c.get("demanded"))
        for c in result["costs"]["categories"]
    ]


def test_a_category_names_the_outlet_that_reported_it() -> None:
    text = (
        "Officials would not comment, but the Hanbit news agency has reported the U.S. "
        "demand included labor costs for the troops and offshore training expenses."
    )
    assert _categories(text) == [
        ("labor costs for the troops", "Hanbit", None, True),
        ("offshore training expenses", "Hanbit", None, True),
    ]


def test_a_category_paid_under_past_deals() -> None:
    text = "In past deals, Seoul only paid for labor costs of local workers and construction costs."
    assert _categories(text) == [
        ("labor costs of local workers", None, True, None),
        ("construction costs", None, True, None),
    ]


def test_a_category_the_sentence_says_nothing_of_stays_unsaid() -> None:
    text = "The budget includes labor costs of local workers and construction costs."
    assert [(c[2], c[3]) for c in _categories(text)] == [(None, None), (None, None)]
