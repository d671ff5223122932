"""validate_paths: checks beyond the schema, version chronology; validate_all on the bundled data."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from conftest import line_of, minimal_record, set_path, write_record

from lawcompare.detect.penalties import penalty_disagreements
from lawcompare.records.corpus import bundled_path
from lawcompare.records.validate import Problem, validate_paths
from lawcompare.validation import validate_all


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def test_valid_record_has_no_problems(record_dir: Path) -> None:
    write_record(record_dir)
    assert validate_paths([record_dir], {"act.recruitment"}, penalty_disagreements) == []


def test_unknown_source_ref(record_dir: Path) -> None:
    data = set_path(minimal_record(), ("provisions", 0, "sources"), [{"ref": "src1"}, {"ref": "nosuch"}])
    path = write_record(record_dir, data)
    (p,) = _errors(validate_paths([record_dir]))
    assert p.file == str(path)
    assert p.line == line_of(path, "ref: nosuch")
    assert p.field == "provisions[0].sources[1].ref (art128)"
    assert "unknown source 'nosuch'" in p.message and "src1" in p.message


def test_duplicate_provision_ids(record_dir: Path) -> None:
    data = set_path(minimal_record(), ("provisions", 0, "children", 1, "id"), "art128.1")
    path = write_record(record_dir, data)
    problems = _errors(validate_paths([record_dir]))
    dup = [p for p in problems if "duplicate provision id 'art128.1'" in p.message]
    assert len(dup) == 1
    assert dup[0].file == str(path)
    assert dup[0].line == line_of(path, "id: art128.1", occurrence=2)
    assert dup[0].field == "provisions[0].children[1].id"


def test_duplicate_article_ids(record_dir: Path) -> None:
    data = minimal_record()
    second = dict(copy.deepcopy(data["provisions"][0]), children=[], text="Another article text.")
    data["provisions"].append(second)
    write_record(record_dir, data)
    problems = _errors(validate_paths([record_dir]))
    assert any("duplicate provision id 'art128'" in p.message and p.field == "provisions[1].id"
               for p in problems)


def test_child_id_not_prefixed_by_parent(record_dir: Path) -> None:
    data = set_path(minimal_record(), ("provisions", 0, "children", 1, "id"), "art129.2")
    path = write_record(record_dir, data)
    (p,) = _errors(validate_paths([record_dir]))
    assert "must start with its parent's id 'art128.'" in p.message
    assert p.line == line_of(path, "id: art129.2")
    assert p.field == "provisions[0].children[1].id (art129.2)"


def test_article_without_topics(record_dir: Path) -> None:
    data = set_path(minimal_record(), ("provisions", 0, "topics"), [])
    path = write_record(record_dir, data)
    (p,) = _errors(validate_paths([record_dir]))
    assert p.field == "provisions[0].topics (art128)"
    assert "topic" in p.message
    assert p.line == line_of(path, "topics:")
    assert str(p).startswith(f"{path}:{p.line}: error: provisions[0].topics (art128):")


def test_article_without_sources_or_text_basis(record_dir: Path) -> None:
    data = minimal_record()
    del data["provisions"][0]["sources"]
    del data["provisions"][0]["text_basis"]
    write_record(record_dir, data)
    fields = {p.field for p in _errors(validate_paths([record_dir]))}
    assert fields == {"provisions[0].sources (art128)", "provisions[0].text_basis (art128)"}


def test_part_at_top_level(record_dir: Path) -> None:
    data = set_path(minimal_record(), ("provisions", 0, "kind"), "part")
    write_record(record_dir, data)
    assert any("top-level provisions must be articles" in p.message for p in validate_paths([record_dir]))


def test_annotation_words_must_occur(record_dir: Path) -> None:
    data = set_path(minimal_record(), ("provisions", 0, "annotations"), [
        {"criterion": "act.recruitment", "provision": "art128.1", "words": "recruitment",
         "coder": "t", "date": dt.date(2026, 1, 1)},
        {"criterion": "act.recruitment", "provision": "art128.1", "words": "enticement",
         "coder": "t", "date": dt.date(2026, 1, 1)},
        {"criterion": "act.nonsense", "provision": "art128.1", "words": "harbouring",
         "coder": "t", "date": dt.date(2026, 1, 1)},
    ])
    write_record(record_dir, data)
    problems = _errors(validate_paths([record_dir], {"act.recruitment"}))
    msgs = sorted(p.message for p in problems)
    assert len(msgs) == 2
    assert any("'enticement' do not occur in art128.1" in m for m in msgs)
    assert any("unknown rubric criterion 'act.nonsense'" in m for m in msgs)


def test_folder_jurisdiction_mismatch_is_warning(tmp_path: Path) -> None:
    write_record(tmp_path / "uz")  # record says KZ
    (p,) = validate_paths([tmp_path])
    assert p.severity == "warning" and p.field == "jurisdiction"


def test_penalty_text_disagreement_reported(record_dir: Path) -> None:
    data = set_path(minimal_record(), ("provisions", 0, "children", 0, "penalty", "deprivation_of_liberty"),
                    {"min_years": 3, "max_years": 5})
    path = write_record(record_dir, data)
    assert validate_paths([record_dir]) == []  # without the penalty check nothing is wrong
    (p,) = validate_paths([record_dir], None, penalty_disagreements)
    assert p.field == "provisions[0].children[0].penalty (art128.1)"
    assert "max 7" in p.message and "5" in p.message
    assert p.line == line_of(path, "penalty:")


def test_schema_errors_are_problems_with_lines(record_dir: Path) -> None:
    data = set_path(minimal_record(), ("version", "in_force_from"), "2014-13-01")
    path = write_record(record_dir, data)
    (p,) = validate_paths([record_dir])
    assert (p.file, p.line, p.field) == (str(path), line_of(path, "in_force_from"), "version.in_force_from")


def test_missing_folder_and_empty_folder(tmp_path: Path) -> None:
    (p,) = validate_paths([tmp_path / "absent"])
    assert "no such file" in p.message
    (tmp_path / "empty").mkdir()
    (q,) = validate_paths([tmp_path / "empty"])
    assert "no .yaml record files" in q.message


# --- chronology -------------------------------------------------------------------------------


def _version(frm: dt.date, to: dt.date | None, gap_after: str | None = None) -> dict:
    data = minimal_record()
    data["version"].update(in_force_from=frm, in_force_to=to, gap_after=gap_after)
    return data


def test_consecutive_versions_ok(record_dir: Path) -> None:
    write_record(record_dir, _version(dt.date(2010, 1, 1), dt.date(2014, 12, 31)))
    write_record(record_dir, _version(dt.date(2015, 1, 1), None))
    assert validate_paths([record_dir]) == []


def test_overlapping_versions(record_dir: Path) -> None:
    write_record(record_dir, _version(dt.date(2010, 1, 1), dt.date(2014, 12, 31)))
    later = write_record(record_dir, _version(dt.date(2014, 6, 1), None))
    (p,) = validate_paths([record_dir])
    assert "overlaps" in p.message
    assert p.file == str(later) and p.field == "version.in_force_from"
    assert p.line == line_of(later, "in_force_from")


def test_gap_without_gap_after(record_dir: Path) -> None:
    first = write_record(record_dir, _version(dt.date(2010, 1, 1), dt.date(2014, 12, 31)))
    write_record(record_dir, _version(dt.date(2015, 3, 1), None))
    (p,) = validate_paths([record_dir])
    assert "gap" in p.message and "gap_after" in p.message
    assert p.file == str(first) and p.field == "version.in_force_to"
    assert p.line == line_of(first, "in_force_to")


def test_gap_with_gap_after_is_fine(record_dir: Path) -> None:
    write_record(record_dir, _version(dt.date(2010, 1, 1), dt.date(2014, 12, 31),
                                      gap_after="The article was repealed and reintroduced."))
    write_record(record_dir, _version(dt.date(2015, 3, 1), None))
    assert validate_paths([record_dir]) == []


def test_open_ended_followed_by_later_version(record_dir: Path) -> None:
    first = write_record(record_dir, _version(dt.date(2010, 1, 1), None))
    write_record(record_dir, _version(dt.date(2015, 1, 1), None))
    (p,) = validate_paths([record_dir])
    assert "open-ended" in p.message and "2015-01-01" in p.message
    assert p.file == str(first) and p.field == "version.in_force_to"


def test_two_versions_same_start(record_dir: Path) -> None:
    write_record(record_dir, _version(dt.date(2010, 1, 1), dt.date(2014, 12, 31)), name="a.yaml")
    write_record(record_dir, _version(dt.date(2010, 1, 1), None), name="b.yaml")
    problems = validate_paths([record_dir])
    assert any("two versions" in p.message for p in problems)


def test_chronology_is_per_instrument(record_dir: Path) -> None:
    write_record(record_dir, _version(dt.date(2010, 1, 1), None))
    other = _version(dt.date(2012, 1, 1), None)
    other["instrument"]["id"] = "kz-law-2099"
    write_record(record_dir, other)
    assert validate_paths([record_dir]) == []


def test_instrument_metadata_must_agree_across_versions(record_dir: Path) -> None:
    write_record(record_dir, _version(dt.date(2010, 1, 1), dt.date(2014, 12, 31)))
    second = _version(dt.date(2015, 1, 1), None)
    second["instrument"]["title_en"] = "A Different Title"
    write_record(record_dir, second)
    (p,) = validate_paths([record_dir])
    assert p.field == "instrument.title_en"


# --- validate_all -----------------------------------------------------------------------------


def test_bundled_statutes_and_rubrics_validate() -> None:
    problems, counted = validate_all([str(bundled_path("statutes")), str(bundled_path("rubrics"))])
    assert problems == [], "\n".join(map(str, problems))
    n_yaml = len(list(bundled_path("statutes").rglob("*.yaml"))) + len(list(bundled_path("rubrics").glob("*.yaml")))
    assert counted == n_yaml


def test_validate_all_reports_broken_record(record_dir: Path) -> None:
    data = set_path(minimal_record(), ("provisions", 0, "topics"), [])
    path = write_record(record_dir, data)
    problems, counted = validate_all([str(record_dir)])
    assert counted == 1
    assert [p.field for p in problems] == ["provisions[0].topics (art128)"]
    assert problems[0].file == str(path)


def test_validate_all_checks_annotations_against_bundled_rubrics(record_dir: Path) -> None:
    data = set_path(minimal_record(), ("provisions", 0, "annotations"), [
        {"criterion": "act.recrutment", "provision": "art128.1", "words": "recruitment",
         "coder": "t", "date": dt.date(2026, 1, 1)}])
    write_record(record_dir, data)
    problems, _ = validate_all([str(record_dir)])
    assert len(problems) == 1 and "unknown rubric criterion 'act.recrutment'" in problems[0].message


def test_validate_all_missing_path(tmp_path: Path) -> None:
    problems, _ = validate_all([str(tmp_path / "nope")])
    assert problems and "no such file" in problems[0].message


@pytest.mark.parametrize("severity", ["error", "warning"])
def test_problem_str(severity: str) -> None:
    p = Problem("f.yaml", 3, "sources", "bad", severity)
    assert str(p) == f"f.yaml:3: {severity}: sources: bad"
    assert str(Problem("f.yaml", None, None, "bad")) == "f.yaml: error: bad"
