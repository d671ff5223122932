"""Text normalisation with an offset map back to the original, and segmentation into
articles, parts and sentences.

Normalisation folds case-insensitive look-alikes (ё→е, Latin letters inside Cyrillic words,
typographic quotes and dashes) and joins words broken by end-of-line hyphenation
("пере-\\nвозка"). Every character of the normalised text remembers its position in the
original, so evidence spans always point at the source text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_TEXT_CHARS = 5_000_000

_CHAR_MAP = {
    "ё": "е", "Ё": "Е", "\u00ad": "", "\u200b": "", "\ufeff": "",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "’": "'", "‘": "'",
    "–": "-", "—": "-", "‑": "-", "−": "-", "\u00a0": " ", "\t": " ", "\r": "",
}
_ONE_TO_ONE = str.maketrans({k: v for k, v in _CHAR_MAP.items() if len(v) == 1})
_REMOVED_CHARS = re.compile("[" + "".join(k for k, v in _CHAR_MAP.items() if not v) + "]")
# Latin letters that look like Cyrillic ones (OCR and keyboard mix-ups), used inside Cyrillic words
_LATIN_TO_CYR = str.maketrans("aceopxyAEKMHOPCTXB", "асеорхуАЕКМНОРСТХВ")
_CYR = re.compile(r"[а-яА-ЯёЁ]")
_MIXED_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+")
_HYPHEN_BREAK = re.compile(r"(?<=[A-Za-zА-Яа-яЁё])-[ \t]*\r?\n[ \t]*(?=[a-zа-яё])|(?<=[а-яё])- (?=[а-яё]{2,})")


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
    removed = {m.start(): m.end() for m in _HYPHEN_BREAK.finditer(original)}
    if not removed and not _REMOVED_CHARS.search(original):
        # every change is one character for one: offsets are the identity
        text = original.translate(_ONE_TO_ONE)
        if _CYR.search(text):
            text = _MIXED_WORD.sub(_fold_mixed, text)
        return Document(original=original, text=text, offsets=range(len(original)))  # type: ignore[arg-type]
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    n = len(original)
    while i < n:
        if i in removed:
            i = removed[i]
            continue
        ch = original[i]
        rep = _CHAR_MAP.get(ch, ch)
        if rep:
            out.append(rep)
            offsets.append(i)
        i += 1
    text = "".join(out)
    if _CYR.search(text):
        text = _MIXED_WORD.sub(_fold_mixed, text)
    return Document(original=original, text=text, offsets=offsets)


def _fold_mixed(m: re.Match[str]) -> str:
    word = m.group(0)
    if _CYR.search(word) and re.search(r"[A-Za-z]", word):
        return word.translate(_LATIN_TO_CYR)
    return word


# --- segmentation -------------------------------------------------------------------------

_ARTICLE_START = re.compile(r"^\s*(?:Article|Art\.|Статья|Ст\.)\s*\d", re.I)
_PART_START = re.compile(
    r"^\s*(?:(?:Part|Часть)\s+)?(?P<num>\d+(?:[-.]\d+)?)[.)]\s+(?=\S)"
    r"|^\s*\((?P<num3>\d+(?:-\d+)?)\)\s+"
    r"|^\s*ч\.\s*(?P<num4>\d+)\.?\s+"
    r"|^\s*(?:Part|Часть)\s+(?P<num2>\d+)", re.I)
_PAREN_ITEM = re.compile(r"^\s*\d+\)")
_SANCTION_WORD = re.compile(r"punish|наказыва", re.I)
_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)|\n")


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    label: str = ""


def articles(text: str) -> list[Segment]:
    """Split into articles at lines starting 'Article N' / 'Статья N'; one segment if none."""
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
    The label is the part number, or "" for text before the first numbered part.
    """
    end = len(text) if end is None else end
    segs: list[Segment] = []
    cur_start, cur_label = start, ""
    pos = start
    lines = text[start:end].splitlines(keepends=True)
    # "1) ..." numbers points, unless the article uses it for parts: no "1." parts, and a "N)" line
    # carries a sanction of its own
    paren_parts = not any(_PART_START.match(ln) and not _PAREN_ITEM.match(ln) for ln in lines) and any(
        _PAREN_ITEM.match(ln) and _SANCTION_WORD.search(ln) for ln in lines)
    for line in lines:
        m = _PART_START.match(line)
        if m and (paren_parts or not _PAREN_ITEM.match(line)):
            if pos > cur_start:
                segs.append(Segment(cur_start, pos, cur_label))
            cur_start, cur_label = pos, (m.group("num") or m.group("num2") or m.group("num3")
                                         or m.group("num4") or "")
        pos += len(line)
    if end > cur_start:
        segs.append(Segment(cur_start, end, cur_label))
    return segs


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Segment]:
    """Clause-level split at . ; : ! ? and line breaks (good enough for co-occurrence windows)."""
    end = len(text) if end is None else end
    segs = []
    cur = start
    for m in _SENTENCE_END.finditer(text, start, end):
        # do not split on abbreviations like "Art." or numbers "1."
        before = text[max(start, m.start() - 4):m.start()]
        if m.group(0) == "." and (re.search(r"(\d|\b[A-Za-zА-Яа-я]{1,3})$", before) and not before.endswith(" ")):
            continue
        if m.end() > cur:
            segs.append(Segment(cur, m.end()))
        cur = m.end()
    if end > cur:
        segs.append(Segment(cur, end))
    return [s for s in segs if text[s.start:s.end].strip()]
