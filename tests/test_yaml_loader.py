"""The one door to YAML: refusals (aliases, duplicates, binary, encoding, size, depth) and line maps."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawcompare.errors import YamlError
from lawcompare.io import yaml as lcyaml

BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]
"""


def test_plain_document_loads_with_types() -> None:
    loaded = lcyaml.loads("a: 1\nb: [x, y]\nc: 2014-01-31\n", file="f.yaml")
    assert loaded.data == {"a": 1, "b": ["x", "y"], "c": __import__("datetime").date(2014, 1, 31)}
    assert loaded.file == "f.yaml"


def test_billion_laughs_refused_naming_line() -> None:
    with pytest.raises(YamlError) as info:
        lcyaml.loads(BILLION_LAUGHS, file="laughs.yaml")
    err = info.value
    assert err.line == 2  # first alias (*a) is on line 2
    assert err.file == "laughs.yaml"
    assert "alias" in err.message.lower()
    assert str(err).startswith("laughs.yaml:2:")


def test_single_alias_in_file_refused(tmp_path: Path) -> None:
    p = tmp_path / "alias.yaml"
    p.write_text("x: &anchor 5\ny: 1\nz: *anchor\n", encoding="utf-8")
    with pytest.raises(YamlError) as info:
        lcyaml.load_file(p)
    assert info.value.line == 3
    assert info.value.file == str(p)


def test_merge_key_refused() -> None:
    with pytest.raises(YamlError) as info:
        lcyaml.loads("base: {a: 1}\nother:\n  <<: {a: 2}\n  b: 3\n")
    assert info.value.line == 3


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, "a"),
        ("outer:\n  id: art1\n  kind: part\n  id: art2\n", 4, "id"),
        ("items:\n  - {x: 1, x: 2}\n", 2, "x"),
    ],
)
def test_duplicate_keys_refused(text: str, line: int, key: str) -> None:
    with pytest.raises(YamlError) as info:
        lcyaml.loads(text, file="dup.yaml")
    assert info.value.line == line
    assert "duplicate key" in info.value.message
    assert repr(key) in info.value.message


def test_nul_bytes_refused(tmp_path: Path) -> None:
    p = tmp_path / "bin.yaml"
    p.write_bytes(b"a: 1\n\x00\x01\x02binary\n")
    with pytest.raises(YamlError) as info:
        lcyaml.load_file(p)
    assert "NUL" in info.value.message
    assert info.value.file == str(p)


def test_nul_in_string_refused() -> None:
    with pytest.raises(YamlError, match="NUL"):
        lcyaml.loads("a: b\x00c\n")


def test_non_utf8_refused_with_line(tmp_path: Path) -> None:
    p = tmp_path / "latin1.yaml"
    p.write_bytes("a: 1\nb: 2\nc: caf\u00e9\n".encode("latin-1"))
    with pytest.raises(YamlError) as info:
        lcyaml.load_file(p)
    assert "UTF-8" in info.value.message
    assert info.value.line == 3
    assert str(info.value).startswith(f"{p}:3:")


def test_oversized_file_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lcyaml, "MAX_BYTES", 64)
    p = tmp_path / "big.yaml"
    p.write_text("key: " + "x" * 100 + "\n", encoding="utf-8")
    with pytest.raises(YamlError) as info:
        lcyaml.load_file(p)
    assert "limit" in info.value.message or "larger" in info.value.message
    # a small file still loads under the same limit
    small = tmp_path / "small.yaml"
    small.write_text("key: x\n", encoding="utf-8")
    assert lcyaml.load_file(small).data == {"key": "x"}


def test_oversized_string_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lcyaml, "MAX_BYTES", 64)
    with pytest.raises(YamlError, match="larger than"):
        lcyaml.loads("key: " + "y" * 100)


def test_deep_nesting_refused() -> None:
    depth = lcyaml.MAX_DEPTH + 10
    text = "a: " + "[" * depth + "1" + "]" * depth + "\n"
    with pytest.raises(YamlError) as info:
        lcyaml.loads(text, file="deep.yaml")
    assert "nesting" in info.value.message
    assert info.value.file == "deep.yaml"


def test_nesting_at_limit_allowed() -> None:
    depth = lcyaml.MAX_DEPTH - 2
    text = "[" * depth + "1" + "]" * depth
    data = lcyaml.loads(text).data
    for _ in range(depth - 1):
        data = data[0]
    assert data == [1]


def test_very_deep_nesting_is_a_yaml_error_not_a_crash() -> None:
    depth = 3000
    with pytest.raises(YamlError):
        lcyaml.loads("[" * depth + "]" * depth)


def test_syntax_error_gives_file_and_line(tmp_path: Path) -> None:
    p = tmp_path / "broken.yaml"
    p.write_text("record: statute_version\njurisdiction: KZ\nsources: [a, b\nnotes: x\n", encoding="utf-8")
    with pytest.raises(YamlError) as info:
        lcyaml.load_file(p)
    err = info.value
    assert err.file == str(p)
    assert err.line is not None and 3 <= err.line <= 5
    assert str(err).startswith(f"{p}:{err.line}: invalid YAML")


def test_bad_indentation_line() -> None:
    with pytest.raises(YamlError) as info:
        lcyaml.loads("a:\n  b: 1\n c: 2\n", file="ind.yaml")
    assert info.value.line == 3


def test_missing_file_is_yaml_error(tmp_path: Path) -> None:
    with pytest.raises(YamlError, match="cannot read"):
        lcyaml.load_file(tmp_path / "absent.yaml")


def test_python_tags_never_construct_objects() -> None:
    with pytest.raises(YamlError, match="constructor"):
        lcyaml.loads("a: !!python/name:os.system x\n")
    # on a collection the tag is ignored (not refused): the value stays plain data, nothing runs
    data = lcyaml.loads("a: !!python/object/apply:os.system [echo hi]\n").data
    assert data == {"a": ["echo hi"]}


def test_impossible_unquoted_date_is_yaml_error() -> None:
    with pytest.raises(YamlError) as info:
        lcyaml.loads("a: 1\nb: 2014-13-01\n", file="d.yaml")
    assert info.value.line == 2


LINEMAP_DOC = """\
record: statute_version
provisions:
  - id: art1
    kind: article
    children:
      - id: art1.1
        kind: part
      - id: art1.2
        kind: part
        penalty:
          deprivation_of_liberty: {min_years: 2, max_years: 5}
  - id: art2
    kind: article
"""


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("record",), 1),
        (("provisions",), 2),
        (("provisions", 0), 3),
        (("provisions", 0, "id"), 3),
        (("provisions", 0, "kind"), 4),
        (("provisions", 0, "children", 0, "id"), 6),
        (("provisions", 0, "children", 1, "id"), 8),
        (("provisions", 0, "children", 1, "penalty"), 10),
        (("provisions", 0, "children", 1, "penalty", "deprivation_of_liberty", "max_years"), 11),
        (("provisions", 1, "kind"), 13),
        # nearest ancestor for paths that do not exist
        (("provisions", 0, "children", 1, "penalty", "fine"), 10),
        (("provisions", 1, "heading"), 12),
    ],
)
def test_linemap_nested_paths(path: tuple, line: int) -> None:
    lines = lcyaml.loads(LINEMAP_DOC).lines
    assert lines.line_for(path) == line


def test_linemap_falls_back_to_document_root() -> None:
    lines = lcyaml.loads("\n\na: 1\n").lines
    assert lines.line_for(("a",)) == 3
    assert lines.line_for(("zzz",)) == lines.line_for(()) == 3
    assert lcyaml.LineMap().line_for(("a",)) is None


def test_dumps_round_trip_keeps_order_and_unicode() -> None:
    data = {"z": 1, "a": "вербовка", "m": [1, 2]}
    text = lcyaml.dumps(data)
    assert "вербовка" in text
    assert text.index("z:") < text.index("a:")
    assert lcyaml.loads(text).data == data


def test_dumps_output_with_shared_values_loads_again() -> None:
    shared = [{"ref": "src1"}]
    text = lcyaml.dumps({"a": shared, "b": shared})
    assert lcyaml.loads(text).data == {"a": shared, "b": shared}


def test_control_character_is_a_located_yaml_error() -> None:
    with pytest.raises(YamlError) as info:
        lcyaml.loads("a: 1\nb: x\x01y\n", "f.yaml")
    assert info.value.line == 2 and "U+0001" in str(info.value) and str(info.value).startswith("f.yaml:2:")


def test_fast_and_reference_parsers_agree_on_the_corpus() -> None:
    from lawcompare.records.corpus import bundled_path

    files = sorted(bundled_path("statutes").glob("*/*.yaml"))
    assert len(files) > 30
    for f in files:
        text = f.read_text(encoding="utf-8")
        fast = lcyaml._fast(text)
        assert fast is not None, f  # valid files take the libyaml path
        slow = lcyaml._slow(text, str(f))
        assert fast.data == slow.data and fast.lines.lines == slow.lines.lines, f


def test_alias_found_on_the_fast_path_still_names_the_alias_line() -> None:
    assert lcyaml._fast("x: &a [1, 2]\ny: *a\n") is None  # refused by the fast path ...
    with pytest.raises(YamlError) as info:
        lcyaml.loads("x: &a [1, 2]\ny: *a\n", "f.yaml")
    assert info.value.line == 2  # ... and reported by the reference parser with its line


def test_fast_and_reference_dumpers_write_the_same_text() -> None:
    import yaml

    from lawcompare.records.corpus import bundled_path

    for f in sorted(bundled_path("statutes").glob("*/*.yaml"))[:12]:
        data = lcyaml.load_file(f).data
        reference = yaml.dump(data, Dumper=lcyaml._NoAliasDumper, allow_unicode=True, sort_keys=False, width=100,
                              default_flow_style=False)
        assert lcyaml.dumps(data) == reference, f
