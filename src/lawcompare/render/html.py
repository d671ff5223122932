"""HTML reports: an index with the matrix and timelines, and one gap report per state.

Every page is self-contained (inline CSS and SVG, no scripts, no network) and autoescaped:
statute text, however hostile, is rendered as text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from lawcompare.assess.models import EvidenceItem, GapReport

if TYPE_CHECKING:
    from lawcompare.compare.matrix import Matrix, Timeline
    from lawcompare.records.corpus import Corpus

SHORT = {"met": "met", "partial": "part", "missing": "miss", "not_applicable": "n/a"}
COLOURS = {"met": "#1a7f37", "partial": "#d4a72c", "missing": "#cf222e", "not_applicable": "#bbbbbb"}
_URL = re.compile(r"<(https?://[^>\s]+)>")


def _linkify(text: str) -> Markup:
    out = Markup("")
    pos = 0
    for m in _URL.finditer(text):
        out += escape(text[pos:m.start()])
        out += Markup('<a href="{0}" rel="noopener">{0}</a>').format(m.group(1))
        pos = m.end()
    return out + escape(text[pos:])


def environment(template_dir: str | Path | None = None) -> Environment:
    from jinja2 import ChoiceLoader, FileSystemLoader

    loaders = [PackageLoader("lawcompare.render", "templates")]
    if template_dir:
        loaders.insert(0, FileSystemLoader(str(template_dir)))
    env = Environment(loader=ChoiceLoader(loaders), autoescape=select_autoescape(["html", "j2", "xml"]),
                      trim_blocks=False, lstrip_blocks=False)
    env.filters["linkify"] = _linkify
    from importlib.metadata import PackageNotFoundError, version

    try:
        env.globals["version"] = version("lawcompare")
    except PackageNotFoundError:  # pragma: no cover
        env.globals["version"] = "dev"
    return env


def highlight(text: str, spans: list[tuple[int, int]]) -> Markup:
    """``text`` escaped, with each (start, end) span wrapped in <mark>."""
    out = Markup("")
    pos = 0
    for s, e in sorted(spans):
        s, e = max(s, pos), min(e, len(text))
        if s >= e:
            continue
        out += escape(text[pos:s]) + Markup("<mark>") + escape(text[s:e]) + Markup("</mark>")
        pos = e
    return out + escape(text[pos:])


def _evidence_views(report: GapReport, corpus: Corpus | None) -> dict[str, list[dict[str, object]]]:
    """Evidence grouped per criterion and per provision, with the words highlighted in the text."""
    views: dict[str, list[dict[str, object]]] = {}
    for f in report.findings:
        grouped: dict[tuple[str, str, dt.date], list[EvidenceItem]] = defaultdict(list)
        for e in f.evidence:
            grouped[(e.instrument, e.provision, e.version_from)].append(e)
        items = []
        for (inst, pid, vfrom), evs in grouped.items():
            text = None
            if corpus is not None:
                rec = next((r for r in corpus.versions(report.jurisdiction, inst)
                            if r.version.in_force_from == vfrom), None)
                node = rec.provision(pid) if rec else None
                text = node.text if node and node.text else None
            spans = [(e.start, e.end) for e in evs if e.start is not None and e.end is not None]
            html = escape("; ".join(e.text for e in evs)) if text is None else highlight(text, spans)
            items.append({"citation": evs[0].citation, "source": evs[0].source, "fuzzy": any(e.fuzzy for e in evs),
                          "html": html, "sources": evs[0].sources})
        views[f.id] = items
    return views


def _groups(report: GapReport) -> list[dict[str, object]]:
    from lawcompare.rubric.load import load_rubric

    rub = load_rubric(report.rubric)
    order = [g.id for g in rub.groups]
    out = []
    for gid in order:
        fs = [f for f in report.findings if f.group == gid]
        if fs:
            out.append({"title": rub.group_title(gid), "findings": fs})
    return out


def render_gap_report(report: GapReport, corpus: Corpus | None = None, previous: GapReport | None = None,
                      template_dir: str | Path | None = None) -> str:
    env = environment(template_dir)
    changes = []
    if previous is not None:
        for f in report.findings:
            before = previous.status(f.id).value
            if before != f.status.value:
                changes.append((f.id, before, f.status.value))
    return env.get_template("state.html.j2").render(
        title=f"Gap report {report.jurisdiction} {report.on}", r=report, groups=_groups(report),
        evidence=_evidence_views(report, corpus), changes=changes,
        previous=previous.on.isoformat() if previous else None)


def render_gap_report_fragment(report: GapReport) -> str:
    html = render_gap_report(report)
    return html[html.find("<main"):html.find("</main>") + 7]


def render_timeline_svg(tl: Timeline) -> Markup:
    """A criteria × dates grid as inline SVG, colour plus a text label in each cell's title."""
    crit = tl.rubric.ids()
    dates = tl.dates
    cw, ch, left, top = 22, 12, 290, 70
    width, height = left + cw * max(1, len(dates)) + 10, top + ch * len(crit) + 10
    parts = [Markup('<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{w}" height="{h}" '
                    'aria-label="Timeline of criterion status for {j}">').format(w=width, h=height, j=tl.jurisdiction)]
    parts.append(Markup("<title>Status of each criterion at each change date, {}</title>").format(tl.jurisdiction))
    for i, d in enumerate(dates):
        x = left + i * cw + cw / 2
        parts.append(Markup('<text x="{x}" y="{y}" font-size="9" transform="rotate(-60 {x} {y})">{d}</text>')
                     .format(x=x, y=top - 4, d=d.isoformat()))
    for r, c in enumerate(crit):
        y = top + r * ch
        parts.append(Markup('<text x="{x}" y="{y}" font-size="9" text-anchor="end">{c}</text>')
                     .format(x=left - 4, y=y + ch - 2, c=c))
        for i, status in enumerate(tl.statuses(c)):
            parts.append(Markup('<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{f}" stroke="#fff">'
                                '<title>{c} on {d}: {s}</title></rect>')
                         .format(x=left + i * cw, y=y, w=cw, h=ch, f=COLOURS[status], c=c,
                                 d=dates[i].isoformat(), s=status))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def render_index(m: Matrix, timelines: dict[str, Timeline], template_dir: str | Path | None = None) -> str:
    env = environment(template_dir)
    return env.get_template("index.html.j2").render(
        title=f"lawcompare matrix {m.on}", on=m.on.isoformat(), states=list(m.reports), reports=m.reports,
        criteria=m.rubric.criteria, short=SHORT, rubric_title=m.rubric.rubric.title,
        timelines={j: render_timeline_svg(t) for j, t in timelines.items()})


def render_matrix_page(m: Matrix) -> str:
    return render_index(m, {})


def render_matrix_fragment(m: Matrix) -> str:
    html = render_matrix_page(m)
    return html[html.find('<table class="matrix"'):html.find("</table>") + 8]


MAX_NAME = 100  # well under every file system's 255-byte limit, leaving room for a suffix


def safe_filename(name: str) -> str:
    """A file name with no path separators or traversal and a bounded length, for anything derived from data.

    A name longer than :data:`MAX_NAME` is cut and given a short hash of the full name, so two long
    names that share a beginning still map to different files.
    """
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", name).lstrip(".") or "_"
    if len(cleaned) > MAX_NAME:
        import hashlib

        digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        cleaned = f"{cleaned[:MAX_NAME - 13]}-{digest}"
    return cleaned


def write_reports(corpus: Corpus, out_dir: str | Path, on: dt.date, rubric: str = "palermo",
                  template_dir: str | Path | None = None) -> list[Path]:
    """Write index.html and one <iso2>.html per state into ``out_dir``; returns the files written."""
    from lawcompare.compare.matrix import matrix, timeline

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    m = matrix(corpus, on, rubric)
    tls = {j: timeline(corpus, j, rubric) for j in m.reports}
    written = []
    index = out / "index.html"
    index.write_text(render_index(m, tls, template_dir), encoding="utf-8")
    written.append(index)
    for j, rep in m.reports.items():
        # the law is constant between change dates, so the timeline's report at the change date
        # before the latest one (on or before `on`) is the previous version's assessment
        earlier = [r for r in tls[j].reports if r.on <= on]
        prev = earlier[-2] if len(earlier) >= 2 else None
        path = out / f"{safe_filename(j.lower())}.html"
        if path.resolve().parent != out.resolve():  # never write outside the output folder
            raise ValueError(f"refusing to write outside {out}: {path}")
        path.write_text(render_gap_report(rep, corpus, prev, template_dir), encoding="utf-8")
        written.append(path)
    return written
