"""Reading helpers shared by the two importers: finding elements, reading FRBR values, located errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from lxml import etree
from pydantic import ValidationError

from lawcompare.errors import InputError
from lawcompare.interop.akn_names import AKN_NS, LC_NS, akn, lc
from lawcompare.records.load import dotted
from lawcompare.records.models import StatuteVersion

# Hierarchical elements below article level that lawcompare reads as parts or points.
PART_ELEMENTS = frozenset({"paragraph", "section", "subsection", "clause", "rule", "division", "subdivision"})
POINT_ELEMENTS = frozenset({"point", "subparagraph", "indent", "alinea", "subclause", "item", "subpoint",
                            "subrule", "sublist"})
TRANSPARENT_ELEMENTS = frozenset({"list"})  # containers whose children belong to the enclosing provision


class Doc:
    """An Akoma Ntoso ``<act>`` with the file name used in errors."""

    def __init__(self, act: etree._Element, name: str) -> None:
        self.act = act
        self.name = name
        self.meta = act.find(akn("meta"))
        if self.meta is None:
            raise self.error("the act has no <meta> element", act)
        self.identification = self.meta.find(akn("identification"))
        if self.identification is None:
            raise self.error("the act has no <meta><identification> element (FRBR metadata)", self.meta)
        self.work = self.identification.find(akn("FRBRWork"))
        self.expression = self.identification.find(akn("FRBRExpression"))

    def error(self, message: str, element: etree._Element | None = None) -> InputError:
        return InputError(message, file=self.name, line=element.sourceline if element is not None else None)

    def value(self, section: etree._Element | None, tag: str, attr: str = "value",
              name: str | None = None) -> tuple[str | None, etree._Element | None]:
        """The ``attr`` of the first ``<tag>`` in ``section`` (optionally the one whose ``name`` matches)."""
        if section is None:
            return None, None
        for element in section.findall(akn(tag)):
            if name is None or element.get("name") == name:
                value = element.get(attr)
                return (value.strip() if value is not None else None), element
        return None, None

    def date(self, section: etree._Element | None, name: str | None = None) -> tuple[dt.date | None, str | None]:
        """The date of ``<FRBRdate>`` (the one called ``name`` if given) and its ``name`` attribute."""
        text, element = self.value(section, "FRBRdate", "date", name)
        if text is None or element is None:
            return None, None
        try:
            return dt.date.fromisoformat(text[:10]), element.get("name")
        except ValueError:
            raise self.error(f"<FRBRdate date={text!r}> is not a date (expected YYYY-MM-DD)", element) from None

    def body(self) -> etree._Element:
        body = self.act.find(akn("body"))
        if body is None:
            raise self.error("the act has no <body>", self.act)
        return body

    def lawcompare_block(self) -> etree._Element | None:
        for proprietary in self.meta.findall(akn("proprietary")):
            block = proprietary.find(lc("lawcompare"))
            if block is not None:
                return block
        return None

    def validate(self, data: dict) -> StatuteVersion:
        try:
            return StatuteVersion.model_validate(data)
        except ValidationError as exc:
            problems = [f"{dotted(tuple(e['loc']))}: {e['msg']}" for e in exc.errors()[:5]]
            more = f" (and {len(exc.errors()) - 5} more)" if len(exc.errors()) > 5 else ""
            raise InputError("the document does not make a valid statute record: " + "; ".join(problems) + more,
                             file=self.name) from None


def localname(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def is_akn(element: etree._Element, *tags: str) -> bool:
    return isinstance(element.tag, str) and etree.QName(element).namespace == AKN_NS and (
        not tags or etree.QName(element).localname in tags)


def akn_children(element: etree._Element, *tags: str) -> Iterator[etree._Element]:
    return (child for child in element if is_akn(child, *tags))


def find_act(root: etree._Element, name: str) -> etree._Element:
    """The ``<act>`` of an ``<akomaNtoso>`` document, or a clear error."""
    qname = etree.QName(root)
    if qname.localname != "akomaNtoso":
        raise InputError(f"not an Akoma Ntoso document: the root element is <{qname.localname}>, "
                         "expected <akomaNtoso>", file=name, line=root.sourceline)
    if qname.namespace != AKN_NS:
        raise InputError(f"unsupported Akoma Ntoso namespace {qname.namespace!r}; lawcompare reads "
                         f"Akoma Ntoso 3.0 ({AKN_NS})", file=name, line=root.sourceline)
    docs = [c for c in root if isinstance(c.tag, str)]
    if not docs:
        raise InputError("the <akomaNtoso> element holds no document", file=name, line=root.sourceline)
    doc = docs[0]
    if not is_akn(doc, "act"):
        raise InputError(f"only acts can be imported; this document is a <{localname(doc)}>. Akoma Ntoso "
                         "bills, judgments and other document types have no lawcompare record form",
                         file=name, line=doc.sourceline)
    if not doc.get("name"):
        raise InputError("<act> has no name attribute", file=name, line=doc.sourceline)
    return doc


def lines_of(block: etree._Element) -> list[str]:
    """The text of each block element (``<p>`` etc.) of a ``<content>``/``<intro>``, exactly as written."""
    return ["".join(child.itertext()) for child in block if isinstance(child.tag, str)]


def in_lc(element: etree._Element) -> bool:
    return isinstance(element.tag, str) and etree.QName(element).namespace == LC_NS
