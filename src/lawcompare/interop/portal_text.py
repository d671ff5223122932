"""Recognising the pieces of a statute in plain lines of text: headings, parts, points, notes, dates.

Everything here works on one line (one paragraph of the page) at a time and knows nothing about
HTML. The patterns cover the official languages the portals publish in: Russian, Kazakh, Kyrgyz,
Uzbek (Latin and Cyrillic) and English.

All regular expressions are anchored and free of nested quantifiers, so they run in linear time
even on a hostile multi-megabyte line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_NUM = rf"\d{{1,5}}(?:\s?[{DASHES}]\s?\d{{1,4}}){{0,3}}"  # 128, 130-1, 130 – 1, 3-1-2

# "Статья 128. Торговля людьми" / "128-бап." (kk) / "1-статья." or "1-берене." (ky) / "135-modda." (uz)
_ARTICLE_PATTERNS = (
    re.compile(rf"^(?:Статья|СТАТЬЯ)\s+(?P<num>{_NUM})(?:\s*\.\s*|\s*$|\s+(?=[А-ЯЁA-Z(«\"]))(?P<rest>.*)$"),
    re.compile(rf"^(?:Article|ARTICLE)\s+(?P<num>{_NUM})(?:\s*\.\s*|\s*$|\s+(?=[A-Z(«\"]))(?P<rest>.*)$"),
    re.compile(rf"^(?P<num>{_NUM})\s?[{DASHES}]\s?(?:бап|БАП|статья|берене|modda|модда|MODDA|МОДДА)"
               rf"(?:\s*\.\s*|\s*$|\s+(?=\w))(?P<rest>.*)$"),
)

# "1. Text", "3-1. Text" (a part); "1.5 раза" is not a part
_PART = re.compile(rf"^(?P<num>\d{{1,3}}(?:[{DASHES}]\d{{1,3}}){{0,2}})\.(?!\d)\s*(?P<rest>.*)$")
# "1) text", "3-1) text" (a numbered point)
_POINT_NUM = re.compile(rf"^(?P<num>\d{{1,3}}(?:[{DASHES}]\d{{1,3}}){{0,2}})\)\s*(?P<rest>.*)$")
# "а) text", "b) text", "(a) text" (a lettered point)
_POINT_LETTER = re.compile(r"^\(?(?P<letter>[а-яёәғқңөұүһіўҳa-z])\)\s*(?P<rest>.*)$")

# The statute's own notes (not the portal's editorial notes)
_NOTE = re.compile(
    r"^(?P<word>Примечани[ея]|ПРИМЕЧАНИ[ЕЯ]|Ескертпе(?:лер)?|ЕСКЕРТПЕ|Эскертүү(?:лөр)?|Izoh(?:lar)?|Изоҳ(?:лар)?"
    r"|Notes?|NOTES?)(?:\s*\d{0,2}\s*[.:]\s*|\s*$)(?P<rest>.*)$"
)

# Chapter, section and paragraph headings end an article but are not provisions. The number must be followed
# by the end of the line, a full stop or colon, or a capitalised title: "Глава 5 настоящего Кодекса" is text.
_CAPITAL = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІЎҲ"
_HEADING_END = rf"(?:\s*[.:]?\s*$|\s*[.:]\s*\S|\s+[{_CAPITAL}«\"(])"
_DIVISION = re.compile(
    r"^(?:(?:Глава|ГЛАВА|Раздел|РАЗДЕЛ|Подраздел|ПОДРАЗДЕЛ|Параграф|ПАРАГРАФ|Chapter|CHAPTER|Section|SECTION"
    r"|Bob|BOB|Боб|БОБ)"
    rf"\s+(?:\d{{1,3}}|[IVXLC]{{1,7}}){_HEADING_END}"
    r"|(?:\d{1,3}|[IVXLC]{1,7})\s?[-–]?\s?(?:тарау|ТАРАУ|бөлім|БӨЛІМ|глава|ГЛАВА|бөлүм|БӨЛҮМ|bob|BOB|боб|БОБ"
    rf"|bo['‘’ʻ]lim|BO['‘’ʻ]LIM|бўлим|БЎЛИМ|бөлүк|раздел|РАЗДЕЛ){_HEADING_END})"
)

# The signature block after the last article: the head of state's title alone, or with initials and surname
_NAME = rf"(?:\s+[{_CAPITAL}]\.\s?(?:[{_CAPITAL}]\.\s?)?[\w‘’'-]{{2,40}})?\s*$"
_SIGNATURE = re.compile(
    r"^(?:Президент\s+(?:Республики\s+\w+|Кыргызской\s+Республики)|ПРЕЗИДЕНТ\s+РЕСПУБЛИКИ\s+\w+"
    r"|Қазақстан\s+Республикасының\s+Президенті|Кыргыз\s+Республикасынын\s+Президенти"
    r"|O['‘’ʻ]zbekiston\s+Respublikasi\s+Prezidenti|Ўзбекистон\s+Республикаси\s+Президенти"
    rf"|President\s+of\s+the\s+(?:Republic\s+of\s+\w+|Kyrgyz\s+Republic)){_NAME}"
)

# Sanction clauses: in codes whose parts are not numbered (Uzbekistan), each part ends with one
_SANCTION = re.compile(
    r"^(?:наказыва\w*|карается|карались)\b|(?:жазаланады|жазаланат|jazolanadi|жазоланади)\W*$"
    r"|^(?:shall be punished|is punishable|are punishable|is punished)\b",
    re.IGNORECASE,
)

# The portal's own editorial remarks: amendment footnotes, reference notes, user notices
_EDITORIAL_START = re.compile(
    r"^(?:Сноска\.|Ескерту\.|Примечание\s+(?:ИЗПИ|РЦПИ)|\S{0,6}(?:ЗҚАИ|ҚҚАО)\S*\s+ескертпесі|Вниманию пользователей"
    r"|Назар аударыңыздар|Комментарий\s+LexUz|LexUz\s+izohi|LexUz\s+шарҳи|См\.\s|Qarang:|Қаранг:"
    r"|Footnote\.|Акт на состоянии|Перейти на действующую версию|В настоящее время в данный акт вносятся"
    r"|Редакция:)",
    re.IGNORECASE,
)
_EDITORIAL_PAREN_WORDS = re.compile(
    r"редакци|изменени|изменен|дополнен|исключен|введен|утратил|өзгеріс|толықтыр|алып таста|күші жой|редакциясын"
    r"|tahrir|o['‘’ʻ]zgartir|qo['‘’ʻ]shimcha|kiritil|chiqaril|таҳрир|ўзгартир|киритил|чиқарил|as amended|amended by",
    re.IGNORECASE,
)

_REPEALED = re.compile(r"исключен|утратил\w*\s+силу|алып тасталды|күші жойыл|chiqarilgan|чиқарилган|repealed",
                       re.IGNORECASE)

MONTHS_RU = {"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
             "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12}
MONTHS_KK = {"қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6, "шілде": 7, "тамыз": 8,
             "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12}

_RU_TEXT_DATE = rf"(?P<d>\d{{1,2}})\s+(?P<m>{'|'.join(MONTHS_RU)})\s+(?P<y>\d{{4}})\s*(?:года|г\.)?"
_NUMERIC_DATE = r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\s*(?:года|г\.)?"
_NUM_CHARS = "[0-9A-Za-zА-Яа-яЁёЎўҚқҒғҲҳ]{1,12}"
_DOC_NUMBER = rf"(?:№|N|No\.?)\s?(?P<num>{_NUM_CHARS}(?:[-/–]{_NUM_CHARS}){{0,3}})"

_REQUISITES = (
    re.compile(rf"\bот\s+{_RU_TEXT_DATE}\s*,?\s*{_DOC_NUMBER}", re.IGNORECASE),
    re.compile(rf"\bот\s+{_NUMERIC_DATE}\s*,?\s*{_DOC_NUMBER}", re.IGNORECASE),
    re.compile(rf"(?P<y>\d{{4}})\s+жылғы\s+(?P<d>\d{{1,2}})\s+(?P<m>[а-яәғқңөұүһі]{{3,12}})\s+{_DOC_NUMBER}",
               re.IGNORECASE),
)
_IN_FORCE = (
    re.compile(rf"(?:вводится|введен\w*|вступа\w*|вступил\w*)\s+в\s+(?:действие|силу)\s+с\s+{_RU_TEXT_DATE}",
               re.IGNORECASE),
    re.compile(rf"(?:вводится|введен\w*|вступа\w*|вступил\w*)\s+в\s+(?:действие|силу)\s+с\s+{_NUMERIC_DATE}",
               re.IGNORECASE),
    re.compile(r"(?P<y>\d{4})\s+жылғы\s+(?P<d>\d{1,2})\s+(?P<m>[а-яәғқңөұүһі]{3,12})\s+бастап\s+қолданысқа\s+енгізіл",
               re.IGNORECASE),
)
_AS_AT = (
    re.compile(rf"(?:на\s+состоянии|по\s+состоянию\s+на)\s+{_NUMERIC_DATE}", re.IGNORECASE),
    re.compile(rf"(?:на\s+состоянии|по\s+состоянию\s+на)\s+{_RU_TEXT_DATE}", re.IGNORECASE),
)

# Legal lists letter their points in this order (ё, й, ъ, ы, ь are skipped)
_LETTER_ORDER = "абвгдежзиклмнопрстуфхцчшщэюя"

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# C0/C1 controls, surrogates, private use and the two non-characters YAML cannot carry
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffe\uffff]")


def clean_line(text: str) -> str:
    """One paragraph as plain text: invisible and control characters removed, whitespace collapsed."""
    text = _CONTROL.sub(" ", _INVISIBLE.sub("", text))
    return " ".join(text.split())


def norm_number(raw: str) -> str:
    """``130 – 1`` → ``130-1``."""
    return re.sub(rf"\s?[{DASHES}]\s?", "-", raw.strip())


@dataclass(frozen=True)
class Heading:
    number: str  # normalised: "130-1"
    rest: str  # the heading text after the number, may be empty


def article_heading(line: str) -> Heading | None:
    for pattern in _ARTICLE_PATTERNS:
        m = pattern.match(line)
        if m:
            return Heading(norm_number(m.group("num")), m.group("rest").strip())
    return None


def part_start(line: str) -> tuple[str, str] | None:
    m = _PART.match(line)
    return (norm_number(m.group("num")), m.group("rest").strip()) if m else None


def point_start(line: str) -> tuple[str, str, str] | None:
    """``(id piece, label, text)`` for a point line: ``1)`` → ``("1", "1)", ...)``; ``б)`` → ``("2", "б)", ...)``."""
    m = _POINT_NUM.match(line)
    if m:
        num = norm_number(m.group("num"))
        return num, f"{num})", m.group("rest").strip()
    m = _POINT_LETTER.match(line)
    if m:
        letter = m.group("letter")
        if "a" <= letter <= "z":
            return letter, f"{letter})", m.group("rest").strip()
        pos = _LETTER_ORDER.find(letter)
        if pos < 0:
            return None
        return str(pos + 1), f"{letter})", m.group("rest").strip()
    return None


def note_start(line: str) -> str | None:
    """The text after ``Примечание.`` (may be empty), or None if the line does not open a note."""
    m = _NOTE.match(line)
    return m.group("rest").strip() if m else None


def is_division(line: str) -> bool:
    return len(line) < 300 and bool(_DIVISION.match(line))


def is_signature(line: str) -> bool:
    return len(line) < 200 and bool(_SIGNATURE.match(line))


def is_sanction(line: str) -> bool:
    return bool(_SANCTION.search(line))


def opens_editorial_remark(line: str) -> bool:
    """``Примечание ИЗПИ!``, ``Вниманию пользователей!``: a remark whose words follow in the next paragraph."""
    return len(line) <= 80 and line.rstrip().endswith("!") and is_editorial(line)


def is_editorial(line: str) -> bool:
    """A remark by the portal's editors (amendment footnote, reference, notice), not statute text."""
    if _EDITORIAL_START.match(line):
        return True
    if line.startswith("(") and line.endswith(")") and len(line) < 2000:
        return bool(_EDITORIAL_PAREN_WORDS.search(line))
    return False


def looks_repealed(text: str) -> bool:
    return bool(_REPEALED.search(text))


def _make_date(y: str, m: str, d: str) -> dt.date | None:
    month = MONTHS_RU.get(m.lower()) if not m.isdigit() else int(m)
    if month is None:
        month = next((n for stem, n in MONTHS_KK.items() if m.lower().startswith(stem)), None)
    if month is None:
        return None
    try:
        return dt.date(int(y), month, int(d))
    except ValueError:
        return None


@dataclass(frozen=True)
class Requisites:
    date: dt.date
    number: str
    phrase: str  # the words matched, for the reviewer


def find_requisites(line: str) -> Requisites | None:
    """``от 3 июля 2014 года № 226-V`` / ``от 22.09.1994 г. № 2012-XII`` / ``2014 жылғы 3 шілдедегі № 226-V``."""
    for pattern in _REQUISITES:
        for m in pattern.finditer(line):
            day = _make_date(m.group("y"), m.group("m"), m.group("d"))
            if day is not None:
                return Requisites(day, m.group("num").strip("-–/"), m.group(0).strip())
    return None


def _first_date(patterns: Iterable[re.Pattern[str]], line: str) -> tuple[dt.date, str] | None:
    """The first real date any of ``patterns`` finds in ``line`` (groups y, m, d), with the words matched."""
    for pattern in patterns:
        m = pattern.search(line)
        if m:
            day = _make_date(m.group("y"), m.group("m"), m.group("d"))
            if day is not None:
                return day, m.group(0).strip()
    return None


def find_entry_into_force(line: str) -> tuple[dt.date, str] | None:
    """A date the page says the text comes into force (``вводится в действие с 1 января 2015 года``)."""
    return _first_date(_IN_FORCE, line)


def find_as_at_date(line: str) -> tuple[dt.date, str] | None:
    """The date a consolidated text is shown "as at" (``Акт на состоянии 30.12.2015``)."""
    return _first_date(_AS_AT, line)


def guess_language(text: str) -> str | None:
    """ru, kk, ky, uz or en from the letters of a sample of statute text; None if too little text."""
    cyr = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
    lat = sum(1 for ch in text if "a" <= ch.lower() <= "z")
    if cyr + lat < 40:
        return None
    if lat > cyr:
        low = f" {text.lower()} "
        uzbek = sum(low.count(s) for s in ("o‘", "g‘", "oʻ", "gʻ", "o'", "g'", "o`", "g`", "modda", "ning ", "lar",
                                             "dan ", " va ", "qil"))
        english = sum(low.count(s) for s in (" the ", " of ", " and ", " shall ", " by ", " or ", " to "))
        return "uz" if uzbek > english else "en"
    def rate(chars: str) -> float:
        return 1000 * sum(text.count(c) + text.count(c.upper()) for c in chars) / cyr
    if rate("әұһі") > 3 or (rate("ғқ") > 6 and rate("ў") < 1):
        return "kk"
    if rate("ўҳ") > 2:
        return "uz"
    if rate("ңөү") > 3:
        return "ky"
    return "ru"
