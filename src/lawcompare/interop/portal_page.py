"""Reading a saved web page safely: size limit, character set, parsing, and paragraphs of text.

The page is parsed with ``lxml.html`` and never rendered: nothing in it is fetched (no network),
run (scripts, styles and embedded objects are removed before any text is read) or trusted
(attribute values are ignored except ``class``, ``id``/``name`` anchors, ``lang`` and the page's
own URL). Text the page shows as markup (``&lt;script&gt;``) stays text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from lawcompare.errors import InputError
from lawcompare.interop.portal_text import clean_line

MAX_HTML_BYTES = 20_000_000
MAX_ELEMENTS = 500_000  # a whole criminal code page has a few tens of thousands
MAX_PARAGRAPHS = 500_000

# Never read: code, styling, embedded documents and form controls
DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
    "svg", "math", "canvas", "audio", "video", "source", "track", "map", "link", "meta", "base",
    "input", "button", "select", "option", "optgroup", "textarea", "datalist", "output", "dialog",
})
BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "thead",
    "tbody", "tfoot", "tr", "td", "th", "caption", "section", "article", "main", "aside", "nav", "header",
    "footer", "blockquote", "pre", "address", "figure", "figcaption", "center", "hr", "br", "body", "form",
    "fieldset", "legend", "details", "summary", "html",
})

_META_CHARSET = re.compile(rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d{1,5}\)\s*(\S{1,2000}?)\s*-->", re.IGNORECASE)


class TooManyParagraphs(InputError):
    """Raised by :func:`blocks`; the caller adds the file name."""


@dataclass(frozen=True)
class Block:
    """One paragraph of the page as plain text, and the element that holds it (for its classes and anchor)."""

    text: str
    owner: etree._Element | None = field(default=None, compare=False, repr=False)

    @property
    def classes(self) -> frozenset[str]:
        return classes_of(self.owner) if self.owner is not None else frozenset()

    @property
    def anchor(self) -> str | None:
        """An id or name on the paragraph (or its first child), to find it again on the page."""
        if self.owner is None:
            return None
        for el in (self.owner, *self.owner.iterchildren()):
            if not isinstance(el.tag, str):
                continue
            for attr in ("id", "name"):
                value = el.get(attr)
                if value and len(value) <= 80 and _ANCHOR.fullmatch(value):
                    return value
        return None


_ANCHOR = re.compile(r"[\w:.-]+")


@dataclass
class Page:
    """A parsed page: the cleaned tree plus what its head says about it."""

    root: etree._Element
    name: str
    charset: str
    title: str | None = None
    urls: list[str] = field(default_factory=list)  # canonical, og:url, "saved from" (in that order)
    lang: str | None = None


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes → text using the BOM, then the page's own ``<meta charset>``, then UTF-8."""
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError("the file contains NUL bytes; it looks binary, not like a saved web page", file=name)
    for bom, charset in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                         (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _decode_as(data[len(bom):], charset, name), charset
    m = _META_CHARSET.search(data[:8192])
    charset = "utf-8"
    if m:
        declared = m.group(1).decode("ascii", "replace").lower()
        try:
            charset = codecs.lookup(declared).name
        except LookupError:
            raise InputError(f"the page declares an unknown character set {declared!r}", file=name) from None
        if charset in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):  # declared without a BOM: not trustworthy
            charset = "utf-8"
    return _decode_as(data, charset, name), charset


def _decode_as(data: bytes, charset: str, name: str) -> str:
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"the page is not valid {charset} (byte {exc.start}); save it again as UTF-8",
                         file=name, line=line) from None
    if "\x00" in text:
        raise InputError("the page contains NUL characters; it looks binary, not like a saved web page", file=name)
    return text


def read_page(data: bytes, name: str) -> Page:
    """Parse ``data`` into a :class:`Page`, with scripts, styles and comments removed."""
    if len(data) > MAX_HTML_BYTES:
        raise InputError(f"the page is {len(data):,} bytes, over the {MAX_HTML_BYTES:,}-byte limit; "
                         "save only the document (not the whole site) or split it", file=name)
    text, charset = decode(data, name)
    if not text.strip():
        raise InputError("the page is empty; no articles were found", file=name)
    saved_from = _SAVED_FROM.search(text[:20000])
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True,
                                  recover=True, default_doctype=False)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"cannot read the page as HTML: {exc}", file=name) from None
    for err in parser.error_log:
        if err.type_name == "ERR_RESOURCE_LIMIT":
            raise InputError(f"the page nests elements too deeply to read in full ({err.message.split(',')[0]}); "
                             "text past that depth would be lost", file=name, line=err.line or None)
    elements = int(root.xpath("count(//*)"))
    if elements > MAX_ELEMENTS:
        raise InputError(f"the page has {elements:,} elements, more than the {MAX_ELEMENTS:,} a document page needs; "
                         "save only the document", file=name)
    page = Page(root=root, name=name, charset=charset)
    _read_head(page, saved_from.group(1) if saved_from else None)
    _strip(root)
    return page


def _read_head(page: Page, saved_from: str | None) -> None:
    root = page.root
    titles = [clean_line(t.text_content()) for t in root.iter("title")]
    page.title = next((t for t in titles if t), None)
    candidates: list[str | None] = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel:
            candidates.append(link.get("href"))
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in ("og:url", "twitter:url"):
            candidates.append(meta.get("content"))
    candidates.append(saved_from)
    for raw in candidates:
        url = safe_url(raw)
        if url and url not in page.urls:
            page.urls.append(url)
    lang = None
    if root.tag == "html":
        lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    page.lang = clean_line(lang).lower()[:20] if lang else None


def safe_url(raw: str | None) -> str | None:
    """An absolute http(s) URL without spaces or control characters, else None."""
    if not raw:
        return None
    url = raw.strip()
    if len(url) > 2000 or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def host_of(url: str | None) -> str:
    try:
        return (urlsplit(url).hostname or "").lower() if url else ""
    except ValueError:
        return ""


_DROP_XPATH = " | ".join([*(f"//{tag}" for tag in sorted(DROP_TAGS | {"head"})), "//comment()",
                          "//processing-instruction()"])


def _strip(root: etree._Element) -> None:
    """Remove everything that is not readable text: code, styles, embedded objects, the head."""
    drop(root.xpath(_DROP_XPATH))


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _keep_tail(el: etree._Element) -> None:
    """Removing an element must not remove the text that follows it."""
    if not el.tail:
        return
    tail = _NOT_XML.sub(" ", el.tail)  # lxml refuses to store control characters the HTML parser let through
    prev = el.getprevious()
    if prev is not None:
        prev.tail = _NOT_XML.sub(" ", prev.tail or "") + tail
    else:
        parent = el.getparent()
        parent.text = _NOT_XML.sub(" ", parent.text or "") + tail


def drop(elements: Iterable[etree._Element]) -> int:
    """Remove ``elements`` (keeping the text after each); returns how many were removed."""
    count = 0
    for el in list(elements):
        parent = el.getparent()
        if parent is None:
            continue
        _keep_tail(el)
        parent.remove(el)
        count += 1
    return count


def classes_of(el: etree._Element) -> frozenset[str]:
    return frozenset((el.get("class") or "").split())


def blocks(root: etree._Element, limit: int | None = None) -> list[Block]:
    """The paragraphs of ``root`` in document order, one :class:`Block` per block-level element or line break.

    Iterative (no recursion), so any nesting depth the parser accepted is safe. A superscript number
    right after a number (``135<sup>1</sup>``) is read as ``135-1``, the portals' way of writing
    inserted articles. With ``limit``, stops after about that many paragraphs (for a page's header).
    """
    out: list[Block] = []
    buf: list[str] = []
    owners: list[etree._Element] = [root]
    pre_depth = 0
    ends_with_digit = False

    def add(text: str) -> None:
        nonlocal ends_with_digit
        buf.append(text)
        stripped = text.rstrip()
        if stripped:
            ends_with_digit = stripped[-1].isdigit()

    def flush() -> None:
        nonlocal ends_with_digit
        ends_with_digit = False
        if not buf:
            return
        raw = "".join(buf)
        buf.clear()
        for piece in (raw.split("\n") if pre_depth else (raw,)):
            text = clean_line(piece)
            if text:
                out.append(Block(text, owners[-1]))
        if len(out) > MAX_PARAGRAPHS:
            raise TooManyParagraphs(f"the page has more than {MAX_PARAGRAPHS:,} paragraphs; save only the document")

    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack and (limit is None or len(out) < limit):
        el, closing = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if closing:
            if tag in BLOCK_TAGS:
                flush()
                if len(owners) > 1 and owners[-1] is el:
                    owners.pop()
                if tag == "pre":
                    pre_depth -= 1
            if el.tail and el is not root:
                add(el.tail)
            continue
        if not tag or tag in DROP_TAGS:
            if el.tail and el is not root:
                add(el.tail)
            continue
        if tag in BLOCK_TAGS:
            flush()
            owners.append(el)
            if tag == "pre":
                pre_depth += 1
        if tag == "sup" and len(el) == 0:
            sup = (el.text or "").strip()
            if sup.isdigit() and len(sup) <= 3 and ends_with_digit:
                add(f"-{sup}")
                if el.tail:
                    add(el.tail)
                continue
        if el.text:
            add(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    flush()
    return out
