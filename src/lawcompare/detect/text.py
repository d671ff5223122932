"""Text normalisation with an offset map back to the original, and segmentation into
articles, parts and sentences.

Normalisation folds case-insensitive look-alikes (ё→е, Latin letters inside Cyrillic words,
typographic quotes and dashes) and joins words broken by end-of-line hyphenation
("пере-\\nвозка"). Every character of the normalised text remembers its position in the
original, so evidence spans always point at the source text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

MAX_TEXT_CHARS = 5_000_000

_CHAR_MAP = {
    "ё": "е", "Ё": "Е", "\u00ad": "", "\u200b": "", "\ufeff": "",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "’": "'", "‘": "'",
    "–": "-", "—": "-", "‑": "-", "−": "-", "\u00a0": " ", "\t": " ", "\r": "",
}
_MAPPED_CHARS = re.compile("[" + "".join(k for k, v in _CHAR_MAP.items() if len(v) == 1) + "]")
_REMOVED_CHARS = re.compile("[" + "".join(k for k, v in _CHAR_MAP.items() if not v) + "]")
# Latin letters that look like Cyrillic ones (OCR and keyboard mix-ups), used inside Cyrillic words
_LATIN_TO_CYR = str.maketrans("aceopxyAEKMHOPCTXB", "асеорхуАЕКМНОРСТХВ")
_CYR = re.compile(r"[а-яА-ЯёЁ]")
# a whole word (maximal run of letters) with both Latin and Cyrillic letters in it
_MIXED_WORD = re.compile(r"(?<![A-Za-zА-Яа-яЁё])(?=[A-Za-zА-Яа-яЁё]*[A-Za-z])(?=[A-Za-zА-Яа-яЁё]*[А-Яа-яЁё])"
                         r"[A-Za-zА-Яа-яЁё]+")
_LATIN = re.compile(r"[A-Za-z]")
# a hyphen that breaks a word: before a line end, or (Russian) before a space inside a word; the
# pattern opens with the hyphen so that the search jumps from hyphen to hyphen
_HYPHEN_BREAK = re.compile(r"-(?:(?<=[A-Za-zА-Яа-яЁё]-)[ \t]*\r?\n[ \t]*(?=[a-zа-яё])|(?<=[а-яё]-) (?=[а-яё]{2,}))")


@dataclass
class Document:
    """Original text, normalised text and the map from normalised offsets to original offsets."""

    original: str
    text: str
    offsets: list[int] = field(repr=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if start >= len(self.offsets):
            return len(self.original), len(self.original)
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1 if end > start else o_start
        return o_start, o_end


def normalise(original: str) -> Document:
    """Build a :class:`Document`; ``text`` has the same words, folded and rejoined."""
    if len(original) > MAX_TEXT_CHARS:
        from lawcompare.errors import InputError

        raise InputError(f"text of {len(original):,} characters is over the {MAX_TEXT_CHARS:,} limit; "
                         "split it into articles or files")
    plain = original.isascii()  # then only tabs, carriage returns and hyphens can change
    # stretches to drop: line-break hyphenation ("пере-\nвозка") and invisible characters
    drops = [m.span() for m in _HYPHEN_BREAK.finditer(original)] if "-" in original else []
    if not plain or "\r" in original:
        drops += [m.span() for m in _REMOVED_CHARS.finditer(original)]
    if not drops:
        # every change is one character for one: offsets are the identity
        text = _map_chars(original, plain)
        return Document(original=original, text=text if plain else _fold_mixed_words(text),
                        offsets=range(len(original)))  # type: ignore[arg-type]
    drops.sort()
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for start, end in drops:
        if start < pos:
            continue  # inside a stretch already dropped
        pieces.append(original[pos:start])
        offsets.extend(range(pos, start))
        pos = end
    pieces.append(original[pos:])
    offsets.extend(range(pos, len(original)))
    text = _map_chars("".join(pieces), plain)
    return Document(original=original, text=text if plain else _fold_mixed_words(text), offsets=offsets)


def _map_chars(text: str, plain: bool) -> str:
    """The one-for-one replacements of ``_CHAR_MAP`` (``str.translate``, but much faster on
    non-ASCII text: only the characters present are replaced, none maps to another's key)."""
    if plain:
        return text.replace("\t", " ") if "\t" in text else text
    for ch in set(_MAPPED_CHARS.findall(text)):
        text = text.replace(ch, _CHAR_MAP[ch])
    return text


def _fold_mixed_words(text: str) -> str:
    """Latin look-alike letters inside words that also have Cyrillic letters become Cyrillic."""
    if _CYR.search(text) and _LATIN.search(text):
        return _MIXED_WORD.sub(lambda m: m.group(0).translate(_LATIN_TO_CYR), text)
    return text


# --- segmentation -------------------------------------------------------------------------

_ARTICLE_START = re.compile(r"^\s*(?:Article|Art\.|Статья|Ст\.)\s*\d", re.I)
# A line after the first can open an article only if its first letter is one that _ARTICLE_START
# takes for "a" or "с" ("ᲃ" is a Cyrillic "с" too, for re.I): looked for first, in one search.
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines breaks
_MAY_START_ARTICLE = re.compile(f"[{_LINE_BREAKS}][^\\S{_LINE_BREAKS}]*[AaСс\u1c83]")
_PART_START = re.compile(
    r"^\s*(?:(?:Part|Часть)\s+)?(?P<num>\d+(?:-\d+)?(?:\.\d+)?)[.)]\s+(?=\S)"
    r"|^\s*\((?P<num3>\d+(?:-\d+)?)\)\s+"
    r"|^\s*ч\.\s*(?P<num4>\d+)\.?\s+"
    r"|^\s*(?:Part|Часть)\s+(?P<num2>\d+)"
    r"|^\s*(?P<ocr1>l)\.\s+(?=\w)", re.I)  # "l." for "1." (OCR), as the first part
_PAREN_ITEM = re.compile(r"^\s*\d+\)")
# not "punishment" ("under the threat of any punishment" is no sanction)
_SANCTION_WORD = re.compile(r"punish(?!ment)|chastis|наказыва", re.I)
# a line break ends a clause unless the next line goes on with a word in lower case (a line broken
# inside a sentence, as in text copied from a PDF); points "a)" and "1)" still start a clause
_CONTINUES = r"(?![^\S\n]*[a-zа-яё]{2})"
_SENTENCE_END = re.compile(rf"[.;!?](?=\s|$)|\n{_CONTINUES}")
_ABBREVIATION_END = re.compile(r"(\d|\b[A-Za-zА-Яа-я]{1,3})$")  # "Art." or "1." before a full stop
# The same split in one pattern, for a whole text: a full stop counts unless it follows a digit or a
# word of one to three letters. A full stop right after a line break is left to the check above.
# Every branch opens with its punctuation mark, so the search jumps from mark to mark.
_SENTENCE_SPLIT = re.compile(
    rf"\n{_CONTINUES}|;(?=\s|$)|!(?=\s|$)|\?(?=\s|$)"
    r"|\.(?=\s|$)(?:(?<=\n\.)|(?<![\d\n]\.)(?<!(?<!\w)[A-Za-zА-Яа-я]\.)(?<!(?<!\w)[A-Za-zА-Яа-я]{2}\.)"
    r"(?<!(?<!\w)[A-Za-zА-Яа-я]{3}\.))")


class Segment(NamedTuple):
    """A stretch of text: ``text[start:end]``; ``label`` is a part's number."""

    start: int
    end: int
    label: str = ""


def articles(text: str) -> list[Segment]:
    """Split into articles at lines starting 'Article N' / 'Статья N'; one segment if none."""
    if not _MAY_START_ARTICLE.search(text):
        return [Segment(0, len(text))] if text else []
    starts = [0]
    pos = 0
    for line in text.splitlines(keepends=True):
        if pos and _ARTICLE_START.match(line):
            starts.append(pos)
        pos += len(line)
    bounds = [*starts, len(text)]
    return [Segment(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def parts(text: str, start: int = 0, end: int | None = None) -> list[Segment]:
    """Split ``text[start:end]`` into parts at lines that start with a part number ("2.", "Part 2").

    Lines that do not start a part (points "a)", "1)", continuations) belong to the current part.
    The label is the part number, or "" for text before the first numbered part. An article whose
    parts are not numbered (as in the Uzbek code, which cites them as "part one", "part two" in
    order) but which has several sanctions is split after each sanction: parts "1", "2", ...
    """
    end = len(text) if end is None else end
    segs: list[Segment] = []
    cur_start, cur_label = start, ""
    pos = start
    lines = text[start:end].splitlines(keepends=True)
    starts = [_PART_START.match(ln) for ln in lines]
    if not any(starts):  # no numbered part
        return _unnumbered_parts(lines, start, end)
    # "1) ..." numbers points, unless the article uses it for parts: no "1." parts, and a "N)" line
    # carries a sanction of its own, or two "N)" items do on the lines that follow them
    paren_parts = not any(m and not _PAREN_ITEM.match(ln) for m, ln in zip(starts, lines, strict=True)) and (
        any(_PAREN_ITEM.match(ln) and _SANCTION_WORD.search(ln) for ln in lines) or _sanctioned_items(lines) >= 2)
    for line, m in zip(lines, starts, strict=True):
        if m and (paren_parts or not _PAREN_ITEM.match(line)):
            if pos > cur_start:
                segs.append(Segment(cur_start, pos, cur_label))
            cur_start, cur_label = pos, (m.group("num") or m.group("num2") or m.group("num3")
                                         or m.group("num4") or ("1" if m.group("ocr1") else ""))
        pos += len(line)
    if end > cur_start:
        segs.append(Segment(cur_start, end, cur_label))
    return _without_article_number(segs)


def _sanctioned_items(lines: list[str]) -> int:
    """How many "N)" items have a sanction on their own line or the lines up to the next item."""
    count, started, sanctioned = 0, False, False
    for line in lines:
        if _PAREN_ITEM.match(line):
            if sanctioned:
                count += 1
            started, sanctioned = True, False
        if started and not sanctioned and _SANCTION_WORD.search(line):
            sanctioned = True
    return count + 1 if sanctioned else count


def _without_article_number(segs: list[Segment]) -> list[Segment]:
    """Parts numbered with their article's number ("145.1.", "145.2.", "144-1.1.", as in the
    Azerbaijani code) labelled by the part's own number: "1", "2"."""
    labels = [seg.label for seg in segs if seg.label]
    if not labels or not all("." in label for label in labels):
        return segs
    prefix = labels[0].rsplit(".", 1)[0]
    if any(label.rsplit(".", 1)[0] != prefix for label in labels):
        return segs
    return [seg._replace(label=seg.label.rsplit(".", 1)[1]) if seg.label else seg for seg in segs]


_NOTE_WORD = r"(?:Notes?\b|Примечани)"
_NOTE_LINE = re.compile(rf"^\s*{_NOTE_WORD}", re.I)  # one line
_NOTES_IN_TEXT = re.compile(rf"^[^\S\n]*{_NOTE_WORD}", re.I | re.M)  # a line start anywhere in a text


def _unnumbered_parts(lines: list[str], start: int, end: int) -> list[Segment]:
    """Parts of an article without part numbers: one, or one per sanction when it has several (a
    part ends with the line that carries its sanction; notes never close a part)."""
    if end <= start:
        return []
    closing = [i for i, ln in enumerate(lines) if _SANCTION_WORD.search(ln) and not _NOTE_LINE.match(ln)]
    if len(closing) < 2:
        return [Segment(start, end, "")]
    ends = set(closing[:-1])  # the last sanction's part runs to the end (notes included)
    segs: list[Segment] = []
    pos = cur = start
    for i, line in enumerate(lines):
        pos += len(line)
        if i in ends:
            segs.append(Segment(cur, pos, str(len(segs) + 1)))
            cur = pos
    segs.append(Segment(cur, end, str(len(segs) + 1)))
    return segs


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Segment]:
    """Clause-level split at . ; : ! ? and line breaks (good enough for co-occurrence windows)."""
    end = len(text) if end is None else end
    if start == 0 and end == len(text):
        return _sentences_of_text(text)
    segs = []
    cur = start
    for m in _SENTENCE_END.finditer(text, start, end):
        # do not split on abbreviations like "Art." or numbers "1."
        before = text[max(start, m.start() - 4):m.start()]
        if m.group(0) == "." and (_ABBREVIATION_END.search(before) and not before.endswith(" ")):
            continue
        if m.end() > cur:
            segs.append(Segment(cur, m.end()))
        cur = m.end()
    if end > cur:
        segs.append(Segment(cur, end))
    return [s for s in segs if text[s.start:s.end].strip()]


def _sentences_of_text(text: str) -> list[Segment]:
    """:func:`sentences` over a whole text, with the abbreviation test folded into one pattern."""
    segs = []
    cur = 0
    for stop in [*sentence_ends(text), len(text)]:
        if stop > cur and text[cur:stop].strip():
            segs.append(Segment(cur, stop))
        cur = stop
    return segs


def sentence_ends(text: str) -> list[int]:
    """Where the clauses of :func:`sentences` end (blank stretches between them included)."""
    ends = [m.end() for m in _SENTENCE_SPLIT.finditer(text)]
    if "\n." in text:  # a full stop right after a line break: the abbreviation test as in sentences()
        ends = [e for e in ends if not (text[e - 1] == "." and e >= 2 and text[e - 2] == "\n"
                                        and _ABBREVIATION_END.search(text[max(0, e - 5):e - 1]))]
    return ends


class Layout:
    """The articles, parts and clauses (sentences) of one text, each worked out on first use.

    Look-ups take the offsets of words (of characters that are not white space): a word lies in
    exactly one article and one sentence, which are named by numbers, the same for two words
    exactly when they share the article or sentence. (Numbers count blank stretches too, so they
    are not indices into :func:`sentences`.)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._articles: list[Segment] | None = None
        self._article_starts: list[int] = []
        self._sentence_ends: list[int] | None = None
        self._parts: dict[Segment, list[Segment]] = {}
        self._notes: dict[int, int] = {}  # article -> where its notes begin

    @property
    def articles(self) -> list[Segment]:
        if self._articles is None:
            self._articles = articles(self.text)
            self._article_starts = [a.start for a in self._articles]
        return self._articles

    def parts(self, article: Segment) -> list[Segment]:
        found = self._parts.get(article)
        if found is None:
            found = self._parts[article] = parts(self.text, article.start, article.end)
        return found

    def part_at(self, article: int, pos: int) -> Segment:
        """The part of article number ``article`` that holds offset ``pos``."""
        parts_ = self.parts(self.articles[article])
        for seg in parts_:
            if seg.start <= pos < seg.end:
                return seg
        return parts_[-1]

    def notes_start(self, article: int) -> int:
        """Where the notes of article number ``article`` begin (a line "Note." / "Примечание"), or its end."""
        found = self._notes.get(article)
        if found is None:
            seg = self.articles[article]
            m = _NOTES_IN_TEXT.search(self.text, seg.start, seg.end)
            found = self._notes[article] = m.start() if m else seg.end
        return found

    def headed(self, article: int) -> bool:
        """Whether article number ``article`` opens with an "Article N" / "Статья N" heading."""
        return bool(_ARTICLE_START.match(self.text, self.articles[article].start))

    def heading_end(self, article: int) -> int:
        """Where the heading line of article number ``article`` ends ("Article 129. Trafficking in
        minors"), or the article's start if it has no heading."""
        seg = self.articles[article]
        if not self.headed(article):
            return seg.start
        line_end = self.text.find("\n", seg.start, seg.end)
        return seg.end if line_end < 0 else line_end

    def article_of(self, offsets: list[int]) -> list[int]:
        """For each word offset, the index of its article in :attr:`articles`."""
        if len(self.articles) == 1:
            return [0] * len(offsets)
        starts = self._article_starts
        return [bisect_right(starts, pos) - 1 for pos in offsets]

    def sentence_of(self, offsets: list[int]) -> list[int]:
        """For each word offset, the number of its sentence."""
        ends = self._sentence_ends
        if ends is None:
            ends = self._sentence_ends = sentence_ends(self.text)
        return [bisect_right(ends, pos) for pos in offsets]
