"""One-off helper kept for maintainers: writes the `detection:` blocks and `context:` section
into rubrics/palermo.yaml from the tables below (so the patterns are reviewed in one place).

Run: python tools/detection_patterns.py  (rewrites only the detection blocks and context).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

P = {  # criterion: (scope, en phrases, ru phrases, extra)
    "act.recruitment": ("trafficking", ["recruitment", "recruit", "enlistment"], ["вербовка", "вербовать", "наем"], {}),
    "act.transportation": ("trafficking", ["transportation", "transport", "carriage", "conveyance", "convey"],
                           ["перевозка", "перевозить", "перемещение", "транспортировка"], {}),
    "act.transfer": ("trafficking", ["transfer", "handing over", "hand over"], ["передача", "передавать"], {}),
    "act.harbouring": ("trafficking", ["harbouring", "harbour", "harbor", "shelter"],
                       ["укрывательство", "укрывать"], {}),
    "act.receipt": ("trafficking", ["receipt", "receive", "receiving"], ["получение", "получать", "прием"],
                    {"unless_near": {"en": ["payment", "benefit", "remuneration", "bribe", "consent", "income"],
                                     "ru": ["платеж", "выгода", "вознаграждение", "согласие", "доход"]},
                     "unless_window": 3}),
    "means.threat": ("trafficking", ["threat", "threaten", "menace", "intimidation"], ["угроза", "угрожать", "запугивание"], {}),
    "means.force": ("trafficking", ["use of force", "force", "violence", "violent", "physical coercion"],
                    ["применение силы", "сила", "насилие", "насильственный"],
                    {"unless_near": {"en": ["labour", "labor", "work", "marriage", "begging", "service"],
                                     "ru": ["труд", "работа", "брак"]},
                     "unless_window": 2,
                     "unless_before": {"en": ["threat", "threaten"], "ru": ["угроза", "угрожать"]},
                     "skip_before": {"en": ["of", "the", "its", "such", "a", "to", "use"],
                                     "ru": ["применение", "применить", "ее", "его", "их"]},
                     "extra_patterns": {"ru": [{"phrase": "сила или ее применение", "unless": False}],
                                        "en": [{"phrase": "threat or use of force", "unless": False}]}}),
    "means.coercion": ("trafficking", ["coercion", "coerce", "compulsion"], ["принуждение", "принуждать"],
                       {"unless_near": {"en": ["physical"], "ru": []}, "unless_window": 1}),
    "means.abduction": ("trafficking", ["abduction", "abduct", "kidnapping", "kidnap"], ["похищение", "похищать"], {}),
    "means.fraud": ("trafficking", ["fraud", "fraudulent", "fraudulently"], ["мошенничество", "мошеннический"], {}),
    "means.deception": ("trafficking", ["deception", "deceive", "deceit", "deceptive", "abuse of trust",
                                        "abuse of confidence", "false promises"],
                        ["обман", "обманный", "злоупотребление доверием", "ложное обещание"], {}),
    "means.abuse_of_power": ("trafficking", ["abuse of power", "abuse of authority", "abusing power", "misuse of power"],
                             ["злоупотребление властью", "злоупотребление полномочиями"], {}),
    "means.abuse_of_vulnerability": ("trafficking", ["position of vulnerability", "vulnerable position",
                                                     "vulnerable situation", "vulnerable state", "vulnerability",
                                                     "helpless state", "helplessness", "dependent position",
                                                     "dependence"],
                                     ["уязвимое положение", "уязвимость", "уязвимый", "беспомощное состояние",
                                      "зависимое положение", "зависимость"], {}),
    "means.payments_to_controller": ("trafficking", [], [], {"all": {
        "en": [["payment", "consent"], ["benefit", "consent"], ["bribe", "control"], ["bribing", "control"],
               ["payment", "control"], ["benefit", "control"]],
        "ru": [["платеж", "согласие"], ["выгода", "согласие"], ["подкуп", "контроль"], ["вознаграждение", "согласие"],
               ["платеж", "контроль"], ["подкуп", "согласие"]]}, "window": 14}),
    "purpose.prostitution_of_others": ("purpose", ["prostitution"], ["проституция"], {}),
    "purpose.sexual_exploitation": ("purpose", ["sexual exploitation", "sexually exploit", "sexual purposes",
                                                    "sexual services", "pornography"],
                                    ["сексуальная эксплуатация", "сексуальный цель", "порнография"], {}),
    "purpose.forced_labour": ("purpose", ["forced labour", "forced labor", "compulsory labour", "forced work",
                                              "forced services", "labour exploitation", "labor exploitation",
                                              "exploitation of labour", "forced or compulsory labour"],
                              ["принудительный труд", "принудительный работа", "трудовая эксплуатация",
                               "эксплуатация труда", "подневольный труд"], {}),
    "purpose.slavery": ("purpose", ["slavery", "slave"], ["рабство", "раб"],
                        {"unless_near": {"en": ["similar"], "ru": ["сходный"]},
                         "unless_window": 2}),
    "purpose.practices_similar_to_slavery": ("purpose", ["practices similar to slavery", "similar to slavery",
                                                             "debt bondage", "servile marriage", "serfdom",
                                                             "forced marriage", "bondage"],
                                             ["сходный с рабством", "долговая кабала", "кабала",
                                              "подневольный брак", "принудительный брак"], {}),
    "purpose.servitude": ("purpose", ["servitude", "servile state", "state of servitude"],
                          ["подневольное состояние", "подневольное положение"], {}),
    "purpose.organ_removal": ("purpose", ["removal of organs", "organ removal", "organs", "organ", "tissue",
                                              "transplantation", "transplant"],
                              ["изъятие органов", "органы или ткани", "ткань", "трансплантация"], {}),
    "child.no_means_required": ("any", [], [], {"all": {
        "en": [["child", "regardless", "means"], ["minor", "regardless", "means"], ["child", "regardless", "method"],
               ["minor", "regardless", "method"], ["child", "none", "means"], ["minor", "none", "means"],
               ["child", "irrespective", "means"], ["minor", "irrespective", "means"],
               ["child", "even", "means"], ["minor", "even", "means"], ["child", "need", "means"],
               ["minor", "without", "means"], ["child", "without", "means"]],
        "ru": [["ребенок", "независимо", "способ"], ["несовершеннолетний", "независимо", "способ"],
               ["несовершеннолетний", "применение", "способ"], ["ребенок", "применение", "способ"],
               ["ребенок", "независимо", "средство"], ["несовершеннолетний", "независимо", "средство"],
               ["ребенок", "вне", "способ"], ["несовершеннолетний", "вне", "способ"]]}, "window": 40}),
    "consent.irrelevant": ("any", [], [], {"all": {
        "en": [["consent", "irrelevant"], ["irrespective", "consent"], ["regardless", "consent"],
               ["consent", "defence"], ["consent", "defense"], ["consent", "bearing"], ["consent", "exempt"],
               ["consent", "relevance"], ["notwithstanding", "consent"], ["consent", "account"],
               ["independently", "consent"]],
        "ru": [["согласие", "значение"], ["независимо", "согласие"], ["согласие", "исключать"],
               ["согласие", "освобождать"], ["согласие", "внимание"], ["согласие", "учитываться"],
               ["вне", "согласие"], ["согласие", "учитывать"]]}, "window": 25}),
    "victim.non_punishment": ("exemption", ["liable", "liability", "exempt", "prosecute", "punish", "penalty"],
                              ["ответственность", "освобождаться", "наказание", "преследование"], {}),
    "penalty.serious_crime": ("any", [], [], {"computed": True}),
    "penalty.commensurate": ("any", [], [], {"computed": True}),
    "penalty.aggravation.child": ("aggravation", ["minor", "child", "juvenile", "person under eighteen"],
                                  ["несовершеннолетний", "ребенок", "малолетний"], {}),
    "penalty.aggravation.organised_group": ("aggravation", ["organised group", "organized group", "group of persons",
                                                            "criminal community", "criminal organisation",
                                                            "criminal organization", "criminal group"],
                                            ["организованная группа", "группа лиц", "преступное сообщество",
                                             "преступная организация", "преступная группа"], {}),
    "penalty.aggravation.official": ("aggravation", ["official position", "official capacity", "abuse of office",
                                                     "public official", "official duties", "official status",
                                                     "official powers", "official using"],
                                     ["служебное положение", "должностное лицо", "служебные полномочия"], {}),
    "penalty.aggravation.serious_harm_or_death": ("aggravation", ["death", "grave harm", "serious harm",
                                                                  "grave consequences", "serious consequences",
                                                                  "grievous harm", "grave injury",
                                                                  "serious injury", "died"],
                                                  ["смерть", "тяжкий вред", "тяжкие последствия", "гибель"], {}),
    "penalty.confiscation": ("sanction", ["confiscation", "forfeiture"], ["конфискация"], {}),
}

CONTEXT = {
    "en": {
        "trafficking_anchor": ["trafficking in persons", "trafficking in human beings", "trafficking in people",
                               "trafficking in children", "trafficking in minors", "human trafficking",
                               "traffic in persons", "trafficking of persons", "sale of a person", "purchase and sale",
                               "buying or selling a human being", "sale of a minor", "trade in minors",
                               "sale of children", "transactions in respect of a person"],
        "exploitation_anchor": ["exploitation", "exploit", "exploiting"],
        "aggravation_marker": ["same act", "same acts", "same offence", "acts provided for", "acts under part",
                               "acts specified", "if committed", "where committed", "where the offence",
                               "if the act", "if they"],
        "exemption_marker": ["not liable", "not be held liable", "not subject to liability",
                             "exempt from liability", "exempt", "released from liability",
                             "not be prosecuted", "not be punished", "not criminally liable", "not bear liability",
                             "relieved of liability", "no liability"],
        "offender_exemption": ["voluntarily", "offender", "perpetrator", "guilty person", "who committed"],
        "trafficking_victim": ["victim of trafficking", "trafficked person", "trafficked", "trafficking"],
        "protection_marker": ["protection", "assistance", "shall be provided", "safety", "rehabilitation",
                              "support", "shall receive", "compensation"],
        "filler": ["a", "an", "the", "of", "to", "in", "or", "and", "his", "her", "their", "its", "by", "for",
                   "with", "such", "other", "any", "as", "be", "on"],
    },
    "ru": {
        "trafficking_anchor": ["торговля людьми", "торговля человеком", "торговля несовершеннолетними",
                               "торговля детьми", "купля-продажа", "купля продажа", "иные сделки",
                               "сделки в отношении", "торговля", "продажа несовершеннолетнего", "продажа человека",
                               "торговлей людьми"],
        "exploitation_anchor": ["эксплуатация", "эксплуатировать"],
        "aggravation_marker": ["те же деяния", "то же деяние", "те же действия", "деяния, предусмотренные",
                               "если они совершены", "совершенные"],
        "exemption_marker": ["освобождается от ответственности", "освобождаться", "не подлежит ответственности",
                             "не несет ответственности", "не привлекается к ответственности",
                             "не подлежит наказанию", "освобождение от ответственности"],
        "offender_exemption": ["добровольно", "виновный", "лицо, совершившее"],
        "trafficking_victim": ["жертва торговли людьми", "торговля людьми", "торговля", "торговлей людьми"],
        "protection_marker": ["защита", "помощь", "предоставляется", "безопасность", "реабилитация",
                              "обеспечивается", "поддержка", "возмещение"],
        "filler": ["в", "с", "и", "или", "на", "по", "к", "от", "для", "из", "о", "а", "же", "его", "ее", "их",
                   "либо", "а равно", "иной", "иные"],
    },
}


def block(cid: str, indent: str = "    ") -> str:
    scope, en, ru, extra = P[cid]
    d: dict = {"scope": scope}
    if extra.get("computed"):
        d["computed"] = True
    for lang, phrases in (("en", en), ("ru", ru)):
        pats = [{"phrase": p} for p in phrases]
        for words in extra.get("all", {}).get(lang, []):
            pats.append({"all": words, "window": extra.get("window", 10)})
        if pats:
            d[lang] = pats
    for lang, pats in extra.get("extra_patterns", {}).items():
        d.setdefault(lang, []).extend(pats)
    if "unless_near" in extra:
        d["unless_near"] = {k: v for k, v in extra["unless_near"].items() if v}
        d["unless_window"] = extra["unless_window"]
    for key in ("unless_before", "skip_before"):
        if key in extra:
            d[key] = extra[key]
    text = yaml.safe_dump({"detection": d}, allow_unicode=True, sort_keys=False, width=120,
                          default_flow_style=None)
    return "".join(indent + line + "\n" for line in text.rstrip("\n").split("\n"))


def main(path: str = "rubrics/palermo.yaml") -> None:
    src = Path(path).read_text(encoding="utf-8")
    out = []
    current = None
    skipping = False
    for line in src.split("\n"):
        m = re.match(r"^  - id: (\S+)", line)
        if m:
            current = m.group(1)
        if skipping:
            if re.match(r"^    \S", line) or re.match(r"^  \S", line) or re.match(r"^\S", line) or not line.strip():
                skipping = False
            else:
                continue
        if re.match(r"^    detection:", line) and current in P:
            out.append(block(current).rstrip("\n"))
            skipping = not line.strip().endswith("{}")
            continue
        if line.startswith("context:"):
            skipping_ctx = True  # noqa: F841
        out.append(line)
    text = "\n".join(out)
    text = re.sub(r"\ncontext:\n(?:  .*\n|\s*\n)*?(?=\S)", "\n", text + "\n").rstrip("\n") + "\n"
    ctx = yaml.safe_dump({"context": CONTEXT}, allow_unicode=True, sort_keys=False, width=120,
                         default_flow_style=None)
    text = text.replace("\ncriteria:\n", "\n" + ctx + "\ncriteria:\n", 1)
    Path(path).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
