"""Reading statute_version records: a valid minimal record loads; schema errors name file, line, field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import PART1_TEXT, line_of, minimal_record, set_path, write_record

from lawcompare.records.load import dotted, read_record
from lawcompare.records.models import Penalty, StatuteVersion, Version, YearRange


def _one_error(path: Path):
    record, errors = read_record(path)
    assert record is None
    assert errors, "expected at least one error"
    return errors


def test_minimal_record_loads(record_dir: Path) -> None:
    path = write_record(record_dir)
    record, errors = read_record(path)
    assert errors == []
    assert isinstance(record, StatuteVersion)
    assert record.file == str(path)
    assert record.key == "kz-cc-2099@2010-01-01"
    assert record.jurisdiction == "KZ"
    assert record.version.in_force_to == dt.date(2014, 12, 31)
    assert record.translation.unofficial is True
    assert [p.id for p in record.iter_provisions()] == ["art128", "art128.1", "art128.2"]
    part1 = record.provision("art128.1")
    assert part1 is not None and part1.text == PART1_TEXT
    assert part1.article_id == "art128"
    assert part1.penalty is not None and part1.penalty.max_imprisonment == 7
    assert record.provision("art999") is None
    assert record.source("src1") is not None and record.source("nope") is None
    # line numbers are remembered
    assert record.line_of("provisions", 0, "children", 1, "id") == line_of(path, "id: art128.2")


def test_hand_written_record_in_documented_format_loads(record_dir: Path) -> None:
    path = record_dir / "kz-cc-2098@2003-08-01.yaml"
    path.write_text(
        """\
record: statute_version
jurisdiction: KZ
instrument:
  id: kz-cc-2098
  type: criminal_code
  title_en: Example Code
  number: 167
  adopted: 1997-07-16
version:
  in_force_from: 2003-08-01
  amended_by:
    - {title_en: Amending law, number: "459-II", date: 2003-07-10}
translation:
  unofficial: true
  translator: lawcompare tests
sources:
  - {id: s1, kind: seed, document: 003_x.txt, lines: "1-2"}
provisions:
  - id: art130-1
    kind: article
    label: Article 130-1
    heading: Sale of a person
    topics: [trafficking_in_persons, trafficking_in_minors]
    text_basis: reconstruction
    sources: [{ref: s1, lines: "2"}]
    text: >-
      The sale of a person shall be punished by deprivation of liberty for life.
    penalty:
      deprivation_of_liberty: {min_years: 15, max_years: null, life: true}
      confiscation: optional
    children:
      - {id: art130-1.note, kind: note, text: A victim shall not be liable.}
    annotations:
      - {criterion: act.transfer, words: sale of a person, coder: tests, date: 2026-11-25}
""",
        encoding="utf-8",
    )
    record, errors = read_record(path)
    assert errors == []
    assert isinstance(record, StatuteVersion)
    assert record.instrument.number == "167"  # ints become strings
    art = record.provision("art130-1")
    assert art is not None
    assert art.penalty is not None and art.penalty.max_imprisonment == float("inf")
    assert art.penalty.deprivation_of_liberty is not None
    assert art.penalty.deprivation_of_liberty.describe() == "at least 15 years or life"
    assert record.version.in_force_to is None
    assert record.version.covers(dt.date(2030, 1, 1))


def _error_for(record_dir: Path, data: dict) -> tuple[Path, list]:
    path = write_record(record_dir, data)
    return path, _one_error(path)


def test_wrong_date_quoted(record_dir: Path) -> None:
    data = set_path(minimal_record(), ("version", "in_force_from"), "2014-13-01")
    path, errors = _error_for(record_dir, data)
    err = next(e for e in errors if e.field == "version.in_force_from")
    assert err.file == str(path)
    assert err.line == line_of(path, "in_force_from")
    assert "2014-13-01" in err.message
    assert str(err).startswith(f"{path}:{err.line}: version.in_force_from:")


def test_wrong_date_unquoted(record_dir: Path) -> None:
    path = write_record(record_dir)
    text = path.read_text(encoding="utf-8").replace("in_force_from: 2010-01-01", "in_force_from: 2014-13-01")
    path.write_text(text, encoding="utf-8")
    errors = _one_error(path)
    assert errors[0].line == line_of(path, "in_force_from")


def test_unknown_field_typo(record_dir: Path) -> None:
    data = minimal_record()
    art = data["provisions"][0]
    art["headnig"] = art.pop("heading")
    path, errors = _error_for(record_dir, data)
    assert len(errors) == 1
    err = errors[0]
    assert err.file == str(path)
    assert err.line == line_of(path, "headnig")
    assert err.field == "provisions[0] (art128).headnig"
    assert "unknown field" in err.message


def test_penalty_min_greater_than_max(record_dir: Path) -> None:
    data = set_path(minimal_record(), ("provisions", 0, "children", 0, "penalty", "deprivation_of_liberty"),
                    {"min_years": 8, "max_years": 5})
    path, errors = _error_for(record_dir, data)
    err = errors[0]
    assert err.field == ("provisions[0] (art128).children[0] (art128.1).penalty.deprivation_of_liberty")
    assert "greater than max_years" in err.message
    assert err.line == line_of(path, "deprivation_of_liberty")
    assert err.file == str(path)


def test_bad_provision_id(record_dir: Path) -> None:
    data = set_path(minimal_record(), ("provisions", 0, "children", 1, "id"), "part-two")
    path, errors = _error_for(record_dir, data)
    err = errors[0]
    assert err.field == "provisions[0] (art128).children[1] (part-two).id"
    assert "does not follow the pattern" in err.message
    assert err.line == line_of(path, "id: part-two")


@pytest.mark.parametrize("pid", ["art128", "art130-1", "art128.2", "art128.2.3", "art128.note", "art128.note1",
                                 "art1.a"])
def test_good_provision_ids(record_dir: Path, pid: str) -> None:
    data = set_path(minimal_record(), ("provisions", 0, "children", 1, "id"), pid)
    record, errors = read_record(write_record(record_dir, data))
    assert errors == [] and record is not None


@pytest.mark.parametrize("pid", ["Art128", "art", "128", "art128.", "art128..2", "art 128", "art128.Note"])
def test_bad_provision_ids(record_dir: Path, pid: str) -> None:
    data = set_path(minimal_record(), ("provisions", 0, "id"), pid)
    _path, errors = _error_for(record_dir, data)
    assert any(e.field and e.field.endswith(".id") and "pattern" in e.message for e in errors)


def test_missing_sources_key(record_dir: Path) -> None:
    data = minimal_record()
    del data["sources"]
    path, errors = _error_for(record_dir, data)
    err = next(e for e in errors if e.field == "sources")
    assert err.message == "required field is missing"
    assert err.file == str(path) and err.line is not None


def test_empty_sources_list(record_dir: Path) -> None:
    data = minimal_record(sources=[])
    path, errors = _error_for(record_dir, data)
    err = next(e for e in errors if e.field == "sources")
    assert err.line == line_of(path, "sources: []")
    assert "at least 1" in err.message


def test_seed_source_needs_document(record_dir: Path) -> None:
    data = minimal_record(sources=[{"id": "src1", "kind": "seed", "title": "Seed"}])
    _path, errors = _error_for(record_dir, data)
    assert any(e.field == "sources[0] (src1)" and "document" in e.message for e in errors)


def test_translation_must_be_unofficial(record_dir: Path) -> None:
    data = set_path(minimal_record(), ("translation", "unofficial"), False)
    _path, errors = _error_for(record_dir, data)
    assert any(e.field == "translation.unofficial" for e in errors)


@pytest.mark.parametrize("kind", ["something_else", None, 5])
def test_record_kind_must_be_known(record_dir: Path, kind: object) -> None:
    data = minimal_record(record=kind)
    path, errors = _error_for(record_dir, data)
    assert len(errors) == 1
    assert errors[0].field == "record"
    assert errors[0].line == line_of(path, "record:")
    assert "statute_version" in errors[0].message and "ratifications" in errors[0].message


def test_record_file_must_be_mapping(tmp_path: Path) -> None:
    p = tmp_path / "list.yaml"
    p.write_text("- a\n- b\n", encoding="utf-8")
    errors = _one_error(p)
    assert errors[0].line == 1 and "mapping" in errors[0].message


def test_yaml_problems_become_record_errors(tmp_path: Path) -> None:
    p = tmp_path / "alias.yaml"
    p.write_text("record: statute_version\nx: &a 1\ny: *a\n", encoding="utf-8")
    errors = _one_error(p)
    assert errors[0].file == str(p) and errors[0].line == 3


def test_in_force_to_before_from(record_dir: Path) -> None:
    data = set_path(minimal_record(), ("version", "in_force_to"), dt.date(2009, 1, 1))
    _path, errors = _error_for(record_dir, data)
    assert any(e.field == "version" and "before in_force_from" in e.message for e in errors)


def test_bad_jurisdiction_code(record_dir: Path) -> None:
    data = minimal_record(jurisdiction="kz")
    path, errors = _error_for(record_dir, data)
    err = errors[0]
    assert err.field == "jurisdiction" and err.line == line_of(path, "jurisdiction:")


def test_dotted() -> None:
    assert dotted(("provisions", 0, "children", 1, "penalty")) == "provisions[0].children[1].penalty"


def test_year_range_and_penalty_describe() -> None:
    assert YearRange(min_years=3, max_years=7).describe() == "3–7 years"
    assert YearRange(max_years=2).describe() == "up to 2 years"
    assert YearRange(life=True).describe() == "life"
    with pytest.raises(ValueError):
        YearRange()
    pen = Penalty(restriction_of_liberty=YearRange(max_years=3))
    assert pen.max_imprisonment is None  # restriction of liberty is not imprisonment
    assert "restriction of liberty up to 3 years" in pen.describe()


def test_version_covers_boundaries() -> None:
    v = Version(in_force_from=dt.date(2010, 1, 1), in_force_to=dt.date(2010, 12, 31))
    assert v.covers(dt.date(2010, 1, 1)) and v.covers(dt.date(2010, 12, 31))
    assert not v.covers(dt.date(2009, 12, 31)) and not v.covers(dt.date(2011, 1, 1))
