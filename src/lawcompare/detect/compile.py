"""Compiling a rubric's detection patterns, once per (rubric, language).

One-word phrases go into a spaCy ``PhraseMatcher`` on NORM (lemmas), which also fixes the order
in which the phrases of one lemma are reported (``Compiled.words``); phrases of several lemmas
into an :class:`~lawcompare.detect.anchored.AnchoredMatcher`. A context phrase of several lemmas
is left out when its list also has its first lemma as a word of its own: context lists only ask
where their words start, and that word already marks every such place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lawcompare.detect.anchored import AnchoredMatcher
from lawcompare.detect.lemmas import Lemmatizer, lemmatizer
from lawcompare.rubric.models import ContextWords, Pattern, Rubric

if TYPE_CHECKING:
    from lawcompare.records.validate import Problem

CTX_PREFIX = "__ctx__:"
# the context word lists whose places the scope rules use: every field of ContextWords but `filler`
CONTEXT_LISTS = tuple(name for name in ContextWords.model_fields if name != "filler")


@dataclass
class CompiledPattern:
    criterion: str
    pattern: Pattern
    lemmas: list[str]
    label: str
    description: str = ""  # the pattern as reported in evidence ("phrase: use of force")
    unless: bool = True  # whether the criterion's unless_near / unless_before rules apply
    context: str | None = None  # for context words ("trafficking_anchor"), the list's name

    def __post_init__(self) -> None:
        self.description = self.pattern.describe()
        self.unless = self.pattern.unless
        if self.criterion.startswith(CTX_PREFIX):
            self.context = self.criterion[len(CTX_PREFIX):]


@dataclass
class Compiled:
    """Matchers and lookup tables for one rubric in one language."""

    lang: str
    nlp: object
    matcher: AnchoredMatcher  # phrases of two or more lemmas, with gaps
    phrase_matcher: object = None  # one-lemma phrases (spaCy PhraseMatcher on NORM)
    phrases: dict[str, CompiledPattern] = field(default_factory=dict)  # match label -> pattern
    # the one-lemma phrases by lemma (NORM hash), in the order the phrase matcher reports them
    words: dict[int, list[CompiledPattern]] = field(default_factory=dict)
    all_patterns: list[CompiledPattern] = field(default_factory=list)
    unless: dict[str, tuple[set[str], int]] = field(default_factory=dict)
    unless_before: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)
    fuzzy_vocab: dict[str, str] = field(default_factory=dict)  # surface form -> lemma
    term_lemmas: set[str] = field(default_factory=set)


def pattern_lemmas(text: str, lang: str, lem: Lemmatizer, nlp: object, fillers: set[str]) -> list[str]:
    doc = nlp.make_doc(text)  # type: ignore[attr-defined]
    out = []
    for tok in doc:
        if tok.is_punct or tok.is_space:
            continue
        lemma = lem.lemma(tok.text)
        if lemma in fillers or tok.text.lower() in fillers:
            continue
        out.append(lemma)
    return out


def blank_pipeline(lang: str):  # type: ignore[no-untyped-def]
    """spaCy's blank pipeline for ``lang``, its tokenizer without the special cases that only say a
    line break, tab or space is a token of its own.

    The affix rules make those same tokens, so no token changes (tested). But the tokenizer stops
    caching the words of a text once a special case has matched in it (spaCy's ``has_special``
    flag), so with these rules in place every word after a text's first line break is split afresh,
    in every text: statutes, which are full of line breaks, tokenized at a fraction of the speed.
    """
    import spacy
    from spacy.symbols import ORTH

    nlp = spacy.blank(lang)
    rules = nlp.tokenizer.rules
    kept = {k: v for k, v in rules.items() if not (k.isspace() and v == [{ORTH: k}])}
    if len(kept) != len(rules):
        nlp.tokenizer.rules = kept
    return nlp


def compile_rubric(rubric: Rubric, lang: str) -> Compiled:
    from spacy.matcher import PhraseMatcher

    nlp = blank_pipeline(lang)
    lem = lemmatizer(lang)
    ctx = rubric.context.get(lang)
    fillers = {lem.lemma(w) for w in (ctx.filler if ctx else [])} | set(ctx.filler if ctx else [])
    matcher = AnchoredMatcher(nlp.vocab)
    single = PhraseMatcher(nlp.vocab, attr="NORM")
    comp = Compiled(lang=lang, nlp=nlp, matcher=matcher, phrase_matcher=single)

    word_docs: dict[int, object] = {}  # lemma (NORM hash) -> a one-token doc of it
    gapped_context: set[tuple[str, tuple[str, ...], int]] = set()  # context phrases already in `matcher`
    deferred: list[tuple[str, str, Pattern, list[str]]] = []  # gapped context phrases, added at the end

    def add_phrase(label: str, criterion: str, pat: Pattern, lemmas: list[str]) -> None:
        if not lemmas:
            return
        if len(lemmas) == 1:  # one word: the (much faster) phrase matcher on lemmas
            doc = nlp.make_doc(lemmas[0])
            if len(doc) == 1:
                nlp.vocab[doc[0].orth].norm_ = lemmas[0]
                single.add(label, [doc])
                word_docs.setdefault(doc[0].norm, doc)
                comp.phrases[label] = CompiledPattern(criterion, pat, lemmas, label)
                return
        if criterion.startswith(CTX_PREFIX):
            # a context list only asks where its words start: the same lemmas twice add nothing, and
            # a phrase adds nothing when its first lemma alone is in the list (see below)
            key = (criterion, tuple(lemmas), pat.gap)
            if key in gapped_context:
                return
            gapped_context.add(key)
            deferred.append((label, criterion, pat, lemmas))
            return
        else:
            matcher.add(label, lemmas, pat.gap, rank=criterion)
        comp.phrases[label] = CompiledPattern(criterion, pat, lemmas, label)

    for c in rubric.criteria:
        for i, pat in enumerate(c.detection.patterns(lang)):
            if pat.phrase is not None:
                lemmas = pattern_lemmas(pat.phrase, lang, lem, nlp, fillers)
                add_phrase(f"{c.id}#{i}", c.id, pat, lemmas)
            else:
                lemmas = [lem.lemma(w) for w in (pat.all or [])]
                comp.all_patterns.append(CompiledPattern(c.id, pat, lemmas, f"{c.id}#{i}"))
            comp.term_lemmas.update(lemmas)
        words = c.detection.unless_near.get(lang)
        if words:
            comp.unless[c.id] = ({lem.lemma(w) for w in words}, c.detection.unless_window)
        before = c.detection.unless_before.get(lang)
        if before:
            skip = c.detection.skip_before.get(lang, [])
            comp.unless_before[c.id] = ({lem.lemma(w) for w in before},
                                        {lem.lemma(w) for w in skip} | {w.lower() for w in skip})
    if ctx:
        for name in CONTEXT_LISTS:
            for j, phrase in enumerate(getattr(ctx, name)):
                pat = Pattern(phrase=phrase, gap=2)
                lemmas = pattern_lemmas(phrase, lang, lem, nlp, fillers)
                add_phrase(f"{CTX_PREFIX}{name}#{j}", f"{CTX_PREFIX}{name}", pat, lemmas)
                comp.term_lemmas.update(lemmas)
    strings = nlp.vocab.strings
    for key, doc in word_docs.items():  # a lemma's phrases in the phrase matcher's own order
        comp.words[key] = [comp.phrases[strings[match_id]] for match_id, _s, _e in single(doc)]
    for label, criterion, pat, lemmas in deferred:
        alone = comp.words.get(strings.add(lemmas[0]), [])
        if any(cp.criterion == criterion for cp in alone):
            continue  # the list has the first word alone: it already marks every place this phrase starts
        matcher.add(label, lemmas, pat.gap, rank=None)
        comp.phrases[label] = CompiledPattern(criterion, pat, lemmas, label)
    # in a fixed order: a word form shared by two lemmas must map to the same one in every process
    # (set order follows string hashing, which differs between runs)
    for lemma in sorted(comp.term_lemmas):
        if len(lemma) >= 5 and lemma.isalpha():
            for form in lem.forms(lemma):
                if len(form) >= 5:
                    comp.fuzzy_vocab.setdefault(form, lemma)
    return comp


def check_rubric_examples(rubric: Rubric, file: str) -> list[Problem]:
    """Each pattern must find its examples and must not fire on its counter-examples."""
    from lawcompare.detect.engine import detect
    from lawcompare.records.validate import Problem

    problems: list[Problem] = []
    for c in rubric.criteria:
        for lang in ("en", "ru"):
            for i, pat in enumerate(c.detection.patterns(lang)):
                for ex in pat.examples:
                    found = detect(ex, lang=lang, rubric=rubric).ids()
                    if c.id not in found:
                        problems.append(Problem(file, None, f"{c.id}.detection.{lang}[{i}]",
                                                f"example not detected: {ex!r}"))
                for ex in pat.counter_examples:
                    found = detect(ex, lang=lang, rubric=rubric).ids()
                    if c.id in found:
                        problems.append(Problem(file, None, f"{c.id}.detection.{lang}[{i}]",
                                                f"counter-example wrongly detected: {ex!r}"))
    return problems
