"""DOCX memos with python-docx: real Word headings, tables, and footnotes for every citation.

python-docx has no footnote API, so this module adds the standard ``word/footnotes.xml`` part
(with the separator and continuation-separator footnotes Word expects) and inserts
``w:footnoteReference`` runs. All text is set through lxml (never string-built XML) after removing
the control characters XML 1.0 forbids, so statute text cannot break or inject markup.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from lawcompare.memo.models import Gap, Memo

_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def clean(text: object) -> str:
    """Text safe for XML 1.0 (control characters removed, nothing else changed)."""
    return _XML_ILLEGAL.sub("", str(text))


class _Footnotes:
    """The footnotes part of one document."""

    def __init__(self, doc: DocxDocument) -> None:
        self.root = etree.Element(qn("w:footnotes"), nsmap={"w": W_NS})
        for fid, kind, mark in ((-1, "separator", "w:separator"), (0, "continuationSeparator",
                                                                    "w:continuationSeparator")):
            fn = etree.SubElement(self.root, qn("w:footnote"))
            fn.set(qn("w:type"), kind)
            fn.set(qn("w:id"), str(fid))
            p = etree.SubElement(fn, qn("w:p"))
            r = etree.SubElement(p, qn("w:r"))
            etree.SubElement(r, qn(mark))
        self.next_id = 1
        self.part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, self.root, doc.part.package)
        doc.part.relate_to(self.part, RT.FOOTNOTES)

    def add(self, paragraph: Paragraph, text: str, *, after_another: bool = False) -> int:
        """Append a footnote reference to ``paragraph`` and the note itself; returns its id.

        ``after_another`` puts a superscript comma first, so that adjacent marks read "1,2" not "12".
        """
        if after_another:
            paragraph.add_run(",").font.superscript = True
        fid = self.next_id
        self.next_id += 1
        fn = etree.SubElement(self.root, qn("w:footnote"))
        fn.set(qn("w:id"), str(fid))
        p = etree.SubElement(fn, qn("w:p"))
        ppr = etree.SubElement(p, qn("w:pPr"))
        etree.SubElement(ppr, qn("w:pStyle")).set(qn("w:val"), "FootnoteText")
        r = etree.SubElement(p, qn("w:r"))
        rpr = etree.SubElement(r, qn("w:rPr"))
        etree.SubElement(rpr, qn("w:rStyle")).set(qn("w:val"), "FootnoteReference")
        etree.SubElement(r, qn("w:footnoteRef"))
        r2 = etree.SubElement(p, qn("w:r"))
        t = etree.SubElement(r2, qn("w:t"))
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = " " + clean(text)
        # the reference in the body
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), "FootnoteReference")
        rpr.append(style)
        run.append(rpr)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(fid))
        run.append(ref)
        paragraph._p.append(run)
        return fid


def _styles(doc: DocxDocument) -> None:
    styles = doc.styles
    names = {s.name for s in styles}
    if "Footnote Text" not in names:
        st = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = styles["Normal"]
        st.font.size = Pt(9)
        st.paragraph_format.space_after = Pt(0)
    if "Footnote Reference" not in names:
        st = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
        st.font.superscript = True


def _table(doc: DocxDocument, header: list[str] | None, rows: list[list[str]],
           widths_cm: list[float] | None = None) -> None:
    cols = len(header or rows[0])
    table = doc.add_table(rows=0, cols=cols)
    table.style = doc.styles["Table Grid"]
    table.autofit = widths_cm is None
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(clean(text)).bold = True
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tbl_header = OxmlElement("w:tblHeader")  # repeat the header row on each page
        tbl_header.set(qn("w:val"), "true")
        tr_pr.append(tbl_header)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = clean(text)
    if widths_cm:
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm, strict=True):
                cell.width = Cm(width)


def _gap(doc: DocxDocument, notes: _Footnotes, memo: Memo, g: Gap) -> None:
    doc.add_heading(clean(f"{g.number}. {g.label} ({g.status})"), level=2)
    doc.add_paragraph(clean(f"Criterion {g.criterion} (group: {g.group_title}); obligation: {g.obligation}."))
    for c in g.cautions:
        p = doc.add_paragraph()
        p.add_run("Caution: ").bold = True
        p.add_run(clean(c))
    doc.add_heading("The law as it stands", level=3)
    if not g.current:
        doc.add_paragraph("No provision in force addresses this.")
    for cur in g.current:
        p = doc.add_paragraph(clean(f"{cur.citation} (text basis: {cur.text_basis})"))
        for i, n in enumerate(cur.references):
            ref = memo.reference(n)
            notes.add(p, ref.text + (f" {ref.url}" if ref.url else ""), after_another=i > 0)
        p.add_run(":")
        for line in cur.text.splitlines():
            doc.add_paragraph(clean(line), style="Quote")
    doc.add_heading("The standard", level=3)
    p = doc.add_paragraph(clean(f"{g.standard} Legal basis: {g.legal_basis}"))
    for i, n in enumerate(g.legal_basis_refs):
        notes.add(p, memo.reference(n).text, after_another=i > 0)
    p.add_run(".")
    doc.add_heading("Proposed amendment", level=3)
    doc.add_paragraph(clean(g.proposal.instruction))
    doc.add_paragraph(clean(g.proposal.wording), style="Intense Quote")
    doc.add_paragraph().add_run(clean(g.proposal.adapt_note)).italic = True
    doc.add_heading("Rationale", level=3)
    doc.add_paragraph(clean(g.rationale))
    if g.references:
        doc.add_heading("References", level=3)
        for r in g.references:
            doc.add_paragraph(clean(r), style="List Bullet")


def build_docx(memo: Memo) -> DocxDocument:
    doc = Document()
    _styles(doc)
    notes = _Footnotes(doc)
    props = doc.core_properties
    props.title = clean(f"Memorandum: {memo.state_name}, law in force on {memo.on.isoformat()}")[:255]
    props.subject = clean(memo.subject)[:255]
    props.keywords = "trafficking in persons; legislative review; lawcompare"
    props.comments = clean(memo.generated)[:255]

    doc.add_heading("Memorandum", level=0)
    header = [["To", memo.addressee], ["From", memo.sender], ["Date", memo.date_line], ["Subject", memo.subject],
              ["Law reviewed", f"{memo.state_name}, as in force on {memo.on.isoformat()}"]]
    _table(doc, None, header, widths_cm=[3.5, 12.5])
    doc.add_heading("Executive summary", level=1)
    for para in memo.summary:
        doc.add_paragraph(clean(para))
    doc.add_heading("Gaps and proposed amendments, by priority", level=1)
    rows = [[str(g.number), f"{g.label} ({g.criterion})", g.status, g.where,
             "confirmed" if g.certain else "verify first"] for g in memo.gaps]
    _table(doc, ["No.", "Criterion", "Status", "Where", "Certainty"], rows or [["–", "No gap found", "", "", ""]],
           widths_cm=[1.2, 6.8, 2.0, 3.8, 2.2])
    if memo.confirmed_gaps:
        doc.add_heading("Confirmed gaps", level=1)
        for g in memo.confirmed_gaps:
            _gap(doc, notes, memo, g)
    if memo.uncertain_gaps:
        doc.add_heading("Possible gaps to verify before sending", level=1)
        doc.add_paragraph("The findings below rest on reconstructed or uncertain texts. Do not raise them until the "
                          "official text has been checked.")
        for g in memo.uncertain_gaps:
            _gap(doc, notes, memo, g)
    doc.add_heading("What the law already provides", level=1)
    doc.add_paragraph("No amendment is proposed on these points.")
    for c in memo.covered:
        flags = f" ({', '.join(c.flags)})" if c.flags else ""
        doc.add_paragraph(clean(f"{c.label}: {c.citation}{flags}"), style="List Bullet")
    if memo.not_assessed:
        doc.add_heading("Not assessed", level=1)
        for c in memo.not_assessed:
            doc.add_paragraph(clean(f"{c.label}: {c.citation}"), style="List Bullet")
    doc.add_heading("Treaty status", level=1)
    for t in memo.treaty_lines:
        doc.add_paragraph(clean(t), style="List Bullet")
    doc.add_heading("Caveats", level=1)
    for c in memo.caveats:
        doc.add_paragraph(clean(c), style="List Bullet")
    doc.add_paragraph().add_run(clean(memo.generated)).italic = True
    return doc


def docx_bytes(memo: Memo) -> bytes:
    buf = io.BytesIO()
    build_docx(memo).save(buf)
    return buf.getvalue()
