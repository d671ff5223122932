"""Hostile input, property-based: the YAML door, the record and rubric loaders, the detector, output paths.

Whatever the input, the library either returns a result or raises a :class:`LawcompareError` that says
where the problem is; it never crashes with another exception and never writes outside the output
folder it was given.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import minimal_record
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import mutated_document as shared_mutations

import lawcompare as lc
from lawcompare.detect.penalties import extract_part, extract_penalties
from lawcompare.errors import LawcompareError, RecordError, RubricError, YamlError
from lawcompare.io import yaml as lcyaml
from lawcompare.records.corpus import Corpus, bundled_path, load_corpus
from lawcompare.records.load import read_record
from lawcompare.records.validate import validate_paths
from lawcompare.render.html import safe_filename, write_reports
from lawcompare.rubric.load import load_rubric

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
QUICK = settings(max_examples=150, deadline=None)

# Characters that break naive text handling: bidi controls, zero-width, combining marks, NUL and other
# controls, BOM, line/paragraph separators, NEL, characters whose case mapping changes length, ligatures.
HOSTILE = ["\u200f", "\u202e", "\u200b", "\u0301", "\u0308", "\x00", "\x07", "\x1b", "\ufeff", "\r", "\u2028",
           "\u2029", "\x85", "\t", "İ", "ß", "ﬁ", "ǅ", "Ⅻ", "\U0001f600", "<script>alert(1)</script>", "&amp;",
           "]]>", "{{ x }}", "%s", "\\", "'", '"']

YAML_ALPHABET = st.sampled_from(list(":-[]{}#&*!|>'\"%@`,? \n\t") + ["a", "b", "1", "0", "<<", "---", "...",
                                                                   "!!binary", "!!python/object", "~", "\ufeff",
                                                                   "\x85", "\u2028", "é", "\x00", "2014-13-01"])
yaml_like = st.lists(YAML_ALPHABET, max_size=60).map("".join)


def _gold_texts(lang: str) -> list[str]:
    data = lcyaml.load_file(Path(__file__).resolve().parents[1] / "benchmarks" / "data" / f"gold_{lang}.yaml").data
    return [item["text"] for item in data][:12]


GOLD = {"en": _gold_texts("en"), "ru": _gold_texts("ru")}


@st.composite
def spiked(draw: st.DrawFn, texts: list[str]) -> str:
    """A real statute-like text with hostile characters and sequences inserted, or a slice replaced."""
    text = draw(st.sampled_from(texts))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        insert = draw(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=5)))
        cut = draw(st.integers(0, 3))
        text = text[:at] + insert + text[at + cut:]
    return text


# --- the YAML door ------------------------------------------------------------------------------


def _yaml_lines(text: str) -> int:
    """Lines as YAML counts them (NEL, LS and PS break lines too), plus one for an error at the end."""
    return len(re.split(r"\r\n|[\n\r\x85\u2028\u2029]", text)) + 1


def _check_loaded(loaded: lcyaml.LoadedYaml, text: str) -> None:
    n_lines = _yaml_lines(text)
    for path, line in loaded.lines.lines.items():
        assert 1 <= line <= n_lines, (path, line)


@QUICK
@given(text=st.one_of(st.text(max_size=200), yaml_like))
def test_yaml_loads_returns_data_or_yaml_error(text: str) -> None:
    try:
        loaded = lcyaml.loads(text, file="hostile.yaml")
    except YamlError as exc:
        assert exc.file == "hostile.yaml"
        assert exc.line is None or 1 <= exc.line <= _yaml_lines(text)
        return
    _check_loaded(loaded, text)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


_names = itertools.count()


def _fresh(folder: Path, suffix: str = ".yaml") -> Path:
    return folder / f"f{next(_names)}{suffix}"


@QUICK
@given(raw=st.binary(max_size=200))
def test_yaml_load_file_on_arbitrary_bytes(scratch: Path, raw: bytes) -> None:
    path = _fresh(scratch)
    path.write_bytes(raw)
    try:
        lcyaml.load_file(path)
    except YamlError as exc:
        assert exc.file == str(path)


def test_yaml_refuses_oversized_and_entity_tricks(scratch: Path) -> None:
    path = _fresh(scratch)
    path.write_text("a: " + "x" * (lcyaml.MAX_BYTES + 1), encoding="utf-8")
    with pytest.raises(YamlError, match="limit") as info:
        lcyaml.load_file(path)
    assert info.value.file == str(path)
    with pytest.raises(YamlError, match="larger than"):
        lcyaml.loads("a: " + "é" * lcyaml.MAX_BYTES)
    laughs = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    with pytest.raises(YamlError, match="aliases"):
        lcyaml.loads(laughs)
    with pytest.raises(YamlError, match="nesting"):
        lcyaml.loads("[" * 200 + "]" * 200)
    with pytest.raises(YamlError, match="constructor"):
        lcyaml.loads("a: !!python/name:os.system ''")
    # a Python tag on a collection is ignored: the data stays plain lists and mappings, nothing is run
    assert lcyaml.loads("!!python/object/apply:os.system ['true']").data == ["true"]


NO_SURROGATES = st.characters(blacklist_categories=("Cs",))
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False), st.dates(),
    st.text(alphabet=NO_SURROGATES, max_size=40))
nested = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(alphabet=NO_SURROGATES, max_size=8), inner, max_size=4)),
    max_leaves=25)


@QUICK
@given(data=nested)
def test_yaml_dumps_then_loads_round_trip(data: Any) -> None:
    assert lcyaml.loads(lcyaml.dumps(data)).data == data


def test_yaml_round_trip_of_next_line_character() -> None:
    data = {"text": "Article 128\x85"}  # a cp1252 ellipsis read as Latin-1 becomes U+0085
    assert lcyaml.loads(lcyaml.dumps(data)).data == data


# --- the record loader --------------------------------------------------------------------------


BAD_VALUES = st.one_of(
    st.sampled_from([None, 0, -1, 1e308, True, "", "x" * 100_000, "\x00\x07\x1b", "\u202e\u200f", [], {}, [[[]]],
                     {"": None}, "2014-02-30", "art0.", "../../etc/passwd", dt.date(1, 1, 1)]),
    st.text(max_size=12))


def mutated_document(original: Any) -> st.SearchStrategy[Any]:
    """Drop keys, set wrong types and huge or control-character strings, add unknown keys."""
    return shared_mutations(original, BAD_VALUES, st.text(min_size=1, max_size=10), max_changes=4)


@st.composite
def mutated_text(draw: st.DrawFn, text: str) -> str:
    """Line-level damage: duplicate, drop or re-indent a line (duplicate keys), insert control characters."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["dup", "drop", "indent", "spike", "truncate"]))
        if op == "dup":
            lines.insert(i, lines[i])
        elif op == "drop" and len(lines) > 1:
            del lines[i]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
        elif op == "spike":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.sampled_from(HOSTILE)) + lines[i][at:]
        else:
            lines = lines[: i + 1]
    return "".join(lines)


def _real_records() -> list[Any]:
    files = [bundled_path("statutes") / "kz" / "ratifications.yaml",
             sorted((bundled_path("statutes") / "tm").glob("tm-cc-*.yaml"))[0]]
    return [minimal_record()] + [lcyaml.load_file(f).data for f in files]


REAL_RECORDS = _real_records()


def _assert_located(errors: list[RecordError], path: Path) -> None:
    assert errors, "a broken record must give at least one error"
    n_lines = _yaml_lines(path.read_text(encoding="utf-8", errors="replace"))
    for e in errors:
        assert isinstance(e, RecordError)
        assert e.file == str(path)
        assert e.line is None or 1 <= e.line <= n_lines


def _check_record_file(path: Path) -> None:
    record, errors = read_record(path)
    if record is None:
        _assert_located(errors, path)
    else:
        assert errors == []
    for problem in validate_paths([path]):
        assert problem.file == str(path)


@FAST
@given(data=st.data())
def test_record_loader_on_mutated_records(scratch: Path, data: st.DataObject) -> None:
    original = data.draw(st.sampled_from(REAL_RECORDS))
    doc = data.draw(mutated_document(original))
    path = _fresh(scratch)
    path.write_text(lcyaml.dumps(doc), encoding="utf-8")
    _check_record_file(path)


@FAST
@given(data=st.data())
def test_record_loader_on_damaged_record_text(scratch: Path, data: st.DataObject) -> None:
    original = data.draw(st.sampled_from(REAL_RECORDS))
    text = data.draw(mutated_text(lcyaml.dumps(original)))
    path = _fresh(scratch)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _check_record_file(path)


def test_corpus_with_a_broken_record_names_the_file(tmp_path: Path) -> None:
    data = minimal_record()
    data["provisions"][0]["children"][0]["penalty"] = "ten years\x00"
    path = tmp_path / "kz" / "broken.yaml"
    path.parent.mkdir()
    path.write_text(lcyaml.dumps(data), encoding="utf-8")
    with pytest.raises(RecordError) as info:
        load_corpus(tmp_path)
    assert str(path) in str(info.value)


# --- the rubric loader --------------------------------------------------------------------------

MINIMAL_RUBRIC = {
    "rubric": {"id": "mini", "title": "Mini", "version": "1"},
    "groups": [{"id": "act", "title": "The act"}],
    "context": {"en": {"trafficking_anchor": ["trafficking"], "filler": ["a", "the"]}},
    "criteria": [{
        "id": "act.recruitment", "group": "act", "label": "Recruitment", "legal_basis": "test",
        "obligation": "mandatory", "satisfied_when": "the law names recruitment",
        "detection": {"scope": "trafficking", "en": [{"phrase": "recruitment", "examples": ["recruitment"]}],
                      "unless_near": {"en": ["payment"]}},
    }],
}


def _check_rubric_file(path: Path) -> None:
    try:
        load_rubric(path)
    except RubricError as exc:
        assert exc.file == str(path), exc


@FAST
@given(doc=mutated_document(MINIMAL_RUBRIC))
def test_rubric_loader_on_mutated_rubrics(scratch: Path, doc: Any) -> None:
    meta = doc.get("rubric") if isinstance(doc, dict) else None
    # `extends` names another rubric: see test_rubric_extends_unknown_names_the_file
    assume(not isinstance(meta, dict) or meta.get("extends") is None)
    path = _fresh(scratch)
    path.write_text(lcyaml.dumps(doc), encoding="utf-8")
    _check_rubric_file(path)


@FAST
@given(text=mutated_text(lcyaml.dumps(MINIMAL_RUBRIC)))
def test_rubric_loader_on_damaged_rubric_text(scratch: Path, text: str) -> None:
    path = _fresh(scratch)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _check_rubric_file(path)


def test_rubric_extends_unknown_names_the_file(scratch: Path) -> None:
    doc = copy.deepcopy(MINIMAL_RUBRIC)
    doc["rubric"]["extends"] = "no-such-rubric"
    path = _fresh(scratch)
    path.write_text(lcyaml.dumps(doc), encoding="utf-8")
    _check_rubric_file(path)


# --- the detector and the penalty extractor ------------------------------------------------------


def _check_detection(text: str, lang: str) -> None:
    result = lc.detect(text, lang=lang)
    assert result.text == text
    for e in result.evidence:
        assert 0 <= e.start < e.end <= len(text), e
        assert text[e.start:e.end] == e.text, e
    for p in result.penalties:
        assert 0 <= p.start <= p.end <= len(text), p


hostile_unicode = st.lists(st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(HOSTILE)),
                           max_size=200).map("".join)


@FAST
@given(text=hostile_unicode, lang=st.sampled_from(["en", "ru"]))
def test_detect_on_arbitrary_unicode(text: str, lang: str) -> None:
    _check_detection(text, lang)


@FAST
@given(data=st.data())
def test_detect_on_spiked_statute_text(data: st.DataObject) -> None:
    lang = data.draw(st.sampled_from(["en", "ru"]))
    _check_detection(data.draw(spiked(GOLD[lang])), lang)


@pytest.mark.parametrize("text", [
    "a" * 200_000,
    "trafficking " * 20_000,
    "Article 1. " + "<b>" * 5_000 + "recruitment of a person for exploitation" + "</b>" * 5_000,
    "\u202e" * 10_000 + "вербовка",
    "\x00" * 1_000,
    "",
    "\n" * 10_000,
])
def test_detect_on_degenerate_text(text: str) -> None:
    for lang in ("en", "ru"):
        _check_detection(text, lang)


def test_detect_refuses_non_text() -> None:
    from lawcompare.errors import InputError

    with pytest.raises(InputError):
        lc.detect(b"recruitment", lang="en")  # type: ignore[arg-type]
    with pytest.raises(LawcompareError, match="unsupported language"):
        lc.detect("recruitment", lang="../../etc")


@QUICK
@given(data=st.data())
def test_penalty_extraction_never_crashes(data: st.DataObject) -> None:
    lang = data.draw(st.sampled_from(["en", "ru"]))
    text = data.draw(st.one_of(spiked(GOLD[lang]), hostile_unicode))
    for p in extract_penalties(text, lang):
        assert 0 <= p.start <= p.end <= len(text)
        assert p.max_years is None or p.max_years >= 0
    extract_part(text, lang)


# --- output paths -------------------------------------------------------------------------------

hostile_names = st.one_of(
    st.sampled_from(["..", ".", "../x", "../../etc/passwd", "/etc/passwd", "C:\\Windows\\x", "a/../../b", "\x00",
                     "x\x00y", "~", "~/x", "-rf", " ", "CON", "nul", ".hidden", "..\\..\\x", "%2e%2e%2f"]),
    st.text(max_size=60))


@QUICK
@given(name=hostile_names)
def test_safe_filename_stays_in_the_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> None:
    out = Path("/srv/out")
    cleaned = safe_filename(name)
    assert cleaned and cleaned not in (".", "..") and not cleaned.startswith(".")
    assert not set(cleaned) & {"/", "\\", "\x00", ":"}
    assert (out / cleaned).parent == out
    assert (out / f"{cleaned}.html").resolve().parent == out.resolve()


def _corpus_with_jurisdictions(codes: list[str]) -> Corpus:
    base = load_corpus().versions("KZ")[-1]
    records = []
    for code in codes:
        rec = base.model_copy(update={"jurisdiction": code})  # as a program could build it, past validation
        records.append(rec)
    return Corpus(records)


def _tree(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def test_write_reports_never_writes_outside_the_folder(tmp_path: Path) -> None:
    codes = ["../../EVIL", "/ABS/OLUTE", "X\x00Y", "..", "A/../../B", "C:\\X"]
    out = tmp_path / "deep" / "out"
    written = write_reports(_corpus_with_jurisdictions(codes), out, dt.date(2025, 1, 1))
    assert len(written) == 1 + len(codes)
    for f in written:
        assert f.resolve().parent == out.resolve()
    assert {p for p in _tree(tmp_path) if p.is_file()} == {f for f in written}
    assert not Path("/ABS").exists()


def test_safe_filename_bounds_the_length() -> None:
    assert len(safe_filename("A" * 300).encode("utf-8")) + len(".html") <= 255


@QUICK
@given(key=hostile_names)
def test_akn_export_file_names_stay_in_the_folder(key: str) -> None:
    """``lawcompare export akn -j`` names each file after the record key: never a path out of the folder."""
    commands_akn = pytest.importorskip("lawcompare.cli.commands_akn")
    name = commands_akn._file_name(key)
    assert not set(name) & {"/", "\\", "\x00"} and not name.startswith(".") or name == ".xml"
    out = Path("/srv/out")
    assert (out / name).resolve().parent == out.resolve()
