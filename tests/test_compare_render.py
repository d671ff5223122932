"""Matrix, timeline and HTML rendering (escaping, links, no writes outside the output folder)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lawcompare.cli.main import main
from lawcompare.compare.matrix import matrix, timeline
from lawcompare.records.corpus import bundled_path, load_corpus
from lawcompare.render.html import highlight, safe_filename, write_reports


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_matrix_exports_agree(corpus):
    m = matrix(corpus, "2016-01-01")
    rows = list(csv.DictReader(io.StringIO(m.to_csv())))
    data = json.loads(m.to_json())
    assert [r["jurisdiction"] for r in rows] == ["KG", "KZ", "TJ", "TM", "UZ"]
    for r in rows:
        for cid in m.criteria:
            assert r[cid].rstrip("?") == data["states"][r["jurisdiction"]][cid]["status"]
    assert "<table" in m._repr_html_()


def test_timeline_has_a_report_per_change_date(corpus):
    tl = timeline(corpus, "TM")
    assert tl.dates == corpus.change_dates("TM")
    changes = tl.changes()
    assert any(c[1] == "act.recruitment" and c[3] == "met" for c in changes)


def test_highlight_escapes_and_marks():
    text = "<script>alert(1)</script> recruitment"
    start = text.index("recruitment")
    html = str(highlight(text, [(start, start + len("recruitment"))]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>recruitment</mark>" in html


def test_safe_filename_blocks_traversal():
    assert "/" not in safe_filename("../../etc/passwd")
    assert not safe_filename("..").startswith(".")


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.errors: list[str] = []

    VOID = {"meta", "br", "link", "img", "input", "hr", "rect"}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
            return
        self.stack.pop()


def test_report_pages_are_well_formed_and_links_resolve(tmp_path, corpus):
    files = write_reports(corpus, tmp_path, __import__("datetime").date(2016, 1, 1))
    assert {f.name for f in files} == {"index.html", "kg.html", "kz.html", "tj.html", "tm.html", "uz.html"}
    ids = {}
    for f in files:
        checker = _Checker()
        checker.feed(f.read_text(encoding="utf-8"))
        assert not checker.errors, (f.name, checker.errors[:3])
        assert checker.stack == [], f.name
        ids[f.name] = (checker.ids, checker.links)
    for _name, (_, links) in ids.items():
        for link in links:
            if link.startswith("http"):
                continue
            page, _, anchor = link.partition("#")
            target = page or _name
            assert target in ids, link
            if anchor:
                assert anchor in ids[target][0], link


def test_hostile_statute_text_is_escaped_in_reports(tmp_path):
    src = bundled_path("statutes")
    work = tmp_path / "corpus"
    shutil.copytree(src / "tm", work / "tm")
    rec = work / "tm" / "tm-cc-1997@2010-05-10.yaml"
    text = rec.read_text(encoding="utf-8")
    assert "Trafficking in persons, that is" in text
    rec.write_text(text.replace("Trafficking in persons, that is",
                                "<script>alert('x')</script> Trafficking in persons, that is", 1), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", "--out", str(out), "--on", "2016-01-01", "--corpus", str(work)]) == 0
    page = (out / "tm.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(" in page
    assert all(p.parent == out for p in out.iterdir())


def test_matrix_cli_formats(capsys):
    assert main(["matrix", "--on", "2016-01-01", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("jurisdiction,on,act.recruitment")
    assert main(["matrix", "--on", "2016-01-01", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["on"] == "2016-01-01"


def test_report_needs_no_network_assets(tmp_path, corpus):
    files = write_reports(corpus, tmp_path, __import__("datetime").date(2025, 6, 1))
    for f in files:
        html = f.read_text(encoding="utf-8")
        assert "<script" not in html
        assert 'src="http' not in html and "stylesheet" not in html
    assert Path(tmp_path / "index.html").stat().st_size > 1000
