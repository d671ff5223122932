"""Akoma Ntoso acts that lawcompare did not write → draft statute version records for review.

The draft takes identity and dates from the FRBR metadata and the provisions from the body:
``<article>`` → article ``art128`` (``art130-1`` for 130-1), paragraph-like elements → parts
``art128.2``, point-like elements → points ``art128.2.3``, notes → ``art128.note``. What a reader
must still decide (topics, penalties, in-force dates, the kind of source) is listed in a
record-level ``uncertain`` entry; articles get the placeholder topic ``other``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from lawcompare.interop.akn_names import akn, lang2
from lawcompare.interop.akn_read import (
    PART_ELEMENTS,
    POINT_ELEMENTS,
    TRANSPARENT_ELEMENTS,
    Doc,
    akn_children,
    localname,
)
from lawcompare.records.models import InstrumentType, StatuteVersion

SOURCE_ID = "akn-document"
_ID_ABBREVIATION = {
    InstrumentType.criminal_code: "cc", InstrumentType.administrative_code: "ac",
    InstrumentType.labour_code: "lc", InstrumentType.special_law: "law", InstrumentType.other: "act",
}
_NUMBER_RE = re.compile(r"\d+(?:\s*[-.\u2010-\u2013]\s*\d+)*")
_NOTE_WORDS = ("note", "notes", "примечание", "примечания")
_STRUCTURE = frozenset({"num", "heading", "subheading", "content", "intro", "wrapUp"})
_SKIP = frozenset({"quotedStructure", "embeddedStructure", "componentRef"})


def _clean(text: str) -> str:
    return " ".join(text.split())


def _inline(element: etree._Element) -> str:
    """The words of ``element``; an ``<authorialNote>`` (a footnote) becomes ``[note: ...]`` in place."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            inner = _inline(child)
            parts.append(f" [note: {_clean(inner)}]" if localname(child) == "authorialNote" else inner)
        parts.append(child.tail or "")
    return "".join(parts)


def _text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    return _clean(_inline(element)) or None


def _blocks(element: etree._Element | None) -> list[str]:
    """Whitespace-normalised text of each block of a ``<content>``, ``<intro>`` or ``<wrapUp>``."""
    if element is None:
        return []
    lines = [_clean(_inline(child)) for child in element if isinstance(child.tag, str)]
    own = _clean(element.text or "")
    return [line for line in ([own] if own else []) + lines if line]


def _number(label: str | None, eid: str | None, prefix: str) -> str | None:
    """``Article 130-1`` → ``130-1``; failing that the eId (``art_130-1``); None if neither has one."""
    if label:
        found = _NUMBER_RE.search(label)
        if found:
            return re.sub(r"\s*[-.\u2010-\u2013]\s*", "-", found.group())
    if eid:
        found = re.search(rf"(?:^|__){prefix}_(\d+(?:-\d+)*)$", eid)
        if found:
            return found.group(1)
    return None


def _segment(label: str | None, eid: str | None, prefix: str) -> str | None:
    """A part/point number for the id: digits (``2``, ``2-1``) or one Latin letter (``a``)."""
    number = _number(label, eid, prefix)
    if number:
        return number
    if label:
        letter = re.fullmatch(r"\(?([A-Za-z])[).]?", label.strip())
        if letter:
            return letter.group(1).lower()
    return None


def _is_note(element: etree._Element, label: str | None) -> bool:
    if localname(element) == "hcontainer" and (element.get("name") or "").lower() in ("note", "notes"):
        return True
    if "note" in (element.get("class") or "").lower().split():
        return True
    return bool(label) and label.lower().rstrip(".:").startswith(_NOTE_WORDS)


class _Builder:
    """Walks the body, collecting articles and the text found outside them."""

    def __init__(self, doc: Doc, text_basis: str) -> None:
        self.doc = doc
        self.text_basis = text_basis
        self.articles: list[dict[str, Any]] = []
        self.article_ids: dict[str, int] = {}
        self.outside: list[str] = []

    def walk(self, element: etree._Element) -> None:
        for child in akn_children(element):
            name = localname(child)
            if name == "article":
                self.articles.append(self.article(child))
            elif name in _SKIP:
                continue
            elif name in _STRUCTURE:
                if name in ("num", "heading", "subheading"):
                    continue
                self.outside.extend(_blocks(child))
            else:
                heading = " ".join(t for t in (_text(child.find(akn("num"))),
                                               _text(child.find(akn("heading")))) if t)
                if heading:
                    self.outside.append(heading)
                self.walk(child)

    def article(self, element: etree._Element) -> dict[str, Any]:
        label = _text(element.find(akn("num")))
        number = _number(label, element.get("eId"), "art")
        uncertain = []
        if number is None:
            number = str(len(self.articles) + 1)
            uncertain.append({"field": "id", "note": "The article has no number in <num> or its eId; the id was "
                                                     "made from its position in the body. Check it."})
        pid = f"art{number}"
        if pid in self.article_ids:
            raise self.doc.error(f"two articles would both get the id {pid!r} (the first is on line "
                                 f"{self.article_ids[pid]})", element)
        self.article_ids[pid] = element.sourceline or 0
        data: dict[str, Any] = {"id": pid, "kind": "article", "label": label,
                                "heading": _text(element.find(akn("heading"))),
                                "topics": ["other"], "text_basis": self.text_basis,
                                "sources": [{"ref": SOURCE_ID}]}
        self.fill(data, element, under_article=True)
        if uncertain:
            data["uncertain"] = uncertain
        return data

    def fill(self, data: dict[str, Any], element: etree._Element, under_article: bool) -> None:
        """Text and children of ``element`` into ``data`` (lists are flattened into their provision)."""
        text = _blocks(element.find(akn("intro"))) + _blocks(element.find(akn("content")))
        children: list[dict[str, Any]] = []
        self._children(element, data["id"], under_article, text, children)
        text += _blocks(element.find(akn("wrapUp")))
        if text:
            data["text"] = "\n".join(text)
        if children:
            data["children"] = children

    def _children(self, element: etree._Element, parent_id: str, under_article: bool, text: list[str],
                  out: list[dict[str, Any]]) -> None:
        candidates = [c for c in akn_children(element) if localname(c) not in _STRUCTURE | _SKIP]
        labels = {id(c): _text(c.find(akn("num"))) for c in candidates}
        notes = [c for c in candidates if _is_note(c, labels[id(c)])]
        taken: dict[str, int] = {}
        position = 0
        for child in candidates:
            name, label = localname(child), labels[id(child)]
            if name in TRANSPARENT_ELEMENTS:
                text.extend(_blocks(child.find(akn("intro"))))
                self._children(child, parent_id, under_article, text, out)
                text.extend(_blocks(child.find(akn("wrapUp"))))
                continue
            if child in notes:
                segment = "note" if len(notes) == 1 else f"note{notes.index(child) + 1}"
                kind = "note"
            elif name in PART_ELEMENTS or name in POINT_ELEMENTS or name == "hcontainer":
                position += 1
                prefix = "para" if name in PART_ELEMENTS else "point"
                segment = _segment(label, child.get("eId"), prefix) or str(position)
                kind = "part" if under_article and name in PART_ELEMENTS | {"hcontainer"} else "point"
            else:  # an element lawcompare has no provision kind for: keep its words in the parent's text
                text.extend(line for line in [_text(child)] if line)
                continue
            pid = f"{parent_id}.{segment}"
            if pid in taken:
                raise self.doc.error(f"two provisions would both get the id {pid!r} (the first is on line "
                                     f"{taken[pid]})", child)
            taken[pid] = child.sourceline or 0
            data: dict[str, Any] = {"id": pid, "kind": kind, "label": label,
                                    "heading": _text(child.find(akn("heading")))}
            self.fill(data, child, under_article=False)
            out.append(data)


def _jurisdiction(doc: Doc) -> str:
    country, _ = doc.value(doc.work, "FRBRcountry")
    uri, _ = doc.value(doc.work, "FRBRuri")
    for candidate, pattern in ((country, r"([A-Za-z]{2})(?:-.*)?"), (uri, r"/akn/([A-Za-z]{2})(?:-[^/]*)?/.*")):
        if candidate:
            found = re.fullmatch(pattern, candidate)
            if found:
                return found.group(1).upper()
    raise doc.error("cannot tell the jurisdiction: <FRBRWork> needs <FRBRcountry value=\"kz\"> (two letters) or an "
                    "FRBRuri of the form /akn/kz/...", doc.work if doc.work is not None else doc.identification)


def _title(doc: Doc) -> str:
    title, _ = doc.value(doc.work, "FRBRname")
    if title:
        return title
    for tag in ("docTitle", "shortTitle", "longTitle"):
        found = next(doc.act.iter(akn(tag)), None)
        text = _text(found)
        if text:
            return text
    alias, _ = doc.value(doc.work, "FRBRalias")
    if alias:
        return alias
    raise doc.error("the act has no title: give <FRBRname value=...> in <FRBRWork> or a <docTitle> in the preface",
                    doc.work if doc.work is not None else doc.identification)


def draft_record(doc: Doc) -> StatuteVersion:
    """A draft record from an act lawcompare did not write (see the module docstring)."""
    for section, tag in ((doc.work, "FRBRWork"), (doc.expression, "FRBRExpression")):
        if section is None:
            raise doc.error(f"<identification> has no <{tag}>", doc.identification)
    jurisdiction = _jurisdiction(doc)
    title = _title(doc)
    number, _ = doc.value(doc.work, "FRBRnumber")
    if not number:
        number = _text(next(doc.act.iter(akn("docNumber")), None))
    work_date, work_date_name = doc.date(doc.work)
    version_date, version_date_name = doc.date(doc.expression)
    if version_date is None:
        raise doc.error("<FRBRExpression> has no <FRBRdate date=...>: the version date is required (it becomes "
                        "version.in_force_from)", doc.expression)
    language_code, language_el = doc.value(doc.expression, "FRBRlanguage", "language")
    if not language_code:
        raise doc.error("<FRBRExpression> has no <FRBRlanguage language=...>", doc.expression)
    language = lang2(language_code)
    if language is None:
        raise doc.error(f"unknown language code {language_code!r} in <FRBRlanguage>; use an ISO 639-2 code such as "
                        "rus, eng, kaz, kir, tgk, tuk or uzb", language_el)
    english = language == "en"
    act_name = doc.act.get("name") or ""
    doc_type = act_name if act_name in InstrumentType.__members__ else InstrumentType.other.value
    expression_uri, _ = doc.value(doc.expression, "FRBRthis")
    expression_uri = expression_uri or doc.value(doc.expression, "FRBRuri")[0] or "(no FRBRthis)"
    work_uri = doc.value(doc.work, "FRBRuri")[0] or doc.value(doc.work, "FRBRthis")[0] or "(no FRBRuri)"
    authoritative, _ = doc.value(doc.expression, "FRBRauthoritative")
    file_name = Path(doc.name).name

    builder = _Builder(doc, "translation" if english else "official")
    builder.walk(doc.body())
    if not builder.articles:
        raise doc.error("the body has no <article>: lawcompare records are organised by article",
                        doc.act.find(akn("body")))

    year = (work_date or version_date).year
    checks = [
        "the topics of every article (all set to the placeholder `other`)",
        "penalties (none are extracted from the text)",
        f"version.in_force_from, taken from the expression date ({version_date_name or 'unnamed'} "
        f"{version_date.isoformat()}), and version.in_force_to (not known)",
        f"instrument.adopted, taken from the work date ({work_date_name or 'unnamed'})" if work_date else
        "instrument.adopted (the work has no date)",
        f"instrument.id and instrument.type (made from country, the act's name {act_name!r} and the year)",
        f"the source entry {SOURCE_ID!r} (its kind and a URL)",
    ]
    if english:
        checks.append("text_basis: the English text was imported as published; say who translated it, or set "
                      "`official` if English is an official language of the act")
    uncertain: list[dict[str, str]] = [{
        "field": "provisions",
        "note": f"Draft imported from the Akoma Ntoso document {file_name} ({expression_uri}), which lawcompare "
                "did not write. Check: " + "; ".join(checks) + ".",
    }]
    if not english:
        uncertain.append({"field": "instrument.title_en",
                          "note": "The title is the original-language title from the document; replace it with an "
                                  "English rendering and move the original to title_original."})

    notes = [f"Imported from Akoma Ntoso: work {work_uri}, expression {expression_uri}."]
    if builder.outside:
        notes.append("Headings and text above article level: " + " | ".join(builder.outside))
    meta_notes = doc.meta.find(akn("notes"))
    if meta_notes is not None:
        texts = [t for t in (_text(n) for n in akn_children(meta_notes, "note")) if t]
        if texts:
            notes.append("Editorial notes in the document: " + " | ".join(texts))

    data: dict[str, Any] = {
        "record": "statute_version",
        "jurisdiction": jurisdiction,
        "instrument": {
            "id": f"{jurisdiction.lower()}-{_ID_ABBREVIATION[InstrumentType(doc_type)]}-{year}",
            "type": doc_type,
            "title_original": None if english else title,
            "title_en": title,
            "number": number,
            "adopted": work_date,
            "original_languages": [] if english else [language],
        },
        "version": {"in_force_from": version_date},
        "translation": {
            "unofficial": True,
            "translator": ("unknown (English text imported from an Akoma Ntoso document)" if english else
                           "none: the official-language text is imported as published, not translated"),
            "basis": f"Akoma Ntoso document {file_name}, expression {expression_uri}.",
            "language": language,
        },
        "sources": [{
            "id": SOURCE_ID,
            "kind": "official" if authoritative == "true" else "database",
            "title": f"{title} (Akoma Ntoso, {expression_uri})",
            "document": file_name,
        }],
        "uncertain": uncertain,
        "notes": "\n".join(notes),
        "provisions": builder.articles,
    }
    return doc.validate(data)
