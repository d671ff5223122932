"""HTML pages for redlines, cross-country alignments and similarity rankings.

Same rules as the reports (``render/html.py``): self-contained pages, jinja2 autoescape, statute
text always rendered as text. Deletions are ``<del>``, insertions ``<ins>``, found words ``<mark>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from lawcompare.render.html import environment, highlight

if TYPE_CHECKING:
    from lawcompare.compare.align import Alignment, Wording
    from lawcompare.compare.redline import Redline, Segment
    from lawcompare.compare.similar import Similarity

DEL_STYLE = "background:#ffebe9;color:#82071e;text-decoration:line-through"
INS_STYLE = "background:#dafbe1;color:#055d20;text-decoration:underline"
PASSAGE_CONTEXT = 80  # characters shown around an aligned passage


def redline_markup(segments: list[Segment]) -> Markup:
    """The segments as escaped text with ``<del>`` and ``<ins>`` around the changes."""
    out = Markup("")
    for s in segments:
        if s.op == "equal":
            out += escape(s.text)
        elif s.op == "delete":
            out += Markup('<del style="{}">{}</del>').format(DEL_STYLE, s.text)
        else:
            out += Markup('<ins style="{}">{}</ins>').format(INS_STYLE, s.text)
    return out


def wording_markup(w: Wording) -> Markup:
    """The sentence around the words with the words in ``<mark>`` (or the words alone)."""
    if w.sentence is None or w.start is None or w.end is None:
        return escape(w.words)
    return highlight(w.sentence, [(w.start, w.end)])


def passage_markup(text: str, start: int, end: int, context: int = PASSAGE_CONTEXT) -> Markup:
    """The passage marked, with up to ``context`` characters of its line on each side."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    s, e = max(line_start, start - context), min(line_end, end + context)
    while s > line_start and not text[s - 1].isspace():  # cut at word boundaries
        s += 1
    while e < line_end and not text[e].isspace():
        e -= 1
    s, e = min(s, start), max(e, end)
    prefix = "…" if s > line_start else ""
    suffix = "…" if e < line_end else ""
    return escape(prefix) + highlight(text[s:e], [(start - s, end - s)]) + escape(suffix)


def fragment(page: str) -> str:
    """The ``<main>`` element of a page, for notebooks."""
    return page[page.find("<main"):page.find("</main>") + len("</main>")]


def render_redline(r: Redline) -> str:
    title = f"Redline {r.old.jurisdiction} {r.old.provision}"
    if (r.old.jurisdiction, r.old.provision) != (r.new.jurisdiction, r.new.provision):
        title += f" → {r.new.jurisdiction} {r.new.provision}"
    return environment().get_template("redline.html.j2").render(
        title=title, r=r, redline=redline_markup(r.segments), ins_style=INS_STYLE, del_style=DEL_STYLE)


def render_alignment(a: Alignment) -> str:
    return environment().get_template("align.html.j2").render(
        title=f"{a.criterion} across states on {a.on}", a=a, wording=wording_markup)


def render_similarity(s: Similarity) -> str:
    return environment().get_template("similar.html.j2").render(
        title=f"Textual similarity on {s.on}", s=s, passage=passage_markup)
