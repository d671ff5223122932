"""Akoma Ntoso 3.0 ``<act>`` → statute version record.

A document written by :func:`lawcompare.interop.akn_export.to_akn` carries a ``lawcompare`` block in
``<proprietary>``; it is read back exactly (identity, titles, dates and the provision tree from the
AKN elements, everything else from the block). Any other act becomes a *draft* record for review
(:mod:`lawcompare.interop.akn_foreign`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from lawcompare.errors import InputError
from lawcompare.interop.akn_foreign import draft_record
from lawcompare.interop.akn_lcblock import decode_model
from lawcompare.interop.akn_names import LC_FORMAT, NOTE_CLASS, akn, id_from_eid, lc
from lawcompare.interop.akn_read import Doc, akn_children, find_act, lines_of
from lawcompare.interop.safe_xml import MAX_BYTES, parse_xml
from lawcompare.records.models import Provision, StatuteVersion

_KIND_OF_ELEMENT = {"article": "article", "paragraph": "part", "point": "point"}


@dataclass(frozen=True)
class AknImport:
    """The record read from an AKN document; ``draft`` when lawcompare did not write the document."""

    record: StatuteVersion
    draft: bool


def import_akn(data: bytes, *, name: str = "<akn>", max_bytes: int = MAX_BYTES) -> AknImport:
    root = parse_xml(data, name=name, max_bytes=max_bytes)
    doc = Doc(find_act(root, name), name)
    block = doc.lawcompare_block()
    if block is None:
        return AknImport(draft_record(doc), draft=True)
    try:
        return AknImport(_own_record(doc, block), draft=False)
    except InputError as exc:
        if exc.file:
            raise
        raise InputError(exc.message, file=name, line=exc.line, field=exc.field) from None


def from_akn(data: bytes, *, name: str = "<akn>") -> StatuteVersion:
    """Read an Akoma Ntoso 3.0 act (bytes) into a statute version record.

    Documents written by :func:`~lawcompare.interop.akn_export.to_akn` come back equal to the record
    they were made from; other acts become draft records (``topics: [other]``, an ``uncertain`` entry
    saying what to check). Raises :class:`~lawcompare.errors.InputError` for unsafe or broken XML,
    documents that are not acts, and missing required metadata.
    """
    return import_akn(data, name=name).record


def _own_record(doc: Doc, block: etree._Element) -> StatuteVersion:
    if block.get("format") != LC_FORMAT:
        raise doc.error(f"lawcompare block format {block.get('format')!r} is not supported "
                        f"(this version reads format {LC_FORMAT})", block)
    record_el = block.find(lc("record"))
    if record_el is None:
        raise doc.error("the lawcompare block has no <lc:record>", block)
    data: dict[str, Any] = decode_model(record_el, StatuteVersion)
    data["record"] = "statute_version"
    country, country_el = doc.value(doc.work, "FRBRcountry")
    if country is None:
        raise doc.error("<FRBRWork> has no <FRBRcountry value=...>", doc.work)
    data["jurisdiction"] = country.upper()

    instrument = data.setdefault("instrument", {})
    instrument["type"] = doc.act.get("name")
    instrument["title_en"], _ = doc.value(doc.work, "FRBRname")
    instrument["title_original"], _ = doc.value(doc.work, "FRBRalias", name="title_original")
    instrument["number"], _ = doc.value(doc.work, "FRBRnumber")
    instrument["adopted"], _ = doc.date(doc.work, "adoption")
    version = data.setdefault("version", {})
    version["in_force_from"], _ = doc.date(doc.expression, "in_force_from")

    notes = doc.meta.find(akn("notes"))
    note = next((n for n in akn_children(notes, "note") if n.get("eId") == "lawcompare_notes"), None) \
        if notes is not None else None
    data["notes"] = "\n".join(lines_of(note)) if note is not None else None

    extras_el = block.find(lc("provisions"))
    extras = iter(list(extras_el) if extras_el is not None else [])
    data["provisions"] = [_provision(doc, el, extras) for el in akn_children(doc.body(), *_KIND_OF_ELEMENT)]
    leftover = next(extras, None)
    if leftover is not None:
        raise doc.error(f"the lawcompare block describes provision {leftover.get('eId')!r}, which is not in "
                        "the body (was the document edited by hand?)", leftover)
    return doc.validate(data)


def _provision(doc: Doc, element: etree._Element, extras: Iterator[etree._Element]) -> dict[str, Any]:
    eid = element.get("eId") or ""
    extra = next(extras, None)
    if extra is None or extra.get("eId") != eid:
        raise doc.error(f"<{etree.QName(element).localname} eId={eid!r}> does not match the lawcompare block "
                        "(was the document edited by hand?)", element)
    pid = extra.get("id") or id_from_eid(eid)
    if pid is None:
        raise doc.error(f"cannot tell the provision id from eId {eid!r}", element)
    data: dict[str, Any] = decode_model(extra, Provision)
    kind = _KIND_OF_ELEMENT[etree.QName(element).localname]
    if kind == "part" and element.get("class") == NOTE_CLASS:
        kind = "note"
    data.update(id=pid, kind=kind)
    for tag, key in (("num", "label"), ("heading", "heading")):
        found = element.find(akn(tag))
        if found is not None:
            data[key] = "".join(found.itertext())
    text_el = element.find(akn("content"))
    if text_el is None:
        text_el = element.find(akn("intro"))
    if text_el is not None and extra.get("noText") != "true":
        data["text"] = "\n".join(lines_of(text_el))
    data["children"] = [_provision(doc, child, extras) for child in akn_children(element, *_KIND_OF_ELEMENT)]
    return data
