"""Assembling the draft record: instrument, version, translation block, sources and the reviewer's list.

Everything the importer could not read from the page, or had to guess, becomes an ``uncertain``
entry naming the field, so the draft passes ``lawcompare validate`` and still tells the reviewer
exactly what to check.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlsplit

from lawcompare.interop.portal_guess import guess_instrument_type, guess_title_en, guess_topics
from lawcompare.interop.portal_sites import Detection
from lawcompare.interop.portal_structure import RawArticle, build_article, quote
from lawcompare.interop.portal_text import Requisites, looks_repealed
from lawcompare.records.models import (
    Instrument,
    Provision,
    Source,
    SourceKind,
    StatuteVersion,
    TextBasis,
    Translation,
    Uncertainty,
    Version,
)

LANGUAGE_NAMES = {"ru": "Russian", "kk": "Kazakh", "ky": "Kyrgyz", "uz": "Uzbek", "en": "English", "tg": "Tajik",
                  "tk": "Turkmen"}
_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіўҳ",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                      "t", "u", "f", "h", "ts", "ch", "sh", "sch", "", "y", "", "e", "yu", "ya", "a", "g", "q", "n",
                      "o", "u", "u", "h", "i", "o", "h"], strict=True))


@dataclass
class PageFacts:
    """What the page says about the document, with where each fact came from."""

    title_original: str | None = None
    requisites: Requisites | None = None
    in_force: tuple[dt.date, str] | None = None  # (date, the words on the page)
    as_at: tuple[dt.date, str] | None = None
    language: str = "ru"
    language_how: str = ""
    url: str | None = None
    url_how: str = ""


@dataclass
class DraftInput:
    jurisdiction: str
    name: str  # the file name, as the user gave it
    detection: Detection
    facts: PageFacts
    articles: list[RawArticle]
    read_from: str  # which part of the page the text was read from
    doubts: list[str]  # record-level notes from reading (repeated headings, text outside articles, ...)
    editorial_outside: list[str]
    in_force_from: dt.date | None
    instrument_id: str | None


def slug(text: str, limit: int = 40) -> str:
    out = []
    for ch in text.lower():
        if "a" <= ch <= "z" or ch.isdigit() and ch.isascii():
            out.append(ch)
        elif ch in _TRANSLIT:
            out.append(_TRANSLIT[ch])
        else:
            out.append("-")
    return re.sub(r"-{2,}", "-", "".join(out)).strip("-")[:limit].strip("-")


def default_instrument_id(jurisdiction: str, facts: PageFacts) -> str:
    prefix = f"{jurisdiction.lower()}-imported-"
    if facts.requisites is not None:
        tail = slug(f"{facts.requisites.date.year}-{facts.requisites.number}")
        if tail:
            return prefix + tail
    if facts.url:
        last = [p for p in urlsplit(facts.url).path.split("/") if p]
        code = next((slug(p) for p in reversed(last) if re.search(r"\d", p) and slug(p)), "")
        if code:
            return prefix + code
    digest = hashlib.sha1((facts.title_original or "").encode("utf-8")).hexdigest()[:10]
    return prefix + digest


def build_draft(inp: DraftInput) -> StatuteVersion:
    facts = inp.facts
    portal = inp.detection.portal
    uncertain: list[Uncertainty] = []
    title = facts.title_original or PurePath(inp.name).name
    kind, kind_why = guess_instrument_type(" ".join(filter(None, [facts.title_original, facts.requisites.phrase
                                                                   if facts.requisites else None])))
    uncertain.append(Uncertainty(field="instrument.type", note=f"{kind_why}; check."))
    title_en = guess_title_en(kind, inp.jurisdiction, title)
    uncertain.append(Uncertainty(field="instrument.title_en",
                                 note="Made from the instrument type and the official title; replace it with the "
                                      "English title used in the corpus."))
    if facts.title_original is None:
        uncertain.append(Uncertainty(field="instrument.title_original",
                                     note="No title was found on the page; the file name stands in for it."))
    instrument = Instrument(
        id=inp.instrument_id or default_instrument_id(inp.jurisdiction, facts), type=kind,
        title_original=facts.title_original, title_en=title_en,
        number=facts.requisites.number if facts.requisites else None,
        adopted=facts.requisites.date if facts.requisites else None,
        original_languages=[facts.language],
    )
    if facts.requisites:
        uncertain.append(Uncertainty(
            field="instrument.adopted",
            note=f"Date and number read from the page's words '{facts.requisites.phrase}'; check that this is the "
                 "adoption date (not the signature or publication date) and the official number.",
            values=[{"value": facts.requisites.date.isoformat(), "source": portal.key}]))
    else:
        uncertain.append(Uncertainty(field="instrument.number",
                                     note="No date and number of the act were found on the page."))
    version = Version(in_force_from=_in_force_from(inp, uncertain))
    source = _source(inp, title, uncertain)
    uncertain.append(Uncertainty(
        field="provisions",
        note=f"Articles, parts, points and notes were split automatically from {inp.read_from} "
             f"({inp.detection.how}). Check every id, label and text against the official text; the portal's "
             "editorial remarks (amendment footnotes, comments) were set aside and are quoted in 'uncertain'."))
    for doubt in inp.doubts:
        uncertain.append(Uncertainty(field="provisions", note=doubt))
    for remark in inp.editorial_outside[:20]:
        uncertain.append(Uncertainty(field="version",
                                     note=f"Editorial remark on the page, outside any article: «{quote(remark)}»"))
    if len(inp.editorial_outside) > 20:
        uncertain.append(Uncertainty(field="version", note=f"{len(inp.editorial_outside) - 20} more editorial "
                                                            "remarks outside articles are not quoted here."))
    provisions = [_article(raw, source.id) for raw in inp.articles]
    basis = TextBasis.translation if facts.language == "en" else TextBasis.official
    if basis == TextBasis.translation:
        uncertain.append(Uncertainty(field="text_basis", note="The page is in English: the portal's own "
                                                               "translation, not an official text."))
    translation = Translation(
        translator=("not translated: the official-language text as published, imported by `lawcompare import html`"
                    if basis == TextBasis.official else "the portal's English text, imported by `lawcompare import "
                                                        "html`; not a lawcompare translation"),
        basis=f"{LANGUAGE_NAMES.get(facts.language, facts.language)} text as published on {portal.name}, read from "
              f"the saved page '{PurePath(inp.name).name}'" + (f" ({facts.url})" if facts.url else "")
              + f"; language {facts.language_how}.",
        language=facts.language,
    )
    for article in provisions:
        article.text_basis = basis
    notes = ("Draft made by `lawcompare import html`: the official-language text of the page, with its structure "
             "split automatically. Review every 'uncertain' entry, then remove this note.")
    if basis == TextBasis.translation:
        notes = "Draft made by `lawcompare import html` from the portal's English text; review it."
    return StatuteVersion(record="statute_version", jurisdiction=inp.jurisdiction, instrument=instrument,
                          version=version, translation=translation, sources=[source], uncertain=uncertain,
                          notes=notes, provisions=provisions)


def _in_force_from(inp: DraftInput, uncertain: list[Uncertainty]) -> dt.date:
    from lawcompare.errors import InputError

    page_day = inp.facts.in_force
    given = inp.in_force_from
    if given is None and page_day is None:
        hint = (f" (the page shows the text as at {inp.facts.as_at[0].isoformat()}: '{inp.facts.as_at[1]}')"
                if inp.facts.as_at else "")
        raise InputError("the page does not say from when this text is in force; give the first day of this "
                         f"version with --in-force-from YYYY-MM-DD{hint}", file=inp.name)
    values = []
    if page_day is not None:
        values.append({"value": page_day[0].isoformat(), "source": inp.detection.portal.key})
    if given is not None:
        values.append({"value": given.isoformat()})
    if given is not None and page_day is not None and given != page_day[0]:
        note = (f"Given as {given.isoformat()} (--in-force-from); the page says '{page_day[1]}' "
                f"({page_day[0].isoformat()}). The given date was used; check which is right.")
    elif given is not None:
        note = "Given with --in-force-from, not read from the page; check it against the amending act."
    else:
        note = f"Read from the page's words '{page_day[1]}'; check it is the first day of this version."
    if inp.facts.as_at:
        note += f" The page shows the text as at {inp.facts.as_at[0].isoformat()} ('{inp.facts.as_at[1]}')."
    uncertain.append(Uncertainty(field="version.in_force_from", note=note, values=values))
    uncertain.append(Uncertainty(field="version.in_force_to",
                                 note="Not read from the page: set it when a later version of the text is recorded."))
    day = given if given is not None else page_day[0]
    if inp.facts.requisites and day < inp.facts.requisites.date:
        uncertain.append(Uncertainty(field="version.in_force_from",
                                     note=f"{day.isoformat()} is before the act's date on the page "
                                          f"({inp.facts.requisites.date.isoformat()})."))
    return day


def _source(inp: DraftInput, title: str, uncertain: list[Uncertainty]) -> Source:
    facts = inp.facts
    portal = inp.detection.portal
    recognised = inp.detection.recognised
    if facts.url:
        if facts.url_how:
            uncertain.append(Uncertainty(field="sources", note=f"The page address {facts.url_how}; check it opens "
                                                               "this document."))
    else:
        uncertain.append(Uncertainty(field="sources", note="The page carries no address of its own; add the "
                                                           "document's URL (or re-import with --url)."))
    if not recognised:
        uncertain.append(Uncertainty(field="sources", note=f"{inp.detection.how}; the source kind is set to "
                                                           "'secondary' until the page's origin is checked."))
    return Source(id=portal.key, kind=SourceKind.official if recognised else SourceKind.secondary,
                  title=f"{title[:300]} ({portal.name})", url=facts.url,
                  note=f"saved page file: {PurePath(inp.name).name}")


def _article(raw: RawArticle, ref: str) -> Provision:
    article = build_article(raw, ref)
    body = " ".join(n.text for n in article.walk() if n.text)
    guess = guess_topics(raw.heading, body)
    article.topics = guess.topics
    article.uncertain.append(Uncertainty(field="topics", note=f"{guess.reason}; check."))
    if not body:
        article.text = raw.heading or f"(no text on the page for article {raw.number})"
        why = ("its heading says it was repealed" if raw.heading and looks_repealed(raw.heading)
               else "probably a heading without text (a table of contents entry or a repealed article)")
        article.uncertain.append(Uncertainty(field="text", note=f"The page has no text under this heading ({why}); "
                                                                "the heading stands in as text."))
    for remark in raw.editorial:
        article.uncertain.append(Uncertainty(field="text", note="Editorial remark on the page, not statute text and "
                                                                f"not imported as text: «{quote(remark)}»"))
    return article
