"""Penalty extraction from English and Russian sanction sentences, per part.

Only deprivation of liberty counts as imprisonment: restriction of liberty, correctional labour,
arrest and fines are recognised so that they are *not* mistaken for it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache

from lawcompare.detect.text import Document, Layout, normalise, parts

_EN_NUM = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25, "twenty five": 25,
    "thirty": 30,
}
# Russian numerals by stem, longest first (the case ending varies: пяти, пять, пятью)
_RU_NUM = [
    ("двадцати пяти", 25), ("двадцать пять", 25), ("тридцат", 30), ("двадцат", 20), ("девятнадцат", 19),
    ("восемнадцат", 18), ("семнадцат", 17), ("шестнадцат", 16), ("пятнадцат", 15), ("четырнадцат", 14),
    ("тринадцат", 13), ("двенадцат", 12), ("одиннадцат", 11), ("десят", 10), ("девят", 9), ("восьм", 8),
    ("восем", 8), ("сем", 7), ("шест", 6), ("пят", 5), ("четыр", 4), ("тр", 3), ("дв", 2), ("одн", 1),
    ("один", 1), ("полутора", 1.5),
]


def _by_first_letter(words: list[str]) -> str:
    """The alternation ``w1|w2|...`` (each opening with a plain letter) grouped by first letter,
    keeping the order within a group: it matches exactly as the flat one, and faster."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in groups.items())


_EN_NUMBER_WORDS = _by_first_letter(["twenty[- ]five", *sorted(_EN_NUM, key=len, reverse=True)])
_EN_NUMBER = rf"(?:(?:\d+(?:[.,]\d+)?|{_EN_NUMBER_WORDS})(?: and a half)?)"
# the same, split into figures and words (each can open a pattern that the search finds fast)
_EN_FIGURES = r"(?:\d+(?:[.,]\d+)?(?: and a half)?)"
_EN_WORDS = rf"(?:(?:{_EN_NUMBER_WORDS})(?: and a half)?)"
_RU_NUMBER = r"(?:\d+(?:[.,]\d+)?|[а-я]+(?: пяти| пять)?)"
_UNIT_EN = r"(?P<unit>years?|months?)"
_UNIT_RU = r"(?P<unit>лет|года?|годами|месяц[а-я]*)"

# "irnprisonment", "impr1sonment": the commonest OCR damage of the word, which names the sanction
_EN_IMPRISON = re.compile(r"deprivation of (?:liberty|freedom)|i(?:m|rn)pr[il1]sonment|imprisoned|incarceration|"
                          r"prison term|term of imprisonment")
_RU_IMPRISON = re.compile(r"лишени[а-я]* свободы")
# "lifelong deprivation of the right to hold posts" is a disqualification, not life imprisonment
_EN_LIFE = re.compile(r"life imprisonment|imprisonment for life|deprivation of (?:liberty|freedom) for life|"
                      r"for life|life-?long(?! (?:deprivation|disqualification))")
# "пожизненным заключением" (the Moldovan code's wording)
_RU_LIFE = re.compile(r"пожизненн[а-я]* (?:лишени[а-я]* свободы|заключени)")
_EN_CONFISCATION = re.compile(r"confiscation|forfeiture of (?:property|assets)")
_RU_CONFISCATION = re.compile(r"конфискаци")
_EN_NOT_PRISON = re.compile(r"restriction of (?:liberty|freedom)|correctional (?:labou?r|work)|arrest|fine|"
                            r"community service|compulsory (?:labou?r|work)")
_RU_NOT_PRISON = re.compile(r"ограничени[а-я]* свободы|исправительн[а-я]* работ|арест|штраф|обязательн[а-я]* работ|"
                            r"принудительн[а-я]* работ")

# a figure may be followed by itself in words: "10 (ten) to 15 (fifteen) years", "от 10 (десяти) до 15 (пятнадцати) лет"
_IN_WORDS = r"(?:\([^)]*\)\s*)?"
_EN_RANGE = re.compile(
    rf"(?:from|of|between)?\s*(?P<lo>{_EN_NUMBER})\s*{_IN_WORDS}(?P<lounit>years?|months?)?\s*"
    rf"(?:to|-|and|through|till|until)\s*"
    rf"(?P<hi>{_EN_NUMBER})\s*{_IN_WORDS}{_UNIT_EN}")
# _EN_RANGE without its optional opening word, once from a figure and once from a number word:
# between them they find the same ranges (same groups, same order: see _en_ranges) much faster
_EN_RANGE_REST = (rf"\s*{_IN_WORDS}(?P<lounit>years?|months?)?\s*(?:to|-|and|through|till|until)\s*"
                  rf"(?P<hi>{_EN_NUMBER})\s*{_IN_WORDS}{_UNIT_EN}")
_EN_RANGE_SPLIT = (re.compile(rf"(?P<lo>{_EN_FIGURES}){_EN_RANGE_REST}"),
                   re.compile(rf"(?P<lo>{_EN_WORDS}){_EN_RANGE_REST}"))
# for ASCII text, where \d is [0-9], which the search scans for much faster
_EN_RANGE_SPLIT_ASCII = tuple(re.compile(rx.pattern.replace(r"\d", "[0-9]")) for rx in _EN_RANGE_SPLIT)
_EN_UPTO = re.compile(
    rf"(?:up to|not (?:more than|exceeding)|of not more than|no more than|maximum of|not to exceed|of up to)\s*"
    rf"(?P<hi>{_EN_NUMBER})\s*{_IN_WORDS}{_UNIT_EN}")
_EN_FIXED = re.compile(rf"(?:for|of)\s+(?:a (?:term|period) of\s+)?(?P<n>{_EN_NUMBER})\s*{_UNIT_EN}")
_RU_RANGE = re.compile(rf"от\s+(?P<lo>{_RU_NUMBER})\s*{_IN_WORDS}(?P<lounit>лет\s+|года?\s+|месяц[а-я]*\s+)?до\s+"
                       rf"(?P<hi>{_RU_NUMBER})\s*{_IN_WORDS}{_UNIT_RU}")
_RU_UPTO = re.compile(rf"(?:до|не свыше|не более)\s+(?P<hi>{_RU_NUMBER})\s*{_IN_WORDS}{_UNIT_RU}")
_RU_FIXED = re.compile(rf"сроком\s+(?:на\s+)?(?P<n>{_RU_NUMBER})\s*{_IN_WORDS}{_UNIT_RU}")
# "five years' imprisonment", "a term of three to seven years of imprisonment"
_EN_TERM_FIRST = re.compile(rf"(?:{_EN_NUMBER}\s*(?:to|-)\s*)?{_EN_NUMBER}\s*years?'?\s*(?:of\s+)?"
                            r"(?:imprisonment|deprivation of liberty)")
# The closing words of _EN_RANGE and _EN_TERM_FIRST, which open with a number (tried at every
# character, slowly): a text without these words cannot match them, and these scan fast.
_EN_RANGE_TAIL = re.compile(rf"(?:to|-|and|through|till|until)\s*{_EN_NUMBER}\s*{_IN_WORDS}(?:years?|months?)")
_EN_TERM_FIRST_TAIL = re.compile(r"years?'?\s*(?:of\s+)?(?:imprisonment|deprivation of liberty)")
# "one year and six months": one term, not a range (read as 1.5 years)
_EN_COMPOUND = re.compile(rf"(?P<y>{_EN_NUMBER})\s*years?\s+and\s+(?P<m>{_EN_NUMBER})\s*months?")
_SAME_TERM = re.compile(r"(?:the same|тот же) (?:term|period|срок)")
_SANCTION_START = {"en": re.compile(r"punish|penalt|sentenced|liable to|chastis|shall entail"),
                   "ru": re.compile(r"наказыва|карается|влеч[её]т")}


@lru_cache(maxsize=4096)
def _num(word: str, lang: str) -> float | None:
    w = word.strip().lower().replace(",", ".")
    if w.endswith(" and a half"):
        base = _num(w[: -len(" and a half")], lang)
        return None if base is None else base + 0.5
    try:
        return float(w)
    except ValueError:
        pass
    if lang == "en":
        return float(_EN_NUM[w.replace("-", " ")]) if w.replace("-", " ") in _EN_NUM else (
            float(_EN_NUM[w]) if w in _EN_NUM else None)
    for stem, value in _RU_NUM:
        if w.startswith(stem):
            return float(value)
    return None


def _years(value: float | None, unit: str) -> float | None:
    if value is None:
        return None
    return round(value / 12, 4) if unit.startswith(("month", "месяц")) else value


@dataclass
class PartPenalty:
    """Penalty found in one part's text. Years of deprivation of liberty only."""

    part: str
    min_years: float | None
    max_years: float | None
    life: bool
    confiscation: bool
    start: int = 0
    end: int = 0

    def as_json(self) -> dict[str, object]:
        d = asdict(self)
        d.pop("start")
        d.pop("end")
        return d


def _imprisonment_windows(text: str, lang: str) -> list[tuple[int, int]]:
    """Text windows after each mention of deprivation of liberty, cut at the next other sanction."""
    marker = _EN_IMPRISON if lang == "en" else _RU_IMPRISON
    stop = _EN_NOT_PRISON if lang == "en" else _RU_NOT_PRISON
    windows = []
    for m in marker.finditer(text):
        end = min(len(text), m.end() + 90)
        s = stop.search(text, m.end(), end)
        if s:
            end = s.start()
        windows.append((m.start(), end))
    if lang == "en" and "year" in text and _EN_TERM_FIRST_TAIL.search(text):
        for m in _EN_TERM_FIRST.finditer(text):
            windows.append((max(0, m.start() - 12), m.end()))
    return windows


def _en_ranges(window: str) -> Iterator[re.Match[str]]:
    """The matches of _EN_RANGE in ``window``, as ``finditer`` gives them (groups and order).

    The opening "from" / "of" / "between" and the blanks after it never decide a match or its
    groups (no number starts inside those words), so the search can start at the first number.
    """
    figures, words = _EN_RANGE_SPLIT_ASCII if window.isascii() else _EN_RANGE_SPLIT
    pos = 0
    while True:
        a = figures.search(window, pos)
        b = words.search(window, pos)
        m = a if b is None or (a is not None and a.start() < b.start()) else b
        if m is None:
            return
        yield m
        pos = m.end()


def _compound_years(m: re.Match[str]) -> str:
    years, months = _num(m["y"], "en"), _num(m["m"], "en")
    if years is None or months is None:
        return m.group(0)
    return f"{years + months / 12:g} years"


def _terms(window: str, lang: str) -> tuple[float | None, float | None]:
    lo: float | None = None
    hi: float | None = None
    if lang == "en":
        if "month" in window and " and " in window:  # "one year and six months to five years"
            window = _EN_COMPOUND.sub(_compound_years, window)
        for m in _en_ranges(window) if _EN_RANGE_TAIL.search(window) else ():
            a = _years(_num(m["lo"], "en"), m["lounit"] or m["unit"])
            b = _years(_num(m["hi"], "en"), m["unit"])
            if a is not None and b is not None and a <= b:
                return a, b
        for m in _EN_UPTO.finditer(window):
            return None, _years(_num(m["hi"], "en"), m["unit"])
        for m in _EN_FIXED.finditer(window):
            v = _years(_num(m["n"], "en"), m["unit"])
            if v is not None:
                return v, v
        return lo, hi
    for m in _RU_RANGE.finditer(window):
        a, b = _num(m["lo"], "ru"), _num(m["hi"], "ru")
        if a is not None and b is not None:
            return _years(a, (m["lounit"] or m["unit"]).strip()), _years(b, m["unit"])
    for m in _RU_UPTO.finditer(window):
        return None, _years(_num(m["hi"], "ru"), m["unit"])
    m = _RU_FIXED.search(window)
    if m:
        v = _years(_num(m["n"], "ru"), m["unit"])
        return v, v
    return lo, hi


def part_penalties(ndoc: Document, layout: Layout, lang: str) -> list[PartPenalty]:
    """The penalty of each part of each article of a normalised text (offsets in the original)."""
    text = ndoc.text
    low = text.lower()
    out: list[PartPenalty] = []
    if len(low) != len(text):  # lower case changed the length: read part by part
        for art in layout.articles:
            for seg in layout.parts(art):
                pen = extract_part(text[seg.start:seg.end], lang, seg.label)
                if pen is not None:
                    pen.start, pen.end = ndoc.to_original(seg.start + pen.start, seg.end)
                    out.append(pen)
        return out
    # the words that open a sanction, found once in the whole text: a part's first one is the first
    # that lies inside the part (they never cross a part's bounds, which are line starts)
    words = [m.span() for m in _SANCTION_START["en" if lang == "en" else "ru"].finditer(low)]
    if not words:
        return out
    word_starts = [a for a, _b in words]
    for art in layout.articles:
        i = bisect_left(word_starts, art.start)
        if i == len(words) or words[i][0] >= art.end:
            continue  # no sanction in this article
        for seg in layout.parts(art):
            i = bisect_left(word_starts, seg.start)
            if i == len(words) or words[i][0] >= seg.end:
                continue  # no sanction in this part
            s = words[i][0]
            pen = read_sanction(low[s:seg.end], lang, seg.label, s, seg.end)
            pen.start, pen.end = ndoc.to_original(s, seg.end)
            out.append(pen)
    return out


def _sanction_start(text: str, lang: str) -> int:
    """Where the sanction sentence starts ("shall be punished", "наказывается"), or -1."""
    m = _SANCTION_START["en" if lang == "en" else "ru"].search(text)
    return m.start() if m else -1


def extract_part(text: str, lang: str, part: str = "") -> PartPenalty | None:
    """The penalty of one part's text, or None if it has no sanction."""
    low = text.lower()
    s = _sanction_start(low, lang)
    if s < 0:
        return None
    return read_sanction(low[s:], lang, part, s, len(text))


def read_sanction(sanction: str, lang: str, part: str, start: int, end: int) -> PartPenalty:
    """The penalty in a part's lower-case text from the start of its sanction sentence on;
    ``start`` and ``end`` are that text's bounds, kept in the result."""
    # every way of saying it has "life" / "пожизненн" in it: look for that first
    life = ("life" in sanction and bool(_EN_LIFE.search(sanction)) if lang == "en"
            else "пожизненн" in sanction and bool(_RU_LIFE.search(sanction)))
    mins: list[float] = []
    maxes: list[float] = []
    saw_open_min = False
    for a, b in _imprisonment_windows(sanction, lang):
        lo, hi = _terms(sanction[a:b], lang)
        if hi is None and _SAME_TERM.search(sanction[a:a + 60]):
            # "... restriction of liberty for up to two years, or deprivation of liberty for the same
            # term": the term of the sanction just before (not an arrest's months further back)
            before = [m.start() for m in (_EN_NOT_PRISON if lang == "en" else _RU_NOT_PRISON).finditer(sanction, 0, a)]
            lo, hi = _terms(sanction[before[-1] if before else 0:a], lang)
        if hi is not None:
            maxes.append(hi)
            if lo is None:
                saw_open_min = True
            else:
                mins.append(lo)
    conf = bool((_EN_CONFISCATION if lang == "en" else _RU_CONFISCATION).search(sanction))
    return PartPenalty(
        part=part,
        min_years=None if (saw_open_min or not mins) else min(mins),
        max_years=max(maxes) if maxes else None,
        life=life,
        confiscation=conf,
        start=start,
        end=end,
    )


def extract_penalties(text: str, lang: str = "en") -> list[PartPenalty]:
    """One :class:`PartPenalty` per part of ``text`` that carries a sanction sentence."""
    doc = normalise(text)
    out = []
    for seg in parts(doc.text):
        pen = extract_part(doc.text[seg.start:seg.end], lang, seg.label)
        if pen is not None:
            pen.start, pen.end = doc.to_original(seg.start + pen.start, seg.end)
            out.append(pen)
    return out


def penalty_disagreements(provision) -> list[str]:  # type: ignore[no-untyped-def]
    """Where a record's structured penalty disagrees with the sanction in its own text."""
    text = provision.text or ""
    found = extract_part(normalise(text).text, "en")
    pen = provision.penalty
    if found is None:
        return []
    dol = pen.deprivation_of_liberty
    problems = []
    rec_max = None if dol is None else dol.max_years
    rec_life = bool(dol and dol.life)
    if found.max_years != rec_max and not (found.max_years is None and rec_life and rec_max is None):
        problems.append(f"text says imprisonment max {found.max_years} years, penalty says {rec_max}")
    rec_min = None if dol is None else dol.min_years
    if found.max_years is not None and found.min_years != rec_min:
        problems.append(f"text says imprisonment min {found.min_years} years, penalty says {rec_min}")
    if found.life != rec_life:
        problems.append(f"text {'mentions' if found.life else 'does not mention'} life imprisonment, "
                        f"penalty says life={rec_life}")
    if found.confiscation != (pen.confiscation.value != "none"):
        problems.append(f"text {'mentions' if found.confiscation else 'does not mention'} confiscation, "
                        f"penalty says confiscation={pen.confiscation.value}")
    return problems
