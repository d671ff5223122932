"""From paragraphs of text to articles, parts, points and notes with ids from ``docs/record-format.md``.

Two steps. :func:`segment` walks the paragraphs and cuts them into articles at each heading
(``Статья 128.``), setting aside chapter headings, the signature block, text outside any article
and the portal's editorial remarks. :func:`build_article` then reads one article's lines into a
provision tree: numbered parts (``1.``), points (``1)``, ``а)``), notes (``Примечание.``).

Where the page does not number the parts (the Uzbek codes), the parts are split after each
sanction clause (``наказывается ...``) and the article says so in its ``uncertain`` list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lawcompare.interop.portal_page import Block
from lawcompare.interop.portal_text import (
    article_heading,
    is_division,
    is_editorial,
    is_sanction,
    is_signature,
    note_start,
    opens_editorial_remark,
    part_start,
    point_start,
)
from lawcompare.records.models import Provision, ProvisionKind, Uncertainty

QUOTE_LIMIT = 600  # characters of an editorial remark quoted for the reviewer


@dataclass
class RawArticle:
    number: str
    heading: str
    anchor: str | None
    lines: list[str] = field(default_factory=list)
    editorial: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"art{self.number}"


@dataclass
class Segments:
    articles: list[RawArticle] = field(default_factory=list)  # every heading found, duplicates included
    before: list[str] = field(default_factory=list)  # text before the first article (title, requisites, preamble)
    outside: list[str] = field(default_factory=list)  # text after a chapter heading or signature, outside articles
    editorial_outside: list[str] = field(default_factory=list)
    divisions: int = 0


def segment(paragraphs: Iterable[Block], editorial_classes: frozenset[str] = frozenset()) -> Segments:
    seg = Segments()
    current: RawArticle | None = None
    remark_continues = False  # the paragraph after "Примечание ИЗПИ!" is the remark's text
    for block in paragraphs:
        line = block.text
        heading = article_heading(line)
        if heading is not None:
            current = RawArticle(heading.number, heading.rest, block.anchor)
            seg.articles.append(current)
            remark_continues = False
            continue
        if remark_continues or is_editorial(line) or (editorial_classes and block.classes & editorial_classes):
            (current.editorial if current else seg.editorial_outside).append(line)
            remark_continues = opens_editorial_remark(line)
            continue
        if not seg.articles:
            seg.before.append(line)
            continue
        if is_division(line) or is_signature(line):
            seg.divisions += is_division(line)
            current = None
            seg.outside.append(line)
            continue
        if current is None:
            seg.outside.append(line)
        else:
            current.lines.append(line)
    return seg


@dataclass
class _Token:
    kind: str  # part | point | text
    text: str
    piece: str = ""
    label: str = ""


def _tokens(lines: list[str]) -> tuple[list[_Token], list[str]]:
    """Body lines as tokens, and the note lines (everything from ``Примечание`` on)."""
    tokens: list[_Token] = []
    for i, line in enumerate(lines):
        rest = note_start(line)
        if rest is not None:
            return tokens, ([rest] if rest else []) + lines[i + 1:]
        part = part_start(line)
        if part is not None:
            tokens.append(_Token("part", part[1], part[0]))
            continue
        point = point_start(line)
        if point is not None:
            tokens.append(_Token("point", point[2], point[0], point[1]))
            continue
        tokens.append(_Token("text", line))
    return tokens, []


def _implicit_parts(tokens: list[_Token]) -> list[_Token] | None:
    """Unnumbered parts split after each sanction clause, or None when the article has one part only."""
    if any(t.kind == "part" for t in tokens):
        return None
    ends = [i for i, t in enumerate(tokens) if t.kind == "text" and is_sanction(t.text)]
    if len(ends) < 2 or ends[0] == len(tokens) - 1:
        return None
    out: list[_Token] = []
    start, number = 0, 0
    for end in ends:
        if end < start:
            continue
        number += 1
        group = tokens[start:end + 1]
        head = group[0]
        if head.kind == "text":
            out.append(_Token("part", head.text, str(number)))
            out.extend(group[1:])
        else:
            out.append(_Token("part", "", str(number)))
            out.extend(group)
        start = end + 1
    out.extend(tokens[start:])  # trailing text after the last sanction stays with the last part
    return out


class _Texts:
    """Running text of each node, joined once at the end (joining as we go would be quadratic)."""

    def __init__(self) -> None:
        self.pieces: dict[int, list[str]] = {}
        self.nodes: list[Provision] = []

    def add(self, node: Provision, text: str) -> None:
        if not text:
            return
        if id(node) not in self.pieces:
            self.pieces[id(node)] = []
            self.nodes.append(node)
        self.pieces[id(node)].append(text)

    def empty(self, node: Provision) -> bool:
        return not self.pieces.get(id(node))

    def write(self) -> None:
        for node in self.nodes:
            node.text = " ".join(self.pieces[id(node)])


def build_article(raw: RawArticle, ref: str) -> Provision:
    """One article as a provision tree; doubts go to the article's ``uncertain`` list."""
    from lawcompare.records.models import SourceRef

    article = Provision(id=raw.id, kind=ProvisionKind.article, label=f"Article {raw.number}",
                        heading=raw.heading or None, sources=[SourceRef(ref=ref, note=_anchor_note(raw.anchor))])
    tokens, note_lines = _tokens(raw.lines)
    implicit = _implicit_parts(tokens)
    if implicit is not None:
        tokens = implicit
        article.uncertain.append(Uncertainty(
            field="children", note=("The page does not number this article's parts; they were split after each "
                                    "sanction clause ('наказывается ...' or the like). Check the part boundaries "
                                    "against the official text.")))
    texts = _Texts()
    seen: set[str] = set()
    container = article
    last_node: Provision = article
    last_numeric_point: Provision | None = None
    for tok in tokens:
        if tok.kind == "part":
            pid = f"{article.id}.{tok.piece}"
            if pid in seen:
                _not_structure(article, tok, f"part {tok.piece} already exists")
                texts.add(container, f"{tok.piece}. {tok.text}".strip())
                continue
            seen.add(pid)
            node = Provision(id=pid, kind=ProvisionKind.part, label=f"Part {tok.piece}")
            texts.add(node, tok.text)
            article.children.append(node)
            container, last_node, last_numeric_point = node, node, None
        elif tok.kind == "point":
            lettered = not tok.label[0].isdigit()
            parent = last_numeric_point if lettered and last_numeric_point is not None else container
            pid = f"{parent.id}.{tok.piece}"
            if pid in seen:
                _not_structure(article, tok, f"point {tok.label} already exists under {parent.id}")
                texts.add(last_node, f"{tok.label} {tok.text}".strip())
                continue
            seen.add(pid)
            node = Provision(id=pid, kind=ProvisionKind.point, label=tok.label)
            texts.add(node, tok.text)
            parent.children.append(node)
            last_node = node
            if not lettered:
                last_numeric_point = node
        else:
            # a marker line without words ("1.") takes the next line; otherwise text belongs to the part
            target = last_node if last_node is not article and texts.empty(last_node) else container
            texts.add(target, tok.text)
    texts.write()
    _add_notes(article, note_lines)
    return article


def _add_notes(article: Provision, lines: list[str]) -> None:
    if not lines:
        return
    items: list[tuple[str, list[str]]] = []  # (number, paragraphs)
    intro: list[str] = []
    for line in lines:
        numbered = part_start(line)
        if numbered is not None and numbered[0].isdigit():
            items.append((numbered[0], [numbered[1]] if numbered[1] else []))
        elif items:
            items[-1][1].append(line)
        else:
            intro.append(line)
    if not items:
        article.children.append(Provision(id=f"{article.id}.note", kind=ProvisionKind.note, label="Note",
                                          text=" ".join(intro) or None))
        return
    used: set[str] = set()
    highest = 0
    for n, (num, paragraphs) in enumerate(items, start=1):
        number = num if num not in used else str(highest + 1)  # a repeated number: one past the highest so far
        used.add(number)
        highest = max(highest, int(number))
        text = " ".join([*intro, *paragraphs] if n == 1 else paragraphs)
        article.children.append(Provision(id=f"{article.id}.note{number}", kind=ProvisionKind.note,
                                          label=f"Note {number}", text=text or None))


def _not_structure(article: Provision, tok: _Token, why: str) -> None:
    marker = f"{tok.piece}." if tok.kind == "part" else tok.label
    article.uncertain.append(Uncertainty(
        field="children", note=f"A line starting '{marker}' was kept as running text because {why}; check it."))


def _anchor_note(anchor: str | None) -> str | None:
    return f"page anchor #{anchor}" if anchor else None


def quote(text: str) -> str:
    return text if len(text) <= QUOTE_LIMIT else text[:QUOTE_LIMIT].rstrip() + " [...]"


@dataclass
class Selection:
    articles: list[RawArticle]
    doubts: list[str]  # record-level notes about what was not imported


def select_articles(found: list[RawArticle], wanted: list[str] | None) -> Selection:
    """One occurrence per article number (the one with text), in page order, optionally only ``wanted`` numbers."""
    doubts: list[str] = []
    by_number: dict[str, list[RawArticle]] = {}
    for raw in found:
        by_number.setdefault(raw.number, []).append(raw)
    chosen: list[RawArticle] = []
    repeated: list[str] = []
    for number, occurrences in by_number.items():
        with_text = [r for r in occurrences if r.lines]
        pick = with_text[0] if with_text else occurrences[-1]  # a contents list comes before the text
        if len(occurrences) > 1:
            repeated.append(f"{number} ({len(occurrences)} times)")
        if len(with_text) > 1:
            doubts.append(f"Article {number} appears {len(with_text)} times with text; only the first was imported.")
        chosen.append(pick)
    if repeated:
        doubts.append("Headings repeated on the page (a table of contents or a second copy): "
                      + ", ".join(repeated[:30]) + ("" if len(repeated) <= 30 else ", ...")
                      + ". The occurrence with text was imported.")
    # dicts keep insertion order, so ``chosen`` follows the first appearance of each number
    if wanted is not None:
        keep = set(wanted)
        chosen = [r for r in chosen if r.number in keep]
    return Selection(chosen, doubts)
