"""Phrase patterns with gaps, matched only where their first lemma occurs.

A gapped phrase ("use ... force") is a list of lemmas that must appear in order, with up to
``gap`` tokens between neighbours; the tokens in a gap may be anything but punctuation. This is
the spaCy ``Matcher`` pattern ``[{"NORM": l1}, {"OP": "{0,gap}", "IS_PUNCT": False}, {"NORM": l2},
...]``, but a ``Matcher`` run over a whole text tries every pattern at every token, which made it
the slowest step of detection.

Every phrase starts with a fixed lemma (its *anchor*). :class:`AnchoredMatcher` indexes the
phrases by anchor, skips a text position unless its lemma is an anchor followed closely enough by
a possible second lemma, and follows the gaps from there in plain Python. It finds the same
``(match_id, start, end)`` triples as the ``Matcher`` (``tests/test_detect.py`` checks this on
random texts, and on the corpus and gold sets against spaCy's matchers over the whole text).
Their order matters in one case only: when two phrases of the same criterion (the same *rank*)
match the very same span, the first one listed is the one reported. Phrases with the same lemmas
and gap come out in the order they were added, as in the ``Matcher``; for a span matched by two
different phrases of one rank ("forced labour" and "forced or compulsory labour"), the anchor's own
small spaCy ``Matcher`` is run on the few tokens after the anchor, so the order is spaCy's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class _Phrase:
    match_id: int  # hash of the label in the vocabulary's strings (what spaCy matchers return)
    rank: str | None  # phrases of one rank on one span keep spaCy's order; None: order never matters


@dataclass
class _Shape:
    """Phrases with the same lemmas and gap: they match the same spans."""

    lemmas: tuple[int, ...]  # hashes of the lemmas, as in the doc's NORM column
    gap: int
    phrases: list[_Phrase] = field(default_factory=list)  # in the order added
    match_ids: list[int] = field(default_factory=list)  # theirs


@dataclass
class AnchorGroup:
    """The phrases that start with one lemma."""

    matcher: object  # spacy.matcher.Matcher with the phrases that start with this anchor
    shapes: list[_Shape] = field(default_factory=list)  # in the order of their first phrase
    width: int = 0  # most tokens any of its phrases can span
    reach: int = 1  # how far after the anchor a second lemma can be (1 + the largest gap)
    second: set[int] = field(default_factory=set)  # second lemmas of the phrases
    single: bool = False  # some phrase is the anchor alone
    singles: list[_Shape] = field(default_factory=list)  # the shapes of one lemma
    by_second: dict[int, list[_Shape]] = field(default_factory=dict)  # the others, by second lemma
    shared_rank: bool = False  # two shapes have phrases of one rank (their order may need spaCy)


@dataclass
class AnchoredMatcher:
    """Gapped lemma phrases, grouped by their first lemma."""

    vocab: object
    groups: dict[int, AnchorGroup] = field(default_factory=dict)
    _punct: dict[int, bool] = field(default_factory=dict)  # word form (ORTH hash) -> is punctuation

    def add(self, label: str, lemmas: list[str], gap: int, rank: str | None = None) -> None:
        """Add a phrase: ``lemmas`` in order, up to ``gap`` non-punctuation tokens between neighbours.

        ``rank`` names the phrases whose order on a shared span matters (those of one criterion);
        ``None`` for phrases whose matches are only counted, never reported.
        """
        from spacy.matcher import Matcher

        if not lemmas:
            raise ValueError(f"{label}: a phrase needs at least one lemma")
        strings = self.vocab.strings  # type: ignore[attr-defined]
        tokens: list[dict[str, object]] = []
        for i, lemma in enumerate(lemmas):
            if i and gap:
                tokens.append({"OP": f"{{0,{gap}}}", "IS_PUNCT": False})
            tokens.append({"NORM": lemma})
        ids = tuple(strings.add(lemma) for lemma in lemmas)
        group = self.groups.get(ids[0])
        if group is None:
            group = self.groups[ids[0]] = AnchorGroup(Matcher(self.vocab))
        group.matcher.add(label, [tokens])  # type: ignore[attr-defined]
        shape = next((sh for sh in group.shapes if sh.lemmas == ids and sh.gap == gap), None)
        if shape is None:
            shape = _Shape(ids, gap)
            group.shapes.append(shape)
            if len(ids) == 1:
                group.singles.append(shape)
            else:
                group.by_second.setdefault(ids[1], []).append(shape)
        shape.phrases.append(_Phrase(strings.add(label), rank))
        shape.match_ids.append(strings.add(label))
        if rank is not None and any(ph.rank == rank for sh in group.shapes if sh is not shape for ph in sh.phrases):
            group.shared_rank = True
        group.width = max(group.width, len(lemmas) + (len(lemmas) - 1) * gap)
        if len(ids) == 1:
            group.single = True
        else:
            group.second.add(ids[1])
            group.reach = max(group.reach, gap + 1)

    def __len__(self) -> int:
        return sum(len(sh.phrases) for g in self.groups.values() for sh in g.shapes)

    def __call__(self, doc, norms: list[int], orths: list[int]) -> list[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
        """``(match_id, start, end)`` of every match in ``doc``, given its NORM and ORTH columns."""
        out: list[tuple[int, int, int]] = []
        groups = self.groups
        if groups and not groups.keys().isdisjoint(norms):
            for start, norm in enumerate(norms):
                group = groups.get(norm)
                if group is not None:
                    self.match_at(doc, norms, orths, start, group, out)
        return out

    def match_at(self, doc, norms: list[int], orths: list[int], start: int,  # type: ignore[no-untyped-def]
                 group: AnchorGroup, out: list[tuple[int, int, int]]) -> None:
        """Add to ``out`` the matches that start at ``start``, whose lemma is ``group``'s anchor."""
        found: list[tuple[_Shape, int]] = [(shape, start + 1) for shape in group.singles]  # (shape, end)
        longer: dict[int, tuple[_Shape, set[int]]] = {}  # phrases of three lemmas or more: their ends
        by_second, punct = group.by_second, self._punct
        # walk the tokens after the anchor while they may be a gap (no punctuation), looking for a
        # phrase's second lemma
        for u in range(start + 1, min(len(norms), start + 1 + group.reach)):
            if u > start + 1:
                is_punct = punct.get(orths[u - 1])
                if is_punct is None:
                    is_punct = self._is_punct(orths[u - 1])
                if is_punct:
                    break
            shapes = by_second.get(norms[u])
            if shapes is None:
                continue
            for shape in shapes:
                if u - start - 1 > shape.gap:
                    continue
                if len(shape.lemmas) == 2:
                    found.append((shape, u + 1))
                else:
                    longer.setdefault(id(shape), (shape, set()))[1].update(
                        self._ends(shape.lemmas, shape.gap, u, norms, orths, first=2))
        if longer:
            for shape, ends in longer.values():
                found.extend((shape, end) for end in sorted(ends))
        if not found:
            return
        if group.shared_rank and len(found) > 1 and _order_unsettled(found):
            window = doc[start:min(len(norms), start + group.width)]
            out.extend((mid, start, start + e) for mid, s, e in group.matcher(window)  # type: ignore[attr-defined]
                       if s == 0)
            return
        for shape, end in found:
            for match_id in shape.match_ids:
                out.append((match_id, start, end))

    def _ends(self, lemmas: tuple[int, ...], gap: int, at: int, norms: list[int], orths: list[int],
              first: int = 1) -> set[int]:
        """Where a phrase's matches end (exclusive) when its lemma ``first - 1`` is token ``at``."""
        n = len(norms)
        last = len(lemmas)
        found: set[int] = set()
        todo = [(at, first)]  # (token matched to a lemma, index of the next lemma)
        while todo:
            at, i = todo.pop()
            if i == last:
                found.add(at + 1)
                continue
            want = lemmas[i]
            for u in range(at + 1, min(n, at + 2 + gap)):
                if u > at + 1 and self._is_punct(orths[u - 1]):
                    break  # a gap may not contain punctuation
                if norms[u] == want:
                    todo.append((u, i + 1))
        return found

    def _is_punct(self, orth: int) -> bool:
        hit = self._punct.get(orth)
        if hit is None:
            hit = self._punct[orth] = bool(self.vocab[orth].is_punct)  # type: ignore[index]
        return hit


def _order_unsettled(found: list[tuple[_Shape, int]]) -> bool:
    """Whether two phrases of one rank but different shapes share a span: their order is then
    spaCy's to tell (phrases of one shape come out in the order they were added)."""
    first: dict[tuple[str, int], _Shape] = {}
    for shape, end in found:
        for phrase in shape.phrases:
            if phrase.rank is None:
                continue
            other = first.setdefault((phrase.rank, end), shape)
            if other is not shape:
                return True
    return False
