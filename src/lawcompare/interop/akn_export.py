"""Statute version record → Akoma Ntoso 3.0 ``<act>`` (see ``docs/akn.md`` for the mapping).

The output is deterministic: the same record always gives the same bytes (the manifestation date
is the expression date, not the time of the export).
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from pydantic import BaseModel

from lawcompare.errors import InputError
from lawcompare.interop import akn_names as names
from lawcompare.interop.akn_lcblock import encode_model
from lawcompare.interop.akn_names import AKN_NS, LC_FORMAT, LC_NS, akn, lc
from lawcompare.records.models import Provision, ProvisionKind, RatificationsRecord, StatuteVersion

# Characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Fields with an AKN home; the rest of the record goes to the lawcompare block.
_RECORD_NATIVE: dict[str, Any] = {
    "record": True,
    "jurisdiction": True,
    "notes": True,
    "provisions": True,
    "instrument": {"type": True, "title_en": True, "title_original": True, "number": True, "adopted": True},
    "version": {"in_force_from": True},
}
_PROVISION_NATIVE: dict[str, Any] = {name: True for name in ("id", "kind", "label", "heading", "text", "children")}

ORGANISATION = "lawcompare"
LAWMAKER = "lawmaker"


def _check_characters(value: Any, path: str = "") -> None:
    """Refuse strings XML cannot hold, naming the field, instead of failing deep inside lxml."""
    if isinstance(value, str):
        bad = _NOT_XML.search(value)
        if bad:
            raise InputError(f"contains the character U+{ord(bad.group()):04X}, which XML 1.0 cannot hold",
                             field=path or None)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _check_characters(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_characters(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_characters(key, f"{path}[{key!r}]")
            _check_characters(item, f"{path}[{key!r}]")


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, akn(tag), {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _paragraphs(parent: etree._Element, tag: str, text: str) -> etree._Element:
    """``<tag><p>line</p>...</tag>``: one ``<p>`` per line of ``text``."""
    block = _sub(parent, tag)
    for line in text.split("\n"):
        _sub(block, "p", line)
    return block


def _identification(meta: etree._Element, record: StatuteVersion) -> None:
    inst, version = record.instrument, record.version
    work, expression, manifestation = (names.work_uri(record), names.expression_uri(record),
                                       names.manifestation_uri(record))
    ident = _sub(meta, "identification", source=f"#{ORGANISATION}")

    frbr = _sub(ident, "FRBRWork")
    _sub(frbr, "FRBRthis", value=f"{work}/!main")
    _sub(frbr, "FRBRuri", value=work)
    if inst.title_original is not None:
        _sub(frbr, "FRBRalias", value=inst.title_original, name="title_original")
    if inst.adopted is not None:
        _sub(frbr, "FRBRdate", date=inst.adopted.isoformat(), name="adoption")
    else:
        _sub(frbr, "FRBRdate", date=version.in_force_from.isoformat(), name="adoption_unknown_version_date")
    _sub(frbr, "FRBRauthor", href=f"#{LAWMAKER}", as_="#author")
    _sub(frbr, "FRBRcountry", value=record.jurisdiction.lower())
    if inst.number is not None:
        _sub(frbr, "FRBRnumber", value=inst.number)
    _sub(frbr, "FRBRname", value=inst.title_en)

    frbr = _sub(ident, "FRBRExpression")
    _sub(frbr, "FRBRthis", value=f"{expression}/!main")
    _sub(frbr, "FRBRuri", value=expression)
    _sub(frbr, "FRBRdate", date=version.in_force_from.isoformat(), name="in_force_from")
    # our English renderings are translations; an official-language text (text_basis: official) is only edited
    role = "#translator" if record.translation.language == "en" else "#editor"
    _sub(frbr, "FRBRauthor", href=f"#{ORGANISATION}", as_=role)
    _sub(frbr, "FRBRauthoritative", value="false")
    _sub(frbr, "FRBRlanguage", language=names.lang3(record.translation.language))

    frbr = _sub(ident, "FRBRManifestation")
    _sub(frbr, "FRBRthis", value=manifestation)
    _sub(frbr, "FRBRuri", value=manifestation)
    _sub(frbr, "FRBRdate", date=version.in_force_from.isoformat(), name="expression_date")
    _sub(frbr, "FRBRauthor", href=f"#{ORGANISATION}", as_="#editor")
    _sub(frbr, "FRBRformat", value="application/akn+xml")


def _lifecycle_and_references(meta: etree._Element, record: StatuteVersion) -> None:
    inst = record.instrument
    events: list[dict[str, str]] = []
    if inst.adopted is not None:
        events.append({"eId": "evt_adoption", "date": inst.adopted.isoformat(), "source": "#original",
                       "type": "generation"})
    amendments = []
    for i, act in enumerate(record.version.amended_by, start=1):
        if act.date is None:
            continue  # AKN needs a date here; the act is kept in full in the lawcompare block
        eid = f"amendment_{i}"
        amendments.append({"eId": eid, "href": names.amending_act_uri(record.jurisdiction, act.date.isoformat(),
                                                                        act.number),
                           "showAs": act.title_en or act.title_original or f"amending act {i}"})
        events.append({"eId": f"evt_{eid}", "date": act.date.isoformat(), "source": f"#{eid}", "type": "amendment"})
    if events:
        lifecycle = _sub(meta, "lifecycle", source=f"#{ORGANISATION}")
        for event in events:
            _sub(lifecycle, "eventRef", **event)

    refs = _sub(meta, "references", source=f"#{ORGANISATION}")
    _sub(refs, "original", eId="original", href=names.work_uri(record), showAs=inst.title_en)
    for ref in amendments:
        _sub(refs, "passiveRef", **ref)
    for role in ("author", "translator", "editor"):
        _sub(refs, "TLCRole", eId=role, href=f"/ontology/role/{role}", showAs=role)
    _sub(refs, "TLCOrganization", eId=ORGANISATION, href="/ontology/organization/lawcompare",
         showAs="lawcompare project")
    _sub(refs, "TLCOrganization", eId=LAWMAKER, href=f"/ontology/organization/{record.jurisdiction.lower()}/lawmaker",
         showAs=f"law-making body of {record.jurisdiction}")
    for i, source in enumerate(record.sources, start=1):
        _sub(refs, "TLCReference", eId=f"source_{i}", name="source",
             href=source.url or f"/ontology/reference/lawcompare/{names.slug(source.id)}", showAs=source.cite())


def _meta(act: etree._Element, record: StatuteVersion, extras: list[etree._Element]) -> None:
    meta = _sub(act, "meta")
    _identification(meta, record)
    _lifecycle_and_references(meta, record)
    if record.notes is not None:
        notes = _sub(meta, "notes", source=f"#{ORGANISATION}")
        _paragraphs(notes, "note", record.notes).set("eId", "lawcompare_notes")
        notes[0].set("class", "lawcompare")
    proprietary = _sub(meta, "proprietary", source=f"#{ORGANISATION}")
    block = etree.SubElement(proprietary, lc("lawcompare"), format=LC_FORMAT)
    encode_model(block, "record", record, _RECORD_NATIVE)
    provisions = etree.SubElement(block, lc("provisions"))
    provisions.extend(extras)


def _provision(parent: etree._Element, provision: Provision, parent_provision: Provision | None,
               extras: list[etree._Element]) -> None:
    parent_eid = parent.get("eId") if parent_provision is not None else None
    eid = names.child_eid(parent_eid, parent_provision.id if parent_provision else None, provision.kind,
                          provision.id)
    element = _sub(parent, names.ELEMENT_OF_KIND[provision.kind], eId=eid)
    if provision.kind == ProvisionKind.note:
        element.set("class", names.NOTE_CLASS)
    if provision.label is not None:
        _sub(element, "num", provision.label)
    if provision.heading is not None:
        _sub(element, "heading", provision.heading)

    extra = encode_model(etree.Element(lc("scratch")), "provision", provision, _PROVISION_NATIVE)
    extra.set("eId", eid)
    if names.id_from_eid(eid) != provision.id:
        extra.set("id", provision.id)
    if provision.children:
        if provision.text is not None:
            _paragraphs(element, "intro", provision.text)
    elif provision.text is not None:
        _paragraphs(element, "content", provision.text)
    else:
        _paragraphs(element, "content", "")  # AKN needs content; the lawcompare block says there is none
        extra.set("noText", "true")
    extras.append(extra)
    for child in provision.children:
        _provision(element, child, provision, extras)


def build_akn(record: StatuteVersion) -> etree._Element:
    """The ``<akomaNtoso>`` tree for one statute version."""
    if isinstance(record, RatificationsRecord):
        raise InputError("a ratifications record is not an act: only statute version records can be exported "
                         "to Akoma Ntoso", file=record.file)
    if not isinstance(record, StatuteVersion):
        raise TypeError(f"to_akn expects a StatuteVersion, got {type(record).__name__}")
    try:
        _check_characters(record)
    except InputError as exc:
        raise InputError(exc.message, file=record.file, field=exc.field) from None

    root = etree.Element(akn("akomaNtoso"), nsmap={None: AKN_NS, "lc": LC_NS})
    act = _sub(root, "act", name=record.instrument.type.value,
               contains="singleVersion" if record.version.amended_by else "originalVersion")
    extras: list[etree._Element] = []
    body = etree.Element(akn("body"))
    for article in record.provisions:
        _provision(body, article, None, extras)
    _meta(act, record, extras)

    preface = _sub(act, "preface")
    title = _sub(preface, "p", class_="title")
    _sub(title, "docTitle", record.instrument.title_en)
    if record.instrument.number is not None:
        _sub(_sub(preface, "p", class_="number"), "docNumber", record.instrument.number)
    act.append(body)
    return root


def to_akn(version: StatuteVersion) -> bytes:
    """Akoma Ntoso 3.0 XML (UTF-8, with declaration) for one statute version record."""
    root = build_akn(version)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
