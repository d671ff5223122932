"""Import a document page saved from an official legal portal as a draft statute record.

Supported portals: adilet.zan.kz (Kazakhstan), cbd.minjust.gov.kg (Kyrgyzstan), lex.uz (Uzbekistan);
other pages are read with a generic layout. The draft holds the official-language text with its
articles, parts, points and notes split out, and an ``uncertain`` entry for everything a researcher
must check before the record joins the corpus (``docs/import.md``).

    >>> from lawcompare.interop.portal import import_html, import_html_yaml
    >>> record = import_html(open("page.html", "rb").read(), "KZ", name="page.html",
    ...                      in_force_from="2015-01-01")                        # doctest: +SKIP

Bad input raises :class:`~lawcompare.errors.InputError` naming the file: oversize, binary or
undecodable files, pages nested too deeply to read in full, and pages where no article was found.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from lawcompare.errors import InputError
from lawcompare.interop.portal_draft import DraftInput, PageFacts, build_draft
from lawcompare.interop.portal_page import (
    MAX_HTML_BYTES,
    Block,
    Page,
    TooManyParagraphs,
    blocks,
    read_page,
    safe_url,
)
from lawcompare.interop.portal_sites import (
    GENERIC,
    Detection,
    content_candidates,
    detect,
    drop_skipped,
    remove_chrome,
    title_candidates,
)
from lawcompare.interop.portal_structure import Segments, quote, segment, select_articles
from lawcompare.interop.portal_text import (
    article_heading,
    find_as_at_date,
    find_entry_into_force,
    find_requisites,
    guess_language,
    norm_number,
)
from lawcompare.io import yaml as lcyaml
from lawcompare.records.models import ProvisionKind, StatuteVersion

__all__ = ["MAX_HTML_BYTES", "draft_summary", "import_html", "import_html_yaml", "record_data"]

HEADER_LINES = 400  # paragraphs before the first article searched for the title, date and number
_INSTRUMENT_ID = re.compile(r"^[a-z]{2}-[a-z0-9-]+$")
_LANG_ALIASES = {"kz": "kk", "kg": "ky", "uzb": "uz", "rus": "ru", "kaz": "kk", "eng": "en"}
_PORTAL_TITLE_WORDS = ("әділет", "ипс", "lexuz", "lex.uz", "цбд", "minjust", "централизованный банк", "toktom")


def import_html(data: bytes, jurisdiction: str, *, name: str = "<html>", url: str | None = None,
                in_force_from: dt.date | str | None = None, instrument_id: str | None = None,
                articles: Iterable[str] | None = None) -> StatuteVersion:
    """Read a saved portal page into a draft :class:`StatuteVersion` (official-language text, to be reviewed).

    ``jurisdiction`` is the ISO code of the state (KZ, KG, UZ, ...). ``url`` is the document's address
    (default: the page's canonical link, og:url or "saved from" note). ``in_force_from`` is the first
    day of this version; required unless the page states when the text comes into force.
    ``instrument_id`` overrides the generated ``<iso2>-imported-...`` id. ``articles`` keeps only the
    given article numbers (``["128", "128-1"]``), for pages holding a whole code.
    """
    try:
        return _import(data, jurisdiction, name=name, url=url, in_force_from=in_force_from,
                       instrument_id=instrument_id, articles=articles)
    except TooManyParagraphs as exc:
        raise InputError(exc.message, file=name) from None


def _import(data: bytes, jurisdiction: str, *, name: str, url: str | None, in_force_from: dt.date | str | None,
            instrument_id: str | None, articles: Iterable[str] | None) -> StatuteVersion:
    if not isinstance(data, (bytes, bytearray)):
        raise InputError("expected the page as bytes", file=name)
    jur = _jurisdiction(jurisdiction, name)
    given_url = _url_option(url, name)
    day = _date_option(in_force_from, name)
    inst_id = _instrument_id_option(instrument_id, jur, name)
    wanted = _articles_option(articles, name)

    page = read_page(bytes(data), name)
    detection = detect(page, given_url, jur)
    if detection.recognised and detection.portal.jurisdiction != jur:
        raise InputError(f"the page is from {detection.portal.name}, a {detection.portal.jurisdiction} portal, but "
                         f"the jurisdiction given is {jur}; check --jurisdiction", file=name)
    drop_skipped(page, detection.portal)
    read_from, seg, container = _read_articles(page, detection)
    remove_chrome(page, keep=container)
    body = page.root.find("body")
    page_blocks = blocks(body if body is not None else page.root, limit=HEADER_LINES)
    header = _header_lines(page_blocks) + seg.before
    facts = _facts(page, detection, header, seg, given_url)

    selection = select_articles(seg.articles, wanted)
    if wanted is not None:
        missing = [n for n in wanted if n not in {r.number for r in selection.articles}]
        if missing:
            found = ", ".join(dict.fromkeys(r.number for r in seg.articles))
            raise InputError(f"article(s) {', '.join(missing)} not found on the page (found: {found[:300]})",
                             file=name)
    doubts = list(selection.doubts)
    if wanted is not None:
        others = len({r.number for r in seg.articles}) - len(selection.articles)
        doubts.append(f"Only article(s) {', '.join(wanted)} were imported (--articles); {others} other article(s) "
                      "on the page were left out.")
    if read_from.startswith("the whole page") and detection.portal is not GENERIC:
        doubts.append(f"The document container of {detection.portal.name} pages was not found, so the whole page "
                      "less its menus was read: check that no menu or footer text entered the articles.")
    if seg.before:
        doubts.append(f"{len(seg.before)} paragraph(s) before the first article (title, requisites, preamble) were "
                      f"not imported as provisions; the first: «{quote(seg.before[0])}»")
    if seg.outside:
        doubts.append(f"{len(seg.outside)} paragraph(s) outside any article (chapter headings, signature block, "
                      f"closing text) were not imported; the first: «{quote(seg.outside[0])}»")
    return build_draft(DraftInput(
        jurisdiction=jur, name=name, detection=detection, facts=facts, articles=selection.articles,
        read_from=read_from, doubts=doubts, editorial_outside=seg.editorial_outside, in_force_from=day,
        instrument_id=inst_id,
    ))


def import_html_yaml(data: bytes, jurisdiction: str, **options: Any) -> str:
    """:func:`import_html`, written as the YAML text of a record file (with a header comment)."""
    record = import_html(data, jurisdiction, **options)
    name = PurePath(options.get("name") or "<html>").name
    head = (f"# Draft imported by `lawcompare import html` from {name}: official-language text, structure split\n"
            "# automatically. Check every 'uncertain' entry before adding it to the corpus.\n")
    return head + lcyaml.dumps(record_data(record))


def record_data(record: StatuteVersion) -> dict[str, Any]:
    """The record as plain data for YAML: empty lists, empty mappings and nulls left out."""
    return _prune(record.model_dump(mode="json", exclude_none=True))


def draft_summary(record: StatuteVersion) -> dict[str, int]:
    counts = {"articles": len(record.provisions), "parts": 0, "points": 0, "notes": 0}
    for node in record.iter_provisions():
        if node.kind == ProvisionKind.part:
            counts["parts"] += 1
        elif node.kind == ProvisionKind.point:
            counts["points"] += 1
        elif node.kind == ProvisionKind.note:
            counts["notes"] += 1
    counts["uncertain"] = len(record.uncertain) + sum(len(n.uncertain) for n in record.iter_provisions())
    return counts


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in ([], {}, None)}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _read_articles(page: Page, detection: Detection) -> tuple[str, Segments, Any]:
    for read_from, paragraphs, container in content_candidates(page, detection.portal):
        seg = segment(paragraphs, detection.portal.editorial_classes)
        if seg.articles:
            return read_from, seg, container
    raise InputError("no articles were found on the page (looked for headings such as 'Статья 128.', "
                     "'128-бап.', '1-статья.', '135-modda.' or 'Article 5.'); is this the document page?",
                     file=page.name)


def _header_lines(page_blocks: list[Block]) -> list[str]:
    out = []
    for block in page_blocks[:HEADER_LINES]:
        if article_heading(block.text):
            break
        out.append(block.text)
    return out


def _facts(page: Page, detection: Detection, header: list[str], seg: Segments, given_url: str | None) -> PageFacts:
    facts = PageFacts()
    titles = title_candidates(page, detection.portal)
    page_title = _strip_portal_name(page.title)
    facts.title_original = next(iter(titles), None) or page_title or next(
        (line for line in seg.before if len(line) < 300), None)
    for line in [*titles, *header, page.title or ""]:
        facts.requisites = facts.requisites or find_requisites(line)
        facts.in_force = facts.in_force or find_entry_into_force(line)
        facts.as_at = facts.as_at or find_as_at_date(line)
    for line in seg.editorial_outside:
        facts.in_force = facts.in_force or find_entry_into_force(line)
        facts.as_at = facts.as_at or find_as_at_date(line)
    if given_url:
        facts.url, facts.url_how = given_url, ""
        if page.urls and page.urls[0] != given_url:
            facts.url_how = f"was given with --url; the page itself names {page.urls[0]}"
    elif page.urls:
        facts.url = page.urls[0]
        facts.url_how = "was read from the page itself (canonical link, og:url or 'saved from' note)"
    sample = " ".join(line for raw in seg.articles[:40] for line in raw.lines[:20])
    by_text = guess_language(sample)
    by_url = detection.portal.language_from_url(facts.url)
    by_attr = _LANG_ALIASES.get((page.lang or "")[:3].rstrip("-_"), (page.lang or "")[:2]) or None
    if by_text:
        facts.language, facts.language_how = by_text, "recognised from the letters of the articles' text"
    elif by_url:
        facts.language, facts.language_how = by_url, "taken from the page address"
    elif by_attr in ("ru", "kk", "ky", "uz", "en"):
        facts.language, facts.language_how = by_attr, "taken from the page's lang attribute"
    else:
        facts.language, facts.language_how = "ru", "assumed (too little text to tell)"
    return facts


def _strip_portal_name(title: str | None) -> str | None:
    if not title:
        return None
    pieces = [p.strip() for p in re.split(r"\s[-|—–]\s", title) if p.strip()]
    kept = [p for p in pieces if not any(w in p.lower() for w in _PORTAL_TITLE_WORDS)]
    return " - ".join(kept)[:500] or None


def _jurisdiction(value: str, name: str) -> str:
    code = (value or "").strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise InputError(f"jurisdiction must be a two-letter ISO code such as KZ, KG or UZ (got {value!r})", file=name)
    return code


def _url_option(url: str | None, name: str) -> str | None:
    if url is None:
        return None
    safe = safe_url(url)
    if safe is None:
        raise InputError(f"--url must be an absolute http(s) address (got {url[:100]!r})", file=name)
    return safe


def _date_option(value: dt.date | str | None, name: str) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"--in-force-from must be a date written YYYY-MM-DD (got {value!r})", file=name) from None


def _instrument_id_option(value: str | None, jurisdiction: str, name: str) -> str | None:
    if value is None:
        return None
    if not _INSTRUMENT_ID.match(value) or len(value) > 80:
        raise InputError(f"--instrument-id must look like kz-cc-2014 (lower-case letters, digits and hyphens after "
                         f"the two-letter state code); got {value!r}", file=name)
    if not value.startswith(jurisdiction.lower() + "-"):
        raise InputError(f"--instrument-id must start with {jurisdiction.lower()}- for a {jurisdiction} record "
                         f"(got {value!r})", file=name)
    return value


def _articles_option(values: Iterable[str] | None, name: str) -> list[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        values = values.split(",")
    out = []
    for raw in values:
        piece = norm_number(str(raw))
        if not piece:
            continue
        if not re.fullmatch(r"\d{1,5}(?:-\d{1,4}){0,3}", piece):
            raise InputError(f"article numbers look like 128 or 130-1 (got {raw!r})", file=name)
        out.append(piece)
    if not out:
        raise InputError("no article numbers given", file=name)
    return list(dict.fromkeys(out))
