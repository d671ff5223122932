"""Redlines of a provision between two dates or two records: text, penalties, criteria, output."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import PART1_TEXT, minimal_record, set_path, write_record
from hypothesis import given
from hypothesis import strategies as st

from lawcompare.cli.main import main
from lawcompare.compare.redline import (
    RECONSTRUCTION_WARNING,
    ProvisionNotFound,
    diff_provision,
    diff_records,
    tokens,
    word_diff,
)
from lawcompare.errors import RecordError, UnknownJurisdiction
from lawcompare.records.corpus import bundled_path, load_corpus

# Our own amended wording of the test record's part 1: adds "transfer" and a means, raises the penalty.
AMENDED_PART1 = (
    "The recruitment, transportation, transfer or harbouring of a person by deception for the purpose of "
    "exploitation shall be punished by deprivation of liberty for a term of four to ten years."
)


def old_text(segments) -> str:
    return "".join(s.text for s in segments if s.op in ("equal", "delete"))


def new_text(segments) -> str:
    return "".join(s.text for s in segments if s.op in ("equal", "insert"))


@pytest.fixture(scope="module")
def kz_2010_2016(corpus):
    return diff_provision(corpus, "KZ", "art128", "2010-01-01", "2016-01-01")


@pytest.fixture
def two_records(tmp_path: Path) -> tuple[Path, Path]:
    old = write_record(tmp_path / "old", minimal_record())
    data = minimal_record()
    set_path(data, ("version",), {"in_force_from": "2015-01-01"})
    set_path(data, ("provisions", 0, "children", 0, "text"), AMENDED_PART1)
    set_path(data, ("provisions", 0, "children", 0, "penalty", "deprivation_of_liberty"),
             {"min_years": 4, "max_years": 10})
    new = write_record(tmp_path / "new", data)
    return old, new


# --- the word-level diff ------------------------------------------------------------------


def test_tokens_keep_every_character():
    text = "Part 1.\n  The recruit-\nment (a) of persons;\tdone — by force, "
    assert "".join(tokens(text)) == text
    assert "persons" in tokens(text) and ";" in tokens(text) and "\n  " in tokens(text)


_PIECES = st.lists(st.sampled_from(["a", "b", " ", "  ", "\n", ".", ",", ";", "-", "person", "minor", "é"]),
                   max_size=40).map("".join)


@given(_PIECES, _PIECES)
def test_redline_reproduces_both_texts_exactly(a, b):
    segs = word_diff(a, b)
    assert old_text(segs) == a
    assert new_text(segs) == b
    assert all(s.text for s in segs)
    assert all(x.op != y.op for x, y in zip(segs, segs[1:], strict=False))  # adjacent runs are merged


def test_redline_is_word_level_and_joins_replacements():
    segs = word_diff("three to seven years", "four to ten years")
    assert [(s.op, s.text) for s in segs] == [
        ("delete", "three"), ("insert", "four"), ("equal", " to "), ("delete", "seven"), ("insert", "ten"),
        ("equal", " years")]
    # a lone space between two replacements does not split them; a shared word does
    segs = word_diff("by force fraud shall", "by deception abuse shall")
    assert [(s.op, s.text) for s in segs] == [("equal", "by "), ("delete", "force fraud"),
                                              ("insert", "deception abuse"), ("equal", " shall")]
    segs = word_diff("by force or fraud", "by deception or abuse")
    assert [s.text for s in segs if s.op == "equal"] == ["by ", " or "]
    # line breaks between parts are never swallowed into a change
    segs = word_diff("1. force\n2. fraud", "1. deception\n2. abuse")
    assert any(s.op == "equal" and "\n" in s.text for s in segs)


# --- identical versions ------------------------------------------------------------------


def test_identical_versions_show_no_change(corpus):
    r = diff_provision(corpus, "KZ", "art128", "2016-01-01", "2017-06-30")
    assert r.same_version and not r.text_changed
    assert [s.op for s in r.segments] == ["equal"] and r.segments[0].text == r.old.text == r.new.text
    assert "Trafficking in persons" in r.old.text
    assert r.penalties == []
    assert r.criteria is not None and r.criteria.changes == [] and r.criteria.compared > 20
    text = r.to_text()
    assert "Text: no change." in text and "Penalties (structured): no change." in text
    assert "no change in status or flags" in text
    assert "[-" not in text and "{+" not in text
    data = r.as_json()
    assert data["text_changed"] is False and data["words_deleted"] == data["words_inserted"] == 0
    assert data["criteria"]["changes"] == []


def test_same_record_file_against_itself_shows_no_change(two_records):
    old, _new = two_records
    r = diff_records(old, old, "art128")
    assert not r.text_changed and r.penalties == [] and r.criteria.changes == []
    assert "No change: no criterion changed status or flags." in r.to_html()


# --- across instruments: KZ 1997 Code → 2014 Code -------------------------------------------


def test_kz_2010_to_2016_names_both_instruments(kz_2010_2016):
    r = kz_2010_2016
    assert (r.old.instrument, r.new.instrument) == ("kz-cc-1997", "kz-cc-2014")
    assert "(1997), Article 128" in r.old.citation and "(2014), Article 128" in r.new.citation
    assert r.old.version_from.isoformat() == "2006-03-02" and r.new.version_from.isoformat() == "2015-01-01"
    assert r.old.on.isoformat() == "2010-01-01" and r.new.on.isoformat() == "2016-01-01"
    assert r.old.file.endswith("kz-cc-1997@2006-03-02.yaml")
    assert any("different instruments" in w for w in r.warnings)


def test_kz_2010_to_2016_shows_the_real_changes(kz_2010_2016, corpus):
    r = kz_2010_2016
    old_rec = corpus.versions("KZ", "kz-cc-1997")[-1]
    new_rec = next(v for v in corpus.versions("KZ", "kz-cc-2014") if v.version.covers(r.new.on))
    # the redline is over the records' own wording
    assert old_text(r.segments) == r.old.text and new_text(r.segments) == r.new.text
    assert " ".join(old_rec.provision("art128").text.split()) in r.old.text
    assert " ".join(new_rec.provision("art128").text.split()) in r.new.text
    deleted, inserted = " ".join(r.deleted()), " ".join(r.inserted())
    # the 1997 wording ends "... is an offence; aggravated forms ..."; the 2014 one states the sanction
    assert "aggravated forms carry heavier penalties" in deleted
    assert "three to fifteen years" in inserted and "confiscation of property" in inserted
    # the shared elements are not marked as changed
    equal = " ".join(s.text for s in r.segments if s.op == "equal")
    assert "recruiting, transporting, handing over, harbouring or receiving a person" in equal
    # the 1997 article records no sanction, the 2014 one records 3-15 years with mandatory confiscation
    assert [(p.old_provision, p.old) for p in r.penalties] == [("art128", None)]
    assert "3–15 years" in r.penalties[0].new and "mandatory" in r.penalties[0].new


def test_kz_2010_to_2016_criteria_follow_the_recorded_penalty(kz_2010_2016):
    changes = {c.criterion: c for c in kz_2010_2016.criteria.changes}
    serious = changes["penalty.serious_crime"]
    # no sanction recorded in 2010 (not assessable) → 15 years in 2016, over the 4-year threshold
    assert (serious.old_status, serious.new_status) == ("not_applicable", "met")
    assert serious.old_citations == []
    assert any("(2014), Article 128" in c for c in serious.new_citations)
    assert changes["penalty.confiscation"].new_status == "met"
    assert all(c.status_changed or c.flags_added or c.flags_removed for c in changes.values())
    text = kz_2010_2016.to_text()
    assert "penalty.serious_crime: not_applicable [uncertain] → met" in text


def test_redline_between_two_reconstructions_warns(kz_2010_2016):
    assert (kz_2010_2016.old.text_basis, kz_2010_2016.new.text_basis) == ("reconstruction", "reconstruction")
    assert RECONSTRUCTION_WARNING in kz_2010_2016.warnings
    assert "says more about our wording than about the law" in kz_2010_2016.to_text()
    assert "(text: reconstruction)" in kz_2010_2016.to_text()


def test_renumbered_article_with_to_provision(corpus):
    r = diff_provision(corpus, "KZ", "art133", "2010-01-01", "2016-01-01", to_provision="art135", criteria=False)
    assert (r.old.provision, r.new.provision) == ("art133", "art135")
    assert r.criteria is None
    assert [(s.op, s.text) for s in r.segments if s.op != "equal"] == [("delete", "133"), ("insert", "135")]


def test_instrument_prefix_picks_the_instrument(corpus):
    r = diff_provision(corpus, "KZ", "kz-cc-1997:art128", "2010-01-01", "2016-01-01", criteria=False)
    assert r.old.instrument == "kz-cc-1997"
    with pytest.raises(ProvisionNotFound, match="No instrument 'kz-cc-1990'"):
        diff_provision(corpus, "KZ", "kz-cc-1990:art128", "2010-01-01", "2016-01-01", criteria=False)


# --- errors ------------------------------------------------------------------------------


def test_provision_not_in_force_lists_the_offences_then(corpus):
    with pytest.raises(ProvisionNotFound) as exc:
        diff_provision(corpus, "TM", "art129-1", "2005-06-01", "2016-01-01")
    msg = str(exc.value)
    assert "TM art129-1 is not in force on 2005-06-01" in msg
    assert "Trafficking offences in force on 2005-06-01: none" in msg
    assert "tm-cc-1997 2010-05-10" in msg  # where the article is recorded
    assert "--to-provision" in msg
    with pytest.raises(ProvisionNotFound) as exc:
        diff_provision(corpus, "KZ", "art999", "2010-01-01", "2016-01-01")
    assert "kz-cc-1997:art128" in str(exc.value) and "kz-cc-1997:art133" in str(exc.value)


def test_unknown_jurisdiction(corpus):
    with pytest.raises(UnknownJurisdiction, match="KG, KZ, TJ, TM, UZ"):
        diff_provision(corpus, "XX", "art128", "2010-01-01", "2016-01-01")


def test_same_number_in_two_instruments_asks_which(tmp_path):
    folder = tmp_path / "kz"
    write_record(folder, minimal_record())
    other = minimal_record()
    set_path(other, ("instrument", "id"), "kz-law-2099")
    set_path(other, ("instrument", "type"), "special_law")
    write_record(folder, other)
    corpus = load_corpus(tmp_path)
    with pytest.raises(ProvisionNotFound, match="more than one instrument.*kz-cc-2099:art128"):
        diff_provision(corpus, "KZ", "art128", "2011-01-01", "2012-01-01", criteria=False)
    r = diff_provision(corpus, "KZ", "kz-law-2099:art128", "2011-01-01", "2012-01-01",
                       to_provision="kz-cc-2099:art128", criteria=False)
    assert (r.old.instrument, r.new.instrument) == ("kz-law-2099", "kz-cc-2099")
    assert not r.text_changed and any("different instruments" in w for w in r.warnings)


def test_missing_provision_in_a_record_names_the_file(two_records):
    old, new = two_records
    with pytest.raises(ProvisionNotFound, match=r"kz-cc-2099@2010-01-01\.yaml: no provision 'art130'.*art128"):
        diff_records(old, new, "art130")


def test_broken_record_file_is_reported_with_its_location(tmp_path, two_records):
    bad = tmp_path / "bad.yaml"
    bad.write_text(two_records[0].read_text(encoding="utf-8").replace("kind: part", "kind: chapter", 1),
                   encoding="utf-8")
    with pytest.raises(RecordError) as exc:
        diff_records(bad, two_records[1], "art128")
    assert "bad.yaml:" in str(exc.value) and "kind" in str(exc.value)


# --- two hand-made records --------------------------------------------------------------------


def test_redline_between_two_records(two_records):
    old, new = two_records
    r = diff_records(old, new, "art128")
    assert r.old.file == str(old) and r.new.file == str(new)
    assert r.old.on is None and r.new.version_from.isoformat() == "2015-01-01"
    changes = [(s.op, s.text) for s in r.segments if s.op != "equal"]
    assert changes == [("insert", ", transfer"), ("insert", " by deception"), ("delete", "three"),
                       ("insert", "four"), ("delete", "seven"), ("insert", "ten")]
    assert old_text(r.segments).splitlines()[1] == "1. " + PART1_TEXT
    assert new_text(r.segments).splitlines()[1] == "1. " + AMENDED_PART1
    assert r.words("delete") == 2 and r.words("insert") == 5
    assert [(p.old_provision, p.old, p.new) for p in r.penalties] == [
        ("art128.1", "deprivation of liberty 3–7 years", "deprivation of liberty 4–10 years")]
    # "transfer" and "by deception" are new in the basic part
    crit = {c.criterion: c for c in r.criteria.changes}
    assert crit["act.transfer"].old_status == "missing" and crit["act.transfer"].new_status == "met"
    assert any("Article 128, Part 1" in c for c in crit["act.transfer"].new_citations)
    assert "each record on its own" in r.criteria.scope
    assert r.warnings == []  # both translations, same instrument, nothing unconfirmed


def test_reconstructed_side_is_shown_and_warned(tmp_path, two_records):
    old, _ = two_records
    data = minimal_record()
    set_path(data, ("provisions", 0, "text_basis"), "reconstruction")
    recon = write_record(tmp_path / "recon", data, name="recon.yaml")
    r = diff_records(old, recon, "art128", criteria=False)
    assert (r.old.text_basis, r.new.text_basis) == ("translation", "reconstruction")
    assert any(w.startswith("The new side is a reconstruction") for w in r.warnings)
    assert "(text: translation)" in r.to_text() and "(text: reconstruction)" in r.to_text()


# --- output formats --------------------------------------------------------------------------


class _Balanced(HTMLParser):
    VOID = {"meta", "br", "link", "img", "input", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(tag)
        else:
            self.stack.pop()


def test_html_escapes_statute_text(two_records, tmp_path):
    old, _ = two_records
    data = minimal_record()
    set_path(data, ("provisions", 0, "children", 0, "text"), "<script>alert('x')</script> & the recruitment")
    hostile = write_record(tmp_path / "hostile", data, name="hostile.yaml")
    r = diff_records(old, hostile, "art128")
    html = r.to_html()
    assert "<script" not in html
    assert "&lt;script&gt;alert(" in html
    assert "<del " in html and "<ins " in html
    checker = _Balanced()
    checker.feed(html)
    assert checker.errors == [] and checker.stack == []
    assert "script" not in checker.tags
    assert r._repr_html_().startswith("<main") and r._repr_html_().endswith("</main>")


def test_terminal_output_plain_and_coloured(kz_2010_2016):
    plain = kz_2010_2016.redline_text(colour=False)
    assert "[-is an offence; aggravated forms carry heavier penalties-]" in plain
    assert "{+shall be punished," in plain and "\x1b[" not in plain
    coloured = kz_2010_2016.redline_text(colour=True)
    assert "\x1b[" in coloured and "[-" not in coloured
    assert "aggravated forms carry heavier penalties" in coloured


def test_json_output_is_complete(kz_2010_2016):
    data = json.loads(json.dumps(kz_2010_2016.as_json()))
    assert data["old"]["instrument"] == "kz-cc-1997" and data["new"]["text_basis"] == "reconstruction"
    assert "".join(s["text"] for s in data["segments"] if s["op"] != "insert") == data["old"]["text"]
    assert data["unofficial_translation"] is True
    assert {c["criterion"] for c in data["criteria"]["changes"]} >= {"penalty.serious_crime"}


# --- command line ----------------------------------------------------------------------------


def test_cli_diff_text_json_html(capsys, tmp_path):
    args = ["diff", "KZ", "art128", "--from", "2010-01-01", "--to", "2016-01-01"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "(1997), Article 128" in out and "(2014), Article 128" in out
    assert "[-is an offence;" in out and "\x1b[" not in out  # not a terminal: markers, no colour
    assert main([*args, "--format", "json", "--no-criteria"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["criteria"] is None and data["text_changed"] is True
    assert main([*args, "--colour", "always", "--no-criteria"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" in out and "[-is an offence;" not in out
    page = tmp_path / "redline.html"
    assert main([*args, "--format", "html", "-o", str(page)]) == 0
    assert capsys.readouterr().out == ""
    assert "<del " in page.read_text(encoding="utf-8")


def test_cli_diff_records(capsys, two_records):
    old, new = two_records
    assert main(["diff", "--records", str(old), str(new), "art128", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["words_inserted"] == 5 and data["new"]["file"] == str(new)


def test_cli_diff_errors(capsys, tmp_path):
    assert main(["diff", "XX", "art128", "--from", "2010-01-01", "--to", "2016-01-01"]) == 1
    assert "error: no records for jurisdiction 'XX'" in capsys.readouterr().err
    assert main(["diff", "KZ", "art999", "--from", "2010-01-01", "--to", "2016-01-01"]) == 1
    err = capsys.readouterr().err
    assert "KZ art999 is not in force on 2010-01-01" in err and "kz-cc-1997:art128" in err
    assert main(["diff", "KZ", "art128", "--from", "2010-01-01"]) == 2
    assert "--from and --to" in capsys.readouterr().err
    assert main(["diff", "KZ", "art128", "--from", "2010-02-30", "--to", "2016-01-01"]) == 1
    assert "not a date" in capsys.readouterr().err
    assert main(["diff", "art128"]) == 2
    capsys.readouterr()


def test_cli_diff_uses_a_users_corpus(capsys, tmp_path):
    work = tmp_path / "corpus"
    shutil.copytree(bundled_path("statutes") / "tm", work / "tm")
    args = ["diff", "TM", "art129-1", "--from", "2011-01-01", "--to", "2024-01-01", "--corpus", str(work),
            "--no-criteria", "--format", "json"]
    # the 2023 version of the Turkmen code records the offence as article 128
    assert main(args) == 1
    assert "tm-cc-1997:art128" in capsys.readouterr().err
    assert main([*args, "--to-provision", "art128"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["old"]["file"].startswith(str(work)) and data["new"]["file"].startswith(str(work))
    assert data["old"]["version_from"] == "2010-05-10" and data["new"]["version_from"] == "2023-01-01"
    assert (data["old"]["provision"], data["new"]["provision"]) == ("art129-1", "art128")


# --- the worked example in docs/comparison.md -----------------------------------------------------


def test_docs_python_example_runs_and_its_comments_are_true():
    import ast
    import re

    doc = Path(__file__).resolve().parents[1] / "docs" / "comparison.md"
    code = re.search(r"```python\n(.*?)```", doc.read_text(encoding="utf-8"), re.S).group(1)
    ns: dict = {}
    exec(compile(code, str(doc), "exec"), ns)  # noqa: S102
    checked = 0
    for line in code.splitlines():
        expr, sep, comment = line.partition("  # ")
        if not sep or "=" in expr.replace("==", "").split("(")[0] or not expr.strip():
            continue
        assert eval(expr.strip(), ns) == ast.literal_eval(comment.strip()), line  # noqa: S307
        checked += 1
    assert checked >= 8
