"""Penalty extraction from English and Russian sanction sentences, per part.

Only deprivation of liberty counts as imprisonment: restriction of liberty, correctional labour,
arrest and fines are recognised so that they are *not* mistaken for it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from lawcompare.detect.text import normalise, parts

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
_EN_NUMBER = (r"(?:(?:\d+(?:[.,]\d+)?|twenty[- ]five|" + "|".join(sorted(_EN_NUM, key=len, reverse=True))
              + r")(?: and a half)?)")
_RU_NUMBER = r"(?:\d+(?:[.,]\d+)?|[а-я]+(?: пяти| пять)?)"
_UNIT_EN = r"(?P<unit>years?|months?)"
_UNIT_RU = r"(?P<unit>лет|года?|годами|месяц[а-я]*)"

_EN_IMPRISON = re.compile(r"deprivation of (?:liberty|freedom)|imprisonment|imprisoned|incarceration|prison term|"
                          r"term of imprisonment")
_RU_IMPRISON = re.compile(r"лишени[а-я]* свободы")
_EN_LIFE = re.compile(r"life imprisonment|imprisonment for life|deprivation of (?:liberty|freedom) for life|"
                      r"for life|life-long|lifelong")
_RU_LIFE = re.compile(r"пожизненн[а-я]* лишени[а-я]* свободы")
_EN_CONFISCATION = re.compile(r"confiscation|forfeiture of (?:property|assets)")
_RU_CONFISCATION = re.compile(r"конфискаци")
_EN_NOT_PRISON = re.compile(r"restriction of (?:liberty|freedom)|correctional (?:labou?r|work)|arrest|fine|"
                            r"community service|compulsory (?:labou?r|work)")
_RU_NOT_PRISON = re.compile(r"ограничени[а-я]* свободы|исправительн[а-я]* работ|арест|штраф|обязательн[а-я]* работ|"
                            r"принудительн[а-я]* работ")

_EN_RANGE = re.compile(
    rf"(?:from|of|between)?\s*(?P<lo>{_EN_NUMBER})\s*(?:\([^)]*\)\s*)?(?P<lounit>years?|months?)?\s*"
    rf"(?:to|-|and|through)\s*"
    rf"(?P<hi>{_EN_NUMBER})\s*(?:\([^)]*\)\s*)?{_UNIT_EN}")
_EN_UPTO = re.compile(
    rf"(?:up to|not (?:more than|exceeding)|of not more than|no more than|maximum of|not to exceed|of up to)\s*"
    rf"(?P<hi>{_EN_NUMBER})\s*(?:\([^)]*\)\s*)?{_UNIT_EN}")
_EN_FIXED = re.compile(rf"(?:for|of)\s+(?:a (?:term|period) of\s+)?(?P<n>{_EN_NUMBER})\s*{_UNIT_EN}")
_RU_RANGE = re.compile(rf"от\s+(?P<lo>{_RU_NUMBER})\s*(?P<lounit>лет\s+|года?\s+|месяц[а-я]*\s+)?до\s+"
                       rf"(?P<hi>{_RU_NUMBER})\s*{_UNIT_RU}")
_RU_UPTO = re.compile(rf"(?:до|не свыше|не более)\s+(?P<hi>{_RU_NUMBER})\s*{_UNIT_RU}")


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
    if lang == "en":  # "five years' imprisonment", "a term of three to seven years of imprisonment"
        for m in re.finditer(rf"(?:{_EN_NUMBER}\s*(?:to|-)\s*)?{_EN_NUMBER}\s*years?'?\s*(?:of\s+)?"
                             r"(?:imprisonment|deprivation of liberty)", text):
            windows.append((max(0, m.start() - 12), m.end()))
    return windows


def _terms(window: str, lang: str) -> tuple[float | None, float | None]:
    lo: float | None = None
    hi: float | None = None
    if lang == "en":
        for m in _EN_RANGE.finditer(window):
            a = _years(_num(m["lo"], "en"), m["lounit"] or m["unit"])
            b = _years(_num(m["hi"], "en"), m["unit"])
            if a is not None and b is not None:
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
    m = re.search(rf"сроком\s+(?:на\s+)?(?P<n>{_RU_NUMBER})\s*{_UNIT_RU}", window)
    if m:
        v = _years(_num(m["n"], "ru"), m["unit"])
        return v, v
    return lo, hi


def _sanction_start(text: str, lang: str) -> int:
    """Where the sanction sentence starts ("shall be punished", "наказывается"), or -1."""
    rx = (r"punish|penalt|sentenced|liable to" if lang == "en" else r"наказыва|карается|влеч[её]т")
    m = re.search(rx, text)
    return m.start() if m else -1


def extract_part(text: str, lang: str, part: str = "") -> PartPenalty | None:
    """The penalty of one part's text, or None if it has no sanction."""
    low = text.lower()
    s = _sanction_start(low, lang)
    if s < 0:
        return None
    sanction = low[s:]
    life = bool((_EN_LIFE if lang == "en" else _RU_LIFE).search(sanction))
    mins: list[float] = []
    maxes: list[float] = []
    saw_open_min = False
    for a, b in _imprisonment_windows(sanction, lang):
        lo, hi = _terms(sanction[a:b], lang)
        if hi is None and re.search(r"(?:the same|тот же) (?:term|period|срок)", sanction[a:a + 60]):
            lo, hi = _terms(sanction[:a], lang)  # "... or deprivation of liberty for the same term"
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
        start=s,
        end=len(text),
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
