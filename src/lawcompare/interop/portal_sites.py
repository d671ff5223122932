"""What each supported portal's document pages look like, and recognising which portal a page is from.

The profiles describe where the document text sits on the page. They follow the page structure that
public scrapers of these portals rely on (see ``docs/import.md``); the reading of articles, parts and
points does not depend on them (it works on the text), so a changed layout degrades to reading the
whole page less its menus, with a note for the reviewer, rather than to a wrong draft.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from lawcompare.interop.portal_page import Block, Page, blocks, classes_of, drop, host_of
from lawcompare.interop.portal_text import clean_line


def has_class(tag: str, *names: str) -> str:
    """XPath for ``tag`` elements carrying every class in ``names``."""
    tests = " and ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {n} ')" for n in names)
    return f"//{tag}[{tests}]"


@dataclass(frozen=True)
class Portal:
    key: str  # also the id of the record's source entry
    name: str
    jurisdiction: str
    hosts: tuple[str, ...]
    containers: tuple[str, ...] = ()  # XPath of the element holding the document text, most specific first
    titles: tuple[str, ...] = ("//h1",)  # XPath of the document title
    skip: tuple[str, ...] = ()  # XPath of page parts never read (tabs, tables of contents, metadata tables)
    markers: tuple[str, ...] = ()  # XPath whose presence identifies the portal's document page
    element_class: str | None = None  # one paragraph per element with this class (lex.uz)
    editorial_classes: frozenset[str] = frozenset()  # classes of the portal's editorial remarks
    languages: tuple[tuple[str, str], ...] = ()  # (URL path piece, language) pairs

    def matches_host(self, host: str) -> bool:
        return any(host == h or host.endswith("." + h) for h in self.hosts)

    def language_from_url(self, url: str | None) -> str | None:
        if not url:
            return None
        path = urlsplit(url).path.lower() + "?" + urlsplit(url).query.lower()
        for piece, lang in self.languages:
            if piece in path:
                return lang
        return None


ADILET = Portal(
    key="adilet", name="adilet.zan.kz (ИПС «Әділет»)", jurisdiction="KZ", hosts=("adilet.zan.kz", "zan.kz"),
    containers=(has_class("div", "container_gamma", "text") + "//article", has_class("div", "container_gamma", "text")),
    titles=(has_class("div", "container_alpha", "slogan") + "//h1", "//h1"),
    skip=(has_class("div", "container_gamma", "tabs"), "//table[@id='ethernatable']",
          has_class("div", "container_omega", "aftertext")),
    markers=(has_class("div", "container_gamma", "text"),),
    languages=(("/rus/", "ru"), ("/kaz/", "kk"), ("/eng/", "en")),
)
CBD = Portal(
    key="cbd", name="cbd.minjust.gov.kg (Централизованный банк данных правовой информации)", jurisdiction="KG",
    hosts=("cbd.minjust.gov.kg",),
    containers=("//div[@id='document']", has_class("div", "WordSection1"), has_class("div", "Section1")),
    titles=(has_class("p", "tkNazvanie"), "//h1"),
    markers=("//a[contains(@href, 'cbd.minjust.gov.kg')]", "//form[contains(@action, 'cbd.minjust.gov.kg')]"),
    editorial_classes=frozenset({"tkRedakcijaTekst", "tkKomentarij"}),
    languages=(("/ru-ru/", "ru"), ("/ky-kg/", "ky"), ("cl=ru-ru", "ru"), ("cl=ky-kg", "ky"), ("/ru", "ru"),
               ("/ky", "ky")),
)
LEX = Portal(
    key="lexuz", name="lex.uz (Национальная база данных законодательства)", jurisdiction="UZ",
    hosts=("lex.uz",),
    containers=("//div[@id='divCont']",),
    titles=(has_class("div", "ACT_TITLE"), "//h1"),
    markers=(has_class("div", "lx_elem"),),
    element_class="lx_elem",
    editorial_classes=frozenset({"CHANGES_ORIGINS", "COMMENT"}),
    languages=(("/ru/", "ru"), ("/uz/", "uz"), ("/en/", "en")),
)
PORTALS = (ADILET, CBD, LEX)
BY_JURISDICTION = {p.jurisdiction: p for p in PORTALS}
GENERIC = Portal(key="page", name="saved web page", jurisdiction="", hosts=(),
                 containers=("//main", "//article", "//*[@role='main']"))

# Page chrome never read outside the document container
_CHROME_TOKENS = frozenset({
    "menu", "nav", "navbar", "navigation", "breadcrumb", "breadcrumbs", "sidebar", "footer", "header", "topbar",
    "top-bar", "toolbar", "tabs", "nav-tabs", "pagination", "social", "share", "cookie", "cookies", "banner",
})
_CHROME_XPATH = ("//nav | //aside | //header[not(ancestor::article or ancestor::main)] "
                 "| //footer[not(ancestor::article or ancestor::main)] "
                 "| //*[@role='navigation' or @role='banner' or @role='contentinfo' or @role='search']")


def _is_chrome(el: etree._Element) -> bool:
    tokens = {t.lower() for t in (el.get("class") or "").split()}
    tokens.add((el.get("id") or "").lower())
    return not tokens.isdisjoint(_CHROME_TOKENS)


@dataclass(frozen=True)
class Detection:
    portal: Portal
    recognised: bool  # True when the page itself (URL or markup) says which portal it is from
    how: str  # for the reviewer


def detect(page: Page, url: str | None, jurisdiction: str) -> Detection:
    """Which portal the page comes from: the URL given, then the page's own URLs, then its markup."""
    for where, candidate in ([("the --url given", url)] if url else []) + [
            ("the page's own address (canonical link, og:url or 'saved from' note)", u) for u in page.urls]:
        host = host_of(candidate)
        for portal in PORTALS:
            if portal.matches_host(host):
                return Detection(portal, True, f"recognised as {portal.name} from {where}")
    title = page.title or ""
    for portal in (ADILET, LEX, CBD):  # page structure first; a link to the Kyrgyz portal is the weakest sign
        if any(page.root.xpath(m) for m in portal.markers) or (portal is ADILET and "Әділет" in title) or (
                portal is LEX and "lexuz" in title.lower().replace(".", "").replace(" ", "")):
            return Detection(portal, True, f"recognised as {portal.name} from the page's markup")
    portal = BY_JURISDICTION.get(jurisdiction, GENERIC)
    how = ("the portal was not recognised from the page; read with the "
           + (f"{portal.name} layout because the jurisdiction is {jurisdiction}" if portal is not GENERIC
              else "generic layout"))
    return Detection(portal, False, how)


def drop_skipped(page: Page, portal: Portal) -> int:
    return drop(el for xp in portal.skip for el in page.root.xpath(xp))


def content_candidates(page: Page, portal: Portal) -> Iterator[tuple[str, list[Block], etree._Element | None]]:
    """Ways to read the document text, most specific first: ``(description, paragraphs, container)``."""
    root = page.root
    if portal.element_class:
        xpath = has_class("*", portal.element_class)
        elements = [el for el in root.xpath(xpath)
                    if not any(portal.element_class in classes_of(a) for a in el.iterancestors())]
        found: list[Block] = []
        for el in elements:  # each paragraph keeps its lx_elem element: its class says what kind of paragraph it is
            found.extend(Block(b.text, el) for b in blocks(el))
        if found:
            yield f"the page's {portal.element_class} paragraphs", found, None
    for xp in portal.containers:
        for el in root.xpath(xp)[:1]:
            yield f"the document container ({_describe(el)})", blocks(el), el
    body = root.find("body")
    container = body if body is not None else root
    remove_chrome(page, keep=None)
    yield "the whole page less its menus, header and footer", blocks(container), container


def remove_chrome(page: Page, keep: etree._Element | None) -> int:
    """Remove menus, headers, footers and similar chrome, except ``keep`` and what is inside or around it."""
    protected: set[etree._Element] = set()
    if keep is not None:
        protected.add(keep)
        protected.update(keep.iterancestors())
    doomed = [el for el in page.root.xpath(_CHROME_XPATH) if el not in protected]
    doomed += [el for el in page.root.xpath("//*[@class or @id]") if el not in protected and _is_chrome(el)]
    if keep is not None:
        doomed = [el for el in doomed if not _inside(el, keep)]
    return drop(doomed)


def _inside(el: etree._Element, container: etree._Element) -> bool:
    return any(a is container for a in el.iterancestors())


def title_candidates(page: Page, portal: Portal) -> list[str]:
    out = []
    for xp in portal.titles:
        found = page.root.xpath(xp)
        if found:
            text = clean_line(" ".join(el.text_content() for el in found[:3]))
            if text:
                out.append(text[:500])
    return out


def _describe(el: etree._Element) -> str:
    bits = [el.tag]
    if el.get("id"):
        bits.append(f"#{el.get('id')}")
    bits.extend(f".{c}" for c in sorted(classes_of(el)))
    return "".join(bits)[:120]
