"""The generated reports in a real browser (headless Chromium driven by Playwright).

Skipped only when no Chromium binary is installed; CI installs Debian's chromium.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import shutil
import threading

import pytest

from lawcompare.records.corpus import load_corpus
from lawcompare.render.html import write_reports

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary on this machine")

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    write_reports(load_corpus(), out, dt.date(2016, 1, 1))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", out
    server.shutdown()


def test_matrix_and_gap_report_render_and_link(served, tmp_path):
    from playwright.sync_api import sync_playwright

    base, _ = served
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(f"{base}/index.html")
        cells = page.locator("table.matrix td[data-state='TM'][data-criterion='act.recruitment']")
        assert cells.count() == 1
        assert cells.inner_text().rstrip("?") in ("met", "part", "miss", "n/a")
        assert page.locator("table.matrix tbody tr").count() == 5
        page.screenshot(path=str(tmp_path / "index.png"), full_page=False)
        page.click("table.matrix th[scope='row'] a:text('TM')")
        page.wait_for_load_state()
        assert page.url.endswith("/tm.html")
        assert "Gap report: TM on 2016-01-01" in page.locator("h1").inner_text()
        assert page.locator("#act\\.recruitment .badge").count() == 1
        assert page.locator("mark").count() > 0
        page.screenshot(path=str(tmp_path / "tm.png"), full_page=False)
        page.click("text=← Matrix and timelines")
        page.wait_for_load_state()
        assert page.url.endswith("/index.html")
        browser.close()


HOSTILE = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> "


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory):
    """Every HTML output, written from a corpus whose TM offence text carries markup."""
    from lawcompare.memo import build_memo, write_memo
    from lawcompare.records.corpus import bundled_path

    work = tmp_path_factory.mktemp("hostile-corpus")
    shutil.copytree(bundled_path("statutes") / "tm", work / "tm")
    rec = work / "tm" / "tm-cc-1997@2010-05-10.yaml"
    text = rec.read_text(encoding="utf-8")
    needle = "Trafficking in persons, that is"
    assert needle in text
    rec.write_text(text.replace(needle, HOSTILE + needle, 1), encoding="utf-8")
    corpus = load_corpus(work)
    out = tmp_path_factory.mktemp("hostile-out")
    pages = [p.name for p in write_reports(corpus, out, dt.date(2016, 1, 1))]
    write_memo(build_memo(corpus, "TM", "2016-01-01"), out / "memo-tm.html")
    pages.append("memo-tm.html")
    from lawcompare.compare.align import align
    from lawcompare.compare.redline import diff_provision
    from lawcompare.compare.similar import similar

    others = {
        "diff-tm.html": diff_provision(corpus, "TM", "art129-1", "2012-01-01", "2012-01-01"),
        "align.html": align(corpus, "act.recruitment", "2016-01-01"),
        "similar.html": similar(corpus, "2016-01-01"),
    }
    for name, result in others.items():
        (out / name).write_text(result.to_html(), encoding="utf-8")
        pages.append(name)
    return out, pages


def test_markup_in_statute_text_renders_as_text_in_every_page(hostile_pages):
    from playwright.sync_api import sync_playwright

    out, pages = hostile_pages
    assert {"index.html", "tm.html", "memo-tm.html", "diff-tm.html", "align.html", "similar.html"} <= set(pages)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        for name in pages:
            page.goto((out / name).as_uri())
            page.wait_for_load_state("load")
            assert page.evaluate("window.__pwned") is None, name
            assert page.locator("script").count() == 0, name
            if name not in ("index.html", "similar.html"):  # these two show no statute text
                assert "<script>window.__pwned = 1</script>" in page.locator("body").inner_text(), name
        browser.close()
