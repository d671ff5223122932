"""Cross-country alignment: how each state covers one rubric criterion on one date, side by side.

``align(corpus, "means.abuse_of_vulnerability", "2016-01-01")`` assesses every state and returns
one row per state: status and flags, the wording the finding rests on (the matched words and the
sentence around them in the provision), the citation, the sources, and a note when the finding is
uncertain or rests on reconstructed text. Where no words match (a means that is ``met`` because the
basic offence requires none), the row names the offence the finding rests on instead.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from pydantic import BaseModel, ConfigDict, Field

from lawcompare.assess.models import EvidenceItem, Finding, GapReport
from lawcompare.compare.matrix import csv_safe
from lawcompare.records.corpus import Corpus, as_date
from lawcompare.rubric.load import load_rubric
from lawcompare.rubric.models import Rubric

SENTENCE_LIMIT = 320  # characters of context shown around the words at most
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")

EVIDENCE_KINDS = {
    "detector": "words found by the detector",
    "annotation": "words coded by hand",
    "structured_penalty": "structured penalty of the record (not statute words)",
    "record_topic": "the record's topic coding (not statute words)",
}


class Wording(BaseModel):
    """Words a finding rests on, in the sentence of the provision that holds them."""

    model_config = ConfigDict(frozen=True)

    words: str
    sentence: str | None = None  # the sentence around the words (None for structured data)
    start: int | None = None  # the words' span inside ``sentence``
    end: int | None = None
    citation: str
    provision: str  # instrument:provision id
    kind: str  # detector | annotation | structured_penalty | record_topic
    text_basis: str | None = None
    fuzzy: bool = False

    def marked(self, left: str = "[[", right: str = "]]") -> str:
        """The sentence with the words between markers (or the words alone)."""
        if self.sentence is None or self.start is None or self.end is None:
            return self.words
        s = self.sentence
        return s[:self.start] + left + s[self.start:self.end] + right + s[self.end:]


class AlignmentRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    jurisdiction: str
    status: str
    flags: list[str] = Field(default_factory=list)
    wording: list[Wording] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    rests_on: list[str] = Field(default_factory=list)  # offences a finding without words rests on
    note: str = ""
    rationale: str


class Alignment(BaseModel):
    """One criterion across states on one date."""

    model_config = ConfigDict(frozen=True)

    criterion: str
    label: str
    group: str
    legal_basis: str
    obligation: str
    satisfied_when: str
    on: dt.date
    rubric: str
    rows: list[AlignmentRow]

    def row(self, jurisdiction: str) -> AlignmentRow:
        for r in self.rows:
            if r.jurisdiction == jurisdiction.upper():
                return r
        raise KeyError(jurisdiction)

    def as_json(self) -> dict[str, object]:
        data = self.model_dump(mode="json")
        data["unofficial_translation"] = True
        return data

    def to_csv(self) -> str:
        """One line per state; text cells are neutralised against spreadsheet formula injection."""
        buf = io.StringIO()
        fields = ["jurisdiction", "on", "criterion", "status", "flags", "words", "sentences", "citations",
                  "sources", "rests_on", "note", "rationale"]
        writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for r in self.rows:
            row = {
                "jurisdiction": r.jurisdiction, "on": self.on.isoformat(), "criterion": self.criterion,
                "status": r.status, "flags": "; ".join(r.flags), "words": " | ".join(w.words for w in r.wording),
                "sentences": " | ".join(w.sentence or "" for w in r.wording),
                "citations": " | ".join(r.citations), "sources": " | ".join(r.sources),
                "rests_on": " | ".join(r.rests_on), "note": r.note, "rationale": r.rationale,
            }
            writer.writerow({k: csv_safe(v) for k, v in row.items()})
        return buf.getvalue()

    def to_text(self) -> str:
        lines = [f"{self.criterion}: {self.label} ({self.legal_basis}; {self.obligation}), on {self.on}",
                 f"Satisfied when: {self.satisfied_when}", ""]
        for r in self.rows:
            flags = f" [{', '.join(r.flags)}]" if r.flags else ""
            lines.append(f"{r.jurisdiction}  {r.status}{flags}")
            lines.append(f"    finding: {r.rationale}")
            for w in r.wording:
                lines.append(f"    wording ({EVIDENCE_KINDS.get(w.kind, w.kind)}): {w.marked()}")
                lines.append(f"        in {w.citation}")
            for c in r.rests_on:
                lines.append(f"    rests on: {c}")
            if r.sources:
                lines.append(f"    sources: {'; '.join(r.sources)}")
            if r.note:
                lines.append(f"    note: {r.note}")
            lines.append("")
        lines.append("Words found are marked [[like this]]. Statute texts are the lawcompare project's unofficial "
                     "English renderings; the official texts govern.")
        return "\n".join(lines)

    def to_html(self) -> str:
        from lawcompare.render.compare_html import render_alignment

        return render_alignment(self)

    def _repr_html_(self) -> str:
        from lawcompare.render.compare_html import fragment, render_alignment

        return fragment(render_alignment(self))


# ---------------------------------------------------------------------------------------------


def sentence_around(text: str, start: int, end: int, limit: int = SENTENCE_LIMIT) -> tuple[str, int, int]:
    """The sentence of ``text`` holding ``text[start:end]``, and the span's offsets inside it.

    A sentence ends at ``.``, ``!`` or ``?`` before a space, or at a line break. Sentences longer than
    ``limit`` are cut to about ``limit`` characters around the words, with ``…`` where cut.
    """
    s = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        s = m.end()
    m = _SENTENCE_END.search(text, end)
    e = m.end() if m else len(text)
    while s < start and text[s].isspace():
        s += 1
    e = len(text[:e].rstrip())
    e = max(e, end)
    if e - s > limit:
        room = max(0, (limit - (end - start)) // 2)
        s2, e2 = max(s, start - room), min(e, end + room)
        # cut at word boundaries
        while s2 > s and not text[s2 - 1].isspace():
            s2 -= 1
        while e2 < e and not text[e2].isspace():
            e2 += 1
        prefix = "…" if s2 > s else ""
        suffix = "…" if e2 < e else ""
        return prefix + text[s2:e2] + suffix, start - s2 + len(prefix), end - s2 + len(prefix)
    return text[s:e], start - s, end - s


def wording(corpus: Corpus, jurisdiction: str, e: EvidenceItem) -> Wording:
    """The evidence item's words in their sentence (looked up in the record the item cites)."""
    found = corpus.provision_at(jurisdiction, e.instrument, e.version_from, e.provision)
    basis = None
    sentence = start = end = None
    if found is not None:
        node, article = found.provision, found.article.provision
        tb = node.text_basis or article.text_basis
        basis = tb.value if tb else None
        text = node.text or ""
        span = (e.start, e.end) if e.start is not None and e.end is not None else None
        if span is None and e.source in ("detector", "annotation") and text:
            pos = text.lower().find(e.text.lower())
            span = (pos, pos + len(e.text)) if pos >= 0 else None
        if span is not None and 0 <= span[0] < span[1] <= len(text):
            sentence, start, end = sentence_around(text, *span)
    return Wording(words=e.text, sentence=sentence, start=start, end=end, citation=e.citation,
                   provision=f"{e.instrument}:{e.provision}", kind=e.source, text_basis=basis, fuzzy=e.fuzzy)


def _note(f: Finding, words: list[Wording], rests_on: list[str]) -> str:
    flags = {x.value for x in f.flags}
    bits = []
    if "reconstructed_text" in flags or any(w.text_basis == "reconstruction" for w in words):
        bits.append("The wording is a reconstruction from secondary sources (ours, approximate), not a rendering "
                    "of the official text.")
    if "uncertain" in flags:
        bits.append("The finding is flagged uncertain; see the rationale.")
    if "annotation_disagrees" in flags:
        bits.append("Hand coding and detection disagree on this criterion.")
    if "pre_ratification" in flags:
        bits.append("The Protocol did not yet bind the state on this date.")
    if not words and rests_on:
        bits.append("No words match the criterion: the finding rests on the offence as a whole.")
    if any(w.fuzzy for w in words):
        bits.append("Some words were matched tolerantly (possible misspelling).")
    return " ".join(bits)


def row(corpus: Corpus, report: GapReport, criterion: str) -> AlignmentRow:
    f = report.finding(criterion)
    seen: set[tuple[str, str | None, int | None]] = set()
    words = []
    for e in f.evidence:
        w = wording(corpus, report.jurisdiction, e)
        key = (w.provision, w.sentence, w.start) if w.sentence is not None else (w.provision, w.words, None)
        if key not in seen:
            seen.add(key)
            words.append(w)
    rests_on = []
    if not f.evidence:
        rests_on = [p.citation for p in corpus.trafficking_offences(report.jurisdiction, report.on)]
    sources = list(dict.fromkeys(s for e in f.evidence for s in e.sources))
    if not sources and rests_on:
        sources = list(dict.fromkeys(s for p in corpus.trafficking_offences(report.jurisdiction, report.on)
                                     for s in p.sources))
    return AlignmentRow(jurisdiction=report.jurisdiction, status=f.status.value, flags=[x.value for x in f.flags],
                        wording=words, citations=list(dict.fromkeys(e.citation for e in f.evidence)),
                        sources=sources, rests_on=rests_on, note=_note(f, words, rests_on), rationale=f.rationale)


def align(corpus: Corpus, criterion: str, on: dt.date | str, rubric: str | Rubric = "palermo",
          jurisdictions: list[str] | None = None) -> Alignment:
    """How every state (or the given ones) covers ``criterion`` on ``on``.

    Raises :class:`~lawcompare.errors.RubricError` for a criterion the rubric does not have, and
    :class:`~lawcompare.errors.UnknownJurisdiction` for a state the corpus does not hold.
    """
    from lawcompare.assess.rules import assess

    day = as_date(on)
    rub = rubric if isinstance(rubric, Rubric) else load_rubric(rubric)
    c = rub.get(criterion)
    states = [j.upper() for j in jurisdictions] if jurisdictions else corpus.jurisdictions()
    rows = [row(corpus, assess(corpus, j, day, rub), c.id) for j in states]
    return Alignment(criterion=c.id, label=c.label, group=c.group, legal_basis=c.legal_basis,
                     obligation=c.obligation.value, satisfied_when=" ".join(c.satisfied_when.split()), on=day,
                     rubric=rub.id, rows=rows)
