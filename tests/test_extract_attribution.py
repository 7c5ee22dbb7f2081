"""Attribution, coreference, dates and money on the failure classes of issue 11.

Every sentence here is invented for the test; none comes from a news article.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from smareader.extract import extract_story
from smareader.extract.evaluate import main as evaluate
from smareader.extract.money import find_amounts
from smareader.extract.quotes import _clause_subject, clean_speaker
from smareader.extract.speakers import NAME, kind_of, split_title
from smareader.extract.text import paragraphs, sentences
from smareader.extract.timex import find_timexes
from smareader.model import Story

PUBLISHED = date(2019, 11, 22)  # a Friday


def draft(text: str, published: date = PUBLISHED) -> dict[str, Any]:
    result = extract_story(text, published)
    Story.model_validate(result)
    return result


def said(text: str) -> list[tuple[str, str]]:
    result = draft(text)
    names = {speaker["id"]: speaker["name"] for speaker in result["speakers"]}
    return [(quote["text"], names[quote["speaker"]]) for quote in result["quotes"]]


def speakers_of(text: str) -> list[str]:
    return [name for _, name in said(text)]


# 1. he/she: gender and the subject of the sentence before
def test_pronoun_takes_gender_and_subject() -> None:
    text = (
        "Mara Voss opened the hearing. “We are ready to vote,” Voss said. "
        "Tom Reyk struck a softer tone late on Tuesday. “We can wait a little longer,” he said."
    )
    assert speakers_of(text) == ["Mara Voss", "Tom Reyk"]


def test_a_convention_is_nobody_a_pronoun_means() -> None:
    text = (
        "Ana Park was born in Velmora.\n\nAt the Velmora National Convention, Park spoke "
        "for an hour. “We will win this fall,” she said."
    )
    assert speakers_of(text) == ["Ana Park"]


def test_a_description_of_a_trade_is_a_speaker() -> None:
    text = (
        "The judge heard the case on Monday. “The fine was far too low,” "
        "federal prosecutors wrote in a filing."
    )
    assert speakers_of(text) == ["federal prosecutors"]


def test_she_skips_a_man_named_in_between() -> None:
    text = (
        "Linda Hale met Greg Moss at the port. “The cranes are too old,” she said. "
        "“We will buy new ones next spring,” she added."
    )
    assert speakers_of(text) == ["Linda Hale", "Linda Hale"]


def test_two_people_joined_by_and_are_not_he() -> None:
    text = (
        "Dock warden Piet Halvar counted the boats at dawn. The quay held 40 hulls, which he "
        "said belonged to Orsk and Tamm.\n\n“The tide was kind to us,” he said."
    )
    assert speakers_of(text) == ["Piet Halvar"]


def test_a_new_subject_takes_he_from_the_last_speaker() -> None:
    text = (
        "“The ferry keeps its timetable,” said Oskar Lind, the port's treasurer.\n\n"
        "Back in the spring, shipwright Tobias Fenn had sketched a new hull. "
        "“Oak is lighter than people think,” he told the harbor weekly."
    )
    assert speakers_of(text) == ["Oskar Lind", "Tobias Fenn"]


def test_a_name_after_a_preposition_is_not_the_subject() -> None:
    text = (
        "“The lighthouse needs paint,” Tom Ruiz said.\n\n"
        "Like Dan Vale, the old keeper, Ruiz prefers white. “Red fades too fast,” he said."
    )
    assert speakers_of(text) == ["Tom Ruiz", "Tom Ruiz"]


def test_a_first_name_alone_is_a_person() -> None:
    text = (
        "The night pilot, called only Bob by the crews, steered the barge in. "
        "“Fog hides the buoys,” he said."
    )
    assert speakers_of(text) == ["Bob"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a transcript names the speaker inside the marks
        ("“PARK: We will win this vote.”\n\n“LEE: Do you think so?”", ["PARK", "LEE"]),
        # a caption word before a colon names nobody
        (
            "“PARK: We will win this vote.”\n\n“VIDEO: The crowd cheers for the port.”",
            ["PARK", "PARK"],
        ),
        # a signature after a horizontal bar
        (
            "“The ferry is always late.” ― Ana Ruiz\n“I agree with her.”― Tom Hale.",
            ["Ana Ruiz", "Tom Hale"],
        ),
        # a long aside between the name and the verb
        (
            "“The nets come back empty,” Ana Park, the chair of a fishing cooperative that also "
            "runs the ice plant, told the harbor weekly.",
            ["Ana Park"],
        ),
        ("“Mend the net before the storm,” my father often said.", ["my father"]),
        ("“Stay with me tonight,” Lena Holt sings to the crowd.", ["Lena Holt"]),
    ],
)
def test_transcripts_signatures_and_long_asides(text: str, names: list[str]) -> None:
    assert speakers_of(text) == names


def test_he_opening_a_participle_clause() -> None:
    text = (
        "Dan Lee, a ferry captain, later spoke at the quay. "
        "He then praised the crew, saying, “Nobody missed a single crossing.”"
    )
    assert speakers_of(text) == ["Dan Lee"]


def test_a_surname_that_is_also_a_title() -> None:
    text = (
        "“The crane is rusty,” said Marc Hale, the dock foreman.\n\n"
        "Mr. Hale inspected it with his deputy. “We can fix it by May,” Mr. King added."
    )
    assert speakers_of(text) == ["Marc Hale", "Mr. King"]


def test_he_after_an_inverted_verb_and_an_outlet() -> None:
    text = (
        "“The harbor is full,” said Sean Pryor, the port planner.\n\n"
        "Storms rarely close the port for long, noted NBC’s Dana Chen.\n\n"
        "“Two days at most,” he wrote."
    )
    assert speakers_of(text) == ["Sean Pryor", "Dana Chen"]


def test_a_lone_surname_that_he_continues_is_a_person() -> None:
    text = "“The pier will hold!” Varga said.\n\n“I built half of it myself,” he said."
    result = draft(text)
    names = {speaker["id"]: speaker for speaker in result["speakers"]}
    speakers = [names[quote["speaker"]] for quote in result["quotes"]]
    assert [speaker["name"] for speaker in speakers] == ["Varga", "Varga"]
    assert speakers[0]["kind"] == "person"


def test_a_state_is_nobody_he_means() -> None:
    text = (
        "Dan Lowe toured the docks on Monday. "
        "Standing on a pier in Portland, North Carolina, Lowe talked about prices.\n\n"
        "He says, “The catch was good this year.”"
    )
    assert speakers_of(text) == ["Dan Lowe"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Former Secretary of State Mara Voss urged sailors to keep their licenses, saying, "
            "“The sea does not forgive paperwork.”",
            "Mara Voss",
        ),
        ("After the storm, Tom Lowe issued a statement, “The breakwater held.”", "Tom Lowe"),
        ("“Our boats are the fastest on the coast,” Orvik is quoted as saying.", "Orvik"),
        (
            "Ann Lee argued with the harbormaster at the meeting, chiding him, “Who left the "
            "gate open?”",
            "Ann Lee",
        ),
    ],
)
def test_participles_statements_and_quoted_as(text: str, name: str) -> None:
    assert speakers_of(text) == [name]


def test_a_name_before_a_participle_is_not_speaking() -> None:
    text = (
        "“The regatta is on,” said Dan Hume, the club secretary. He expects the race to end "
        "with Karl Moss claiming the cup. “The wind will decide it,” he said."
    )
    assert speakers_of(text) == ["Dan Hume", "Dan Hume"]


def test_a_new_sentence_reporting_someone_else_does_not_attribute() -> None:
    text = (
        "“The ferry is late again,” Tom Cole told reporters. “The engine is older than me.” "
        "Gov. Ann Lee said she would buy a new one."
    )
    assert speakers_of(text) == ["Tom Cole", "Tom Cole"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "“Building a ship is hard,” Jon Lowe of the Center for Harbor Studies wrote.",
            "Jon Lowe",
        ),
        (
            "As Bishop Ivo Tavan of the Church of the Harbor told the weekly, “Bells ring at six.”",
            "Ivo Tavan",
        ),
    ],
)
def test_a_person_of_an_institution(text: str, name: str) -> None:
    assert speakers_of(text) == [name]


def test_a_clause_with_which_is_no_speaker() -> None:
    text = "Ed Lane added a label which reads, “Keep the hatch closed.”"
    assert [name for name in speakers_of(text) if "which" in name] == []


def test_a_name_modifying_a_role_is_not_the_subject() -> None:
    text = (
        "Mayor Dan Vale praised the crew.\n\n"
        "Vale adviser Anders Briggs, the head of the mapping team, measured the channel. "
        "“It is two meters shallower than the charts say,” he said."
    )
    assert speakers_of(text) == ["Anders Briggs"]


def test_a_show_title_in_the_sentence_before_does_not_hide_its_subject() -> None:
    text = (
        "“The port is safe,” Mayor Ann Lee said on the radio.\n\n"
        "Sen. Tom Vale spoke on “Harbor Hour” at noon. “We need more cranes.”"
    )
    assert speakers_of(text)[-1] == "Tom Vale"


# 2. a lowercase title or aside around the name
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("“The fleet stays put,” harbor chief Gen. Alan Brook said in a statement.", "Alan Brook"),
        ("“The offer is fair,” said Velmora's chief negotiator Ilse Brandvold.", "Ilse Brandvold"),
        ("“I will run again,” Ben Lowe, 70, told reporters.", "Ben Lowe"),
        ("“The bill is dead,” Rep. Ann Cole (D-Mo.) said.", "Ann Cole"),
        (
            "“We open at dawn,” Velmora's harbor commissioner, Ilse Brandvold, said.",
            "Ilse Brandvold",
        ),
        ("“We raised the money,” campaign chairman Paul Dorn told reporters.", "Paul Dorn"),
    ],
)
def test_titles_and_asides_around_the_name(text: str, name: str) -> None:
    (found,) = speakers_of(text)
    assert name in found


# 3. ? or ! inside the closing mark
def test_question_mark_inside_the_closing_mark() -> None:
    text = "Jim Clay spoke at noon. “Where is the money in the bank?” Mr. Clay said."
    assert speakers_of(text) == ["Jim Clay"]


def test_exclamation_inside_the_closing_mark() -> None:
    assert speakers_of("“We won the vote tonight!” said Ana Park.") == ["Ana Park"]


# 4. speech verbs beyond said and told
@pytest.mark.parametrize(
    "verb", ["fumed", "gushed", "reiterated", "chimed in", "exclaimed", "sighed", "implored"]
)
def test_more_speech_verbs(verb: str) -> None:
    assert speakers_of(f"“This plan is a disgrace to the city,” Ana Park {verb}.") == ["Ana Park"]


# 5. colon introductions
def test_colon_introductions() -> None:
    assert speakers_of("Tom Reyk agreed: “We should wait for the vote.”") == ["Tom Reyk"]
    assert speakers_of("Ana Park, Harbor Weekly: “The plan works for everyone.”") == ["Ana Park"]


# 6. junk speakers
@pytest.mark.parametrize(
    "phrase",
    [
        "but now",
        "March 2",
        "FULL TEXT",
        "Rev",
        "Sen",
        "It may be",
        "cited sources as",
        "in a statement",
        "during an interview",
        "Rather",
        "Meanwhile",
        # a lone determiner, or a clause with "had" or "would"
        "a",
        "the",
        "one of the",
        "Ana Park had won the race",
        "Park would rather wait",
    ],
)
def test_junk_is_no_speaker(phrase: str) -> None:
    assert clean_speaker(phrase) is None


def test_a_time_after_the_name_is_cut() -> None:
    assert clean_speaker("Barack Obama on Tuesday") == "Barack Obama"


# 7. merged people: never on a bare surname two people share; honorifics carry gender
def test_a_shared_surname_is_not_merged() -> None:
    text = "Hillary Lane and Bill Lane arrived together. “We are glad to be home,” Lane said."
    assert speakers_of(text) == ["Lane"]


def test_mrs_is_not_her_husband() -> None:
    text = "Melania Dorn and Donald Dorn arrived. “Thank you all for coming,” Mrs. Dorn said."
    assert speakers_of(text) == ["Melania Dorn"]


def test_junior_is_not_his_father() -> None:
    text = (
        "“The hotel will open in May,” said Donald Dorn Jr. "
        "“The tower will open in June,” said Donald Dorn."
    )
    result = draft(text)
    assert len({quote["speaker"] for quote in result["quotes"]}) == 2


# 8. unnamed sources and reports
def test_an_unnamed_official_is_one_speaker() -> None:
    text = (
        "“We will not sign this year,” a senior harbor official said. "
        "“The terms are final,” the official said."
    )
    result = draft(text)
    assert len({quote["speaker"] for quote in result["quotes"]}) == 1


def test_a_report_is_its_own_speaker() -> None:
    text = (
        "Ana Park spoke on Monday. “We pay enough,” she said. He was responding to a "
        "Reuters report that Velmora would raise its share by “at least 13 percent this year.”"
    )
    assert speakers_of(text)[-1] != "Ana Park"


# 9. titles in quotation marks
def test_titles_and_slogans_are_not_speech() -> None:
    text = "Fans sang “Make Velmora Great Again” at the rally and watched “The Harbor Show” later."
    assert draft(text)["quotes"] == []


# 10. dates
def _timex(text: str, published: date = PUBLISHED) -> list[tuple[str, str, str, str]]:
    spans = sentences(text, paragraphs(text))
    return [
        (t.text, t.first.isoformat(), t.last.isoformat(), t.precision)
        for t in find_timexes(text, published, spans)
    ]


def test_weekdays_in_past_narrative() -> None:
    text = "They reached the deal on Sunday, but details were not released until Wednesday."
    assert [(first, precision) for _, first, _, precision in _timex(text)] == [
        ("2019-11-17", "day"),
        ("2019-11-20", "day"),
    ]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("since 2018", ("since 2018", "2018-01-01", "2019-11-22", "span")),
        ("from 2022 to 2025", ("from 2022 to 2025", "2022-01-01", "2025-12-31", "span")),
        ("by the end of 2019", ("the end of 2019", "2019-12-31", "2019-12-31", "day")),
        ("in the 1950s", ("the 1950s", "1950-01-01", "1959-12-31", "span")),
        ("a 2015 quarrel", ("a 2015", "2015-01-01", "2015-12-31", "year")),
    ],
)
def test_more_time_expressions(phrase: str, expected: tuple[str, str, str, str]) -> None:
    (found,) = _timex(f"It was {phrase} over the port.")
    assert found == expected


def test_a_day_ahead_takes_the_date_beside_or_after_it() -> None:
    assert _timex("Port talks resumed on Tuesday, a day ahead of the vote.") == [
        ("on Tuesday", "2019-11-19", "2019-11-19", "day"),
        ("a day ahead", "2019-11-19", "2019-11-19", "day"),
    ]
    assert _timex("The ships left two days before Nov. 12 at dawn.") == [
        ("two days before", "2019-11-10", "2019-11-10", "day"),
        ("Nov. 12", "2019-11-12", "2019-11-12", "day"),
    ]
    # counted from nothing it names, it is left out rather than guessed
    assert _timex("Officials met a day ahead of the summit.") == []


def test_month_and_year() -> None:
    (found,) = _timex("The pact was signed March 2011 in the capital.")
    assert found == ("March 2011", "2011-03-01", "2011-03-31", "month")


# 11. money keeps its currency; conversions are not new figures; no currency is unknown
@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("S$5 million", "SGD"),
        ("HK$12 billion", "HKD"),
        ("A$3 million", "AUD"),
        ("C$40 million", "CAD"),
        ("NT$9 billion", "TWD"),
        ("US$2 billion", "USD"),
        ("₩1.2 trillion", "KRW"),
        ("¥500 million", "JPY"),
        ("€30m", "EUR"),
        ("£4 billion", "GBP"),
        ("30 billion won", "KRW"),
        ("2 billion yen", "JPY"),
        ("4 billion yuan", "CNY"),
        ("900 million kronor", "SEK"),
        ("12 million euros", "EUR"),
    ],
)
def test_currencies_are_kept(text: str, currency: str) -> None:
    (amount,) = find_amounts(f"The port will cost {text} next year.")
    assert amount.currency == currency


def test_a_bracketed_conversion_is_not_a_figure() -> None:
    result = draft("Seoul offered 1.04 trillion won ($890 million) for the year.")
    figures = result["costs"]["figures"]
    assert [figure["text"] for figure in figures] == ["1.04 trillion won"]
    assert result["costs"]["currency"] == "KRW"


def test_no_currency_stated_is_unknown() -> None:
    result = draft("The city will pay three times as much next year.")
    assert result["costs"]["currency"] == "XXX"


# 12. figure labels and category reporters
def test_figure_label_is_words_not_punctuation() -> None:
    result = draft("Velmora's share was “about $5 billion” last year, the ministry said.")
    (figure,) = result["costs"]["figures"]
    assert "“" not in figure["label"] and figure["label"].startswith("Velmora")


def test_categories_name_their_reporter() -> None:
    text = (
        "“The new demand covers labor costs, offshore training expenses and rotation costs,” "
        "Ana Park said."
    )
    result = draft(text)
    (speaker,) = result["speakers"]
    assert result["costs"]["categories"]
    assert {c.get("reported_by") for c in result["costs"]["categories"]} == {speaker["id"]}


# every item: review pending, the rule that made it, a confidence
def test_every_item_says_how_it_was_made() -> None:
    text = (
        "Ana Park spoke on Monday. “We will pay $5 million,” she said. Seoul pays for "
        "labor costs and construction costs. “The talks resume next week,” Tom Reyk said."
    )
    result = draft(text)
    items = [
        *result["speakers"],
        *result["quotes"],
        *result["events"],
        *result["costs"]["figures"],
        *result["costs"]["categories"],
    ]
    assert items
    for item in items:
        assert item["review"] == "pending"
        assert item["rule"] and len(item["rule"]) <= 80
        assert 0.0 <= item["confidence"] <= 1.0


def test_error_table_splits_causes_by_gold_confidence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from collections import Counter

    from smareader.extract.evaluate import _print_causes

    causes = Counter(
        {
            ("wrong_speaker by continuation", "explicit"): 2,
            ("wrong_speaker by continuation", "disputed"): 5,
            ("fn:no_prediction", "-"): 1,
            ("ok by after-verb", "explicit"): 9,
        }
    )
    _print_causes("dev", causes, 10)
    out = capsys.readouterr().out
    assert "explicit / agreed / disputed" in out
    assert "    7  wrong_speaker by continuation" in out
    assert "2 / 0 / 5" in out
    assert "9  after-verb" in out


def test_evaluate_without_the_corpus_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate(["--corpus", "/nonexistent/polnear"]) == 2
    assert "no development corpus" in capsys.readouterr().out


# more attribution rules, each named in the draft
@pytest.mark.parametrize(
    ("text", "name", "rule"),
    [
        ("Roof bought a gun. Said Comey, “The system failed us that day.”", "Comey", "after-verb"),
        ("“Nobody is above the law here.” - Ana Park.", "Ana Park", "dash"),
        ("“Nobody is above the law here.”\n\n- Ana Park, Velmora.", "Ana Park", "dash-below"),
        (
            "As Ana Park said last week in Velmora, “We will keep the port open.”",
            "Ana Park",
            "before-verb",
        ),
        (
            "The port grew because, in Ana Park’s words, “We never stopped building.”",
            "Ana Park",
            "in-words",
        ),
        (
            "Ana Park did not name her rivals, but told the crowd, “We will win this fall.”",
            "Ana Park",
            "before-coordinated",
        ),
        (
            "Ana Park spoke first. She then addressed the crowd again: “We will win this fall.”",
            "Ana Park",
            "colon-subject+pronoun",
        ),
        (
            "On Thursday, Ana Park endorsed Tom Reyk, saying, “He is the best choice we have.”",
            "Ana Park",
            "participle",
        ),
        (
            "Sen. Ted Cruz tweeted a warning. “Do not vote for this terrible bill.”",
            "Ted Cruz",
            "previous-sentence",
        ),
        (
            "Ana Park, angry after the long vote, had a blunt message for the board: "
            "“You must resign by Friday.”",
            "Ana Park",
            "colon-subject",
        ),
        (
            "“A new plan for the port would be wise,” harbor chief Ana Park said after the vote.",
            "Ana Park",
            "after-subject",
        ),
    ],
)
def test_rules_name_the_speaker(text: str, name: str, rule: str) -> None:
    result = draft(text)
    names = {speaker["id"]: speaker["name"] for speaker in result["speakers"]}
    (quote,) = result["quotes"]
    assert (names[quote["speaker"]], quote["rule"]) == (name, rule)


def test_said_after_a_quote_then_another_quote() -> None:
    text = "“We have had offices here since April,” said Ana Park, the director, “and we stay.”"
    assert speakers_of(text) == ["Ana Park", "Ana Park"]


def test_markup_values_and_show_names_are_not_quotes() -> None:
    text = (
        'Ana Park spoke on ABC’s “This Week In Velmora” on Sunday. <tweet author="Tom Reyk '
        'of the port"> She said the cranes were old.'
    )
    assert draft(text)["quotes"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Ana Park, 70, said it was too early to celebrate but added, “We will win in May.”",
            "Ana Park",
        ),
        (
            "Tom Reyk, who signed the port law, interjected to say: “The cranes stay here.”",
            "Tom Reyk",
        ),
        (
            "Ilse Brandvold, president and CEO of Velmora Harbor Association, stated, "
            "“Our members are paying too much.”",
            "Ilse Brandvold",
        ),
        (
            "According to Paul Sperry of Harbor Watch, “The firm gets millions from the city.”",
            "Paul Sperry",
        ),
        ("“We cannot wait another year,” said a 2008 campaign veteran.", "2008 campaign veteran"),
        (
            "“The port must stay open all winter,” said master of ceremonies Asab Tarek.",
            "Asab Tarek",
        ),
    ],
)
def test_subjects_with_asides(text: str, name: str) -> None:
    (found,) = speakers_of(text)
    assert name in found


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("The Harbor Post's Dana Mill", "Dana Mill"),
        ("Velmora’s Foreign Ministry", "Velmora’s Foreign Ministry"),
        ("Harbor Party Committee Chairman Ed Rand", "Chairman Ed Rand"),
        # a name after the words that describe it
        ("a smiling Reyk", "Reyk"),
        ("the Herald's night editor Ana Park", "Ana Park"),
        ("the Velmora Green Party’s Tom Reyk", "Tom Reyk"),
        ("Council Majority Whip Ana Park", "Whip Ana Park"),  # a title, split off later
        ("Lumora Public Advocate Tom Reyk", "Advocate Tom Reyk"),
        # a role after a determiner, or a name inside a phrase, stays a description
        ("another Velmora Republican", "another Velmora Republican"),
        ("the senator from Velmora", "the senator from Velmora"),
        ("one of the lawyers for Ana Park", "one of the lawyers for Ana Park"),
        ("the Lumora Trust", "the Lumora Trust"),
        # a clause after the subject is no part of the speaker
        ("The veteran mayor said she", "The veteran mayor"),
        ("Park’s memo makes a blunt case", "Park’s memo"),
        ("The video shows Reyk refusing to leave", "The video"),
        ("Reyk pushed back on the claim", "Reyk"),
    ],
)
def test_owners_titles_and_descriptions_in_a_subject_phrase(phrase: str, expected: str) -> None:
    assert clean_speaker(phrase) == expected


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Velmora Gov. Ann Lee", ("Velmora Gov.", "Ann Lee")),
        ("Harbor TV President Tom Reyk", ("Harbor TV President", "Tom Reyk")),
        ("Harbor Party Committee Chairman Ed Rand", ("Harbor Party Committee Chairman", "Ed Rand")),
        ("Finance Ministry", ("", "Finance Ministry")),
    ],
)
def test_titles_after_places_and_bodies(mention: str, expected: tuple[str, str]) -> None:
    assert split_title(mention) == expected


def test_a_governor_named_by_place_is_found_by_surname() -> None:
    text = (
        "Velmora Gov. Ann Lee spoke at the port on Monday. Lee said the cranes were old. "
        "“We will replace every one of them,” she said."
    )
    assert speakers_of(text) == ["Ann Lee"]


def test_categories_name_a_reporting_outlet() -> None:
    text = "Harbor News reported that the new demand included labor costs and rotation costs."
    result = draft(text)
    (outlet,) = result["speakers"]
    assert outlet["name"] == "Harbor News"
    assert {c.get("reported_by") for c in result["costs"]["categories"]} == {outlet["id"]}


def test_headline_style_said() -> None:
    result = draft("Port Chief Ana Park Says “The Cranes Must Go Before Winter”")
    names = {speaker["id"]: speaker["name"] for speaker in result["speakers"]}
    (quote,) = result["quotes"]
    assert (names[quote["speaker"]], quote["rule"]) == ("Ana Park", "headline")


def test_today_in_a_quoted_post_is_the_post_date() -> None:
    text = (
        "The mayor posted: “We open the new bridge today, come and see it.” "
        "— @harborcity, April 6, 2016. Crowds came."
    )
    result = draft(text, date(2016, 4, 8))
    today = next(event for event in result["events"] if event["when"] == "today")
    assert (today["date_start"], today["status"], today["rule"]) == (
        "2016-04-06",
        "before",
        "deictic-quoted",
    )


# Round four: shapes from the train split's errors, written out with invented sentences.
@pytest.mark.parametrize(
    "text",
    [
        "“The ferry will run again in May,” Ana Park said on KVLM’s “Harbor Morning.”",
        "“The ferry will run again in May,” Ana Park said on “Low Tide Hours With Ines.”",
        "“The ferry will run again in May,” Ana Park told KVLM’s “Daybreak” on Sunday.",
        "“The ferry will run again in May,” Ana Park said in an interview with “Velmora Sunday.”",
        "“The ferry will run again in May,” wrote Ana Park in her memoir, “Low Tide Years.”",
    ],
)
def test_a_show_named_with_a_full_stop_inside_the_marks_is_not_speech(text: str) -> None:
    assert [quote for quote, _ in said(text)] == ["The ferry will run again in May"]


def test_a_title_before_its_star_is_not_speech() -> None:
    text = "“Harbor Lights Tonight” star Ana Park said the ferry would run again in May."
    assert draft(text)["quotes"] == []


def test_a_short_quoted_sentence_after_an_attribution_goes_on() -> None:
    text = "“The cranes at the north quay are far too old,” Ana Park said. “Far too old.”"
    result = draft(text)
    names = {speaker["id"]: speaker["name"] for speaker in result["speakers"]}
    assert [(names[quote["speaker"]], quote["rule"]) for quote in result["quotes"]] == [
        ("Ana Park", "after-subject"),
        ("Ana Park", "short-continuation"),
    ]


def test_a_short_scare_quote_after_an_attribution_is_still_nothing() -> None:
    text = "“The cranes are old,” Ana Park said. Her “plan” is a secret."
    assert [quote for quote, _ in said(text)] == ["The cranes are old"]


@pytest.mark.parametrize("verb", ["repeated", "questioned"])
def test_repeated_and_questioned_are_speech(verb: str) -> None:
    text = f"Ana Park met Tom Reyk at the quay. “Why now?” Reyk {verb}."
    assert speakers_of(text) == ["Tom Reyk"]


def test_a_clause_before_the_subject_is_no_aside() -> None:
    text = (
        "Tom Reyk spoke first.\n\n"
        "As Reyk attacked Ana Park, the dock workers chanted, “Open the gates now!”"
    )
    assert speakers_of(text) == ["dock workers"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Tom Reyk wants a new pier. Ana Park delivered a sharp reply: “Not this year.”",
            "Ana Park",
        ),
        ("Ana Park wants a new pier. Tom Reyk resisted: “We cannot pay for it.”", "Tom Reyk"),
        (
            "Ana Park delivered a blunt message to the board: “You must resign by Friday.”",
            "Ana Park",
        ),
        (
            "The pier was shut in May. The Velmora Board of Harbors was firm in its ruling: "
            "“The pier stays closed until the spring.”",
            "Velmora Board of Harbors",
        ),
    ],
)
def test_a_name_and_its_verb_before_a_colon(text: str, name: str) -> None:
    result = draft(text)
    names = {speaker["id"]: speaker["name"] for speaker in result["speakers"]}
    (quote,) = result["quotes"]
    assert (names[quote["speaker"]], quote["rule"]) == (name, "colon-verb")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Ana Park opened the meeting on Monday, with Tom Reyk adding, "
            "“The pier will open in May.”",
            "Tom Reyk",
        ),
        (
            "Ana Park and her allies tried to stop the vote, with one of her flyers asking, "
            "“Who pays for the pier?”",
            "one of her flyers",
        ),
    ],
)
def test_a_participle_with_its_own_subject(text: str, name: str) -> None:
    result = draft(text)
    names = {speaker["id"]: speaker["name"] for speaker in result["speakers"]}
    (quote,) = result["quotes"]
    assert (names[quote["speaker"]], quote["rule"]) == (name, "with-participle")


@pytest.mark.parametrize(
    "text",
    [
        "Ana Park walked along the “new” pier, saying, “They never built a pier.”",
        "Tom Reyk spoke. And then Ana Park walked out of the hall, saying, “He never built one.”",
    ],
)
def test_a_participle_after_a_scare_quote_or_and_then(text: str) -> None:
    result = draft(text)
    names = {speaker["id"]: speaker["name"] for speaker in result["speakers"]}
    quote = result["quotes"][-1]
    assert (names[quote["speaker"]], quote["rule"]) == ("Ana Park", "participle")


def test_if_asked_is_no_speech_verb() -> None:
    text = (
        "Tom Reyk walked out, but he would speak to the Velmora Harbor Board if asked. "
        "“The pier is good for us.”"
    )
    assert speakers_of(text) == ["Tom Reyk"]


def test_a_name_never_runs_from_the_byline_into_the_dateline() -> None:
    # The invented SMA story opens "By Staff Writer", a blank line, "SEOUL — …": a name
    # taken across the line break made "Writer SEOUL" a person, who then took "she".
    from pathlib import Path

    text = (Path(__file__).parents[1] / "data/eval/sma-cost-talks-invented.txt").read_text()
    result = draft(text)
    names = {speaker["id"]: speaker["name"] for speaker in result["speakers"]}
    assert not [name for name in names.values() if "\n" in name or "SEOUL" in name]
    spoken = {quote["text"][:30]: names[quote["speaker"]] for quote in result["quotes"]}
    assert spoken["We have paid our share for the"] == "Seo Ha-rin"


@pytest.mark.parametrize(
    "run", ["Delegates Reyk", "Understated Reyk", "Neither Tom Reyk", "Velmora Gov. Reyk"]
)
def test_a_word_run_into_a_name_does_not_hide_the_person(run: str) -> None:
    # A headline or a list ("Delegates Reyk of Portmore and Voss") files a second "Reyk";
    # a lone "Reyk" is still the one person named in full.
    text = (
        f"{run} backs the pier plan.\n\nTom Reyk chairs the Velmora harbor board.\n\n"
        "The plan would cost the board too much, Reyk said.\n\n"
        "“We cannot pay for it,” he said."
    )
    assert speakers_of(text) == ["Tom Reyk"]


def test_a_name_in_a_hyphenated_modifier_is_nobody_he_means() -> None:
    text = (
        "Tom Reyk chairs the Velmora harbor board, and Ben Voss wants his seat.\n\n"
        "Told of the anti-Voss mood in the port, Reyk smiled.\n\n"
        "“I have heard it too,” he said."
    )
    assert speakers_of(text) == ["Tom Reyk"]


@pytest.mark.parametrize(
    "sentence",
    [
        "When the board met, he praised Ben Voss for the plan.",
        "The pier would cost Ben Voss his seat, he said.",
    ],
)
def test_a_name_after_the_same_pronoun_is_not_what_it_means(sentence: str) -> None:
    text = f"Tom Reyk chairs the Velmora harbor board.\n\n{sentence}\n\n“It is good,” he said."
    assert speakers_of(text) == ["Tom Reyk"]


def test_a_lone_surname_with_a_title_is_someone_he_can_mean() -> None:
    text = (
        "Ben Voss spoke first.\n\n"
        "And even President Lowe, who rarely talks about the pier, seems to agree.\n\n"
        "“We will build it,” he said."
    )
    assert speakers_of(text) == ["Lowe"]


def test_a_shared_surname_is_the_one_named_in_full_last() -> None:
    text = (
        "Ana Lowe ran the port for a decade, and Tom Reyk ran it after her.\n\n"
        "Her husband, Ben Lowe, spoke at the harbor on Tuesday.\n\n"
        "Speaking in Portmore, Lowe, without naming Reyk, also faulted the pier plan.\n\n"
        "“You cannot build a pier in a week,” he said."
    )
    assert speakers_of(text) == ["Ben Lowe"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("After Kael Voss’s speech on the pier, Ana Park took the stage.", "Ana Park"),
        ("Ana Park’s plan is still unclear, but she spoke on Tuesday.", "Ana Park"),
    ],
)
def test_an_owner_inside_a_sentence_is_not_its_subject(sentence: str, name: str) -> None:
    text = f"Ana Park and Kael Voss ran for mayor.\n\n{sentence}\n\n“We will win,” she said."
    assert speakers_of(text) == [name]


def test_a_name_the_speech_verb_reports_on_does_not_speak() -> None:
    # "said Voss continued to …": Voss is what was said, and "continued to" is no speech.
    text = (
        "Tom Reyk, the chairman of the Velmora port board, for example, said Ben Voss "
        "continued to hurt the port by fighting the pier plan.\n\n"
        "“It has not helped him,” he said."
    )
    assert speakers_of(text) == ["Tom Reyk"]


def test_two_people_joined_by_and_with_a_title_are_two_names() -> None:
    text = (
        "Ana Lane and Harbor Commissioner Ben Voss met on Tuesday.\n\n"
        "On the eve of the meeting, Lane softened her tone.\n\n"
        "“We can work together,” she said."
    )
    assert speakers_of(text) == ["Ana Lane"]


def test_a_place_in_the_sentence_before_is_no_speaker() -> None:
    text = (
        "“Those are small towns,” Tom Reyk said. They also lie far away from either "
        "Portmore City or Velmora City. “That is a hard area.”"
    )
    assert speakers_of(text) == ["Tom Reyk", "Tom Reyk"]


def test_a_lone_surname_that_opens_a_sentence_is_someone_he_can_mean() -> None:
    # "Voss" is never named in full, but the sentence before the quote is about him.
    text = (
        "Tom Reyk opened the new pier on Monday.\n\n"
        "Voss readily conceded that the harbor plan had gone badly.\n\n"
        "“We should have waited a year,” he said."
    )
    assert speakers_of(text) == ["Voss"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Portmore welcomed the plan on Tuesday.",  # a place: the text has "to Portmore"
        "Fishermen cheered when the pier opened.",  # a plural noun
        "Nobody expected the vote to pass.",
    ],
)
def test_a_lone_word_that_is_no_one_is_not_what_he_means(sentence: str) -> None:
    text = f"Tom Reyk flew to Portmore on Monday.\n\n{sentence}\n\n“It is good news,” he said."
    assert speakers_of(text) == ["Tom Reyk"]


def test_an_owner_before_a_verb_like_word_does_not_speak() -> None:
    # "Voss’s continued support": the verb-like word belongs to a noun, nobody speaks.
    text = (
        "Tom Reyk chairs the Velmora harbor board.\n\n"
        "When the talk turned to the pier, he spoke of Ben Voss’s continued support for it.\n\n"
        "“It is good,” he said."
    )
    assert speakers_of(text) == ["Tom Reyk"]


def test_a_no_break_space_inside_a_speech_verb() -> None:
    text = "Ana Park issued a\xa0statement on Monday, “The pier held, and so did we.”"
    assert speakers_of(text) == ["Ana Park"]


def test_as_for_a_name_he_is_that_name() -> None:
    # "As for Ben Voss, he …": the topic the sentence turns to, not the speaker before.
    text = (
        "Tom Reyk praised the pier plan. “It is a fine plan,” Reyk said.\n\n"
        "As for Ben Voss, he said he was not worried. “We will see,” he said."
    )
    assert speakers_of(text) == ["Tom Reyk", "Ben Voss"]


def test_the_agent_of_a_passive_question_asks_it() -> None:
    text = (
        "Ana Park was asked by host Ben Voss, a longtime critic of the harbor board, "
        "“Can the pier be built in a year?”"
    )
    assert speakers_of(text) == ["Ben Voss"]
    assert draft(text)["quotes"][0]["rule"] == "passive-agent"


def test_a_pronoun_sentence_ending_in_a_colon_above_a_quotation() -> None:
    text = (
        "Tom Reyk ran the harbor board for ten years, and Ana Park followed him.\n\n"
        "He then gave his reasons for leaving:\n\n"
        "“The pier is finished and my work is done.”\n\n"
        "“The board needs new people.”"
    )
    assert speakers_of(text) == ["Tom Reyk", "Tom Reyk"]
    assert draft(text)["quotes"][0]["rule"] == "previous-colon+pronoun"


@pytest.mark.parametrize(
    "sentence",
    [
        "Tom Reyk chose Ana Park over Ben Voss and said, “She knows the harbor.”",
        "Two years ago, Tom Reyk chose Ana Park over Voss and said, “She knows the harbor.”",
    ],
)
def test_a_verb_joined_by_and_takes_the_clause_subject(sentence: str) -> None:
    # Not the object just before "and" (Voss), nor a time ("Two years ago").
    assert speakers_of(sentence) == ["Tom Reyk"]


def test_a_title_with_a_full_stop_does_not_end_the_subject_clause() -> None:
    # "Sen. Ben Voss" is one name, and "began to play" belongs to another clause.
    text = (
        "When the band began to play, Ana Park was greeted at the pier by Velmora Sen. Ben Voss "
        "and joked, “You are all very loud tonight.”"
    )
    assert speakers_of(text) == ["Ana Park"]


def test_a_lowercase_role_runs_into_the_name_after_it() -> None:
    text = (
        "Like most of the harbor board, Velmora Harbor hopeful Ben Voss was critical, "
        "telling reporters: “The pier is late and over budget.”"
    )
    assert speakers_of(text) == ["Ben Voss"]


def test_who_after_a_name_is_the_name() -> None:
    text = (
        "The pier has friends on the board, among them its chair, Ana Park, who "
        "said, “It is a gift to the town and to all of us.”"
    )
    assert speakers_of(text) == ["Ana Park"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("~ As Lumora put it, “We are open for business.”", "Lumora"),
        ("As one fisherman told a reporter, “The pier is too short.”", "fisherman"),
        ("As the Velmora Post’s Ana Park wrote, “The pier is too short.”", "Ana Park"),
        (
            "After the storm, even a senior port official said the board had erred, "
            "saying, “It cannot happen again.”",
            "senior port official",
        ),
    ],
)
def test_as_a_description_or_a_bullet_said(text: str, name: str) -> None:
    assert [n.lower() for n in speakers_of(text)] == [name.lower()]


def test_a_republic_is_nobody_he_means() -> None:
    text = (
        "Tom Reyk grew up near the harbor.\n\n"
        "Back in his mother's Velmoran Republic, “the sea decides everything,” he says."
    )
    assert speakers_of(text) == ["Tom Reyk"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "In late May, Reyk’s Velmora field director, Ana Park, contacted the board, "
            "writing in a note: “We want the pier now.”",
            "Ana Park",
        ),
        (
            "Ana Park spoke twice that week.\n\n"
            "On Velmora‘s radio hour a week before, she said, “The pier is late,” "
            "adding, “It will be done by June.”",
            "Ana Park",
        ),
        (
            "During a harbor fair in Portmore, Velm., the young engineer closed her remarks "
            "by quoting an old poem: “Every tide comes back.”",
            "young engineer",
        ),
    ],
)
def test_a_participle_subject_past_places_and_roles(text: str, name: str) -> None:
    assert set(speakers_of(text)) == {name}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Tom Reyk took the stage. The fishermen clap, and then Reyk adds: “We will build it.”",
            "Tom Reyk",
        ),
        (
            "The harbor spokesman would not say whether Tom Reyk had a favorite but said "
            "the vote was set for May, adding: “We will wait for the vote.”",
            "harbor spokesman",
        ),
    ],
)
def test_the_subject_of_a_joined_clause_speaks(text: str, name: str) -> None:
    assert speakers_of(text) == [name]


def test_a_speaker_inside_a_that_clause_is_not_the_subject() -> None:
    text = (
        "Tom Reyk attacked the Velmora Post, arguing that the weekly's Ben Voss had claimed "
        "last spring that the board was divided.\n\n“That was never true,” he said."
    )
    assert speakers_of(text) == ["Tom Reyk"]


def test_an_inverted_verb_after_a_conjunction() -> None:
    text = (
        "“The pier is fine,” Tom Reyk said.\n\n"
        "Ana Park, who sat on the board for years, praised the pier. "
        "But, said Park, “I would not build another one.”"
    )
    assert speakers_of(text) == ["Tom Reyk", "Ana Park"]


def test_a_title_with_small_words_before_its_star_is_not_speech() -> None:
    text = "“Lanterns of the Harbor” star Ana Park said the show would end next year."
    assert draft(text)["quotes"] == []


def test_more_first_names_carry_a_gender() -> None:
    text = (
        "Tom Reyk backed the pier, and so did Paula Voss.\n\n"
        "The plan also won praise in a note from Arianna Lowe.\n\n"
        "“It is a good plan,” she wrote."
    )
    assert speakers_of(text) == ["Arianna Lowe"]


def test_a_colon_sentence_opening_with_she_is_hers() -> None:
    text = (
        "Ana Park spoke on Monday.\n\n"
        "She forwarded a note from her deputy, Lisa Voss, with the words: "
        "“The pier will open in May.”"
    )
    assert speakers_of(text) == ["Ana Park"]


def test_a_stray_quotation_mark_is_no_part_of_a_speaker() -> None:
    assert clean_speaker("’ she") == "she"
    assert clean_speaker("“ Ana Park") == "Ana Park"


@pytest.mark.parametrize(
    "text",
    [
        "“The pier is ready,” said former Velmora Gov. and Port Authority Chairwoman Ana Park.",
        "“It is time we built it,” urged the evening's host, actress Ana Park.",
    ],
)
def test_the_name_after_titles_and_roles_after_the_verb(text: str) -> None:
    assert speakers_of(text) == ["Ana Park"]


def test_a_short_month_inside_a_name_is_no_date() -> None:
    assert clean_speaker("columnist Mei Jun") == "Mei Jun"
    assert clean_speaker("Ana Park Jun 5") == "Ana Park"


def test_a_name_that_looks_like_a_short_month_speaks() -> None:
    text = (
        "“The pier is late,” columnist Mei Jun wrote in the Velmora Post.\n\n"
        "Ben Voss disagreed with her.\n\n"
        "“It will stay late for years,” Jun wrote."
    )
    assert speakers_of(text) == ["Mei Jun", "Mei Jun"]
    assert clean_speaker("Jan Lowe") == "Jan Lowe"


def test_will_before_a_past_verb_is_a_name() -> None:
    text = (
        "Dana Will writes a weekly column.\n\nTom Reyk ate lunch at the pier on Monday.\n\n"
        "“The pier is a folly,” Will wrote."
    )
    assert speakers_of(text) == ["Dana Will"]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "The board met on Monday.\n\n"
            '“The pier is late," said Ana Park, a member of the board. "We will fix it.”',
            "inner-cue",
        ),
        (
            'Tom Reyk left early.\n\n"The vote can wait,” Ana Park said.\n\n'
            '"It cannot," Reyk said.',
            "inner-cue",
        ),
        (
            "Ana Park spoke to the board.\n\n“It is late,“ she said. “We go at noon.”",
            "inner-cue+pronoun",
        ),
    ],
)
def test_a_cue_inside_marks_of_two_kinds_names_the_speaker(text: str, rule: str) -> None:
    # One pair of marks holds two quoted sentences and the cue between them, where a
    # mark of the other kind closed and reopened the quotation.
    result = draft(text)
    names = {speaker["id"]: speaker["name"] for speaker in result["speakers"]}
    first = result["quotes"][0]
    assert (names[first["speaker"]], first["rule"]) == ("Ana Park", rule)


def test_a_cue_that_introduces_the_next_quotation_is_not_the_closed_ones() -> None:
    # After a quotation that ends its sentence, "X, who …, said," with the next mark
    # right after it is the next quotation's cue: the one before goes on from Park.
    text = (
        "“The pier is late,” Ana Park said of the board. “It will cost us dearly.” "
        "Of Reyk, Park, who once backed Ben Voss, said, “He is tired.”"
    )
    assert speakers_of(text) == ["Ana Park", "Ana Park", "Ana Park"]


def test_a_description_with_an_adjective_in_ed_is_whole() -> None:
    assert _clause_subject("The retired judge has given no reason") == "The retired judge"
    assert _clause_subject("The board agreed on Monday") == "The board"


def test_but_now_said_shares_the_subject_of_the_clause_before() -> None:
    text = (
        "Ana Park once backed Tom Reyk, but now said Ben Voss had “the best plan for the pier.”"
        "\n\n“He will win the vote in the spring.”"
    )
    assert speakers_of(text) == ["Ana Park", "Ana Park"]


def test_a_participle_before_its_noun_is_no_speech_verb() -> None:
    # "continued" qualifies "delays" here; the cue is "he said", in the sentence before.
    text = (
        "Tom Reyk wants the pier rebuilt. Rather, he said, continued delays at the port "
        "will hurt the town.\n\n“Nobody can wait another ten years for a pier.”"
    )
    assert speakers_of(text) == ["Tom Reyk"]


@pytest.mark.parametrize(
    "between",
    [
        "On Monday a note came from harbor chief Wendy Lane.",
        "The reply came hours later, from harbor chief Wendy Lane.",
    ],
)
def test_she_after_a_speaker_of_unknown_gender_is_the_woman_named_since(between: str) -> None:
    # Kalve's gender is told nowhere; Wendy Lane, named in between (even after "from"),
    # is surely someone "she" fits, so "she" is not taken to go on from Kalve.
    text = (
        f"“The ads will run all month,” Mats Kalve said.\n\n{between} "
        "“We will not stop,” she wrote."
    )
    assert speakers_of(text) == ["Mats Kalve", "Wendy Lane"]


@pytest.mark.parametrize(
    "text",
    [
        "“The pier is late,” said Will Dorn, a professor of harbor studies at Lumora College.",
        "“The pier is late,” Will Dorn, the chairman of the harbor board, said on Monday.",
    ],
)
def test_will_before_a_surname_is_a_first_name(text: str) -> None:
    assert speakers_of(text) == ["Will Dorn"]
    assert clean_speaker("Will Dorn") == "Will Dorn"
    assert clean_speaker("Will he run") is None


@pytest.mark.parametrize(
    "lead",
    [
        "Ana Park argued in a column that board members, even those who joined before the "
        "vote began, may change sides.",
        "Ana Park wrote that the pilots pledged to Tom Reyk, including the ones who signed "
        "up when the season began, could still walk away.",
    ],
)
def test_began_or_pledged_inside_a_clause_is_no_cue(lead: str) -> None:
    # "began" ends a time clause and "pledged to" is support: the sentence is Park's.
    text = f"{lead}\n\n“A loss in Portmore would change the whole race.”"
    assert speakers_of(text) == ["Ana Park"]


def test_pledged_to_before_the_marks_is_a_cue() -> None:
    text = "Ana Park also pledged to “take the fight to every pier” this summer."
    assert speakers_of(text) == ["Ana Park"]


@pytest.mark.parametrize(
    "lead",
    [
        "Back at the harbor office that night, he kept to his script:",
        "Asked about the new fares that evening, he shrugged:",
    ],
)
def test_a_colon_sentence_whose_subject_is_he_after_a_leading_phrase(lead: str) -> None:
    # The phrase before "he" names nobody: the colon sentence is whoever "he" is.
    text = (
        "“The ferry will run,” Tom Reyk said in Velmora Port.\n\n"
        f"{lead} “The pier comes first. No more delays!”"
    )
    assert speakers_of(text) == ["Tom Reyk", "Tom Reyk"]


# Round 8
def test_a_city_or_a_county_is_nobody_he_means() -> None:
    # "Harbor City" is a place the aside names, not a man; "he" is the one who noted it.
    text = (
        "“The tide is late,” Dana Kell said at the dock.\n\n"
        "Orlund noted that Kell spoke near the old fish hall. (Bad press from the fair "
        "helped Harbor City win the vote, and Brant County followed.)\n\n"
        "“Every road leads through Harbor City,” he said."
    )
    assert speakers_of(text) == ["Dana Kell", "Orlund"]


def test_a_colon_sentence_naming_an_outfit_introduces_the_paragraph_below() -> None:
    # No person opens the colon sentence: the outfit and its verb speak below it.
    text = (
        "The Lumora Trust describes its aims this way:\n\n"
        "“We plant trees where the harbor floods, and we count every one.”"
    )
    assert speakers_of(text) == ["Lumora Trust"]


@pytest.mark.parametrize(
    ("lead", "speaker"),
    [
        ("The tide survey came out on Monday. From the survey:", "survey"),
        ("Tides are rising - more from Ana Park and Tom Reyk:", "Ana Park"),
        ("More from Ana Park:", "Ana Park"),
    ],
)
def test_from_a_source_before_a_colon_names_it(lead: str, speaker: str) -> None:
    # A roundup cites where the words come from: "From the survey: “…”".
    text = f"{lead} “Most piers will flood by the spring of next year.”"
    assert speakers_of(text) == [speaker]


def test_said_according_to_a_report_keeps_the_speaker_and_names_the_report() -> None:
    # The words are Park's; the cue says whose report carries them.
    text = (
        "Ana Park spoke to harbor pilots on Monday.\n\n"
        "“We will not close the quay,” Park said, according to the Lumora Herald.\n\n"
        "“The quay stays open,” Tom Reyk said.\n"
    )
    story = draft(text)
    assert speakers_of(text) == ["Ana Park", "Tom Reyk"]
    assert [quote["cue"] for quote in story["quotes"]] == [
        "said, according to the Lumora Herald",
        "said",
    ]


# Session 12: subjects, owners, appositions and names the train errors showed.
def test_a_speaker_in_a_clause_of_the_sentence_is_not_its_subject() -> None:
    # "when Tasker asked …" is a clause of a sentence about Reyk.
    text = (
        "Paul Reyk spoke at the harbor on Monday. Reyk also did not sound sure when "
        "Jon Tasker asked whether the quay would open. “It is hard to say,” he said."
    )
    assert speakers_of(text) == ["Paul Reyk"]


def test_owners_before_the_pronoun_of_a_sentence_are_not_what_it_means() -> None:
    text = (
        "Among the volunteers is Wayne Borden, a pilot who left his job in May. "
        "Dismayed by Ben Voss's years in office and inspired by Tom Reyk's plans, he's "
        "committed to the harbor. “I knock on doors every day,” he said."
    )
    assert speakers_of(text) == ["Wayne Borden"]


def test_an_owner_opening_the_sentence_is_still_its_topic() -> None:
    text = (
        "“The vote is close,” said Mara Lind of the harbor board.\n\n"
        "Ana Park's fate is still unclear, but she said last week that she would run. "
        "“I am going to win,” she said."
    )
    assert speakers_of(text) == ["Mara Lind", "Ana Park"]


@pytest.mark.parametrize(
    "subject",
    [
        "Ana Park and Tom Reyk, both Liberals,",
        "harbor chief Ana Park and port director Tom Reyk, both Liberals,",
        "harbor chief Ana Park and port director Tom Reyk",
    ],
)
def test_two_people_speaking_together_are_the_first_named(subject: str) -> None:
    text = f"“We will keep the quay open,” {subject} said in a statement."
    assert speakers_of(text) == ["Ana Park"]


def test_a_name_with_a_joined_particle_is_one_name_and_a_modifier_none() -> None:
    text = (
        "Before the vote, the Velmora-linked Islamic cleric Omar al-Rashid, who died in "
        "2011, is shown lecturing: “Take heed and learn from the lessons of history.”"
    )
    assert speakers_of(text) == ["Omar al-Rashid"]


def test_a_pro_or_anti_word_names_nobody_a_pronoun_means() -> None:
    text = (
        "Pro-Velmora State backers urged attacks on the port. A reporter for the Lumora "
        "Times called it chaos. “We saw debris flying around,” he said."
    )
    assert speakers_of(text) == ["Unattributed"]


def test_a_lone_name_with_a_relative_clause_is_the_subject_a_pronoun_means() -> None:
    text = (
        "“Change the harbor,” Dana Kell said. Meanwhile Ilsabet, who was given the "
        "harbor award, spoke about the tide. “Learn the tide and you are safe,” she said."
    )
    assert speakers_of(text) == ["Dana Kell", "Ilsabet"]


def test_a_nickname_in_quotation_marks_is_part_of_the_name() -> None:
    text = 'Juan "Chico" Marquez of Velmora carried a photo. "I cried the whole parade," he said.'
    assert speakers_of(text) == ['Juan "Chico" Marquez']


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tom Reyk said so.", "Tom Reyk"),
        ("Omar al-Rashid spoke.", "Omar al-Rashid"),
        ('Juan "Chico" Marquez said it.', 'Juan "Chico" Marquez'),
        ("Ana Park and Kael Voss ran.", "Ana Park and Kael Voss"),
    ],
)
def test_a_name_ends_with_its_last_word_on_every_python(text: str, name: str) -> None:
    # CPython 3.11.2 (Debian 12's python3, which CI runs) took the space after a name
    # into it when the pattern used a possessive repeat of a group with a lookahead.
    found = NAME.match(text)
    assert found is not None and found.group(0) == name


# Roles and descriptions linked to the named person: "the candidate" after "Ana Park"
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # the description after the quotation
            "Mara Voss said on Friday that the bridge would open in May. “We have "
            "waited long enough,” the Velmora senator said at a rally.",
            "Mara Voss",
        ),
        (  # before it, with a name in its own sentence that it speaks to
            "Tom Reyk says he is ready to run again. The former governor told Harbor "
            "Radio that “the port needs a plan.”",
            "Tom Reyk",
        ),
        (  # a name in a phrase of its own sentence is who it speaks with
            "Ana Park spent the day in Lumora.\n\nOn a call with the editor Ben Lowe, the "
            "former mayor said “the vote is close.”",
            "Ana Park",
        ),
        (  # a sentence that names her, then the quotation
            "Carla Diaz toured the port. “We will fund it,” the billionaire businesswoman "
            "told the crowd.",
            "Carla Diaz",
        ),
        (  # a gendered head skips the man named last
            "Ana Park met Tom Reyk on Monday. Tom Reyk left early. “We agreed on "
            "nothing,” the actress said.",
            "Ana Park",
        ),
    ],
)
def test_a_definite_description_is_the_person_named_before(text: str, speaker: str) -> None:
    result = draft(text)
    names = {entry["id"]: entry["name"] for entry in result["speakers"]}
    (quote,) = result["quotes"]
    assert names[quote["speaker"]] == speaker
    assert quote["rule"].endswith("+description")
    # The text calls the person so: the description is one of their aliases.
    (entry,) = [entry for entry in result["speakers"] if entry["id"] == quote["speaker"]]
    assert any(alias.lower().startswith("the ") for alias in entry["aliases"])


@pytest.mark.parametrize(
    "text",
    [
        # someone the text leaves unnamed stays a description
        "Ana Park spoke first. “The data are clear,” the official said.",
        # an indefinite description brings in somebody new
        "Ana Park spoke first. “The data are clear,” a senator said.",
        # "the other candidate" is not the one named
        "Ana Park spoke first. “The data are clear,” the other candidate said.",
        # nobody named before: the description stands alone
        "“The data are clear,” the senator said.",
    ],
)
def test_a_description_of_someone_unnamed_stays_a_description(text: str) -> None:
    result = draft(text)
    names = {entry["id"]: entry["name"] for entry in result["speakers"]}
    (quote,) = result["quotes"]
    assert names[quote["speaker"]] != "Ana Park"
    assert not quote["rule"].endswith("+description")


def test_a_title_given_in_the_text_wins_over_the_sentence_before() -> None:
    text = (
        "Sen. Ana Park opened the debate. Tom Reyk answered her on Monday. “We "
        "disagree,” the senator said."
    )
    assert speakers_of(text) == ["Ana Park"]


# 6. Junk speakers: a description keeps its phrase, and a stray word is nobody
@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        (  # a title word, then the description's phrase
            "“The numbers do not add up,” said one Republican familiar with the bid, a "
            "banker in Lumora.",
            "Republican familiar with the bid",
            "person",
        ),
        (
            "“We will match every dollar,” said one donor involved in the ferry drive.",
            "donor involved in the ferry drive",
            "person",
        ),
        (  # an aide close to the harbor board is a person, not the board
            "“The vote is split,” an aide close to the harbor board said on Monday.",
            "aide close to the harbor board",
            "person",
        ),
        (
            "“I kept the keys,” said the former officer known as Sam, breaking a long silence.",
            "former officer known as Sam",
            "person",
        ),
        (  # a day after a bare determiner modifies what speaks
            "“The ferry plan deserves a vote,” reads a Sunday editorial in the Velmora Herald.",
            "Sunday editorial",
            None,
        ),
        (  # a title in quotation marks cut the description short
            "“Ferries must run all night,” wrote the authors of the “Harbor Plan,” citing "
            "two cases.",
            "authors",
            None,
        ),
    ],
)
def test_a_description_keeps_its_phrase_and_ends_on_a_word(
    text: str, speaker: str, kind: str | None
) -> None:
    result = draft(text)
    entries = {entry["id"]: entry for entry in result["speakers"]}
    (quote,) = result["quotes"]
    assert entries[quote["speaker"]]["name"] == speaker
    if kind is not None:
        assert entries[quote["speaker"]]["kind"] == kind


def test_a_title_of_a_chamber_before_a_name_is_the_persons() -> None:
    text = (
        "“The ferry stays,” said Council Majority Whip Ana Park (R-Vel.) on the radio. "
        "“It is settled.”"
    )
    assert speakers_of(text) == ["Ana Park", "Ana Park"]


def test_the_subject_of_a_clause_that_says_she_is_linked_to_the_one_named() -> None:
    text = (
        "“The ferry is ours,” Ana Park said. The veteran mayor said she seldom lends her "
        "name to campaigns, “except for friends I trust.”"
    )
    assert speakers_of(text) == ["Ana Park", "Ana Park"]


@pytest.mark.parametrize(
    "description",
    ["her family physician", "an old school friend", "the forum moderator",
     "a person close to the mayor", "the investor"],
)  # fmt: skip
def test_a_description_of_one_person_is_a_person(description: str) -> None:
    assert kind_of(description) == "person"
