"""Names in Akoma Ntoso documents: namespaces, FRBR URIs, eIds, language codes.

URIs follow the usual AKN naming pattern: work ``/akn/kz/act/2014-07-03/226-v``, expression
``/akn/kz/act/2014-07-03/226-v/eng@2015-01-01``, manifestation ``.../eng@2015-01-01/main.xml``.
eIds follow the AKN pattern ``art_128__para_2__point_3`` and map one to one onto lawcompare
provision ids (``art128.2.3``).
"""

from __future__ import annotations

import re

from lawcompare.records.models import ProvisionKind, StatuteVersion

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LC_NS = "urn:lawcompare:akn:1"
LC_FORMAT = "1"

NO_NUMBER = "nn"  # number component of a URI when the act's number is not recorded


def akn(tag: str) -> str:
    """``{AKN namespace}tag``."""
    return f"{{{AKN_NS}}}{tag}"


def lc(tag: str) -> str:
    """``{lawcompare namespace}tag``."""
    return f"{{{LC_NS}}}{tag}"


# ISO 639-1 (records) <-> ISO 639-2/T (AKN FRBRlanguage). The region's languages first.
LANG3 = {
    "en": "eng", "ru": "rus", "kk": "kaz", "ky": "kir", "tg": "tgk", "tk": "tuk", "uz": "uzb",
    "fa": "fas", "tr": "tur", "az": "aze", "hy": "hye", "ka": "kat", "uk": "ukr", "be": "bel",
    "mn": "mon", "zh": "zho", "ar": "ara", "fr": "fra", "de": "deu", "es": "spa", "it": "ita",
    "pt": "por", "pl": "pol", "ro": "ron", "sw": "swa", "ur": "urd", "hi": "hin",
}
LANG2 = {three: two for two, three in LANG3.items()}
LANG2.update({"fre": "fr", "ger": "de", "per": "fa", "arm": "hy", "geo": "ka", "chi": "zh", "rum": "ro"})


def lang3(code: str) -> str:
    """Two-letter record language → AKN three-letter code (unknown codes pass through, lower case)."""
    return LANG3.get(code.lower(), code.lower())


def lang2(code: str) -> str | None:
    """AKN three-letter code (or a two-letter one) → two-letter record code; None if unknown."""
    code = code.strip().lower()
    if code in LANG2:
        return LANG2[code]
    if code in LANG3:
        return code
    return None


def slug(text: str) -> str:
    """A URI component: lower case, letters and digits, runs of anything else become one hyphen."""
    out = re.sub(r"[\W_]+", "-", text.lower()).strip("-")
    return out or NO_NUMBER


def work_uri(record: StatuteVersion) -> str:
    """``/akn/kz/act/2014-07-03/226-v``; without an adoption date the year from the instrument id is used."""
    inst = record.instrument
    if inst.adopted is not None:
        date = inst.adopted.isoformat()
    else:
        year = re.search(r"(?<!\d)(\d{4})(?!\d)", inst.id)
        date = year.group(1) if year else record.version.in_force_from.isoformat()
    number = slug(inst.number) if inst.number else NO_NUMBER
    return f"/akn/{record.jurisdiction.lower()}/act/{date}/{number}"


def expression_uri(record: StatuteVersion) -> str:
    """``<work>/eng@2015-01-01``: the language of the text and the first day this version was in force."""
    return f"{work_uri(record)}/{lang3(record.translation.language)}@{record.version.in_force_from.isoformat()}"


def manifestation_uri(record: StatuteVersion) -> str:
    return f"{expression_uri(record)}/main.xml"


def amending_act_uri(jurisdiction: str, date: str, number: str | None) -> str:
    return f"/akn/{jurisdiction.lower()}/act/{date}/{slug(number) if number else NO_NUMBER}"


# ---- eIds -------------------------------------------------------------------------------------

ELEMENT_OF_KIND = {
    ProvisionKind.article: "article",
    ProvisionKind.part: "paragraph",
    ProvisionKind.point: "point",
    ProvisionKind.note: "paragraph",  # with class="note"
}
NOTE_CLASS = "note"
EID_PREFIX = {"article": "art", "paragraph": "para", "point": "point"}
_SEGMENT_RE = re.compile(r"^(?:\d+(?:-\d+)*|note\d*|[a-z])$")
_EID_UNSAFE = re.compile(r"[^A-Za-z0-9.-]")


def _eid_safe(text: str) -> str:
    return _EID_UNSAFE.sub("-", text) or "x"


def child_eid(parent_eid: str | None, parent_id: str | None, kind: ProvisionKind, provision_id: str) -> str:
    """The eId of a provision from its parent's eId and its own id.

    ``art128`` → ``art_128``; ``art128.2`` under ``art128`` → ``art_128__para_2``;
    ``art128.2.3`` → ``art_128__para_2__point_3``; ``art128.note`` → ``art_128__para_note``.
    Ids outside the usual grammar still get a unique-looking, valid eId (the id itself, made safe).
    """
    prefix = EID_PREFIX[ELEMENT_OF_KIND[kind]]
    if parent_eid is None:
        if provision_id.startswith("art") and _SEGMENT_RE.match(provision_id[3:]) and provision_id[3:4].isdigit():
            return f"{prefix}_{provision_id[3:]}"
        return f"{prefix}_{_eid_safe(provision_id)}"
    segment = provision_id[len(parent_id) + 1:] if parent_id and provision_id.startswith(parent_id + ".") else ""
    if not _SEGMENT_RE.match(segment):
        segment = _eid_safe(provision_id)
    return f"{parent_eid}__{prefix}_{segment}"


def id_from_eid(eid: str) -> str | None:
    """``art_128__para_2__point_3`` → ``art128.2.3``; None when the eId does not follow the pattern."""
    pieces = eid.split("__")
    first, _, number = pieces[0].partition("_")
    if first != "art" or not number:
        return None
    out = f"art{number}"
    for piece in pieces[1:]:
        _, sep, segment = piece.partition("_")
        if not sep or not segment:
            return None
        out += f".{segment}"
    return out
