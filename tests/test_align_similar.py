"""Cross-country alignment of one criterion, and textual similarity of provisions across states."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import minimal_record, set_path, write_record

from lawcompare.assess.rules import assess
from lawcompare.cli.main import main
from lawcompare.compare.align import align, sentence_around
from lawcompare.compare.similar import CAVEAT, passages, score, similar
from lawcompare.errors import LawcompareError, RubricError, UnknownJurisdiction
from lawcompare.io import yaml as lcyaml
from lawcompare.records.corpus import bundled_path, load_corpus

STATES = ["KG", "KZ", "TJ", "TM", "UZ"]


@pytest.fixture(scope="module")
def recruitment(corpus):
    return align(corpus, "act.recruitment", "2016-01-01")


@pytest.fixture(scope="module")
def vulnerability(corpus):
    return align(corpus, "means.abuse_of_vulnerability", "2016-01-01")


# --- alignment -------------------------------------------------------------------------------


def test_align_has_every_state_with_citations_for_met(recruitment, vulnerability):
    for a in (recruitment, vulnerability):
        assert [r.jurisdiction for r in a.rows] == STATES
        for r in a.rows:
            if r.status == "met":
                assert r.citations or r.rests_on, (a.criterion, r.jurisdiction)
                assert all("[version in force from" in c for c in r.citations + r.rests_on)


def test_align_rows_agree_with_the_gap_reports(corpus, vulnerability):
    for r in vulnerability.rows:
        f = assess(corpus, r.jurisdiction, "2016-01-01").finding("means.abuse_of_vulnerability")
        assert r.status == f.status.value and r.flags == [x.value for x in f.flags]
        assert r.citations == list(dict.fromkeys(e.citation for e in f.evidence))


def test_align_wording_is_the_matched_words_in_their_sentence(recruitment):
    seen = 0
    for r in recruitment.rows:
        for w in r.wording:
            if w.kind == "detector" and w.sentence is not None:
                seen += 1
                assert w.sentence[w.start:w.end] == w.words
                assert len(w.sentence) <= 330
                assert "[[" + w.words + "]]" in w.marked()
    assert seen >= 4  # the detector finds "recruit..." in most states' offences


def test_align_names_the_offence_when_no_words_match(corpus, vulnerability):
    # Kazakhstan's 2014 offence names no means, so every means is met without any words
    kz = vulnerability.row("KZ")
    assert kz.status == "met" and "broader_than_standard" in kz.flags and kz.wording == []
    assert kz.rests_on == [p.citation for p in corpus.trafficking_offences("KZ", "2016-01-01")]
    assert "rests on the offence as a whole" in kz.note
    assert "reconstruction" in kz.note  # the KZ offence text is a reconstruction


def test_sentence_around_cuts_at_sentence_ends():
    text = "First sentence here. The recruitment of persons is punished. Last one."
    i = text.index("recruitment")
    sentence, s, e = sentence_around(text, i, i + len("recruitment"))
    assert sentence == "The recruitment of persons is punished."
    assert sentence[s:e] == "recruitment"
    long = "word " * 200 + "recruitment " + "word " * 200
    i = long.index("recruitment")
    sentence, s, e = sentence_around(long, i, i + 11, limit=100)
    assert sentence.startswith("…") and sentence.endswith("…") and len(sentence) < 120
    assert sentence[s:e] == "recruitment"


def test_align_formats(recruitment):
    rows = list(csv.DictReader(io.StringIO(recruitment.to_csv())))
    assert [r["jurisdiction"] for r in rows] == STATES
    assert all(r["criterion"] == "act.recruitment" for r in rows)
    data = json.loads(json.dumps(recruitment.as_json()))
    assert [r["jurisdiction"] for r in data["rows"]] == STATES and data["on"] == "2016-01-01"
    text = recruitment.to_text()
    assert all(f"\n{j}  " in text for j in STATES)
    html = recruitment.to_html()
    assert "<mark>" in html and html.count('<tr id="') == 5


def _hostile_corpus(tmp_path: Path, text: str) -> Path:
    data = minimal_record()
    set_path(data, ("provisions", 0, "children", 0, "text"), text)
    write_record(tmp_path / "c" / "kz", data)
    return tmp_path / "c"


def test_align_csv_is_safe_from_formula_injection(tmp_path):
    root = _hostile_corpus(tmp_path, '=HYPERLINK("http://example.org") The recruitment of a person for the '
                                     "purpose of exploitation shall be punished by deprivation of liberty.")
    a = align(load_corpus(root), "act.recruitment", "2012-01-01")
    row = next(csv.DictReader(io.StringIO(a.to_csv())))
    assert row["status"] == "met"
    assert row["sentences"].startswith("'=HYPERLINK")


def test_align_html_escapes(tmp_path):
    root = _hostile_corpus(tmp_path, "<script>alert(1)</script> The recruitment of a person for the purpose of "
                                     "exploitation shall be punished by deprivation of liberty.")
    html = align(load_corpus(root), "act.recruitment", "2012-01-01").to_html()
    assert "<script" not in html and "&lt;script&gt;alert(1)" in html


def test_align_errors(corpus):
    with pytest.raises(RubricError, match="unknown criterion 'means.telepathy'"):
        align(corpus, "means.telepathy", "2016-01-01")
    with pytest.raises(UnknownJurisdiction):
        align(corpus, "act.recruitment", "2016-01-01", jurisdictions=["XX"])


# --- similarity ------------------------------------------------------------------------------


def test_similar_pairs_are_across_states_and_ranked(corpus):
    s = similar(corpus, "2016-01-01", top=None)
    offences = {j: len(corpus.trafficking_offences(j, "2016-01-01")) for j in STATES}
    expected = sum(offences[a] * offences[b] for i, a in enumerate(STATES) for b in STATES[i + 1:])
    assert s.compared == expected == len(s.pairs)
    assert all(p.a.jurisdiction != p.b.jurisdiction for p in s.pairs)
    assert [p.score for p in s.pairs] == sorted((p.score for p in s.pairs), reverse=True)
    for p in s.pairs:
        assert p.score == score(p.a.text, p.b.text)
        for ps in p.passages:
            assert p.a.text[ps.a_start:ps.a_end] == ps.a_text and p.b.text[ps.b_start:ps.b_end] == ps.b_text
    assert s.caveat == CAVEAT and "translation choices" in s.to_text()
    assert "rapidfuzz" in s.scorer


def test_similar_top_and_min_score(corpus):
    full = similar(corpus, "2016-01-01", top=None)
    assert [p.score for p in similar(corpus, "2016-01-01", top=3).pairs] == [p.score for p in full.pairs[:3]]
    cut = full.pairs[2].score
    kept = similar(corpus, "2016-01-01", top=None, min_score=cut).pairs
    assert kept and all(p.score >= cut for p in kept)
    assert len(kept) == sum(p.score >= cut for p in full.pairs)


def test_passages_find_the_shared_stretch():
    a = "Recruiting a person by deception for the purpose of exploitation shall be punished by a fine."
    b = "The hiring of a worker by deception for the purpose of exploitation shall be punished severely."
    shared, ps = passages(a, b)
    # one differing word inside a run ("person" / "worker") does not break the passage
    assert ps[0].a_text == "a person by deception for the purpose of exploitation shall be punished"
    assert ps[0].b_text == "a worker by deception for the purpose of exploitation shall be punished"
    assert ps[0].words == 11 and shared == 11
    assert score(a, a) == 100.0 and score(a, b) < 100.0


def _corpus_with_copy(tmp_path: Path) -> Path:
    """The bundled corpus plus a Kyrgyz record holding a copy of Kazakhstan's 2014 article 128."""
    root = tmp_path / "statutes"
    for folder in bundled_path("statutes").iterdir():
        if folder.is_dir():
            target = root / folder.name
            target.mkdir(parents=True)
            for f in folder.glob("*.yaml"):
                (target / f.name).write_bytes(f.read_bytes())
    kz = lcyaml.loads((root / "kz" / "kz-cc-2014@2015-01-01.yaml").read_text(encoding="utf-8")).data
    copy = dict(kz)
    copy["jurisdiction"] = "KG"
    copy["instrument"] = {**kz["instrument"], "id": "kg-copy-2015", "title_en": "Test copy code"}
    copy["provisions"] = [p for p in kz["provisions"] if p["id"] == "art128"]
    copy["uncertain"] = []
    write_record(root / "kg", copy)
    return root


def test_similar_finds_a_copy_as_top_match(tmp_path):
    corpus = load_corpus(_corpus_with_copy(tmp_path))
    s = similar(corpus, "2016-01-01", provision="KZ:art128", top=5)
    top = s.pairs[0]
    assert top.a.ref == "KZ:kz-cc-2014:art128"
    assert top.b.ref == "KG:kg-copy-2015:art128" and top.score == 100.0
    assert top.passages[0].a_text == top.passages[0].b_text
    assert all(p.b.jurisdiction != "KZ" for p in s.pairs)
    assert s.pairs[1].score < 100.0
    # without a target the copy pairs with its original first
    assert similar(corpus, "2016-01-01", top=1).pairs[0].score == 100.0


def test_similar_topic_and_errors(corpus):
    s = similar(corpus, "2016-01-01", topic="rape", top=None)
    assert s.pairs and "topic rape" in s.selection
    rape = {j: [p.citation for p in corpus.with_topic(j, "2016-01-01", "rape")] for j in STATES}
    assert all(p.a.citation in rape[p.a.jurisdiction] and p.b.citation in rape[p.b.jurisdiction] for p in s.pairs)
    assert all(p.a.jurisdiction != p.b.jurisdiction for p in s.pairs)
    with pytest.raises(LawcompareError, match="unknown topic 'piracy'"):
        similar(corpus, "2016-01-01", topic="piracy")
    with pytest.raises(LawcompareError, match="expected JURISDICTION:PROVISION"):
        similar(corpus, "2016-01-01", provision="art128")
    with pytest.raises(LawcompareError, match="Trafficking offences in force on 2016-01-01: kz-cc-2014:art128"):
        similar(corpus, "2016-01-01", provision="KZ:art999")
    with pytest.raises(UnknownJurisdiction):
        similar(corpus, "2016-01-01", provision="XX:art1")


def test_similar_html_escapes(tmp_path):
    root = _corpus_with_copy(tmp_path)
    path = root / "kg" / "kg-copy-2015@2015-01-01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Buying or selling", "<script>x()</script> Buying"),
                    encoding="utf-8")
    html = similar(load_corpus(root), "2016-01-01", provision="KZ:art128").to_html()
    assert "<script" not in html and "&lt;script&gt;x()" in html
    assert "translation choices" in html


# --- command line ----------------------------------------------------------------------------


def test_cli_align(capsys, tmp_path):
    assert main(["align", "--criterion", "means.abuse_of_vulnerability", "--on", "2016-01-01"]) == 0
    out = capsys.readouterr().out
    assert all(f"\n{j}  " in out for j in STATES) and "[[vulnerability]]" in out
    assert main(["align", "-c", "act.recruitment", "--on", "2016-01-01", "--format", "csv", "-j", "KZ"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["jurisdiction"] for r in rows] == ["KZ"]
    page = tmp_path / "align.html"
    assert main(["align", "-c", "act.recruitment", "--on", "2016-01-01", "--format", "html", "-o", str(page)]) == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_align_errors(capsys):
    assert main(["align", "--criterion", "means.telepathy", "--on", "2016-01-01"]) == 1
    assert "error: unknown criterion 'means.telepathy'" in capsys.readouterr().err
    assert main(["align", "-c", "act.recruitment", "-j", "XX", "--on", "2016-01-01"]) == 1
    assert "no records for jurisdiction 'XX'" in capsys.readouterr().err
    assert main(["align", "--on", "2016-01-01"]) == 2
    capsys.readouterr()


def test_cli_similar(capsys):
    assert main(["similar", "--on", "2016-01-01", "--top", "2", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["pairs"]) == 2 and data["caveat"] == CAVEAT and data["unofficial_translation"] is True
    assert main(["similar", "--on", "2016-01-01", "--provision", "KZ:art128", "--top", "1"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n1. ") == 1 and "caveat:" in out and "passage 1" in out
    assert main(["similar", "--on", "2016-01-01", "--provision", "KZ:art999"]) == 1
    assert "KZ art999 is not in force on 2016-01-01" in capsys.readouterr().err
    assert main(["similar", "--topic", "piracy"]) == 1
    assert "unknown topic" in capsys.readouterr().err
    assert main(["similar", "--min-score", "120"]) == 2
    capsys.readouterr()
