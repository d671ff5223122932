"""Amendment memos: content rules, the three formats, numbering, escaping and the CLI."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import write_record
from lxml import etree, html

from lawcompare.assess.models import Status
from lawcompare.assess.rules import assess
from lawcompare.cli.main import main
from lawcompare.memo import build_memo, render_html, render_markdown, write_memo
from lawcompare.records.corpus import bundled_path, load_corpus

STATES = ["KZ", "KG", "TJ", "TM", "UZ"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def memos(corpus):
    return {j: build_memo(corpus, j, "2025-06-01") for j in STATES}


@pytest.mark.parametrize("on", ["2005-06-01", "2012-01-01", "2025-06-01"])
def test_memo_never_proposes_what_the_law_has(corpus, on):
    for j in STATES:
        report = assess(corpus, j, on)
        memo = build_memo(corpus, j, on, report=report)
        status = {f.id: f.status for f in report.findings}
        proposed = [g.criterion for g in memo.gaps]
        assert all(status[c] in (Status.missing, Status.partial) for c in proposed), (j, on)
        # every open finding is raised exactly once; every met one is listed as covered
        assert sorted(proposed) == sorted(c for c, s in status.items() if s in (Status.missing, Status.partial))
        assert {c.criterion for c in memo.covered} == {c for c, s in status.items() if s == Status.met}
        assert {c.criterion for c in memo.not_assessed} == {c for c, s in status.items()
                                                           if s == Status.not_applicable}


def test_gaps_are_ordered_criminalisation_then_penalties_then_victims(memos, palermo):
    rank = {"act": 0, "means": 0, "purpose": 0, "child_consent": 0, "penalties": 1, "victims": 2}
    for j, memo in memos.items():
        ranks = [rank[g.group] for g in memo.gaps]
        assert ranks == sorted(ranks), j
        assert [g.number for g in memo.gaps] == list(range(1, len(memo.gaps) + 1))


def test_uncertain_findings_are_not_presented_as_confirmed(corpus, memos):
    for j, memo in memos.items():
        report = assess(corpus, j, "2025-06-01")
        for g in memo.gaps:
            flags = set(report.finding(g.criterion).flags)
            shaky = {"uncertain", "reconstructed_text", "annotation_disagrees"} & {f.value for f in flags}
            assert g.certain is not bool(shaky), (j, g.criterion)
            if not g.certain:
                assert g.cautions, (j, g.criterion)
        strict = build_memo(corpus, j, "2025-06-01", include_uncertain=False)
        assert [g.criterion for g in strict.gaps] == [g.criterion for g in memo.confirmed_gaps]
        if memo.uncertain_gaps:
            assert any("left out" in c for c in strict.caveats)


def test_reconstructed_offence_gets_a_caution_and_unnumbered_new_parts(memos):
    kg = memos["KG"]
    assert kg.uncertain_gaps
    agg = [g for g in kg.gaps if g.criterion.startswith("penalty.aggravation.")]
    assert agg and all("new part [number to follow the last existing part" in g.proposal.instruction for g in agg)
    assert any("reconstruction" in c for g in kg.gaps for c in g.cautions)


def test_no_offence_means_a_new_article_is_proposed_first(corpus):
    memo = build_memo(corpus, "TM", "2005-01-01")  # seed: no trafficking offence until 2010
    first = memo.gaps[0]
    assert first.criterion == "act.recruitment"
    assert first.proposal.instruction.startswith("Supplement the Criminal Code of Turkmenistan with a new article")
    assert all("proposed in gap 1" in g.proposal.instruction for g in memo.gaps[1:21])
    assert "No criminal-code trafficking offence" in " ".join(memo.summary)


def test_old_recruitment_offence_is_replaced_not_amended(corpus):
    memo = build_memo(corpus, "UZ", "2005-01-01")  # art. 135 then punished recruitment only
    assert memo.gaps[0].proposal.instruction.startswith("Replace Article 135 of the Criminal Code of the "
                                                        "Republic of Uzbekistan")
    assert memo.gaps[0].current and "Article 135" in memo.gaps[0].current[0].citation


def test_new_parts_follow_the_codes_own_numbering(tmp_path):
    write_record(tmp_path / "kz")  # translated article 128 with parts 1 and 2
    corpus = load_corpus(tmp_path)
    memo = build_memo(corpus, "KZ", "2012-01-01")
    agg = {g.criterion: g.proposal.instruction for g in memo.gaps if g.criterion.startswith("penalty.aggravation")}
    assert "penalty.aggravation.child" not in agg  # part 2 already covers minors
    assert sorted(agg.values()) == [f"Supplement Article 128 of the Test Criminal Code with a part {n} reading:"
                                    for n in (3, 4, 5)]
    transfer = next(g for g in memo.gaps if g.criterion == "act.transfer")
    assert transfer.proposal.instruction.startswith("Amend part 1 of Article 128 of the Test Criminal Code so that "
                                                    "the acts it lists include transfer")
    assert transfer.certain and transfer.current[0].text_basis == "translation"
    assert "deprivation of liberty for a term of three to seven years" in transfer.current[0].text
    assert "means.force" not in {g.criterion for g in memo.gaps}  # the basic offence needs no means at all


def _md_gap_rows(text: str) -> list[tuple[str, str]]:
    return re.findall(r"^\| (\d+) \| .*?\(`([a-z_.]+)`\) \|", text, flags=re.M)


def _html_gap_rows(text: str) -> list[tuple[str, str]]:
    tree = html.fromstring(text)
    rows = tree.xpath("//table[@class='gaps']//tr[@data-criterion]")
    return [(tr.findtext("td/a"), tr.get("data-criterion")) for tr in rows]


def test_markdown_and_html_memos_contain_the_same_gaps(memos):
    for j, memo in memos.items():
        md, page = render_markdown(memo), render_html(memo)
        rows = [(str(g.number), g.criterion) for g in memo.gaps]
        assert _md_gap_rows(md) == rows, j
        assert _html_gap_rows(page) == rows, j
        tree = html.fromstring(page)
        sections = [s.get("data-criterion") for s in tree.xpath("//section[@class='gap']")]
        assert sorted(sections) == sorted(c for _, c in rows)
        for g in memo.gaps:
            assert f"### {g.number}. " in md
            assert g.proposal.instruction in tree.text_content()


def _docx_parts(path: Path) -> tuple[etree._Element, etree._Element]:
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        notes = etree.fromstring(z.read("word/footnotes.xml"))
        assert "footnotes+xml" in z.read("[Content_Types].xml").decode()
        assert "relationships/footnotes" in z.read("word/_rels/document.xml.rels").decode()
    return body, notes


@pytest.mark.parametrize("j", STATES)
def test_docx_memo_has_headings_gap_table_and_footnotes(tmp_path, memos, j):
    memo = memos[j]
    path = write_memo(memo, tmp_path / f"{j}.docx")
    d = docx.Document(str(path))
    heads = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert ("Title", "Memorandum") in heads
    assert ("Heading 1", "Executive summary") in heads
    assert ("Heading 1", "Gaps and proposed amendments, by priority") in heads
    gap_heads = [t for s, t in heads if s == "Heading 2"]
    assert gap_heads == [f"{g.number}. {g.label} ({g.status})" for g in memo.gaps]
    table = d.tables[1]
    assert [c.text for c in table.rows[0].cells] == ["No.", "Criterion", "Status", "Where", "Certainty"]
    assert [(r.cells[0].text, r.cells[1].text) for r in table.rows[1:]] == [
        (str(g.number), f"{g.label} ({g.criterion})") for g in memo.gaps]
    body, notes = _docx_parts(path)
    refs = body.findall(f".//{W}footnoteReference")
    real = [n for n in notes.findall(f"{W}footnote") if n.get(f"{W}type") is None]
    assert refs and len(refs) == len(real)
    assert {r.get(f"{W}id") for r in refs} == {n.get(f"{W}id") for n in real}
    note_text = " ".join("".join(n.itertext()) for n in real)
    for g in memo.gaps:  # every provision quoted and every legal basis is cited in a footnote
        for cur in g.current:
            for n in cur.references:
                assert memo.reference(n).text in note_text
        assert g.legal_basis in note_text


def test_hostile_statute_text_stays_text_in_every_format(tmp_path):
    work = tmp_path / "corpus"
    shutil.copytree(bundled_path("statutes") / "tm", work / "tm")
    rec = work / "tm" / "tm-cc-1997@2010-05-10.yaml"
    text = rec.read_text(encoding="utf-8")
    hostile = "<script>alert('x')</script> *bold* [link](javascript:alert(1)) | cell & Co "
    rec.write_text(text.replace("Trafficking in persons, that is", hostile + "Trafficking in persons, that is", 1),
                   encoding="utf-8")
    memo = build_memo(load_corpus(work), "TM", "2016-01-01")
    assert any("<script>" in cur.text for g in memo.gaps for cur in g.current)
    md = render_markdown(memo)
    assert "<script>" not in md and "\\<script\\>" in md
    assert "[link](javascript" not in md and "\\[link\\](javascript" in md
    page = render_html(memo)
    assert "<script>" not in page and "&lt;script&gt;alert(" in page
    path = write_memo(memo, tmp_path / "tm.docx")
    d = docx.Document(str(path))
    assert any("<script>alert('x')</script>" in p.text for p in d.paragraphs)


def test_docx_drops_characters_xml_cannot_hold(tmp_path, memos):
    memo = memos["KG"]
    g = memo.gaps[0]
    bad = g.model_copy(update={"rationale": "before\x01\x0bafter"})
    path = write_memo(memo.model_copy(update={"gaps": [bad, *memo.gaps[1:]]}), tmp_path / "kg.docx")
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "beforeafter" in texts


def test_templates_can_be_overridden(tmp_path, memos):
    (tmp_path / "memo.md.j2").write_text("Custom memo for {{ memo.jurisdiction }}: {{ memo.gaps|length }} gaps\n",
                                         encoding="utf-8")
    out = render_markdown(memos["KG"], templates=tmp_path)
    assert out == f"Custom memo for KG: {len(memos['KG'].gaps)} gaps\n"
    assert render_html(memos["KG"], templates=tmp_path).startswith("<!DOCTYPE html>")  # html not overridden


def test_placeholders_and_filled_header(corpus):
    memo = build_memo(corpus, "KZ", "2025-06-01")
    md = render_markdown(memo)
    assert "\\[Addressee" in md and "\\[Date\\]" in md
    filled = build_memo(corpus, "KZ", "2025-06-01", addressee="Committee on Legislation", date_line="1 May 2026")
    md = render_markdown(filled)
    assert "| To | Committee on Legislation |" in md and "| Date | 1 May 2026 |" in md


def test_memo_cli_all_formats(tmp_path, capsys):
    for fmt in ("md", "html", "docx"):
        out = tmp_path / f"tj.{fmt}"
        assert main(["memo", "--jurisdiction", "TJ", "--on", "2025-06-01", "--format", fmt, "-o", str(out)]) == 0
        assert out.stat().st_size > 2000
    before = (tmp_path / "tj.md").read_bytes()
    assert main(["memo", "-j", "TJ", "-o", str(tmp_path / "tj.md")]) == 1
    assert "exists" in capsys.readouterr().err
    assert (tmp_path / "tj.md").read_bytes() == before
    assert main(["memo", "-j", "TJ", "--format", "docx"]) == 1
    assert "-o FILE.docx" in capsys.readouterr().err
    assert main(["memo", "-j", "XX", "-o", str(tmp_path / "x.md")]) == 1
    assert "KG, KZ, TJ, TM, UZ" in capsys.readouterr().err
    assert not (tmp_path / "x.md").exists()
    assert main(["memo", "-j", "KG", "--on", "2025-06-01"]) == 0
    assert capsys.readouterr().out.startswith("# Memorandum")
