"""JSON Schemas of records and rubrics: published files current, real data valid, errors located, no duplicates."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import line_of, minimal_record, set_path, write_record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import ValidationError
from strategies import mutated_document

from lawcompare import schemas
from lawcompare.cli.main import main
from lawcompare.io import yaml as lcyaml
from lawcompare.records.corpus import bundled_path
from lawcompare.records.validate import validate_paths
from lawcompare.schemas import KINDS, generate_schema, load_schema, schema_errors, schema_json, schema_problems
from lawcompare.validation import validate_all

REPO = Path(__file__).resolve().parents[1]
PUBLISHED = REPO / "docs" / "schemas"

MINIMAL_RUBRIC: dict[str, Any] = {
    "rubric": {"id": "mini", "title": "Mini rubric", "version": "1"},
    "groups": [{"id": "act", "title": "The act"}],
    "criteria": [{
        "id": "act.recruitment", "group": "act", "label": "Recruitment", "legal_basis": "test",
        "obligation": "mandatory", "satisfied_when": "the law names recruitment",
        "detection": {"en": [{"phrase": "recruitment"}], "ru": [{"phrase": "вербовка"}]},
    }],
}

MINIMAL_RATIFICATIONS: dict[str, Any] = {
    "record": "ratifications",
    "jurisdiction": "KZ",
    "sources": [{"id": "db", "kind": "database", "title": "Treaty database"}],
    "treaties": [{"treaty": "tip_protocol", "consent": dt.date(2008, 7, 31), "consent_type": "ratification",
                  "entry_into_force": dt.date(2008, 8, 30), "sources": [{"ref": "db"}]}],
}


def _write(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(lcyaml.dumps(data), encoding="utf-8")
    return path


# --- the published files --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
def test_published_schema_is_current(kind: str) -> None:
    path = PUBLISHED / KINDS[kind].file_name
    assert path.is_file(), f"{path} missing: run python tools/export_schemas.py"
    assert path.read_text(encoding="utf-8") == schema_json(generate_schema(kind)), (
        f"{path} is stale: run python tools/export_schemas.py")


@pytest.mark.parametrize("kind", list(KINDS))
def test_published_schema_is_draft_2020_12_with_id_title_description(kind: str) -> None:
    schema = json.loads((PUBLISHED / KINDS[kind].file_name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:lawcompare:schema:")
    assert schema["title"] and schema["description"]
    assert schema["additionalProperties"] is False


def _objects(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [("(top)", schema)] + [(name, d) for name, d in schema["$defs"].items() if "properties" in d]


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_field_is_described_and_unknown_fields_refused(kind: str) -> None:
    schema = load_schema(kind)
    for name, obj in _objects(schema):
        assert obj["additionalProperties"] is False, name  # the models forbid extra fields
        undocumented = [p for p, sub in obj["properties"].items() if not sub.get("description")]
        assert not undocumented, f"{kind} {name}: no description for {undocumented}"


def _patterns(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return own + [p for v in node.values() for p in _patterns(v)]
    if isinstance(node, list):
        return [p for v in node for p in _patterns(v)]
    return []


@pytest.mark.parametrize("kind", list(KINDS))
def test_patterns_are_portable_to_editors(kind: str) -> None:
    """Editors validate with ECMA-262 regexes: no Python-only named groups or flags."""
    for pattern in _patterns(load_schema(kind)):
        assert "(?P" not in pattern and "(?i" not in pattern and "(?x" not in pattern, pattern
        re.compile(pattern)


def test_provision_id_pattern_matches_the_model_rule() -> None:
    from lawcompare.records.models import PROVISION_ID_RE

    pattern = re.compile(load_schema("statute_version")["$defs"]["Provision"]["properties"]["id"]["pattern"])
    for pid in ["art128", "art130-1", "art128.2", "art128.2.3", "art128.note", "art128.note1", "art1.a",
                "art 128", "Art128", "art128.", "art128..2", "128", "art128.2.x1", ""]:
        assert bool(pattern.search(pid)) == bool(PROVISION_ID_RE.match(pid)), pid


# --- real data ----------------------------------------------------------------------------------


def test_every_bundled_record_and_rubric_meets_its_schema() -> None:
    files = sorted(bundled_path("statutes").rglob("*.yaml")) + sorted(bundled_path("rubrics").glob("*.yaml"))
    kinds = set()
    for f in files:
        loaded = lcyaml.load_file(f)
        kind = loaded.data.get("record", "rubric")
        kinds.add(kind)
        assert schema_errors(loaded.data, kind) == [], f
    assert kinds == set(KINDS)
    assert len(files) > 30


# --- errors, located ----------------------------------------------------------------------------


def test_unknown_field_located_at_its_key(tmp_path: Path) -> None:
    data = set_path(minimal_record(), ("provisions", 0, "children", 1, "penalty", "fines"), "x")
    path = write_record(tmp_path, data)
    loaded = lcyaml.load_file(path)
    (p,) = schema_problems(loaded.data, "statute_version", str(path), loaded.lines)
    assert (p.file, p.line) == (str(path), line_of(path, "fines:"))
    assert p.field == "provisions[0] (art128).children[1] (art128.2).penalty.fines"
    assert p.message == "unknown field (check the spelling against docs/record-format.md)"


def test_missing_field_located_at_its_parent(tmp_path: Path) -> None:
    data = minimal_record()
    del data["instrument"]["title_en"]
    path = write_record(tmp_path, data)
    loaded = lcyaml.load_file(path)
    (p,) = schema_problems(loaded.data, "statute_version", str(path), loaded.lines)
    assert p.line == line_of(path, "instrument:")
    assert (p.field, p.message) == ("instrument.title_en", "required field is missing")


@pytest.mark.parametrize(("path", "value", "expected"), [
    (("jurisdiction",), "Kazakhstan", "does not match the pattern ^[A-Z]{2}$ (got 'Kazakhstan')"),
    (("instrument", "type"), "decree", "must be one of: criminal_code, special_law, administrative_code, "
                                       "labour_code, other (got 'decree')"),
    (("version", "in_force_to"), "31.12.2014", "must be a date written YYYY-MM-DD (got '31.12.2014')"),
    (("translation", "unofficial"), False, "must be True (got False)"),
    (("sources",), [], "needs at least 1 item(s)"),
    (("provisions", 0, "topics"), "trafficking_in_persons", "must be a list (got 'trafficking_in_persons')"),
    (("provisions", 0, "children", 0, "penalty", "deprivation_of_liberty", "max_years"), -4,
     "must be at least 0 (got -4)"),
    (("provisions", 0, "children", 0, "penalty", "deprivation_of_liberty"), {},
     "a term needs min_years, max_years or life: true"),
    (("provisions", 0, "children", 0, "id"), "art128 part 1",
     "provision id does not follow the pattern art<N>[-<N>][.<part>[.<point>]] (e.g. art128, art130-1, "
     "art128.2, art128.2.3, art128.note) (got 'art128 part 1')"),
    (("sources", 0), {"id": "s", "kind": "seed", "title": "A seed"},
     "a seed source needs `document` (the seed file name)"),
    (("sources", 0), {"id": "s", "kind": "official"}, "a source needs at least a url, a document or a title"),
])
def test_schema_messages(path: tuple[Any, ...], value: Any, expected: str) -> None:
    data = set_path(minimal_record(), path, value)
    messages = [e.message for e in schema_errors(data, "statute_version")]
    assert messages == [expected]


def test_long_values_are_shortened_in_messages() -> None:
    data = set_path(minimal_record(), ("jurisdiction",), "K" * 100_000)
    (err,) = schema_errors(data, "statute_version")
    assert len(err.message) < 150 and err.path == ("jurisdiction",)


def test_rubric_pattern_with_phrase_and_all(tmp_path: Path) -> None:
    data = copy.deepcopy(MINIMAL_RUBRIC)
    data["criteria"][0]["detection"]["en"][0]["all"] = ["recruit", "person"]
    path = _write(tmp_path / "mini.yaml", data)
    problems, counted = validate_all([str(path)])
    assert counted == 1
    (p,) = problems
    assert p.field == "criteria[0] (act.recruitment).detection.en[0]"
    assert p.message == "a pattern has exactly one of `phrase` or `all`"
    assert p.line == line_of(path, "- phrase: recruitment")


def test_rubric_unknown_unless_near_language(tmp_path: Path) -> None:
    data = copy.deepcopy(MINIMAL_RUBRIC)
    data["criteria"][0]["detection"]["unless_near"] = {"fr": ["paiement"]}
    path = _write(tmp_path / "mini.yaml", data)
    (p,) = validate_all([str(path)])[0]
    assert p.field == "criteria[0] (act.recruitment).detection.unless_near" and "fr" in p.message


# --- validate: schema first, no duplicates ------------------------------------------------------


def test_schema_errors_first_then_model_errors_without_duplicates(record_dir: Path) -> None:
    data = minimal_record()
    data["provisions"][0]["children"][0]["penalty"]["deprivation_of_liberty"] = {"min_years": 9, "max_years": 7}
    data["provisions"][0]["children"][1]["penalty"]["confiscation"] = "always"
    data["sources"][0]["kind"] = "seed"  # no `document`: the model says so too
    path = write_record(record_dir, data)
    problems = validate_paths([record_dir])
    assert [(p.line, p.field) for p in problems] == [
        (line_of(path, "- id: src1"), "sources[0] (src1).document"),
        (line_of(path, "confiscation: always"), "provisions[0] (art128).children[1] (art128.2).penalty.confiscation"),
        (line_of(path, "deprivation_of_liberty:"),
         "provisions[0] (art128).children[0] (art128.1).penalty.deprivation_of_liberty"),
    ]
    assert "always" in problems[1].message and "min_years (9" in problems[2].message
    assert all(p.file == str(path) and p.severity == "error" for p in problems)


def test_record_meeting_the_schema_gets_the_usual_checks(record_dir: Path) -> None:
    data = set_path(minimal_record(), ("provisions", 0, "topics"), [])
    write_record(record_dir, data)
    (p,) = validate_paths([record_dir])
    assert "at least one topic" in p.message


def test_schema_only_skips_model_and_cross_file_checks(record_dir: Path) -> None:
    data = minimal_record()
    data["provisions"][0]["children"][0]["penalty"]["deprivation_of_liberty"] = {"min_years": 9, "max_years": 7}
    write_record(record_dir, data)
    assert validate_all([str(record_dir)], schema_only=True) == ([], 1)
    assert "min_years (9) is greater than max_years (7)" in validate_all([str(record_dir)])[0][0].message
    data["instrument"]["kind"] = "code"
    write_record(record_dir, data)
    (p,), _ = validate_all([str(record_dir)], schema_only=True)
    assert p.field == "instrument.kind"


def test_ratifications_schema_error_through_validate(tmp_path: Path) -> None:
    data = copy.deepcopy(MINIMAL_RATIFICATIONS)
    data["treaties"][0]["treaty"] = "palermo"
    path = _write(tmp_path / "kz" / "ratifications.yaml", data)
    (p,), counted = validate_all([str(tmp_path)])
    assert counted == 1
    assert (p.line, p.field) == (line_of(path, "treaty: palermo"), "treaties[0].treaty")
    assert p.message.startswith("must be one of: tip_protocol, untoc")


def test_cli_validate_prints_schema_problem(capsys: pytest.CaptureFixture[str], record_dir: Path) -> None:
    data = minimal_record()
    data["version"]["in_force_form"] = data["version"].pop("in_force_from")
    path = write_record(record_dir, data, name="misspelt.yaml")
    rc = main(["validate", str(record_dir)])
    out = capsys.readouterr().out
    line = line_of(path, "in_force_form:")
    assert rc == 1
    assert f"{path}:{line}: error: version.in_force_form: unknown field" in out
    assert "version.in_force_from: required field is missing" in out
    assert "1 file(s) checked: 2 error(s)" in out


# --- lookup -------------------------------------------------------------------------------------


@pytest.fixture
def fresh_schema_cache():
    schemas.load_schema.cache_clear()
    schemas.validator.cache_clear()
    yield
    schemas.load_schema.cache_clear()
    schemas.validator.cache_clear()


def test_published_file_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fresh_schema_cache: None) -> None:
    schema = generate_schema("rubric")
    schema["properties"]["rubric"]["description"] = "from the published file"
    (tmp_path / KINDS["rubric"].file_name).write_text(json.dumps(schema), encoding="utf-8")
    monkeypatch.setattr(schemas, "schema_dir", lambda: tmp_path)
    assert load_schema("rubric")["properties"]["rubric"]["description"] == "from the published file"


def test_falls_back_to_the_models(monkeypatch: pytest.MonkeyPatch, fresh_schema_cache: None) -> None:
    monkeypatch.setattr(schemas, "schema_dir", lambda: None)
    assert load_schema("ratifications") == generate_schema("ratifications")
    assert schema_errors({"record": "ratifications"}, "ratifications")


def test_editor_comment_path_in_docs_resolves() -> None:
    """docs/record-format.md tells editors to use ../../docs/schemas/... from statutes/<iso2>/."""
    doc = (REPO / "docs" / "record-format.md").read_text(encoding="utf-8")
    targets = re.findall(r"# yaml-language-server: \$schema=(\S+)", doc)
    assert targets
    for target in targets:
        assert (REPO / "statutes" / "kz" / target).resolve().is_file(), target
    rubric_doc = (REPO / "docs" / "rubric-format.md").read_text(encoding="utf-8")
    for target in re.findall(r"# yaml-language-server: \$schema=(\S+)", rubric_doc):
        assert (REPO / "rubrics" / target).resolve().is_file(), target


def test_unknown_kind() -> None:
    from lawcompare.errors import LawcompareError

    with pytest.raises(LawcompareError, match="no schema for 'memo'"):
        load_schema("memo")


# --- the schema and the loader agree ------------------------------------------------------------

# Rules only the models check (JSON Schema cannot compare two fields).
MODEL_ONLY = ("is greater than max_years", "is before in_force_from")

VALUES = st.sampled_from([None, 0, -1, 2.5, True, "", " ", "x", "KZ", "art1", "seed", "2014-13-01", "2014-01-01",
                          dt.date(2014, 1, 1), [], {}, ["x"], {"a": 1}, [{"ref": "x"}]])


def mutated(original: dict[str, Any]) -> st.SearchStrategy[Any]:
    return mutated_document(original, VALUES,
                            st.sampled_from(["extra", "note", "min_years", "life", "url", "document"]), max_changes=3)


def _model_error(kind: str, data: Any) -> str | None:
    try:
        KINDS[kind].model.model_validate(data)
    except ValidationError as exc:
        return str(exc)
    return None


@pytest.mark.parametrize(("kind", "original"), [
    ("statute_version", minimal_record()), ("ratifications", MINIMAL_RATIFICATIONS), ("rubric", MINIMAL_RUBRIC)])
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_what_the_schema_accepts_the_loader_accepts(kind: str, original: dict[str, Any], data: st.DataObject) -> None:
    doc = data.draw(mutated(original))
    model_error = _model_error(kind, doc)
    if not schema_errors(doc, kind) and model_error is not None:
        assert any(rule in model_error for rule in MODEL_ONLY), model_error


def test_known_differences_the_schema_is_stricter() -> None:
    """The models convert some values the schemas refuse; validate reports them (the plain form is asked for)."""
    data = set_path(minimal_record(), ("provisions", 0, "children", 0, "penalty", "deprivation_of_liberty"),
                    {"min_years": True, "max_years": "7"})
    assert _model_error("statute_version", data) is None
    assert [e.message for e in schema_errors(data, "statute_version")] == [
        "must be a number (got True)", "must be a number (got '7')"]
