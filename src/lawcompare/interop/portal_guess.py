"""Guesses a reviewer must confirm: topics from an article heading, the instrument type, an English title.

Each guess is a plain keyword rule over the official-language words, so a reviewer can see why it was
made; the draft records every guess in an ``uncertain`` entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawcompare.records.models import InstrumentType, Topic


@dataclass(frozen=True)
class TopicRule:
    topic: Topic
    pattern: re.Pattern[str]
    exclusive: bool = False  # when it matches, no other topic is guessed (e.g. help *for victims of* trafficking)


def _rx(*alternatives: str) -> re.Pattern[str]:
    """Lower-case alternatives, matched against lower-cased text (much faster than IGNORECASE on Cyrillic)."""
    return re.compile("|".join(alternatives))


TOPIC_RULES: tuple[TopicRule, ...] = (
    TopicRule(Topic.non_punishment, _rx(r"освобожд\w*\s+(?:от\s+\w+\s+)?жертв", r"жертв\w*.{0,60}от\s+ответственност",
                                        r"non-punishment", r"жәбірленуші\w*.{0,40}жауаптылықтан"), exclusive=True),
    TopicRule(Topic.victim_protection, _rx(r"(?:защит|помощ|реабилитац|поддержк)\w*\s+(?:\w+\s+){0,2}жертв",
                                           r"жертвам", r"жәбірленушілерге\s+көмек", r"курмандыктарын\s+коргоо",
                                           r"protection\s+of\s+victims", r"assistance\s+to\s+victims"),
              exclusive=True),
    TopicRule(Topic.definitions, _rx(r"основные\s+понятия", r"понятия,?\s+используемые", r"^термины",
                                     r"негізгі\s+ұғымдар", r"түшүнүктөр", r"asosiy\s+tushunchalar",
                                     r"^definitions", r"terms\s+used"), exclusive=True),
    TopicRule(Topic.trafficking_in_minors, _rx(r"торговл\w*\s+(?:несовершеннолетн|детьми)",
                                               r"кәмелетке\s+толмағандар\s+саудас", r"балдарды\s+сатуу",
                                               r"voyaga\s+yetmagan\w*\s+savdo",
                                               r"trafficking\s+in\s+(?:minors|children)")),
    TopicRule(Topic.trafficking_in_persons, _rx(r"торговл\w*\s+людьми", r"адам\s+саудас", r"адамдарды\s+сатуу",
                                                r"адам\s+сатуу", r"odam\s+savdosi", r"одам\s+савдоси",
                                                r"trafficking\s+in\s+(?:persons|human\s+beings)",
                                                r"human\s+trafficking")),
    TopicRule(Topic.recruitment_for_exploitation, _rx(r"вербовк\w*.{0,40}эксплуатац", r"recruitment.{0,40}exploitation",
                                                      r"пайдалану\s+мақсатында\s+адамдарды\s+жалдау")),
    TopicRule(Topic.forced_labour, _rx(r"принудительн\w*\s+труд", r"принуждени\w*\s+к\s+труд", r"мәжбүрлі\s+еңбек",
                                       r"еңбекке\s+мәжбүрлеу", r"majburiy\s+mehnat", r"мажбурий\s+меҳнат",
                                       r"forced\s+labou?r")),
    TopicRule(Topic.slavery, _rx(r"рабств", r"құлдық", r"кулчулук", r"qullik", r"slavery")),
    TopicRule(Topic.organ_removal, _rx(r"изъяти\w*\s+органов", r"органов\s+(?:и|или)\s+(?:\(или\)\s+)?тканей",
                                       r"трансплантац", r"ағзаларын", r"organ\s+removal", r"removal\s+of\s+organs")),
    TopicRule(Topic.prostitution, _rx(r"проституц", r"жезөкше", r"сойкулук", r"fohishalik", r"prostitution")),
    TopicRule(Topic.brothel_keeping, _rx(r"притон", r"brothel")),
    TopicRule(Topic.illegal_migration, _rx(r"незаконн\w*\s+миграц", r"заңсыз\s+көші-қон", r"мыйзамсыз\s+миграция",
                                           r"noqonuniy\s+migratsiya", r"illegal\s+migration")),
    TopicRule(Topic.rape, _rx(r"изнасилован", r"зорлау", r"зордуктоо", r"nomusga\s+tegish", r"\brape\b")),
)


HINT_CHARS = 4000  # of an article's text searched for topic hints


@dataclass(frozen=True)
class TopicGuess:
    topics: list[Topic]
    reason: str


def guess_topics(heading: str | None, text: str) -> TopicGuess:
    """Topics from the heading's words; the body text only gives hints, never a topic."""
    head = (heading or "").lower()
    found: list[Topic] = []
    words: list[str] = []
    for rule in TOPIC_RULES:
        m = rule.pattern.search(head)
        if m:
            found.append(rule.topic)
            words.append(m.group(0))
            if rule.exclusive:
                break
    if found:
        return TopicGuess(found, "guessed from the heading's words " + ", ".join(f"'{w}'" for w in words))
    hints = []
    sample = text[:HINT_CHARS].lower()
    for rule in TOPIC_RULES:
        m = rule.pattern.search(sample)
        if m and rule.topic not in hints:
            hints.append(rule.topic)
    reason = "no keyword in the heading; set to 'other'"
    if hints:
        reason += "; the text mentions words for " + ", ".join(t.value for t in hints[:4]) + " (not a topic by itself)"
    return TopicGuess([Topic.other], reason)


_TYPE_RULES: tuple[tuple[InstrumentType, re.Pattern[str]], ...] = (
    (InstrumentType.criminal_code, _rx(r"уголовн\w*\s+кодекс", r"қылмыстық\s+кодекс", r"кылмыш-?\s?жаза\s+кодекс",
                                       r"jinoyat\s+kodeks", r"жиноят\s+кодекс", r"criminal\s+code")),
    (InstrumentType.administrative_code, _rx(r"административных\s+правонарушени", r"административной\s+ответственност",
                                             r"әкімшілік\s+құқық\s+бұзушылық", r"ma['ʼ‘’]?muriy\s+javobgarlik",
                                             r"маъмурий\s+жавобгарлик", r"укук\s+бузуулар",
                                             r"administrative\s+offen")),
    (InstrumentType.labour_code, _rx(r"трудов\w*\s+кодекс", r"еңбек\s+кодекс", r"эмгек\s+кодекс", r"mehnat\s+kodeks",
                                     r"меҳнат\s+кодекс", r"labou?r\s+code")),
)
_LAW = _rx(r"\bзакон", r"заңы", r"мыйзам", r"qonun", r"қонун", r"\blaw\b")
_TRAFFICKING = _rx(r"торговл\w*\s+людьми", r"адам\s+саудас", r"адамдарды\s+сатуу", r"odam\s+savdosi",
                   r"одам\s+савдоси", r"trafficking")


def guess_instrument_type(title: str) -> tuple[InstrumentType, str]:
    title = title.lower()
    for kind, pattern in _TYPE_RULES:
        m = pattern.search(title)
        if m:
            return kind, f"guessed from the words '{m.group(0)}' in the title"
    if _LAW.search(title) and _TRAFFICKING.search(title):
        return InstrumentType.special_law, "guessed: the title names a law on trafficking in persons"
    return InstrumentType.other, "no instrument type recognised in the title; set to 'other'"


STATE_NAMES = {"KZ": "the Republic of Kazakhstan", "KG": "the Kyrgyz Republic", "UZ": "the Republic of Uzbekistan",
               "TJ": "the Republic of Tajikistan", "TM": "Turkmenistan"}
_TYPE_TITLES = {InstrumentType.criminal_code: "Criminal Code of {state}",
                InstrumentType.administrative_code: "Code of {state} on Administrative Offences",
                InstrumentType.labour_code: "Labour Code of {state}"}


def guess_title_en(kind: InstrumentType, jurisdiction: str, title_original: str) -> str:
    state = STATE_NAMES.get(jurisdiction, jurisdiction)
    if kind in _TYPE_TITLES:
        return _TYPE_TITLES[kind].format(state=state)
    short = title_original if len(title_original) <= 200 else title_original[:200].rstrip() + " [...]"
    return f"{'Law' if kind == InstrumentType.special_law else 'Act'} of {state}: {short} (title not translated)"
