"""The detector on our own sentences in the style of CIS criminal codes (English and Russian)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lawcompare.cli.main import main
from lawcompare.detect.engine import DetectionResult, detect
from lawcompare.detect.text import normalise
from lawcompare.errors import LawcompareError

EN_FULL = (
    "Article 128. Trafficking in persons\n"
    "1. The recruitment, transportation, transfer, harbouring or receipt of a person by means of threat, "
    "use of force, deception or abuse of a position of vulnerability, for the purpose of sexual "
    "exploitation, forced labour or removal of organs, irrespective of the victim's consent, shall be "
    "punished by deprivation of liberty for a term of five to ten years.\n"
    "2. The same act committed against a minor shall be punished by deprivation of liberty for a term of "
    "eight to fifteen years with confiscation of property.\n"
)

RU_FULL = (
    "Статья 128. Торговля людьми\n"
    "1. Вербовка, перевозка, передача, укрывательство или получение человека путем угрозы, применения "
    "насилия или обмана в целях сексуальной эксплуатации наказывается лишением свободы на срок от пяти "
    "до десяти лет с конфискацией имущества.\n"
)


def _check_spans(text: str, result: DetectionResult) -> None:
    """Every evidence span slices the original text to exactly the reported words."""
    assert result.text == text
    for ev in result.evidence:
        assert 0 <= ev.start < ev.end <= len(text)
        assert text[ev.start:ev.end] == ev.text, ev


def _words(result: DetectionResult, criterion: str) -> list[str]:
    return [e.text for e in result.evidence if e.criterion == criterion]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", EN_FULL, {
            "act.recruitment": "recruitment",
            "act.transportation": "transportation",
            "act.transfer": "transfer",
            "act.harbouring": "harbouring",
            "act.receipt": "receipt",
            "means.threat": "threat",
            "means.force": "use of force",
            "means.deception": "deception",
            "means.abuse_of_vulnerability": "position of vulnerability",
            "purpose.sexual_exploitation": "sexual exploitation",
            "purpose.forced_labour": "forced labour",
            "purpose.organ_removal": "removal of organs",
            "consent.irrelevant": "irrespective of the victim's consent",
            "penalty.aggravation.child": "minor",
            "penalty.confiscation": "confiscation",
        }),
        ("ru", RU_FULL, {
            "act.recruitment": "Вербовка",
            "act.transportation": "перевозка",
            "act.transfer": "передача",
            "act.harbouring": "укрывательство",
            "act.receipt": "получение",
            "means.threat": "угрозы",
            "means.force": "насилия",
            "means.deception": "обмана",
            "purpose.sexual_exploitation": "сексуальной эксплуатации",
            "penalty.confiscation": "конфискацией",
        }),
    ],
)
def test_elements_found_with_spans(lang: str, text: str, expected: dict[str, str]) -> None:
    result = detect(text, lang=lang)
    _check_spans(text, result)
    for crit, words in expected.items():
        assert words in _words(result, crit), (crit, _words(result, crit))
    # nothing beyond what the text says
    assert result.ids() == set(expected)


@pytest.mark.parametrize(
    ("lang", "text", "present", "absent"),
    [
        # victim of trafficking not liable for prostitution: non-punishment, not a purpose
        ("en", "Article 128. Trafficking in persons\nNote. A victim of trafficking in persons shall not be "
               "liable for prostitution or for illegal crossing of the border committed as a result of being "
               "trafficked.\n",
         {"victim.non_punishment"}, {"purpose.prostitution_of_others", "act.transportation"}),
        ("ru", "Статья 128. Торговля людьми\nПримечание. Жертва торговли людьми освобождается от "
               "ответственности за занятие проституцией.\n",
         {"victim.non_punishment"}, {"purpose.prostitution_of_others"}),
        # consent irrelevant
        ("en", "Article 128. Trafficking in persons\n1. The recruitment of a person for the purpose of "
               "exploitation, irrespective of the victim's consent, shall be punished.\n",
         {"consent.irrelevant", "act.recruitment"}, set()),
        ("ru", "Статья 128. Торговля людьми\n1. Вербовка человека в целях эксплуатации независимо от "
               "согласия потерпевшего наказывается лишением свободы.\n",
         {"consent.irrelevant", "act.recruitment"}, set()),
    ],
)
def test_context_cases(lang: str, text: str, present: set[str], absent: set[str]) -> None:
    result = detect(text, lang=lang)
    _check_spans(text, result)
    assert present <= result.ids(), result.ids()
    assert not (absent & result.ids()), result.ids()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # smuggling / illegal migration
        ("en", "Article 330. Organisation of illegal migration\n1. Organising the illegal transportation of "
               "foreign citizens across the state border, their harbouring and the transfer of them for profit "
               "shall be punished by deprivation of liberty for up to three years.\n"),
        ("ru", "Статья 330. Организация незаконной миграции\n1. Организация незаконной перевозки иностранных "
               "граждан через государственную границу, их укрывательство с целью наживы наказывается "
               "лишением свободы на срок до трех лет.\n"),
        # drug trafficking
        ("en", "Article 259. Illegal trafficking in narcotic drugs\n1. The illegal acquisition, "
               "transportation, transfer or sale of narcotic drugs shall be punished by deprivation of "
               "liberty for up to five years.\n"),
        ("ru", "Статья 259. Незаконный оборот наркотических средств\n1. Незаконное приобретение, перевозка "
               "или передача наркотических средств наказывается лишением свободы на срок до пяти лет.\n"),
    ],
)
def test_non_trafficking_offences_yield_no_act(lang: str, text: str) -> None:
    result = detect(text, lang=lang)
    acts = {i for i in result.ids() if i.startswith(("act.", "means.", "purpose."))}
    assert acts == set()
    assert result.penalties  # the sanction is still read


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Article 128. Trafficking in persons\n3. Victims of trafficking in persons shall receive "
               "protection and assistance, including safety from threats, deception and violence.\n"),
        ("ru", "Статья 128. Торговля людьми\n3. Жертвам торговли людьми предоставляется защита и помощь, "
               "включая безопасность от угроз, обмана и насилия.\n"),
    ],
)
def test_victim_protection_words_are_not_means(lang: str, text: str) -> None:
    result = detect(text, lang=lang)
    assert not {i for i in result.ids() if i.startswith("means.")}, result.ids()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Article 128. Trafficking in persons\nNote. A person who voluntarily released the victim of "
               "trafficking in persons shall be exempt from criminal liability.\n"),
        ("ru", "Статья 128. Торговля людьми\nПримечание. Лицо, добровольно освободившее жертву торговли "
               "людьми, освобождается от уголовной ответственности.\n"),
    ],
)
def test_offender_exemption_is_not_non_punishment(lang: str, text: str) -> None:
    result = detect(text, lang=lang)
    assert "victim.non_punishment" not in result.ids()


def test_en_non_punishment_span_is_in_the_clause() -> None:
    text = ("Article 128. Trafficking in persons\nNote. A victim of trafficking in persons shall not be liable "
            "for prostitution committed as a result of being trafficked.\n")
    result = detect(text, lang="en")
    (ev,) = [e for e in result.evidence if e.criterion == "victim.non_punishment"]
    clause_start = text.index("Note.")
    assert clause_start <= ev.start < ev.end <= len(text)
    assert text[ev.start:ev.end] == ev.text


@pytest.mark.parametrize(
    ("lang", "text", "criterion", "words"),
    [
        ("en", "Article 128. Trafficking in persons\n1. The recrutment of a person for the purpose of "
               "exploitation shall be punished.\n", "act.recruitment", "recrutment"),
        # Latin "a" at the end of a Cyrillic word
        ("ru", "Статья 128. Торговля людьми\n1. Вербовкa человека в целях эксплуатации наказывается "
               "лишением свободы.\n", "act.recruitment", "Вербовкa"),
        # line-break hyphenation
        ("ru", "Статья 128. Торговля людьми\n1. Вербовка или пере-\nвозка человека в целях эксплуатации "
               "наказывается лишением свободы.\n", "act.transportation", "пере-\nвозка"),
        ("en", "Article 128. Trafficking in persons\n1. The recruitment or transpor-\ntation of a person for the "
               "purpose of exploitation shall be punished.\n", "act.transportation", "transpor-\ntation"),
    ],
)
def test_ocr_damage_still_found_with_original_spans(lang: str, text: str, criterion: str, words: str) -> None:
    result = detect(text, lang=lang)
    _check_spans(text, result)
    evs = [e for e in result.evidence if e.criterion == criterion]
    assert [e.text for e in evs] == [words]
    assert evs[0].start == text.index(words)


def test_fuzzy_flag_on_misspelling_only() -> None:
    text = ("Article 128. Trafficking in persons\n1. The recrutment or transportation of a person for the "
            "purpose of exploitation shall be punished.\n")
    by = detect(text, lang="en").by_criterion()
    assert by["act.recruitment"][0].fuzzy is True
    assert by["act.transportation"][0].fuzzy is False


def test_normalise_offsets_map_back() -> None:
    original = "Вербовкa и пере-\nвозка «людей» — ёлка"
    doc = normalise(original)
    assert "вербовка" in doc.text.lower() and "перевозка" in doc.text
    assert "ё" not in doc.text and "—" not in doc.text
    i = doc.text.index("перевозка")
    start, end = doc.to_original(i, i + len("перевозка"))
    assert original[start:end] == "пере-\nвозка"


def test_penalties_in_detection_result() -> None:
    result = detect(EN_FULL, lang="en")
    assert [(p.part, p.min_years, p.max_years, p.confiscation) for p in result.penalties] == [
        ("1", 5.0, 10.0, False), ("2", 8.0, 15.0, True)]


def test_as_json_shape_and_order(palermo) -> None:
    data = detect(EN_FULL, lang="en").as_json(order=palermo.ids())
    ids = [c["id"] for c in data["criteria"]]
    assert ids == [i for i in palermo.ids() if i in set(ids)]
    assert ids[0] == "act.recruitment"


def test_unsupported_language() -> None:
    with pytest.raises(LawcompareError, match="unsupported language"):
        detect("Article 1. Text", lang="de")


def test_non_string_input() -> None:
    with pytest.raises(LawcompareError):
        detect(b"bytes", lang="en")  # type: ignore[arg-type]


def test_empty_text() -> None:
    result = detect("", lang="en")
    assert result.evidence == [] and result.penalties == []


# --- CLI -------------------------------------------------------------------------------------


def test_cli_detect_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "article.txt"
    f.write_text(RU_FULL, encoding="utf-8")
    rc = main(["detect", str(f), "--lang", "ru", "--format", "json"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    data = json.loads(out)  # exactly one JSON object, nothing else on stdout
    assert isinstance(data, dict) and set(data) == {"criteria", "penalties"}
    assert data["criteria"]
    for c in data["criteria"]:
        assert set(c) == {"id", "spans"}
        for s in c["spans"]:
            assert set(s) == {"start", "end", "text"}
            assert RU_FULL[s["start"]:s["end"]] == s["text"]
    assert any(c["id"] == "act.recruitment" and c["spans"][0]["text"] == "Вербовка" for c in data["criteria"])
    assert data["penalties"] == [
        {"part": "1", "min_years": 5.0, "max_years": 10.0, "life": False, "confiscation": True}]


def test_cli_detect_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "article.txt"
    f.write_text(EN_FULL, encoding="utf-8")
    rc = main(["detect", str(f)])
    out, _err = capsys.readouterr()
    assert rc == 0
    assert "act.recruitment" in out and "'recruitment'" in out
    assert "part 1: 5 to 10 years" in out


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"Article 128.\x00\x01 binary", "NUL"),
        ("Статья 128. Торговля людьми\nвторая строка ".encode("cp1251"), "UTF-8"),
    ],
)
def test_cli_detect_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes,
                              needle: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    rc = main(["detect", str(f), "--lang", "ru", "--format", "json"])
    out, err = capsys.readouterr()
    assert rc == 1
    assert out == ""
    assert err.startswith("error: ") and str(f) in err and needle in err
    assert "Traceback" not in err


def test_cli_detect_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["detect", str(tmp_path / "absent.txt")])
    _out, err = capsys.readouterr()
    assert rc == 1 and "cannot read" in err


def test_cli_detect_unsupported_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Article 1.", encoding="utf-8")
    rc = main(["detect", str(f), "--lang", "de"])
    _out, err = capsys.readouterr()
    assert rc == 2 and "de" in err


# --- fast paths: each must give what the plain spaCy / regex way gives ------------------------

_WORDS = ["aa", "bb", "cc", "dd"]


@lru_cache(maxsize=1)
def _blank_en():  # type: ignore[no-untyped-def]
    import spacy

    nlp = spacy.blank("en")
    for w in _WORDS:
        nlp.vocab[w].norm_ = w  # the lemma of each made-up word is itself
    return nlp


def _gap_pattern(lemmas: list[str], gap: int) -> list[dict[str, object]]:
    """The spaCy Matcher pattern of a gapped phrase, as the rubric format defines it."""
    pattern: list[dict[str, object]] = []
    for j, lemma in enumerate(lemmas):
        if j and gap:
            pattern.append({"OP": f"{{0,{gap}}}", "IS_PUNCT": False})
        pattern.append({"NORM": lemma})
    return pattern


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.sampled_from([*_WORDS, ",", "."]), max_size=24),
       phrases=st.lists(st.tuples(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3),
                                  st.integers(0, 3), st.sampled_from(["x", "y", None])), min_size=1, max_size=7))
def test_anchored_matcher_finds_what_spacys_matcher_finds(words: list[str],
                                                          phrases: list[tuple[list[str], int, str | None]]) -> None:
    from spacy.attrs import NORM, ORTH
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

    from lawcompare.detect.anchored import AnchoredMatcher

    nlp = _blank_en()
    anchored, reference = AnchoredMatcher(nlp.vocab), Matcher(nlp.vocab)
    rank_of: dict[int, str | None] = {}
    for i, (lemmas, gap, rank) in enumerate(phrases):
        anchored.add(f"p{i}", lemmas, gap, rank=rank)
        reference.add(f"p{i}", [_gap_pattern(lemmas, gap)])
        rank_of[nlp.vocab.strings[f"p{i}"]] = rank
    doc = Doc(nlp.vocab, words=words)
    got = anchored(doc, doc.to_array(NORM).tolist(), doc.to_array(ORTH).tolist())
    want = reference(doc)
    assert sorted(got) == sorted(want)

    def order_on_shared_spans(matches: list[tuple[int, int, int]]) -> dict[tuple[int, int, str], list[int]]:
        out: dict[tuple[int, int, str], list[int]] = {}
        for match_id, start, end in matches:
            rank = rank_of[match_id]
            if rank is not None:
                out.setdefault((start, end, rank), []).append(match_id)
        return out

    # where phrases of one rank share a span, the first listed is reported: same order as spaCy's
    assert order_on_shared_spans(got) == order_on_shared_spans(want)


class _SpacyMatchers:
    """The palermo rubric's phrases for one language in spaCy's own Matcher (run over the whole
    text) and the compiled PhraseMatcher: what the detector's lemma index must agree with."""

    def __init__(self, det) -> None:  # type: ignore[no-untyped-def]
        from spacy.matcher import Matcher

        from lawcompare.detect.compile import CONTEXT_LISTS, CTX_PREFIX, pattern_lemmas
        from lawcompare.detect.lemmas import lemmatizer

        self.det, nlp, lang = det, det.comp.nlp, det.lang
        lem, words = lemmatizer(lang), det.rubric.context[lang]
        fillers = {lem.lemma(w) for w in words.filler} | set(words.filler)
        self.matcher = Matcher(nlp.vocab)
        self.phrases: dict[str, tuple[str, str, bool]] = {}  # label -> (owner, pattern, unless)

        def add(label: str, owner: str, phrase: str, gap: int, description: str, unless: bool) -> None:
            lemmas = pattern_lemmas(phrase, lang, lem, nlp, fillers)
            if not lemmas or len(lemmas) == 1 and len(nlp.make_doc(lemmas[0])) == 1:
                return  # one word: the phrase matcher's job
            self.matcher.add(label, [_gap_pattern(lemmas, gap)])
            self.phrases[label] = (owner, description, unless)

        for c in det.rubric.criteria:
            for i, pat in enumerate(c.detection.patterns(lang)):
                if pat.phrase is not None:
                    add(f"{c.id}#{i}", c.id, pat.phrase, pat.gap, pat.describe(), pat.unless)
        for name in CONTEXT_LISTS:
            for j, phrase in enumerate(getattr(words, name)):
                add(f"{CTX_PREFIX}{name}#{j}", CTX_PREFIX + name, phrase, 2, "", True)
        self.ctx_prefix = CTX_PREFIX

    def __call__(self, doc):  # type: ignore[no-untyped-def]
        strings, comp = doc.vocab.strings, self.det.comp
        found = [(strings[m], s, e) for m, s, e in self.matcher(doc)]
        found += [(strings[m], s, e) for m, s, e in comp.phrase_matcher(doc)]
        raw, ctx = [], {}
        for label, start, end in found:
            if label in self.phrases:
                owner, description, unless = self.phrases[label]
            else:
                cp = comp.phrases[label]
                owner, description, unless = cp.criterion, cp.description, cp.unless
            if owner.startswith(self.ctx_prefix):
                ctx.setdefault(owner[len(self.ctx_prefix):], set()).add(doc[start].idx)
            else:
                raw.append((owner, start, end, description, unless))
        return raw, ctx


def _patterns_by_span(raw: list[tuple[str, int, int, str, bool]]) -> dict[tuple[str, int, int], list[tuple[str, bool]]]:
    """Per (criterion, span): the patterns in order, each unless rule once (a later pattern with the
    same criterion, span and unless rule can never be the one reported)."""
    out: dict[tuple[str, int, int], list[tuple[str, bool]]] = {}
    for criterion, start, end, description, unless in raw:
        here = out.setdefault((criterion, start, end), [])
        if unless not in {u for _d, u in here}:
            here.append((description, unless))
    return out


def _real_texts(corpus, lang: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Statute wording of the right language: the bundled corpus (English) and the gold sets."""
    from lawcompare.io.yaml import load_file

    data = Path(__file__).parent.parent / "benchmarks" / "data"
    texts = {item["text"] for name in (f"gold_{lang}.yaml", f"heldout_{lang}.yaml")
             for item in load_file(data / name).data}
    if lang == "en":
        texts |= {p.text for rec in corpus.records for p in rec.iter_provisions() if p.text}
    return sorted(texts | {EN_FULL if lang == "en" else RU_FULL})


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_lemma_index_loses_no_match_on_real_texts(corpus, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Matching only where a phrase's first lemma is, through one index of lemmas, finds the same
    phrase matches (and on a shared span the same first pattern) and the same context words as
    spaCy's matchers over the whole text, on every provision of the corpus and the gold sets."""
    from lawcompare.detect.engine import Detector, _Tokens
    from lawcompare.rubric.load import load_rubric

    det = Detector(load_rubric("palermo"), lang)
    reference = _SpacyMatchers(det)
    texts = _real_texts(corpus, lang)
    assert len(texts) > 40
    matched = 0
    for text in texts:
        doc = det.comp.nlp.make_doc(normalise(text).text)
        toks = _Tokens(doc, det._COLUMNS)
        det._prepare(toks.orths)
        toks.norms = doc.to_array(det._NORM).tolist()
        raw, ctx, _cooc = det._matches(doc, toks)
        want_raw, want_ctx = reference(doc)
        assert _patterns_by_span([(r[0], r[1], r[2], r[3], r[5]) for r in raw]) == _patterns_by_span(want_raw)
        assert {name: set(offsets) for name, offsets in ctx.items()} == want_ctx
        matched += any(r[2] - r[1] > 1 for r in raw)
    assert matched > 20  # gapped phrases were found, so the comparison means something


_TEXT_PIECES = ["a", "b", "Ab", "xyz", "word", " ", "  ", "1", "12", ".", ";", "!", "?", ":", ",", "\n", "\t", "-",
                "Art", "Art.", "Article 5", "Статья 7", "ст.", "ё", "Ё", "\u00a0", "«", "»", "—", "\r", "\u00ad",
                "\u200b", "пере-\nвозка", "transpor-\ntation", "Вербовкa", "\n.", "1)", "Part 2", "2. ",
                "\r\n", "\x1c", "\u2028", " Art. 3", "\u00a0Статья 2", "\u1c83т. 4", "ARTICLE 9"]
texts_from_pieces = st.lists(st.sampled_from(_TEXT_PIECES), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(texts_from_pieces)
@example("Статья 1. Торговля людьми\nᲃт. 2. Иное\n1. Текст.\n\u2028ARTICLE 3\r\n Art. 4 x\n\n.")
def test_layout_places_words_in_the_sentences_and_articles_of_the_splits(text: str) -> None:
    import re

    from lawcompare.detect.text import Layout, articles, sentences

    sents, arts = sentences(text), articles(text)
    # the whole-text split is the general one (which clips its look-behind at `start`) shifted
    assert [(s.start - 1, s.end - 1) for s in sentences(" " + text, 1)] == [(s.start, s.end) for s in sents]
    words = [i for i, ch in enumerate(text) if not ch.isspace()]
    layout = Layout(text)
    numbers, article_idx = layout.sentence_of(words), layout.article_of(words)
    holding = [next(k for k, s in enumerate(sents) if s.start <= i < s.end) for i in words]
    # one number per sentence, different sentences different numbers
    assert len(set(zip(holding, numbers, strict=True))) == len(set(holding)) == len(set(numbers))
    assert article_idx == [next(k for k, a in enumerate(arts) if a.start <= i < a.end) for i in words]
    # articles start at every line (but the first) that opens with an article heading
    starts, pos = [0], 0
    for line in text.splitlines(keepends=True):
        if pos and re.match(r"\s*(?:Article|Art\.|Статья|Ст\.)\s*\d", line, re.I):
            starts.append(pos)
        pos += len(line)
    assert [a.start for a in arts] == (starts if text else [])


def _normalise_by_character(original: str) -> tuple[str, list[int]]:
    """Normalisation done the slow, obvious way: character by character."""
    import re

    from lawcompare.detect.text import _CHAR_MAP, _HYPHEN_BREAK, _LATIN_TO_CYR

    removed = {m.start(): m.end() for m in _HYPHEN_BREAK.finditer(original)}
    out, offsets, i = [], [], 0
    while i < len(original):
        if i in removed:
            i = removed[i]
            continue
        rep = _CHAR_MAP.get(original[i], original[i])
        if rep:
            out.append(rep)
            offsets.append(i)
        i += 1

    def fold(m: re.Match[str]) -> str:
        w = m.group(0)
        mixed = re.search(r"[а-яА-ЯёЁ]", w) and re.search(r"[A-Za-z]", w)
        return w.translate(_LATIN_TO_CYR) if mixed else w

    return re.sub(r"[A-Za-zА-Яа-яЁё]+", fold, "".join(out)), offsets


@settings(max_examples=500, deadline=None)
@given(texts_from_pieces)
def test_normalise_fast_paths_agree_with_character_by_character(text: str) -> None:
    doc = normalise(text)
    want_text, want_offsets = _normalise_by_character(text)
    assert doc.text == want_text
    assert list(doc.offsets) == want_offsets


def test_normalise_plain_ascii_tab_and_carriage_return() -> None:
    original = "Article 5.\tThe recruitment\r\nof a person"
    doc = normalise(original)
    assert doc.text == "Article 5. The recruitment\nof a person"
    i = doc.text.index("person")
    assert doc.to_original(i, i + 6) == (original.index("person"), len(original))


_RANGE_PIECES = ["from ", "of ", "between ", " ", "five", "5", "1.5", "7,5", " to ", "-", " and ", "through",
                 " years", " year", " months", "(", ")", "(five)", " and a half", "ten", "often", "twenty",
                 "twenty-five", "twenty five", "seventeen", "seven", "one", "someone", "\n", "weight", "٣", "x"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_RANGE_PIECES), max_size=14).map("".join))
@example("for a term of 5 and a half to ten years")
@example("of one and a half (1.5) years to two years and six months")
@example("between twenty five and thirty years; from 3 to 7,5 years")
def test_split_number_patterns_match_like_the_plain_ones(window: str) -> None:
    import re

    from lawcompare.detect import penalties as pen

    def groups(matches):  # type: ignore[no-untyped-def]
        return [(m["lo"], m["lounit"], m["hi"], m["unit"], m.end()) for m in matches]

    # the range pattern searched from the first number finds what the whole pattern finds
    assert groups(pen._en_ranges(window)) == groups(pen._EN_RANGE.finditer(window))
    # number words grouped by first letter match as the flat list of alternatives does
    flat = re.compile(r"(?:(?:\d+(?:[.,]\d+)?|twenty[- ]five|"
                      + "|".join(sorted(pen._EN_NUM, key=len, reverse=True)) + r")(?: and a half)?)")
    assert [m.span() for m in re.finditer(pen._EN_NUMBER, window)] == [m.span() for m in flat.finditer(window)]


def _penalties_part_by_part(text: str, lang: str) -> list[dict[str, object]]:
    """Each part's sanction read on its own (lower-cased separately), as extract_part does."""
    from lawcompare.detect.penalties import extract_part
    from lawcompare.detect.text import articles, parts

    ndoc = normalise(text)
    out = []
    for art in articles(ndoc.text):
        for seg in parts(ndoc.text, art.start, art.end):
            pen = extract_part(ndoc.text[seg.start:seg.end], lang, seg.label)
            if pen is not None:
                start, end = ndoc.to_original(seg.start + pen.start, seg.end)
                out.append(pen.as_json() | {"start": start, "end": end})
    return out


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_penalties_read_from_the_whole_text_as_part_by_part(corpus, lang: str) -> None:  # type: ignore[no-untyped-def]
    texts = _real_texts(corpus, lang)
    found = 0
    for text in texts:
        got = [p.as_json() | {"start": p.start, "end": p.end} for p in detect(text, lang=lang).penalties]
        assert got == _penalties_part_by_part(text, lang), text
        found += len(got)
    assert found > 40
    # İ lower-cases to two characters: the part-by-part reading is used, with the same result
    text = "Article 1. İstanbul\n1. Recruitment shall be punished by imprisonment for five years.\n"
    assert [p.as_json() for p in detect(text).penalties] == [
        {"part": "1", "min_years": 5.0, "max_years": 5.0, "life": False, "confiscation": False}]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_context_list_reaches_the_detector(lang: str) -> None:
    """Each context list of the bundled rubric (all but the filler words) is compiled into the
    detector's matchers, so a list added to the rubric format cannot be silently ignored."""
    from lawcompare.detect.compile import CTX_PREFIX, compile_rubric
    from lawcompare.rubric.load import load_rubric
    from lawcompare.rubric.models import ContextWords

    comp = compile_rubric(load_rubric("palermo"), lang)
    compiled = {label[len(CTX_PREFIX):].split("#")[0] for label in comp.phrases if label.startswith(CTX_PREFIX)}
    assert compiled == set(ContextWords.model_fields) - {"filler"}


def test_tolerant_matches_are_the_same_in_every_process() -> None:
    """The misspelt-word table must not depend on string hashing (it differs between runs)."""
    import subprocess
    import sys

    code = ("from lawcompare import detect; import json; "
            "print(json.dumps(detect('Статья 1. Торговля людьми\\nВербовkа и перевозкa человека в целях "
            "эксплуатации', lang='ru').as_json(), ensure_ascii=False))")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3", "4")}
    assert len(outputs) == 1
    assert "act.recruitment" in outputs.pop()


def _tokens(nlp, text: str) -> list[tuple[str, int, str, str]]:  # type: ignore[no-untyped-def]
    return [(t.text, t.idx, t.whitespace_, t.norm_) for t in nlp.make_doc(text)]


@lru_cache(maxsize=4)
def _pipelines(lang: str):  # type: ignore[no-untyped-def]
    import spacy

    from lawcompare.detect.compile import blank_pipeline

    return spacy.blank(lang), blank_pipeline(lang)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_detector_tokenizer_makes_the_stock_tokens_on_real_texts(corpus, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The detector's tokenizer drops the line-break, tab and space special cases (which stop spaCy
    caching a text's words): every token, offset and trailing space is the stock pipeline's, on
    every real text, also with doubled blanks and tabs, and twice over (the second time from cache)."""
    stock, own = _pipelines(lang)
    assert len(own.tokenizer.rules) == len(stock.tokenizer.rules) - 3  # "\n", "\t", " "; the others kept
    assert "\u00a0" in own.tokenizer.rules  # sets its own norm: kept
    texts = _real_texts(corpus, lang)
    variants = [v for t in texts for v in (t, t.replace(" ", "  "), t.replace("\n", "\n\n \t"), "\n" + t)]
    with_breaks = 0
    for _ in range(2):
        for text in variants:
            assert _tokens(own, text) == _tokens(stock, text)
            with_breaks += "\n" in text
    assert with_breaks > 100


@settings(max_examples=300, deadline=None)
@given(text=texts_from_pieces, lang=st.sampled_from(["en", "ru"]))
def test_detector_tokenizer_makes_the_stock_tokens_on_any_text(text: str, lang: str) -> None:
    stock, own = _pipelines(lang)
    assert _tokens(own, text) == _tokens(stock, text)
