"""``smareader extract``: quotations, attribution, time, money, and the scores."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smareader.app import make_app
from smareader.cli import main
from smareader.extract import extract_story
from smareader.extract.evaluate import score
from smareader.extract.money import find_amounts
from smareader.extract.text import paragraphs, sentences
from smareader.extract.timex import find_timexes
from smareader.model import Story, load_story

ROOT = Path(__file__).resolve().parent.parent
GOLD = [
    ROOT / "data" / "japantimes-2019-11-19-sma-talks.json",
    ROOT / "data" / "eval" / "harbor-city-bridge.json",
    ROOT / "data" / "eval" / "lumora-data-fine.json",
]
PUBLISHED = date(2019, 11, 19)  # a Tuesday


def draft(text: str, published: date = PUBLISHED) -> dict:  # type: ignore[type-arg]
    result = extract_story(text, published)
    Story.model_validate(result)  # every draft is a valid story
    return result


def said(result: dict) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    names = {speaker["id"]: speaker["name"] for speaker in result["speakers"]}
    return [(quote["text"], names[quote["speaker"]]) for quote in result["quotes"]]


@pytest.mark.parametrize("path", GOLD, ids=[path.stem for path in GOLD])
def test_scores_meet_the_bar(path: Path) -> None:
    result = score(load_story(path), path.stem)
    assert result.recall == 1.0, result.mistakes
    assert result.precision >= 0.95, result.mistakes
    assert result.speakers >= 0.95, result.mistakes
    assert result.times >= 0.85, result.mistakes


def test_evaluate_command(capsys: pytest.CaptureFixture[str]) -> None:
    from smareader.extract.evaluate import main as evaluate

    assert evaluate([str(path) for path in GOLD]) == 0
    out = capsys.readouterr().out
    assert "quote P" in out and "harbor-city-bridge" in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will win," Mayor Ana Park said.', [("We will win", "Ana Park")]),
        ("“We will win,” said Ana Park, the mayor.", [("We will win", "Ana Park")]),
        (
            "Ana Park told reporters: “We will win this fight.”",
            [("We will win this fight.", "Ana Park")],
        ),
        (
            "Ana Park spoke. “We will win this,” she said in a statement.",
            [("We will win this", "Ana Park")],
        ),
        (
            "The Finance Ministry said on Monday it was “deeply concerned about the plan,” "
            "and the ministry added that it would act. “There is no other way,” the ministry said.",
            [
                ("deeply concerned about the plan", "Finance Ministry"),
                ("There is no other way", "Finance Ministry"),
            ],
        ),
        (
            "Jeong Eun-bo led the talks. “They left first,” Jeong said.",
            [("They left first", "Jeong Eun-bo")],
        ),
        (
            "The plan is “a disaster for everyone involved,” according to Ben Lee.",
            [("a disaster for everyone involved", "Ben Lee")],
        ),
        (
            "Ben Lee, a professor at Hanil University, said the cuts would “hurt the weakest "
            "students first.”",
            [("hurt the weakest students first.", "Ben Lee")],
        ),
    ],
)
def test_attribution(text: str, expected: list[tuple[str, str]]) -> None:
    assert said(draft(text)) == expected


def test_apposition_gives_role_and_affiliation() -> None:
    result = draft("“It works,” said Ben Lee, a professor at Hanil University.")
    (speaker,) = result["speakers"]
    assert speaker["role"] == "a professor at Hanil University"
    assert speaker["affiliation"] == "Hanil University"


def test_quote_over_paragraphs_and_nested_single_quotes() -> None:
    text = (
        "“We said ‘no’ twice,” said Ana Park. “The first time was in March.\n\n"
        "“The second time was last week.”\n"
    )
    result = said(draft(text))
    assert result == [
        ("We said ‘no’ twice", "Ana Park"),
        ("The first time was in March.", "Ana Park"),
        ("The second time was last week.", "Ana Park"),
    ]


def test_scare_quotes_and_names_are_not_speech() -> None:
    text = (
        "Critics called it a so-called “peace dividend” and the U.S. sought a “new category” "
        "of costs, the ministry said. The “Free and Open” label stuck."
    )
    assert draft(text)["quotes"] == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='ab “”‘’"\n.,Said he X', max_size=200))
def test_unbalanced_marks_never_crash(text: str) -> None:
    if text.strip():
        draft(text)


@pytest.mark.parametrize(
    ("phrase", "first", "last", "precision"),
    [
        ("on Tuesday", "2019-11-19", "2019-11-19", "day"),
        ("on Saturday", "2019-11-16", "2019-11-16", "day"),
        ("last week", "2019-11-11", "2019-11-17", "week"),
        ("this week", "2019-11-18", "2019-11-24", "week"),
        ("next month", "2019-12-01", "2019-12-31", "month"),
        ("last year", "2018-01-01", "2018-12-31", "year"),
        ("earlier this year", "2019-01-01", "2019-11-18", "span"),
        ("year-end", "2019-12-31", "2019-12-31", "day"),
        ("Nov. 23", "2019-11-23", "2019-11-23", "day"),
        ("January 5, 2018", "2018-01-05", "2018-01-05", "day"),
        ("12:01 a.m. on Nov. 23", "2019-11-23", "2019-11-23", "minute"),
        ("the past 28 years", "1991-11-19", "2019-11-19", "span"),
        ("in March 2019", "2019-03-01", "2019-03-31", "month"),
        ("yesterday", "2019-11-18", "2019-11-18", "day"),
    ],
)
def test_time_expressions(phrase: str, first: str, last: str, precision: str) -> None:
    text = f"It happened {phrase}."
    spans = sentences(text, paragraphs(text))
    (timex,) = find_timexes(text, PUBLISHED, spans)
    assert timex.text == phrase
    assert (timex.first.isoformat(), timex.last.isoformat(), timex.precision) == (
        first,
        last,
        precision,
    )


def test_weekday_takes_the_tense() -> None:
    text = "Talks will resume on Friday. Talks ended on Friday."
    spans = sentences(text, paragraphs(text))
    future, past = find_timexes(text, PUBLISHED, spans)
    assert future.first == date(2019, 11, 22) and past.first == date(2019, 11, 15)


@pytest.mark.parametrize(
    ("text", "kind", "value", "currency"),
    [
        ("about $5 billion", "money", 5e9, "USD"),
        ("1.04 trillion won", "money", 1.04e12, "KRW"),
        ("€30m", "money", 30e6, "EUR"),
        ("a fivefold increase", "multiplier", 5, None),
        ("three times as much", "multiplier", 3, None),
    ],
)
def test_money(text: str, kind: str, value: float, currency: str | None) -> None:
    (amount,) = find_amounts(text)
    assert (amount.kind, amount.value, amount.currency) == (kind, pytest.approx(value), currency)


def test_categories_listed_beside_costs() -> None:
    story = load_story(GOLD[0])
    result = draft(story.text)
    found = {category["text"] for category in result["costs"]["categories"]}
    assert "offshore training expenses" in found
    assert "military personnel and family support costs" in found


def test_regions_mark_byline_and_promotion() -> None:
    story = load_story(GOLD[0])
    kinds = [region["kind"] for region in draft(story.text)["source"]["regions"]]
    assert kinds == ["byline", "promotion"]


# ------------------------------------------------------------------ command line


def test_extract_command_writes_a_valid_story(tmp_path: Path) -> None:
    out = tmp_path / "draft.json"
    article = ROOT / "data" / "eval" / "lumora-data-fine.txt"
    code = main(["extract", str(article), "--published", "2023-09-05", "-o", str(out)])
    assert code == 0
    story = load_story(out)
    assert len(story.quotes) == 7
    assert main(["extract", str(article), "--published", "2023-09-05", "-o", str(out)]) == 2


async def test_a_draft_opens_in_the_reader(tmp_path: Path) -> None:
    out = tmp_path / "draft.json"
    article = ROOT / "data" / "eval" / "harbor-city-bridge.txt"
    assert main(["extract", str(article), "--published", "2024-03-14", "-o", str(out)]) == 0
    app = make_app(out)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2", "enter")
        assert app.is_running


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01binary", "binary data"),
        (b"caf\xe9", "line 1, column 4: byte 0xe9 is not valid UTF-8"),
        ("hello".encode("utf-16"), "UTF-16"),
    ],
)
def test_extract_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    assert main(["extract", str(path), "--published", "2020-01-01"]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_extract_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["extract", str(tmp_path / "a.txt"), "--published", "19 Nov"])
    assert caught.value.code == 2
    assert main(["extract", str(tmp_path / "missing.txt"), "--published", "2020-01-01"]) == 2
    assert "no such file; expected an article" in capsys.readouterr().err


def test_a_long_article_gives_a_result(tmp_path: Path) -> None:
    story = load_story(GOLD[0])
    path = tmp_path / "long.txt"
    path.write_text((story.text + "\n") * 150, encoding="utf-8")  # about 1 MB
    out = tmp_path / "long.json"
    assert main(["extract", str(path), "--published", "2019-11-19", "-o", str(out)]) == 0
    assert len(json.loads(out.read_text())["quotes"]) == 14 * 150


def test_evidence_of_a_long_sentence_is_cut_between_words() -> None:
    """A window around a time in a long sentence never starts or ends inside a word."""
    words = " ".join(f"word{number}" for number in range(80))
    text = f"The council had planned {words} and met on Monday, officials said.\n"
    draft = extract_story(text, date(2020, 1, 8))
    for event in draft["events"]:
        for evidence in event["evidence"]:
            start, end = evidence["start"], evidence["end"]
            assert start == 0 or not text[start - 1].isalnum(), evidence["text"][:20]
            assert end == len(text) or not text[end].isalnum(), evidence["text"][-20:]
        assert not event["title"][:1].islower() or event["title"].startswith("word")


@pytest.mark.parametrize(
    ("opening", "title"),
    [
        ("SEOUL — Velmora and Lumora met on Friday.", "Velmora and Lumora met on Friday."),
        ("WASHINGTON (AP) - The talks ended.", "The talks ended."),
        ("SEOUL, South Korea — Talks ended.", "Talks ended."),
        ("NATO — the alliance — met.", "NATO — the alliance — met."),  # no dateline
        ("U.S. officials said the talks ended.", "U.S. officials said the talks ended."),
    ],
)
def test_the_descriptive_title_leaves_out_the_dateline(opening: str, title: str) -> None:
    story = extract_story(f"By Staff Writer\n\n{opening}\n", date(2019, 11, 19))
    assert story["story"]["title"] == title
