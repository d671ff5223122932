"""CLI: ``validate``, ``corpus list``, ``corpus show`` through ``lawcompare.cli.main.main``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import line_of, minimal_record, run_cli, set_path, write_record

from lawcompare.cli.main import main


@pytest.fixture(autouse=True)
def _cached_bundled_corpus(reuse_bundled_corpus):
    """CLI commands below reuse the session's bundled corpus."""


run = run_cli


@pytest.fixture
def broken_dir(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "kz"
    path = write_record(folder, set_path(minimal_record(), ("provisions", 0, "topics"), []))
    return tmp_path, path


def test_validate_bundled_ok(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys, "validate")
    assert rc == 0
    assert "0 error(s), 0 warning(s)" in out
    assert "Traceback" not in out + err


def test_validate_broken_prints_file_line(capsys: pytest.CaptureFixture[str], broken_dir) -> None:
    root, path = broken_dir
    rc, out, err = run(capsys, "validate", str(root))
    assert rc == 1
    line = line_of(path, "topics:")
    assert f"{path}:{line}: error: provisions[0].topics (art128):" in out
    assert "1 error(s)" in out
    assert "Traceback" not in out + err


def test_validate_valid_tmp_folder_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_record(tmp_path / "kz")
    rc, out, _err = run(capsys, "validate", str(tmp_path))
    assert rc == 0 and "1 file(s) checked: 0 error(s)" in out


def test_corpus_list_table(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _err = run(capsys, "corpus", "list")
    assert rc == 0
    lines = out.splitlines()
    for code in ["KG", "KZ", "TJ", "TM", "UZ"]:
        assert code in lines
    tm_rows = [ln for ln in lines if ln.strip().startswith("tm-cc-1997")]
    assert len(tm_rows) == 3
    assert "2010-05-10 – 2022-12-31" in tm_rows[1] and "art129-1" in tm_rows[1]


def test_corpus_list_json(capsys: pytest.CaptureFixture[str], corpus) -> None:
    rc, out, _err = run(capsys, "corpus", "list", "--format", "json")
    assert rc == 0
    rows = json.loads(out)
    assert len(rows) == len(corpus)
    assert {r["jurisdiction"] for r in rows} == {"KG", "KZ", "TJ", "TM", "UZ"}
    assert all(set(r) >= {"instrument", "in_force_from", "in_force_to", "articles", "file"} for r in rows)


def test_corpus_show_table(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys, "corpus", "show", "KZ", "--on", "2010-01-01")
    assert rc == 0, err
    assert out.startswith("KZ on 2010-01-01")
    assert "NO criminal-code trafficking offence" not in out
    assert "Criminal Code of the Republic of Kazakhstan (1997), Article 128 [version in force from 2006-03-02]" in out
    assert "Trafficking in persons" in out
    assert "source: " in out


def test_corpus_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys, "corpus", "show", "KZ", "--on", "2010-01-01", "--format", "json")
    assert rc == 0, err
    data = json.loads(out)
    assert data["jurisdiction"] == "KZ"
    assert data["on"] == "2010-01-01"
    assert data["trafficking_offence_in_force"] is True
    provs = data["provisions"]
    assert provs
    for p in provs:
        assert {"instrument", "article", "heading", "penalties", "sources"} <= set(p)
        assert isinstance(p["penalties"], list) and isinstance(p["sources"], list)
        assert p["sources"], p["article"]
        assert p["unofficial_translation"] is True
        assert p["version"]["in_force_from"] <= "2010-01-01"
        assert p["version"]["in_force_to"] is None or p["version"]["in_force_to"] >= "2010-01-01"
    art128 = next(p for p in provs if p["instrument"] == "kz-cc-1997" and p["article"] == "art128")
    assert art128["heading"] == "Trafficking in persons"
    assert "trafficking_in_persons" in art128["topics"]
    with_penalty = [pen for p in provs for pen in p["penalties"]]
    assert with_penalty, "some provision in force should carry a penalty"
    for pen in with_penalty:
        assert {"provision", "deprivation_of_liberty", "confiscation", "summary"} <= set(pen)


def test_corpus_show_no_offence(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _err = run(capsys, "corpus", "show", "TM", "--on", "2005-06-01")
    assert rc == 0
    assert "NO criminal-code trafficking offence in force on this date" in out
    rc, out, _err = run(capsys, "corpus", "show", "TM", "--on", "2005-06-01", "--format", "json")
    assert json.loads(out)["trafficking_offence_in_force"] is False


def test_corpus_show_tm_2016_has_offence(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _err = run(capsys, "corpus", "show", "tm", "--on", "2016-01-01")
    assert rc == 0
    assert out.startswith("TM on 2016-01-01")
    assert "NO criminal-code trafficking offence" not in out
    assert "Article 129-1" in out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["corpus", "show", "XX", "--on", "2010-01-01"], "no records for jurisdiction 'XX'"),
        (["corpus", "show", "KZ", "--on", "2010-13-01"], "not a date"),
    ],
)
def test_corpus_show_bad_input_message(capsys: pytest.CaptureFixture[str], argv: list[str], needle: str) -> None:
    rc, out, err = run(capsys, *argv)
    assert rc == 1
    assert err.startswith("error: ")
    assert needle in err
    assert "Traceback" not in out + err
    assert out == ""


def test_corpus_show_missing_on_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    rc, _out, err = run(capsys, "corpus", "show", "KZ")
    assert rc == 2
    assert "--on" in err


def test_corpus_show_custom_corpus(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_record(tmp_path / "kz")
    rc, out, _err = run(capsys, "corpus", "show", "KZ", "--on", "2012-06-01", "--corpus", str(tmp_path),
                        "--format", "json")
    assert rc == 0
    data = json.loads(out)
    assert [p["article"] for p in data["provisions"]] == ["art128"]
    pens = data["provisions"][0]["penalties"]
    assert [p["provision"] for p in pens] == ["art128.1", "art128.2"]
    assert pens[0]["deprivation_of_liberty"] == {"min_years": 3, "max_years": 7, "life": False}
    assert pens[1]["confiscation"] == "mandatory"


def test_validate_schema_only_flag(record_dir, capsys):
    data = minimal_record()
    set_path(data, ("version", "in_force_to"), "2009-01-01")  # before in_force_from: a model check
    write_record(record_dir, data)
    assert main(["validate", "--schema-only", str(record_dir)]) == 0  # the schema cannot see the order
    capsys.readouterr()
    assert main(["validate", str(record_dir)]) == 1
    assert "in_force_to" in capsys.readouterr().out
