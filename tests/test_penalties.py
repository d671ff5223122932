"""Sanction extraction from English and Russian part texts, and the record-vs-text check."""

from __future__ import annotations

import pytest

from lawcompare.detect.penalties import extract_part, extract_penalties, penalty_disagreements
from lawcompare.records.models import Provision

EN = "en"
RU = "ru"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # (min_years, max_years, life, confiscation)
        (EN, "1. Such an act shall be punished by deprivation of liberty for a term of five to ten years.",
         (5.0, 10.0, False, False)),
        (EN, "1. Such an act shall be punished by imprisonment for up to two years.", (None, 2.0, False, False)),
        (EN, "1. Such an act shall be punished by deprivation of liberty for a term of fifteen to twenty years "
             "or for life.", (15.0, 20.0, True, False)),
        (EN, "1. Such an act shall be punished by life imprisonment.", (None, None, True, False)),
        (EN, "1. Such an act shall be punished by deprivation of liberty for a term of eight to fifteen years "
             "with confiscation of property.", (8.0, 15.0, False, True)),
        (EN, "1. Such an act shall be punished by deprivation of liberty for six months to three years.",
         (0.5, 3.0, False, False)),
        (EN, "1. Such an act shall be punished by deprivation of liberty for a term of 3 to 7 years.",
         (3.0, 7.0, False, False)),
        (RU, "1. Деяние наказывается лишением свободы на срок от пяти до десяти лет.", (5.0, 10.0, False, False)),
        (RU, "1. Деяние наказывается лишением свободы на срок до трех лет.", (None, 3.0, False, False)),
        (RU, "1. Деяние наказывается лишением свободы на срок от восьми до пятнадцати лет с конфискацией "
             "имущества.", (8.0, 15.0, False, True)),
        (RU, "1. Деяние наказывается лишением свободы на срок от пятнадцати до двадцати лет либо пожизненным "
             "лишением свободы.", (15.0, 20.0, True, False)),
        (RU, "1. Деяние наказывается пожизненным лишением свободы.", (None, None, True, False)),
        (RU, "1. Деяние наказывается лишением свободы на срок от шести месяцев до двух лет.",
         (0.5, 2.0, False, False)),
        (RU, "1. Деяние наказывается лишением свободы на срок до трех лет с конфискацией имущества.",
         (None, 3.0, False, True)),
    ],
)
def test_sanctions(lang: str, text: str, expected: tuple) -> None:
    (pen,) = extract_penalties(text, lang)
    assert (pen.min_years, pen.max_years, pen.life, pen.confiscation) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (EN, "1. Such an act shall be punished by restriction of liberty for up to three years."),
        (EN, "1. Such an act shall be punished by correctional labour for up to two years or by a fine."),
        (EN, "1. Such an act shall be punished by restriction of liberty for up to three years or correctional "
             "labour for up to two years."),
        (RU, "1. Деяние наказывается исправительными работами на срок до двух лет."),
        (RU, "1. Деяние наказывается ограничением свободы на срок до трех лет."),
        (RU, "1. Деяние наказывается исправительными работами на срок до двух лет либо ограничением свободы на "
             "срок до трех лет."),
    ],
)
def test_non_custodial_only_has_no_imprisonment(lang: str, text: str) -> None:
    (pen,) = extract_penalties(text, lang)
    assert pen.max_years is None and pen.min_years is None and pen.life is False


def test_non_custodial_before_imprisonment_does_not_leak() -> None:
    text = ("1. Such an act shall be punished by restriction of liberty for up to seven years or by deprivation "
            "of liberty for up to two years.")
    (pen,) = extract_penalties(text, EN)
    assert pen.max_years == 2.0


def test_no_sanction_no_penalty() -> None:
    assert extract_penalties("Whoever recruits a person for exploitation commits an offence.", EN) == []
    assert extract_part("Вербовка человека в целях эксплуатации.", RU) is None


@pytest.mark.parametrize(
    ("lang", "text", "labels"),
    [
        (EN, "1. A shall be punished by imprisonment for up to two years.\n"
             "2. B shall be punished by imprisonment for a term of three to seven years.\n", ["1", "2"]),
        (EN, "Part 1. A shall be punished by imprisonment for up to two years.\n"
             "Part 2. B shall be punished by imprisonment for a term of three to seven years.\n", ["1", "2"]),
        (EN, "(1) A shall be punished by imprisonment for up to two years.\n"
             "(2) B shall be punished by imprisonment for a term of three to seven years.\n", ["1", "2"]),
        (RU, "ч.2. Деяние наказывается лишением свободы на срок до двух лет.\n"
             "ч.3. Деяние наказывается лишением свободы на срок от трех до семи лет.\n", ["2", "3"]),
        (RU, "Часть 1. Деяние наказывается лишением свободы на срок до двух лет.\n"
             "Часть 2. Деяние наказывается лишением свободы на срок от трех до семи лет.\n", ["1", "2"]),
        # parts numbered with the article's number, as in the Azerbaijani code: the part's own number
        (EN, "145.1. A is punishable by imprisonment for a period of up to two years.\n"
             "145.2. B is punishable by imprisonment for a period from three to seven years.\n", ["1", "2"]),
        (RU, "144-1.2. Деяние наказывается лишением свободы на срок до двух лет.\n"
             "144-1.3. Деяние наказывается лишением свободы на срок от трех до семи лет.\n", ["2", "3"]),
    ],
)
def test_part_numbering(lang: str, text: str, labels: list[str]) -> None:
    pens = extract_penalties(text, lang)
    assert [p.part for p in pens] == labels
    assert [(p.min_years, p.max_years) for p in pens] == [(None, 2.0), (3.0, 7.0)]


def test_points_do_not_start_parts() -> None:
    text = ("1. Recruitment for exploitation shall be punished by imprisonment for up to five years.\n"
            "2. The same act committed:\n"
            "1) against a minor;\n"
            "2) by an organised group,\n"
            "shall be punished by imprisonment for a term of eight to twelve years.\n")
    pens = extract_penalties(text, EN)
    assert [(p.part, p.max_years) for p in pens] == [("1", 5.0), ("2", 12.0)]


def test_penalty_span_points_at_sanction() -> None:
    text = "1. Recruitment for exploitation shall be punished by imprisonment for up to five years."
    (pen,) = extract_penalties(text, EN)
    assert text[pen.start:pen.end].startswith("punished")
    assert set(pen.as_json()) == {"part", "min_years", "max_years", "life", "confiscation"}


def _provision(text: str, dol: dict | None, confiscation: str = "none") -> Provision:
    return Provision.model_validate({
        "id": "art128.1", "kind": "part", "text": text,
        "penalty": {"deprivation_of_liberty": dol, "confiscation": confiscation},
    })


def test_penalty_disagreements_flags_max() -> None:
    prov = _provision("Recruitment for exploitation shall be punished by deprivation of liberty for a term of "
                      "three to seven years.", {"min_years": 3, "max_years": 5})
    problems = penalty_disagreements(prov)
    assert problems == ["text says imprisonment max 7.0 years, penalty says 5.0"]


def test_penalty_disagreements_agreement_is_silent() -> None:
    prov = _provision("Recruitment for exploitation shall be punished by deprivation of liberty for a term of "
                      "three to seven years.", {"min_years": 3, "max_years": 7})
    assert penalty_disagreements(prov) == []


def test_penalty_disagreements_min_life_confiscation() -> None:
    prov = _provision("The same act shall be punished by deprivation of liberty for a term of ten to fifteen "
                      "years or for life with confiscation of property.", {"min_years": 8, "max_years": 15})
    problems = penalty_disagreements(prov)
    assert len(problems) == 3
    assert any("min 10.0" in p for p in problems)
    assert any("life imprisonment" in p for p in problems)
    assert any("confiscation" in p for p in problems)


def test_penalty_disagreements_ignores_text_without_sanction() -> None:
    prov = _provision("The same act committed against a minor.", {"min_years": 3, "max_years": 5})
    assert penalty_disagreements(prov) == []


def test_older_translation_chastised_from_till() -> None:
    text = ("(1) The recruiting of a human for his exploitation, -\nshall be chastised by deprivation of freedom for a "
            "period from four till ten years with confiscation of property or without such.")
    (pen,) = extract_penalties(text, EN)
    assert (pen.part, pen.min_years, pen.max_years, pen.confiscation) == ("1", 4.0, 10.0, True)


def test_a_threat_of_punishment_does_not_close_an_unnumbered_part() -> None:
    # Uzbek layout: parts are not numbered; each ends with its sanction. "The threat of any punishment"
    # in the offence's own words is no sanction
    text = ("Article 148-2. Forced labour\nCompelling a person to perform work under the threat of any punishment, "
            "committed after an administrative penalty for the same act, -\nshall be punished with a fine or "
            "correctional labour for up to two years.\nThe same act committed in respect of a minor, -\nshall be "
            "punished with restriction of liberty from two to five years or imprisonment for up to three years.")
    pens = extract_penalties(text, EN)
    assert [(p.part, p.max_years) for p in pens] == [("1", None), ("2", 3.0)]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # "shall entail" opens a sanction as "shall be punished" does
    (EN, "(1) Recruitment of a person for forced labour, carried out through fraud, -\nshall entail deprivation of "
         "liberty for four to eight years.", (4.0, 8.0, False)),
    # "пожизненным заключением" (the Moldovan code's wording) is life imprisonment
    (RU, "(3) Те же действия — наказываются лишением свободы на срок от 15 до 20 лет или пожизненным заключением.",
     (15.0, 20.0, True)),
    # "the same term" is the term of the sanction just before it, not an arrest's months further back
    (RU, "1. Вербовка людей — наказывается арестом на срок до трех месяцев, или ограничением свободы на срок до двух "
         "лет, или лишением свободы на тот же срок.", (None, 2.0, False)),
])
def test_other_sanction_wordings(lang: str, text: str, expected: tuple) -> None:
    (pen,) = extract_penalties(text, lang)
    assert (pen.min_years, pen.max_years, pen.life) == expected


def test_parts_numbered_like_points_with_the_sanction_on_the_next_line() -> None:
    text = ("Article 132. Recruitment of people for the purpose of exploitation\n"
            "1) Recruitment of people for the purpose of sexual exploitation, committed by deception, -\n"
            "shall be punished by a fine or by imprisonment for a term of two to five years.\n"
            "2) The same act committed:\na) against a minor;\nb) by a group of persons by prior conspiracy, -\n"
            "shall be punished by imprisonment for a term of five to eight years.")
    assert [(p.part, p.max_years) for p in extract_penalties(text, EN)] == [("1", 5.0), ("2", 8.0)]
    # points "1)" "2)" of one part, one sanction after them: still points
    points = ("1. Recruitment of people for exploitation committed:\n1) by deception;\n2) against a minor, -\n"
              "shall be punished by imprisonment for a term of two to five years.")
    assert [(p.part, p.max_years) for p in extract_penalties(points, EN)] == [("1", 5.0)]
