"""The detector: rubric patterns over lemmatised text, filtered by legal context.

Steps for one text:

1. normalise (:mod:`lawcompare.detect.text`) and tokenize with a blank spaCy pipeline;
2. give each new word form its lemma (cached per word form as the lexeme's NORM, so the
   matcher compares lemmas at Cython speed); unknown words close to a rubric term
   (OCR damage, misspellings) get that term's lemma through rapidfuzz, and are flagged;
3. run the compiled matcher (phrase patterns) and the co-occurrence patterns;
4. keep a match only where its scope allows it: trafficking elements only inside an article
   that concerns trafficking and outside victim-protection and exemption clauses; aggravations
   only after an aggravation marker in the same part; non-punishment only in a clause that
   exempts a trafficking victim and is not an offender's exemption.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from lawcompare.detect.compile import CTX_PREFIX, Compiled, compile_rubric
from lawcompare.detect.lemmas import lemmatizer
from lawcompare.detect.penalties import PartPenalty, extract_part
from lawcompare.detect.text import Document, Segment, articles, normalise, parts, sentences
from lawcompare.rubric.load import load_rubric
from lawcompare.rubric.models import Rubric

FUZZY_CUTOFF = {"en": 85.0, "ru": 85.0}
# OCR confusions tried before fuzzy matching: digit/letter and letter-pair look-alikes
OCR_SWAPS = (("0", "o"), ("1", "l"), ("rn", "m"), ("i", "l"), ("l", "i"), ("3", "з"), ("0", "о"))
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
        self._scopes = {c.id: c.detection.scope for c in rubric.criteria}
        self._computed = {c.id for c in rubric.criteria if c.detection.computed}
        self._fuzzy_ok = {c.id for c in rubric.criteria if c.detection.fuzzy}
        self._fuzzy_choices = list(self.comp.fuzzy_vocab)
        self._order = rubric.ids()
        self._act_ids = {c.id for c in rubric.criteria if c.group == "act"}
        self._purpose_ids = {c.id for c in rubric.criteria if c.detection.scope == "purpose"}
        from spacy.attrs import IDX, NORM, ORTH

        self._ORTH, self._NORM, self._IDX = ORTH, NORM, IDX
        # lemmas as the vocabulary's string hashes, the form in which the doc's NORM column holds them
        strings = self.comp.nlp.vocab.strings  # type: ignore[attr-defined]
        self._by_id = {strings.add(label): cp for label, cp in self.comp.phrases.items()}
        self._cooc_patterns = [(cp, [strings.add(lemma) for lemma in cp.lemmas]) for cp in self.comp.all_patterns]
        self._cooc_wanted = {h for _cp, ids in self._cooc_patterns for h in ids}
        self._unless_ids = {crit: ({strings.add(w) for w in words}, window)
                            for crit, (words, window) in self.comp.unless.items()}

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
            if (lemma not in self.comp.term_lemmas and len(word) >= FUZZY_MIN_LEN and word.isalnum()
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
        orths: list[int] = doc.to_array(self._ORTH).tolist()
        self._prepare(orths)
        norms: list[int] = doc.to_array(self._NORM).tolist()  # lemma hashes, one per token
        fuzzy = self._fuzzy
        raw: list[tuple[str, int, int, str, bool, bool]] = []  # (criterion, start, end, pattern, fuzzy, unless)
        ctx: dict[str, list[int]] = defaultdict(list)  # context name -> token starts
        matches = self.comp.matcher(doc, norms, orths) + list(self.comp.phrase_matcher(doc))  # type: ignore[operator]
        for match_id, start, end in matches:
            cp = self._by_id[match_id]
            if cp.criterion.startswith(CTX_PREFIX):
                name = cp.criterion[len(CTX_PREFIX):]
                ctx[name].append(doc[start].idx)
                continue
            fz = bool(fuzzy) and any(orths[i] in fuzzy for i in range(start, end))
            raw.append((cp.criterion, start, end, cp.description, fz, cp.unless))
        if self.comp.all_patterns:
            raw.extend(self._cooccurrences(doc, ndoc, norms, orths))
        evidence = self._filter(raw, doc, ndoc, ctx, norms) if raw else []
        pens = self._penalties(ndoc)
        return DetectionResult(text=text, lang=self.lang, rubric=self.rubric.id, evidence=evidence,
                               penalties=pens)

    def _cooccurrences(self, doc, ndoc: Document, norms: list[int],  # type: ignore[no-untyped-def]
                       orths: list[int]) -> list[tuple[str, int, int, str, bool, bool]]:
        wanted = self._cooc_wanted
        positions: dict[int, list[int]] = {}
        for i, n in enumerate(norms):
            if n in wanted:
                positions.setdefault(n, []).append(i)
        if not positions:
            return []
        out = []
        sent_of: list[int] | None = None
        fuzzy = self._fuzzy
        for cp, lemma_ids in self._cooc_patterns:
            lists = [positions.get(lemma) for lemma in lemma_ids]
            if not all(lists):
                continue
            if sent_of is None:
                sent_of = self._sentence_index(doc, ndoc)
            window = cp.pattern.window
            for anchor in lists[0]:  # type: ignore[union-attr]
                chosen = [anchor]
                for other in lists[1:]:
                    near = [p for p in other if abs(p - anchor) <= window  # type: ignore[union-attr]
                            and sent_of[p] == sent_of[anchor]]
                    if not near:
                        break
                    chosen.append(min(near, key=lambda p: abs(p - anchor)))
                else:
                    fz = bool(fuzzy) and any(orths[i] in fuzzy for i in chosen)
                    out.append((cp.criterion, min(chosen), max(chosen) + 1, cp.description, fz, cp.unless))
                    break
        return out

    def _sentence_index(self, doc, ndoc: Document) -> list[int]:  # type: ignore[no-untyped-def]
        """The sentence number of each token (a token between sentences counts with the next one)."""
        ends = [seg.end for seg in sentences(ndoc.text)]
        last = max(len(ends) - 1, 0)
        return [min(bisect_right(ends, idx), last) for idx in doc.to_array(self._IDX).tolist()]

    def _filter(self, raw, doc, ndoc: Document, ctx,  # type: ignore[no-untyped-def]
                norms: list[int]) -> list[Evidence]:
        text = ndoc.text
        arts = articles(text)
        sents = sentences(text)

        def seg_of(segs: list[Segment], pos: int) -> Segment:
            for s in segs:
                if s.start <= pos < s.end:
                    return s
            return segs[-1] if segs else Segment(0, len(text))

        def any_in(name: str, seg: Segment, before: int | None = None) -> bool:
            return any(seg.start <= p < seg.end and (before is None or p < before) for p in ctx.get(name, ()))

        # acts licensed by an exploitation anchor in their sentence make the article a trafficking one
        act_ids = self._act_ids
        licensed_articles: set[Segment] = set()
        for a in arts:
            if any_in("trafficking_anchor", a):
                licensed_articles.add(a)
        purpose_ids = self._purpose_ids
        purpose_sents = {seg_of(sents, doc[s].idx) for crit, s, _e, _p, _f, _u in raw if crit in purpose_ids}
        for crit, s, _e, _p, _f, _u in raw:
            if crit in act_ids:
                pos = doc[s].idx
                sent = seg_of(sents, pos)
                if any_in("exploitation_anchor", sent) or sent in purpose_sents:
                    licensed_articles.add(seg_of(arts, pos))

        part_cache: dict[Segment, list[Segment]] = {}
        evidence: list[Evidence] = []
        seen_spans: set[tuple[str, int, int]] = set()
        for crit, s, e, pat, fz, uses_unless in raw:
            if crit in self._computed:
                continue
            if fz and crit not in self._fuzzy_ok:
                continue
            pos = doc[s].idx
            end_pos = doc[e - 1].idx + len(doc[e - 1])
            scope = self._scopes.get(crit, "trafficking")
            art = seg_of(arts, pos)
            sent = seg_of(sents, pos)
            exempt_clause = any_in("exemption_marker", sent)
            ok = True
            if scope in ("trafficking", "purpose"):
                licensed = art in licensed_articles or (
                    scope == "purpose" and any_in("exploitation_anchor", sent))
                protection = any_in("protection_marker", sent) and not any_in("exploitation_anchor", sent)
                ok = licensed and not exempt_clause and not protection
            elif scope == "aggravation":
                if art not in part_cache:
                    part_cache[art] = parts(text, art.start, art.end)
                part = seg_of(part_cache[art], pos)
                ok = (part.label not in ("", "1") or any_in("aggravation_marker", part, before=pos)) \
                    and not exempt_clause
            elif scope == "exemption":
                ok = (exempt_clause and any_in("trafficking_victim", sent)
                      and not any_in("offender_exemption", sent))
            elif scope == "sanction":
                ok = not exempt_clause
            if ok and uses_unless and crit in self._unless_ids:
                words, window = self._unless_ids[crit]
                lo, hi = max(0, s - window), min(len(norms), e + window)
                ok = not any(norms[i] in words for i in range(lo, hi) if not s <= i < e)
            if ok and uses_unless and crit in self.comp.unless_before:
                words, skip = self.comp.unless_before[crit]
                i = s - 1
                while i >= 0 and (doc[i].norm_ in skip or doc[i].lower_ in skip):
                    i -= 1
                ok = not (i >= 0 and doc[i].norm_ in words)
            if not ok:
                continue
            o_start, o_end = ndoc.to_original(pos, end_pos)
            key = (crit, o_start, o_end)
            if key in seen_spans:
                continue
            seen_spans.add(key)
            evidence.append(Evidence(crit, o_start, o_end, ndoc.original[o_start:o_end], pat, fz))
        evidence = _drop_nested(evidence)
        order = {cid: i for i, cid in enumerate(self._order)}
        evidence.sort(key=lambda ev: (order.get(ev.criterion, 999), ev.start))
        return evidence

    def _penalties(self, ndoc: Document) -> list[PartPenalty]:
        out = []
        for art in articles(ndoc.text):
            for seg in parts(ndoc.text, art.start, art.end):
                pen = extract_part(ndoc.text[seg.start:seg.end], self.lang, seg.label)
                if pen is not None:
                    pen.start, pen.end = ndoc.to_original(seg.start + pen.start, seg.end)
                    out.append(pen)
        return out


def _drop_nested(evidence: list[Evidence]) -> list[Evidence]:
    """Within one criterion, drop spans contained in a longer span."""
    by: dict[str, list[Evidence]] = defaultdict(list)
    for ev in evidence:
        by[ev.criterion].append(ev)
    out = []
    for evs in by.values():
        evs.sort(key=lambda x: (x.start, -(x.end - x.start)))
        last_end = -1
        for ev in evs:
            if ev.end <= last_end:
                continue
            out.append(ev)
            last_end = max(last_end, ev.end)
    return out


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
