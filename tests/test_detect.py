"""The detector on our own sentences in the style of CIS criminal codes (English and Russian)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawcompare.cli.main import main
from lawcompare.detect.engine import DetectionResult, detect
from lawcompare.detect.text import normalise
from lawcompare.errors import LawcompareError

EN_FULL = (
    "Article 128. Trafficking in persons\n"
    "1. The recruitment, transportation, transfer, harbouring or receipt of a person by means of threat, "
    "use of force, deception or abuse of a position of vulnerability, for the purpose of sexual "
    "exploitation, forced labour or removal of organs, irrespective of the victim's consent, shall be "
    "punished by deprivation of liberty for a term of five to ten years.\n"
    "2. The same act committed against a minor shall be punished by deprivation of liberty for a term of "
    "eight to fifteen years with confiscation of property.\n"
)

RU_FULL = (
    "Статья 128. Торговля людьми\n"
    "1. Вербовка, перевозка, передача, укрывательство или получение человека путем угрозы, применения "
    "насилия или обмана в целях сексуальной эксплуатации наказывается лишением свободы на срок от пяти "
    "до десяти лет с конфискацией имущества.\n"
)


def _check_spans(text: str, result: DetectionResult) -> None:
    """Every evidence span slices the original text to exactly the reported words."""
    assert result.text == text
    for ev in result.evidence:
        assert 0 <= ev.start < ev.end <= len(text)
        assert text[ev.start:ev.end] == ev.text, ev


def _words(result: DetectionResult, criterion: str) -> list[str]:
    return [e.text for e in result.evidence if e.criterion == criterion]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", EN_FULL, {
            "act.recruitment": "recruitment",
            "act.transportation": "transportation",
            "act.transfer": "transfer",
            "act.harbouring": "harbouring",
            "act.receipt": "receipt",
            "means.threat": "threat",
            "means.force": "use of force",
            "means.deception": "deception",
            "means.abuse_of_vulnerability": "position of vulnerability",
            "purpose.sexual_exploitation": "sexual exploitation",
            "purpose.forced_labour": "forced labour",
            "purpose.organ_removal": "removal of organs",
            "consent.irrelevant": "irrespective of the victim's consent",
            "penalty.aggravation.child": "minor",
            "penalty.confiscation": "confiscation",
        }),
        ("ru", RU_FULL, {
            "act.recruitment": "Вербовка",
            "act.transportation": "перевозка",
            "act.transfer": "передача",
            "act.harbouring": "укрывательство",
            "act.receipt": "получение",
            "means.threat": "угрозы",
            "means.force": "насилия",
            "means.deception": "обмана",
            "purpose.sexual_exploitation": "сексуальной эксплуатации",
            "penalty.confiscation": "конфискацией",
        }),
    ],
)
def test_elements_found_with_spans(lang: str, text: str, expected: dict[str, str]) -> None:
    result = detect(text, lang=lang)
    _check_spans(text, result)
    for crit, words in expected.items():
        assert words in _words(result, crit), (crit, _words(result, crit))
    # nothing beyond what the text says
    assert result.ids() == set(expected)


@pytest.mark.parametrize(
    ("lang", "text", "present", "absent"),
    [
        # victim of trafficking not liable for prostitution: non-punishment, not a purpose
        ("en", "Article 128. Trafficking in persons\nNote. A victim of trafficking in persons shall not be "
               "liable for prostitution or for illegal crossing of the border committed as a result of being "
               "trafficked.\n",
         {"victim.non_punishment"}, {"purpose.prostitution_of_others", "act.transportation"}),
        ("ru", "Статья 128. Торговля людьми\nПримечание. Жертва торговли людьми освобождается от "
               "ответственности за занятие проституцией.\n",
         {"victim.non_punishment"}, {"purpose.prostitution_of_others"}),
        # consent irrelevant
        ("en", "Article 128. Trafficking in persons\n1. The recruitment of a person for the purpose of "
               "exploitation, irrespective of the victim's consent, shall be punished.\n",
         {"consent.irrelevant", "act.recruitment"}, set()),
        ("ru", "Статья 128. Торговля людьми\n1. Вербовка человека в целях эксплуатации независимо от "
               "согласия потерпевшего наказывается лишением свободы.\n",
         {"consent.irrelevant", "act.recruitment"}, set()),
    ],
)
def test_context_cases(lang: str, text: str, present: set[str], absent: set[str]) -> None:
    result = detect(text, lang=lang)
    _check_spans(text, result)
    assert present <= result.ids(), result.ids()
    assert not (absent & result.ids()), result.ids()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # smuggling / illegal migration
        ("en", "Article 330. Organisation of illegal migration\n1. Organising the illegal transportation of "
               "foreign citizens across the state border, their harbouring and the transfer of them for profit "
               "shall be punished by deprivation of liberty for up to three years.\n"),
        ("ru", "Статья 330. Организация незаконной миграции\n1. Организация незаконной перевозки иностранных "
               "граждан через государственную границу, их укрывательство с целью наживы наказывается "
               "лишением свободы на срок до трех лет.\n"),
        # drug trafficking
        ("en", "Article 259. Illegal trafficking in narcotic drugs\n1. The illegal acquisition, "
               "transportation, transfer or sale of narcotic drugs shall be punished by deprivation of "
               "liberty for up to five years.\n"),
        ("ru", "Статья 259. Незаконный оборот наркотических средств\n1. Незаконное приобретение, перевозка "
               "или передача наркотических средств наказывается лишением свободы на срок до пяти лет.\n"),
    ],
)
def test_non_trafficking_offences_yield_no_act(lang: str, text: str) -> None:
    result = detect(text, lang=lang)
    acts = {i for i in result.ids() if i.startswith(("act.", "means.", "purpose."))}
    assert acts == set()
    assert result.penalties  # the sanction is still read


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Article 128. Trafficking in persons\n3. Victims of trafficking in persons shall receive "
               "protection and assistance, including safety from threats, deception and violence.\n"),
        ("ru", "Статья 128. Торговля людьми\n3. Жертвам торговли людьми предоставляется защита и помощь, "
               "включая безопасность от угроз, обмана и насилия.\n"),
    ],
)
def test_victim_protection_words_are_not_means(lang: str, text: str) -> None:
    result = detect(text, lang=lang)
    assert not {i for i in result.ids() if i.startswith("means.")}, result.ids()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Article 128. Trafficking in persons\nNote. A person who voluntarily released the victim of "
               "trafficking in persons shall be exempt from criminal liability.\n"),
        ("ru", "Статья 128. Торговля людьми\nПримечание. Лицо, добровольно освободившее жертву торговли "
               "людьми, освобождается от уголовной ответственности.\n"),
    ],
)
def test_offender_exemption_is_not_non_punishment(lang: str, text: str) -> None:
    result = detect(text, lang=lang)
    assert "victim.non_punishment" not in result.ids()


def test_en_non_punishment_span_is_in_the_clause() -> None:
    text = ("Article 128. Trafficking in persons\nNote. A victim of trafficking in persons shall not be liable "
            "for prostitution committed as a result of being trafficked.\n")
    result = detect(text, lang="en")
    (ev,) = [e for e in result.evidence if e.criterion == "victim.non_punishment"]
    clause_start = text.index("Note.")
    assert clause_start <= ev.start < ev.end <= len(text)
    assert text[ev.start:ev.end] == ev.text


@pytest.mark.parametrize(
    ("lang", "text", "criterion", "words"),
    [
        ("en", "Article 128. Trafficking in persons\n1. The recrutment of a person for the purpose of "
               "exploitation shall be punished.\n", "act.recruitment", "recrutment"),
        # Latin "a" at the end of a Cyrillic word
        ("ru", "Статья 128. Торговля людьми\n1. Вербовкa человека в целях эксплуатации наказывается "
               "лишением свободы.\n", "act.recruitment", "Вербовкa"),
        # line-break hyphenation
        ("ru", "Статья 128. Торговля людьми\n1. Вербовка или пере-\nвозка человека в целях эксплуатации "
               "наказывается лишением свободы.\n", "act.transportation", "пере-\nвозка"),
        ("en", "Article 128. Trafficking in persons\n1. The recruitment or transpor-\ntation of a person for the "
               "purpose of exploitation shall be punished.\n", "act.transportation", "transpor-\ntation"),
    ],
)
def test_ocr_damage_still_found_with_original_spans(lang: str, text: str, criterion: str, words: str) -> None:
    result = detect(text, lang=lang)
    _check_spans(text, result)
    evs = [e for e in result.evidence if e.criterion == criterion]
    assert [e.text for e in evs] == [words]
    assert evs[0].start == text.index(words)


def test_fuzzy_flag_on_misspelling_only() -> None:
    text = ("Article 128. Trafficking in persons\n1. The recrutment or transportation of a person for the "
            "purpose of exploitation shall be punished.\n")
    by = detect(text, lang="en").by_criterion()
    assert by["act.recruitment"][0].fuzzy is True
    assert by["act.transportation"][0].fuzzy is False


def test_normalise_offsets_map_back() -> None:
    original = "Вербовкa и пере-\nвозка «людей» — ёлка"
    doc = normalise(original)
    assert "вербовка" in doc.text.lower() and "перевозка" in doc.text
    assert "ё" not in doc.text and "—" not in doc.text
    i = doc.text.index("перевозка")
    start, end = doc.to_original(i, i + len("перевозка"))
    assert original[start:end] == "пере-\nвозка"


def test_penalties_in_detection_result() -> None:
    result = detect(EN_FULL, lang="en")
    assert [(p.part, p.min_years, p.max_years, p.confiscation) for p in result.penalties] == [
        ("1", 5.0, 10.0, False), ("2", 8.0, 15.0, True)]


def test_as_json_shape_and_order(palermo) -> None:
    data = detect(EN_FULL, lang="en").as_json(order=palermo.ids())
    ids = [c["id"] for c in data["criteria"]]
    assert ids == [i for i in palermo.ids() if i in set(ids)]
    assert ids[0] == "act.recruitment"


def test_unsupported_language() -> None:
    with pytest.raises(LawcompareError, match="unsupported language"):
        detect("Article 1. Text", lang="de")


def test_non_string_input() -> None:
    with pytest.raises(LawcompareError):
        detect(b"bytes", lang="en")  # type: ignore[arg-type]


def test_empty_text() -> None:
    result = detect("", lang="en")
    assert result.evidence == [] and result.penalties == []


# --- CLI -------------------------------------------------------------------------------------


def test_cli_detect_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "article.txt"
    f.write_text(RU_FULL, encoding="utf-8")
    rc = main(["detect", str(f), "--lang", "ru", "--format", "json"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    data = json.loads(out)  # exactly one JSON object, nothing else on stdout
    assert isinstance(data, dict) and set(data) == {"criteria", "penalties"}
    assert data["criteria"]
    for c in data["criteria"]:
        assert set(c) == {"id", "spans"}
        for s in c["spans"]:
            assert set(s) == {"start", "end", "text"}
            assert RU_FULL[s["start"]:s["end"]] == s["text"]
    assert any(c["id"] == "act.recruitment" and c["spans"][0]["text"] == "Вербовка" for c in data["criteria"])
    assert data["penalties"] == [
        {"part": "1", "min_years": 5.0, "max_years": 10.0, "life": False, "confiscation": True}]


def test_cli_detect_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "article.txt"
    f.write_text(EN_FULL, encoding="utf-8")
    rc = main(["detect", str(f)])
    out, _err = capsys.readouterr()
    assert rc == 0
    assert "act.recruitment" in out and "'recruitment'" in out
    assert "part 1: 5 to 10 years" in out


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"Article 128.\x00\x01 binary", "NUL"),
        ("Статья 128. Торговля людьми\nвторая строка ".encode("cp1251"), "UTF-8"),
    ],
)
def test_cli_detect_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes,
                              needle: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    rc = main(["detect", str(f), "--lang", "ru", "--format", "json"])
    out, err = capsys.readouterr()
    assert rc == 1
    assert out == ""
    assert err.startswith("error: ") and str(f) in err and needle in err
    assert "Traceback" not in err


def test_cli_detect_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["detect", str(tmp_path / "absent.txt")])
    _out, err = capsys.readouterr()
    assert rc == 1 and "cannot read" in err


def test_cli_detect_unsupported_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Article 1.", encoding="utf-8")
    rc = main(["detect", str(f), "--lang", "de"])
    _out, err = capsys.readouterr()
    assert rc == 2 and "de" in err
