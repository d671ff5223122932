"""Textual similarity of provisions across states, to point at shared origins (a common model text).

``similar(corpus, "2016-01-01")`` compares every pair of trafficking offences in force in two
different states and ranks the pairs by how alike their wording is; ``provision="KZ:art128"``
ranks the other states' provisions against one. Each pair comes with the aligned passages: the
longest stretches of the same words in the same order on both sides.

The scorer is ``rapidfuzz.fuzz.ratio`` over the two sequences of words (lower-cased, punctuation
dropped): the normalised Indel similarity, 0 to 100. It is order-sensitive, so a shared model text
(long runs of the same words in the same order) scores high while two texts that merely use the same
legal vocabulary in another order do not, as they would under ``token_set_ratio`` or
``token_sort_ratio``; and it counts the whole of both texts, so a short clause does not score 100
against a long article that contains it, as it would under ``partial_ratio``. Words rather than
characters are compared because any two English texts share most letters and bigrams.

Caveat (printed with every result): the corpus holds the project's own English renderings, many of
them reconstructions, so similarity partly reflects our translation choices. A claim of shared
origin needs the official texts.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from lawcompare.compare.redline import provision_in_force
from lawcompare.errors import LawcompareError
from lawcompare.records.corpus import Corpus, ProvisionInForce, as_date
from lawcompare.records.models import Topic

SCORER = "rapidfuzz.fuzz.ratio over word sequences"
SCORER_REASON = (
    "Normalised Indel similarity (0-100) of the two texts as sequences of lower-cased words. It is order-sensitive, "
    "so a shared model text (long runs of the same words in the same order) scores high, while texts that only "
    "share legal vocabulary do not (as they would under token_set_ratio or token_sort_ratio); it counts the whole "
    "of both texts, so a short clause does not score 100 against a long article that contains it (as it would "
    "under partial_ratio). Passages are the matching blocks of the same comparison (rapidfuzz.distance.Indel)."
)
CAVEAT = (
    "The corpus holds the lawcompare project's own English renderings, many of them reconstructions from secondary "
    "sources, so similarity partly reflects our translation choices. A claim of shared origin needs the official "
    "texts."
)
ALL_TOPICS = "all"
PASSAGE_GAP = 2  # unmatched words allowed inside one passage, on each side
MIN_PASSAGE_WORDS = 4
MAX_PASSAGES = 3

_WORD = re.compile(r"\w+")


class Item(BaseModel):
    """One provision compared: where it is and how its text was made."""

    model_config = ConfigDict(frozen=True)

    jurisdiction: str
    instrument: str
    version_from: dt.date
    provision: str
    citation: str
    heading: str | None = None
    text_basis: str | None = None
    sources: list[str] = Field(default_factory=list)
    text: str  # the body compared: parts and points, one line each, without heading or labels

    @property
    def ref(self) -> str:
        return f"{self.jurisdiction}:{self.instrument}:{self.provision}"


class Passage(BaseModel):
    """A stretch where both texts use the same words in the same order (a few gaps allowed)."""

    model_config = ConfigDict(frozen=True)

    words: int  # words matched inside the passage
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str


class Pair(BaseModel):
    model_config = ConfigDict(frozen=True)

    a: Item
    b: Item
    score: float
    shared_words: int  # words in matching blocks
    passages: list[Passage] = Field(default_factory=list)

    @property
    def reconstructed(self) -> bool:
        return "reconstruction" in (self.a.text_basis, self.b.text_basis)


class Similarity(BaseModel):
    """Pairs of provisions from different states, most alike first."""

    model_config = ConfigDict(frozen=True)

    on: dt.date
    selection: str  # what was compared, in words
    target: str | None = None
    scorer: str = SCORER
    scorer_reason: str = SCORER_REASON
    caveat: str = CAVEAT
    compared: int  # pairs scored before --top and --min-score
    min_score: float = 0.0
    skipped: list[str] = Field(default_factory=list)  # provisions with no text to compare, with the reason
    pairs: list[Pair] = Field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        data = self.model_dump(mode="json")
        data["unofficial_translation"] = True
        return data

    def to_text(self) -> str:
        lines = [f"Textual similarity on {self.on}: {self.selection}",
                 f"Scorer: {self.scorer}. {self.scorer_reason}",
                 f"caveat: {self.caveat}", ""]
        if not self.pairs:
            lines.append(f"No pair scored {self.min_score:g} or more ({self.compared} pair(s) compared).")
        for i, p in enumerate(self.pairs, start=1):
            lines.append(f"{i}. {p.score:5.1f}  {p.a.jurisdiction} {p.a.citation}")
            lines.append(f"          {p.b.jurisdiction} {p.b.citation}")
            basis = f"text: {p.a.text_basis or 'not recorded'} / {p.b.text_basis or 'not recorded'}"
            lines.append(f"       {p.shared_words} shared word(s); {basis}")
            for k, ps in enumerate(p.passages, start=1):
                lines.append(f"       passage {k} ({ps.words} words)")
                lines.append(f"         {p.a.jurisdiction}: {ps.a_text}")
                lines.append(f"         {p.b.jurisdiction}: {ps.b_text}")
            lines.append("")
        shown = len(self.pairs)
        lines.append(f"{shown} of {self.compared} pair(s) shown.")
        for s in self.skipped:
            lines.append(f"skipped: {s}")
        return "\n".join(lines)

    def to_html(self) -> str:
        from lawcompare.render.compare_html import render_similarity

        return render_similarity(self)

    def _repr_html_(self) -> str:
        from lawcompare.render.compare_html import fragment, render_similarity

        return fragment(render_similarity(self))


# ---------------------------------------------------------------------------------------------


def body_text(pif: ProvisionInForce) -> str:
    """The text of the article's parts and points, one line each, without heading or labels.

    Headings are left out because they are short and much alike ("Trafficking in persons") and
    would make unrelated offences look related; part numbers because they match trivially.
    """
    return "\n".join(" ".join(n.text.split()) for n in pif.provision.walk() if n.text)


def item(pif: ProvisionInForce) -> Item:
    rec, prov = pif.record, pif.provision
    return Item(jurisdiction=rec.jurisdiction, instrument=rec.instrument.id, version_from=rec.version.in_force_from,
                provision=prov.id, citation=pif.citation, heading=prov.heading,
                text_basis=prov.text_basis.value if prov.text_basis else None, sources=pif.sources,
                text=body_text(pif))


def _words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    found = list(_WORD.finditer(text))
    return [m.group().lower() for m in found], [m.span() for m in found]


def _line_numbers(text: str, spans: list[tuple[int, int]]) -> list[int]:
    return [text.count("\n", 0, start) for start, _ in spans]


def passages(a: str, b: str) -> tuple[int, list[Passage]]:
    """Words shared in order, and the longest passages built from the matching blocks.

    A passage stays inside one line (one part or point) on each side and may have up to
    ``PASSAGE_GAP`` unmatched words on each side.
    """
    wa, sa = _words(a)
    wb, sb = _words(b)
    la, lb = _line_numbers(a, sa), _line_numbers(b, sb)
    blocks = [blk for blk in Indel.editops(wa, wb).as_matching_blocks() if blk.size]
    shared = sum(blk.size for blk in blocks)
    runs: list[list[int]] = []  # [a_start, a_end, b_start, b_end, matched] in word indices, end exclusive
    for blk in blocks:
        for k in range(blk.size):
            i, j = blk.a + k, blk.b + k
            last = runs[-1] if runs else None
            if (last is not None and la[i] == la[last[1] - 1] and lb[j] == lb[last[3] - 1]
                    and 0 <= i - last[1] <= PASSAGE_GAP and 0 <= j - last[3] <= PASSAGE_GAP):
                last[1], last[3] = i + 1, j + 1
                last[4] += 1
            else:
                runs.append([i, i + 1, j, j + 1, 1])
    runs.sort(key=lambda r: -r[4])
    out = []
    for a1, a2, b1, b2, n in runs[:MAX_PASSAGES]:
        if n < MIN_PASSAGE_WORDS and out:
            break
        ca, cb = (sa[a1][0], sa[a2 - 1][1]), (sb[b1][0], sb[b2 - 1][1])
        out.append(Passage(words=n, a_start=ca[0], a_end=ca[1], b_start=cb[0], b_end=cb[1],
                           a_text=a[ca[0]:ca[1]], b_text=b[cb[0]:cb[1]]))
    return shared, out


def score(a: str, b: str) -> float:
    """The similarity score (0-100) used for ranking; see the module docstring for the choice."""
    return round(float(fuzz.ratio(_words(a)[0], _words(b)[0])), 1)


def compare(a: Item, b: Item) -> Pair:
    shared, ps = passages(a.text, b.text)
    return Pair(a=a, b=b, score=score(a.text, b.text), shared_words=shared, passages=ps)


def _candidates(corpus: Corpus, jurisdiction: str, day: dt.date, topic: str | None) -> list[ProvisionInForce]:
    if topic is None:
        return corpus.trafficking_offences(jurisdiction, day)
    if topic == ALL_TOPICS:
        return corpus.in_force(jurisdiction, day)
    return corpus.with_topic(jurisdiction, day, topic)


def _selection(topic: str | None) -> str:
    if topic is None:
        return "criminal-code trafficking offences"
    if topic == ALL_TOPICS:
        return "every article in force"
    return f"articles with topic {topic}"


def _check_topic(topic: str | None) -> None:
    known = [t.value for t in Topic]
    if topic is not None and topic != ALL_TOPICS and topic not in known:
        raise LawcompareError(f"unknown topic {topic!r}; use one of: {', '.join(known)}, or {ALL_TOPICS!r}")


def parse_target(ref: str) -> tuple[str, str]:
    """``KZ:art128`` or ``KZ:kz-cc-2014:art128`` → (``KZ``, ``art128`` / ``kz-cc-2014:art128``)."""
    code, sep, rest = ref.strip().partition(":")
    if not sep or not rest or len(code) != 2:
        raise LawcompareError(f"cannot read provision {ref!r}: expected JURISDICTION:PROVISION, e.g. KZ:art128 "
                              "or KZ:kz-cc-2014:art128")
    return code.upper(), rest


def similar(corpus: Corpus, on: dt.date | str, *, topic: str | None = None, provision: str | None = None,
            top: int | None = 10, min_score: float = 0.0, jurisdictions: list[str] | None = None) -> Similarity:
    """Pairs of provisions from different states in force on ``on``, most alike first.

    ``topic``: compare articles with this record topic instead of the trafficking offences (``"all"``
    for every article). ``provision``: rank the other states' provisions against this one
    (``KZ:art128``). ``top``: keep the best N pairs (None for all). ``min_score``: drop pairs below it.
    """
    day = as_date(on)
    _check_topic(topic)
    states = [j.upper() for j in jurisdictions] if jurisdictions else corpus.jurisdictions()
    skipped: list[str] = []

    def usable(pifs: list[ProvisionInForce]) -> list[Item]:
        out = []
        for pif in pifs:
            it = item(pif)
            if _words(it.text)[0]:
                out.append(it)
            else:
                skipped.append(f"{pif.citation}: no text recorded beyond the heading")
        return out

    target = None
    if provision is not None:
        code, ref = parse_target(provision)
        target_items = usable([provision_in_force(corpus, code, ref, day, hint="")])
        if not target_items:
            raise LawcompareError(f"{provision} has no text to compare on {day} (only a heading is recorded)")
        target = target_items[0]
        others = usable([p for j in states if j != code for p in _candidates(corpus, j, day, topic)])
        pairs = [compare(target, o) for o in others]
    else:
        items = usable([p for j in states for p in _candidates(corpus, j, day, topic)])
        pairs = [compare(x, y) for i, x in enumerate(items) for y in items[i + 1:]
                 if x.jurisdiction != y.jurisdiction]
    pairs.sort(key=lambda p: (-p.score, -p.shared_words, p.a.ref, p.b.ref))
    kept = [p for p in pairs if p.score >= min_score]
    if top is not None and top > 0:
        kept = kept[:top]
    selection = _selection(topic)
    if target is not None:
        selection = f"{target.jurisdiction} {target.citation} against the other states' {selection}"
    else:
        selection = f"{selection}, every pair from two different states"
    return Similarity(on=day, selection=selection, target=target.ref if target else None, compared=len(pairs),
                      min_score=min_score, skipped=skipped, pairs=kept)
