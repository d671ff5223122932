"""The detector: rubric patterns over lemmatised text, filtered by legal context.

Steps for one text:

1. normalise (:mod:`lawcompare.detect.text`) and tokenize with a blank spaCy pipeline;
2. give each new word form its lemma (cached per word form as the lexeme's NORM, so a doc's
   lemmas are read at once as integers with ``Doc.to_array``); unknown words close to a rubric
   term (OCR damage, misspellings) get that term's lemma through rapidfuzz, and are flagged;
3. one pass over the lemmas (:mod:`lawcompare.detect.index`): one-word phrases, context words,
   and, where a lemma starts gapped phrases, those phrases (:mod:`lawcompare.detect.anchored`);
   then the co-occurrence patterns, within a sentence;
4. keep a match only where its scope allows it (:mod:`lawcompare.detect.scope`): trafficking
   elements only inside an article that concerns trafficking and outside victim-protection and
   exemption clauses; aggravations only after an aggravation marker in the same part;
   non-punishment only in a clause that exempts a trafficking victim and is not an offender's
   exemption;
5. read each part's sanction (:mod:`lawcompare.detect.penalties`).

Articles, parts and sentences are split once per text, when first needed (:class:`Layout`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from lawcompare.detect.compile import Compiled, compile_rubric
from lawcompare.detect.index import Tables, build_tables
from lawcompare.detect.lemmas import lemmatizer
from lawcompare.detect.penalties import PartPenalty, part_penalties
from lawcompare.detect.scope import Raw, keep_in_scope
from lawcompare.detect.text import Document, Layout, normalise
from lawcompare.rubric.load import load_rubric
from lawcompare.rubric.models import Rubric

FUZZY_CUTOFF = {"en": 85.0, "ru": 85.0}
# OCR confusions tried before fuzzy matching: digit/letter and letter-pair look-alikes ("orqans")
OCR_SWAPS = (("0", "o"), ("1", "l"), ("1", "i"), ("rn", "m"), ("i", "l"), ("l", "i"), ("q", "g"),
             ("3", "з"), ("0", "о"))
FUZZY_MIN_LEN = 6


@dataclass(frozen=True)
class Evidence:
    """One match: the criterion, where it is (original-text offsets), the words, and why."""

    criterion: str
    start: int
    end: int
    text: str
    pattern: str
    fuzzy: bool = False

    def as_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text, "pattern": self.pattern,
                "fuzzy": self.fuzzy}


@dataclass
class DetectionResult:
    text: str
    lang: str
    rubric: str
    evidence: list[Evidence] = field(default_factory=list)
    penalties: list[PartPenalty] = field(default_factory=list)

    def ids(self) -> set[str]:
        return {e.criterion for e in self.evidence}

    def by_criterion(self) -> dict[str, list[Evidence]]:
        out: dict[str, list[Evidence]] = defaultdict(list)
        for e in self.evidence:
            out[e.criterion].append(e)
        return dict(out)

    def as_json(self, order: list[str] | None = None) -> dict[str, object]:
        grouped = self.by_criterion()
        ids = [i for i in (order or sorted(grouped)) if i in grouped]
        return {
            "criteria": [{"id": cid, "spans": [e.as_json() for e in grouped[cid]]} for cid in ids],
            "penalties": [p.as_json() for p in self.penalties],
        }


class Detector:
    """A rubric compiled for one language. Build once, call :meth:`detect` many times."""

    def __init__(self, rubric: Rubric, lang: str) -> None:
        self.rubric = rubric
        self.lang = lang
        self.comp: Compiled = compile_rubric(rubric, lang)
        self.lem = lemmatizer(lang)
        self._seen: set[int] = set()
        self._fuzzy: set[int] = set()
        self._fuzzy_choices = list(self.comp.fuzzy_vocab)
        from spacy.attrs import IDX, LENGTH, NORM, ORTH

        self._NORM = NORM
        self._COLUMNS = [ORTH, NORM, IDX, LENGTH]
        self.tables: Tables = build_tables(rubric, self.comp)

    # -- lemmas ---------------------------------------------------------------------------
    def _prepare(self, orths: list[int]) -> None:
        """Give each word form not seen before its lemma, stored as the lexeme's NORM."""
        seen = self._seen
        new = set(orths) - seen
        if not new:
            return
        vocab = self.comp.nlp.vocab  # type: ignore[attr-defined]
        for orth in new:
            seen.add(orth)
            lex = vocab[orth]
            word = lex.orth_
            if not any(ch.isalpha() for ch in word):
                continue
            lemma = self.lem.lemma(word)
            # a short word is tried only for OCR look-alikes ("p0wer"), never for misspellings
            if (lemma not in self.comp.term_lemmas and word.isalnum()
                    and (len(word) >= FUZZY_MIN_LEN or (len(word) >= 4 and not word.isalpha()))
                    and not word.isdigit() and self._fuzzy_choices and not self.lem.known(word)):
                fixed = self._fuzzy_lemma(word.lower())
                if fixed:
                    lemma = fixed
                    self._fuzzy.add(orth)
            lex.norm_ = lemma

    def _fuzzy_lemma(self, word: str) -> str | None:
        from rapidfuzz import fuzz, process

        for a, b in OCR_SWAPS:
            if a in word:
                fixed = word.replace(a, b)
                lemma = self.lem.lemma(fixed)
                if fixed in self.comp.fuzzy_vocab or lemma in self.comp.term_lemmas:
                    return self.comp.fuzzy_vocab.get(fixed, lemma)
        if not word.isalpha():
            return None
        hit = process.extractOne(word, self._fuzzy_choices, scorer=fuzz.ratio,
                                 score_cutoff=FUZZY_CUTOFF[self.lang])
        if hit is None or hit[0][:2] != word[:2] and hit[0][-2:] != word[-2:]:
            return None
        return self.comp.fuzzy_vocab[hit[0]]

    # -- detection ------------------------------------------------------------------------
    def detect(self, text: str) -> DetectionResult:
        ndoc = normalise(text)
        doc = self.comp.nlp.make_doc(ndoc.text)  # type: ignore[attr-defined]
        toks = _Tokens(doc, self._COLUMNS)
        if not self._seen.issuperset(toks.orths):
            self._prepare(toks.orths)
            toks.norms = doc.to_array(self._NORM).tolist()  # the new word forms' lemmas
        layout = Layout(ndoc.text)
        raw, ctx, cooc = self._matches(doc, toks)
        if cooc:
            raw.extend(self._cooccurrences(toks, layout, cooc))
        evidence = self._filter(raw, doc, toks, ndoc, layout, ctx) if raw else []
        pens = self._penalties(ndoc, layout)
        return DetectionResult(text=text, lang=self.lang, rubric=self.rubric.id, evidence=evidence,
                               penalties=pens)

    def _matches(self, doc, toks: _Tokens) -> tuple[list[Raw], dict[str, list[int]], dict[int, list[int]]]:  # type: ignore[no-untyped-def]
        """One pass over the lemmas: the phrase matches (gapped ones first, then one-word ones, as
        spaCy's Matcher and PhraseMatcher would list them), the offsets where the words of each
        context list start, and the tokens of each lemma that a co-occurrence pattern uses.

        A phrase repeating an earlier one's criterion, lemmas and unless rule is left out: it
        matches the same words and only the first would be reported."""
        norms, orths, idxs = toks.norms, toks.orths, toks.idxs
        fuzzy = self._fuzzy
        gapped: list[tuple[int, int, int]] = []  # (match id, start, end), as spaCy's Matcher gives them
        single: list[Raw] = []  # one-word phrase matches
        ctx: dict[str, list[int]] = defaultdict(list)
        cooc: dict[int, list[int]] = {}
        index = self.tables.lemma_index
        match_at = self.comp.matcher.match_at
        for i, norm in enumerate(norms):
            if norm not in index:
                continue
            contexts, words, group, in_cooc = index[norm]
            # a gapped phrase needs its second lemma close after the anchor: test that first
            if group is not None and (group.single or not group.second.isdisjoint(norms[i + 1:i + 1 + group.reach])):
                match_at(doc, norms, orths, i, group, gapped)
            for name in contexts:
                ctx[name].append(idxs[i])
            if words:
                fz = bool(fuzzy) and orths[i] in fuzzy
                for criterion, description, unless in words:
                    single.append((criterion, i, i + 1, description, fz, unless))
            if in_cooc:
                cooc.setdefault(norm, []).append(i)
        raw: list[Raw] = []
        by_id = self.tables.by_id
        shadowed = self.tables.shadowed
        for match_id, start, end in gapped:
            if match_id in shadowed:
                continue
            cp = by_id[match_id]
            if cp.context is not None:
                ctx[cp.context].append(idxs[start])
            else:
                fz = bool(fuzzy) and any(orths[i] in fuzzy for i in range(start, end))
                raw.append((cp.criterion, start, end, cp.description, fz, cp.unless))
        raw += single
        return raw, ctx, cooc

    def _cooccurrences(self, toks: _Tokens, layout: Layout, positions: dict[int, list[int]]) -> list[Raw]:
        """Matches of the ``all`` patterns: every lemma within the window, in one sentence (or part;
        or, for ``within: heading``, the first lemma in the article's heading and the others in a part).

        ``positions``: the tokens of each co-occurrence lemma in the text."""
        out: list[Raw] = []
        sent_of: dict[int, int] = {}  # token -> sentence number, for the tokens looked at
        part_of: dict[int, int] = {}  # token -> start of its part
        idxs = toks.idxs

        def sentence(token: int) -> int:
            found = sent_of.get(token)
            if found is None:
                found = sent_of[token] = layout.sentence_of([idxs[token]])[0]
            return found

        def article(token: int) -> int:
            return layout.article_of([idxs[token]])[0]

        def part(token: int) -> int:
            found = part_of.get(token)
            if found is None:
                found = part_of[token] = layout.part_at(article(token), idxs[token]).start
            return found

        def first_match(lists: list[list[int]], window: int, unit, anchors=None) -> list[int] | None:  # type: ignore[no-untyped-def]
            for anchor in lists[0]:
                if anchors is not None and not anchors(anchor):
                    continue
                chosen = [anchor]
                for other in lists[1:]:
                    # tokens of the other lemma within the window (lists are in text order), in the unit
                    inside = other[bisect_left(other, anchor - window):bisect_right(other, anchor + window)]
                    if not inside:
                        break
                    here = unit(anchor)
                    near = [p for p in inside if unit(p) == here]
                    if not near:
                        break
                    chosen.append(min(near, key=lambda p: abs(p - anchor)))
                else:
                    return chosen
            return None

        def heading_match(lists: list[list[int]], window: int) -> list[int] | None:
            """The first lemma in the heading line of an article ("Trafficking in minors"), the others
            within one part of that article; the match is the others' words."""
            headed = {article(t) for t in lists[0] if idxs[t] < layout.heading_end(article(t))}
            if not headed:
                return None
            return first_match(lists[1:], window, part, anchors=lambda t: article(t) in headed)

        # a pattern that may span a part is tried within a sentence first; its part-wide match counts
        # only where no pattern of its criterion matched within a sentence
        part_wide: list[Raw] = []
        present = positions.keys()
        patterns, by_first = self.tables.cooc_patterns, self.tables.cooc_by_first
        candidates = sorted(n for lemma in present for n in by_first.get(lemma, ()))  # in rubric order
        for n in candidates:
            cp, lemma_ids, needed = patterns[n]
            if not needed <= present:
                continue
            lists = [positions[lemma] for lemma in lemma_ids]
            window = cp.pattern.window
            chosen = first_match(lists, window, sentence)  # type: ignore[arg-type]
            target = out
            if chosen is None and cp.pattern.within != "sentence":
                chosen, target = first_match(lists, window, part), part_wide  # type: ignore[arg-type]
            description = cp.description
            if chosen is None and cp.pattern.within == "heading" and len(lists) > 2:
                chosen, target = heading_match(lists, window), part_wide
                description = f"{cp.description} (the first word in the article's heading)"
            if chosen is not None:
                fz = bool(self._fuzzy) and any(toks.orths[i] in self._fuzzy for i in chosen)
                target.append((cp.criterion, min(chosen), max(chosen) + 1, description, fz, cp.unless))
        if part_wide:
            within_sentence = {raw[0] for raw in out}
            out.extend(raw for raw in part_wide if raw[0] not in within_sentence)
        return out

    def _filter(self, raw: list[Raw], doc, toks: _Tokens, ndoc: Document,  # type: ignore[no-untyped-def]
                layout: Layout, ctx: dict[str, list[int]]) -> list[Evidence]:
        """Keep the matches whose scope allows them; spans in the original text, in rubric order."""
        kept = keep_in_scope(raw, self.tables.rules, self.tables.rank, doc, toks.norms, toks.idxs, toks.lengths, ndoc,
                             layout, ctx, self.tables.defined)
        original = ndoc.original
        return [Evidence(crit, a, b, original[a:b], pat, fz) for crit, a, b, pat, fz in kept]

    def _penalties(self, ndoc: Document, layout: Layout) -> list[PartPenalty]:
        return part_penalties(ndoc, layout, self.lang)


class _Tokens:
    """A doc's token columns as Python lists: word form and lemma (hashes), offset and length."""

    __slots__ = ("orths", "norms", "idxs", "lengths")

    def __init__(self, doc, columns: list[int]) -> None:  # type: ignore[no-untyped-def]
        if len(doc):
            self.orths, self.norms, self.idxs, self.lengths = doc.to_array(columns).T.tolist()
        else:
            self.orths, self.norms, self.idxs, self.lengths = [], [], [], []


@lru_cache(maxsize=8)
def _detector(rubric_key: str, lang: str) -> Detector:
    return Detector(load_rubric(rubric_key), lang)


_ad_hoc: dict[int, Detector] = {}


def get_detector(rubric: str | Rubric = "palermo", lang: str = "en") -> Detector:
    if lang not in ("en", "ru"):
        from lawcompare.errors import LawcompareError

        raise LawcompareError(f"unsupported language {lang!r}; supported: en, ru")
    if isinstance(rubric, Rubric):
        key = id(rubric)
        det = _ad_hoc.get(key)
        if det is None or det.rubric is not rubric or det.lang != lang:
            det = Detector(rubric, lang)
            _ad_hoc[key] = det
        return det
    return _detector(str(rubric), lang)


def detect(text: str, lang: str = "en", rubric: str | Rubric = "palermo") -> DetectionResult:
    """Find the rubric's elements and the penalties in ``text``.

    Returns a :class:`DetectionResult` whose evidence items give criterion id, character span in
    ``text``, the matched words, the pattern that fired and whether fuzzy matching was needed.
    """
    if not isinstance(text, str):
        from lawcompare.errors import InputError

        raise InputError(f"text must be a string, got {type(text).__name__}")
    return get_detector(rubric, lang).detect(text)
