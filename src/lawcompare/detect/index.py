"""The detector's lookup tables, built once per (rubric, language) from the compiled patterns.

Lemmas are keyed by their hash in the vocabulary's strings, the form in which a doc's NORM column
holds them (each word form's NORM is its lemma), so the detector reads a text's lemmas as plain
integers and looks each up once:

- ``lemma_index``: what a lemma starts: the context lists it belongs to, its one-word phrases
  (criterion, pattern, whether the unless rules apply), the group of gapped phrases it anchors,
  whether a co-occurrence pattern uses it;
- ``rules``: per criterion, what the scope filter needs (:class:`CriterionRule`).

A phrase that repeats an earlier one's criterion, lemmas and unless rule is left out of the index
(``shadowed`` for gapped ones): it matches exactly the same words, and of two matches of one
criterion on one span only the first is ever reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lawcompare.detect.anchored import AnchorGroup
from lawcompare.detect.compile import Compiled, CompiledPattern
from lawcompare.detect.scope import CriterionRule
from lawcompare.rubric.models import Rubric

# what a lemma starts: context lists it belongs to, one-word phrases (criterion, pattern, unless
# applies), the group of gapped phrases it anchors, whether a co-occurrence pattern uses it
LemmaUse = tuple[tuple[str, ...], tuple[tuple[str, str, bool], ...], AnchorGroup | None, bool]


@dataclass
class Tables:
    by_id: dict[int, CompiledPattern] = field(default_factory=dict)  # phrase label hash -> pattern
    lemma_index: dict[int, LemmaUse] = field(default_factory=dict)
    shadowed: set[int] = field(default_factory=set)  # gapped phrases never reported (see above)
    cooc_patterns: list[tuple[CompiledPattern, list[int], frozenset[int]]] = field(default_factory=list)
    # lemma -> the co-occurrence patterns (indices) that open with it: a text is checked only against
    # the patterns whose first lemma it has
    cooc_by_first: dict[int, list[int]] = field(default_factory=dict)
    rules: dict[str, CriterionRule] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)  # criterion -> place in the rubric
    defined: frozenset[str] = frozenset()  # the context lists the rubric has for the language


def build_tables(rubric: Rubric, comp: Compiled) -> Tables:
    strings = comp.nlp.vocab.strings  # type: ignore[attr-defined]
    tables = Tables(rank={cid: i for i, cid in enumerate(rubric.ids())})
    context_words = rubric.context.get(comp.lang)
    if context_words is not None:
        tables.defined = frozenset(name for name, value in context_words if value)
    tables.by_id = {strings.add(label): cp for label, cp in comp.phrases.items()}
    for cp in comp.all_patterns:
        ids = [strings.add(lemma) for lemma in cp.lemmas]
        tables.cooc_patterns.append((cp, ids, frozenset(ids)))
    cooc_lemmas = {h for _cp, ids, _set in tables.cooc_patterns for h in ids}
    for n, (_cp, ids, _set) in enumerate(tables.cooc_patterns):
        tables.cooc_by_first.setdefault(ids[0], []).append(n)
    groups = comp.matcher.groups
    for key in {*comp.words, *groups, *cooc_lemmas}:
        words = comp.words.get(key, [])
        tables.lemma_index[key] = (
            tuple(dict.fromkeys(cp.context for cp in words if cp.context is not None)),
            tuple(_first_of_each((cp.criterion, cp.description, cp.unless) for cp in words if cp.context is None)),
            groups.get(key), key in cooc_lemmas)
    tables.shadowed = {match_id for group in groups.values() for shape in group.shapes
                       for match_id in _shadowed(shape.match_ids, tables.by_id)}
    unless_near = {crit: ({strings.add(w) for w in words}, window) for crit, (words, window) in comp.unless.items()}
    unless_before = {crit: ({strings.add(w) for w in lemmas}, skip, {strings.add(w) for w in skip})
                     for crit, (lemmas, skip) in comp.unless_before.items()}
    tables.rules = {c.id: CriterionRule(scope=c.detection.scope, computed=c.detection.computed,
                                        fuzzy_ok=c.detection.fuzzy, is_act=c.group == "act",
                                        is_means=c.group == "means",
                                        is_purpose=c.detection.scope == "purpose",
                                        needs_purpose_marker=c.detection.needs_purpose_marker,
                                        unless_near=unless_near.get(c.id), unless_before=unless_before.get(c.id))
                    for c in rubric.criteria}
    return tables


def _first_of_each(words: Iterable[tuple[str, str, bool]]) -> list[tuple[str, str, bool]]:
    """One-word phrases of a lemma, in order, without those repeating an earlier one's criterion and
    unless rule."""
    seen: set[tuple[str, bool]] = set()
    out = []
    for criterion, description, unless in words:
        if (criterion, unless) not in seen:
            seen.add((criterion, unless))
            out.append((criterion, description, unless))
    return out


def _shadowed(match_ids: list[int], by_id: dict[int, CompiledPattern]) -> list[int]:
    """Of the phrases of one shape (same lemmas and gap, so the same matches, listed in this order),
    those with the criterion and unless rule of an earlier one. Context phrases are never shadowed."""
    seen: set[tuple[str, bool]] = set()
    out = []
    for match_id in match_ids:
        cp = by_id[match_id]
        if cp.context is None:
            if (cp.criterion, cp.unless) in seen:
                out.append(match_id)
            seen.add((cp.criterion, cp.unless))
    return out
