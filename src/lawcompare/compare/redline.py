"""Redline of one provision between two dates (or two records): wording, penalties, criteria.

``diff_provision(corpus, "KZ", "art128", "2010-01-01", "2016-01-01")`` finds the version of the
provision in force on each date, even in different instruments (the 1997 and 2014 Codes of
Kazakhstan both have an article 128), and returns a :class:`Redline`:

* a word-level redline of the article's full text as laid out for detection (heading, then one line
  per part and point with its label), where joining the ``equal`` and ``delete`` segments gives the
  old text back exactly and ``equal`` plus ``insert`` the new one;
* the structured penalties that differ, node by node;
* every rubric criterion whose status or flags changed between the two whole-state assessments,
  with the evidence citations on each side ("no change" is said, not implied).

``diff_records(old, new, "art128")`` does the same for two record files, e.g. a draft amendment
made by hand; each record is then assessed on its own (other instruments are not considered).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from lawcompare.assess.evidence import layout
from lawcompare.assess.models import GapReport
from lawcompare.errors import LawcompareError, RecordError
from lawcompare.records.corpus import Corpus, ProvisionInForce, as_date, cite
from lawcompare.records.models import Provision, StatuteVersion, TextBasis
from lawcompare.rubric.load import load_rubric
from lawcompare.rubric.models import Rubric

RECONSTRUCTION_WARNING = (
    "Both sides are reconstructions: their wording is ours, rebuilt from secondary sources, so this redline says "
    "more about our wording than about the law. Compare the official texts before relying on any change."
)

_TOKEN = re.compile(r"\s+|\w+(?:['’-]\w+)*|[^\w\s]")


class ProvisionNotFound(LawcompareError):
    """A provision that is not in force on the date asked for (or not in the record named)."""


# ---------------------------------------------------------------------------------------------
# models


class Segment(BaseModel):
    """A run of text that is the same on both sides, only in the old text, or only in the new."""

    model_config = ConfigDict(frozen=True)

    op: Literal["equal", "delete", "insert"]
    text: str


class Side(BaseModel):
    """One side of the redline: which instrument, version and provision, and how its text was made."""

    model_config = ConfigDict(frozen=True)

    jurisdiction: str
    on: dt.date | None = None  # the date asked for; None when a record was named directly
    instrument: str
    instrument_title: str
    version_from: dt.date
    version_to: dt.date | None = None
    provision: str
    citation: str
    text_basis: str | None = None
    language: str = "en"
    file: str | None = None
    sources: list[str] = Field(default_factory=list)
    uncertain: list[str] = Field(default_factory=list)
    text: str

    @property
    def key(self) -> str:
        return f"{self.instrument}@{self.version_from.isoformat()}:{self.provision}"

    def describe(self) -> str:
        basis = self.text_basis or "text basis not recorded"
        return f"{self.citation} (text: {basis})"


class PenaltyChange(BaseModel):
    """A part (or the article) whose structured penalty differs between the two sides."""

    model_config = ConfigDict(frozen=True)

    old_provision: str | None
    new_provision: str | None
    old: str | None
    new: str | None


class CriterionChange(BaseModel):
    """A criterion whose status or flags differ between the two assessments."""

    model_config = ConfigDict(frozen=True)

    criterion: str
    label: str
    old_status: str
    new_status: str
    old_flags: list[str] = Field(default_factory=list)
    new_flags: list[str] = Field(default_factory=list)
    old_citations: list[str] = Field(default_factory=list)
    new_citations: list[str] = Field(default_factory=list)
    old_rationale: str = ""
    new_rationale: str = ""

    @property
    def status_changed(self) -> bool:
        return self.old_status != self.new_status

    @property
    def flags_added(self) -> list[str]:
        return [f for f in self.new_flags if f not in self.old_flags]

    @property
    def flags_removed(self) -> list[str]:
        return [f for f in self.old_flags if f not in self.new_flags]

    def describe(self) -> str:
        old = self.old_status + (f" [{', '.join(self.old_flags)}]" if self.old_flags else "")
        new = self.new_status + (f" [{', '.join(self.new_flags)}]" if self.new_flags else "")
        return f"{old} → {new}"


class CriteriaComparison(BaseModel):
    """How each criterion of the rubric changed between the two assessments."""

    model_config = ConfigDict(frozen=True)

    rubric: str
    scope: str  # what was assessed on each side, in words
    old_on: dt.date
    new_on: dt.date
    compared: int  # number of criteria compared
    changes: list[CriterionChange] = Field(default_factory=list)


class Redline(BaseModel):
    """The redline of one provision between two versions, with penalty and criterion changes."""

    model_config = ConfigDict(frozen=True)

    old: Side
    new: Side
    segments: list[Segment]
    penalties: list[PenaltyChange] = Field(default_factory=list)
    criteria: CriteriaComparison | None = None
    warnings: list[str] = Field(default_factory=list)

    @property
    def text_changed(self) -> bool:
        return any(s.op != "equal" for s in self.segments)

    @property
    def same_version(self) -> bool:
        return self.old.key == self.new.key

    def words(self, op: Literal["delete", "insert"]) -> int:
        return sum(len(re.findall(r"\w+", s.text)) for s in self.segments if s.op == op)

    def deleted(self) -> list[str]:
        return [s.text for s in self.segments if s.op == "delete"]

    def inserted(self) -> list[str]:
        return [s.text for s in self.segments if s.op == "insert"]

    def as_json(self) -> dict[str, object]:
        return {
            "old": self.old.model_dump(mode="json"),
            "new": self.new.model_dump(mode="json"),
            "text_changed": self.text_changed,
            "words_deleted": self.words("delete"),
            "words_inserted": self.words("insert"),
            "segments": [s.model_dump(mode="json") for s in self.segments],
            "penalty_changes": [p.model_dump(mode="json") for p in self.penalties],
            "criteria": self.criteria.model_dump(mode="json") if self.criteria else None,
            "warnings": self.warnings,
            "unofficial_translation": True,
        }

    def redline_text(self, colour: bool = False) -> str:
        """The redline alone: ANSI colours, or ``[-deleted-]{+inserted+}`` markers."""
        return segments_text(self.segments, colour)

    def to_text(self, colour: bool = False) -> str:
        """The whole redline for a terminal: both sides, warnings, text, penalties, criteria."""
        return redline_report_text(self, colour)

    def to_html(self) -> str:
        from lawcompare.render.compare_html import render_redline

        return render_redline(self)

    def _repr_html_(self) -> str:
        from lawcompare.render.compare_html import fragment, render_redline

        return fragment(render_redline(self))


# ---------------------------------------------------------------------------------------------
# word-level diff


def tokens(text: str) -> list[str]:
    """Words, single punctuation marks and whitespace runs; ``"".join(tokens(t)) == t``."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Segment]:
    """Word-level redline of two texts; whitespace and punctuation are kept exactly."""
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # a change region is [deleted, inserted]; equal runs are plain strings
    regions: list[str | list[str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            regions.append("".join(a[i1:i2]))
        else:
            regions.append(["".join(a[i1:i2]), "".join(b[j1:j2])])
    regions = _merge_replacements(regions)
    out: list[Segment] = []
    for r in regions:
        if isinstance(r, str):
            _append(out, "equal", r)
        else:
            _append(out, "delete", r[0])
            _append(out, "insert", r[1])
    return out


def _merge_replacements(regions: list[str | list[str]]) -> list[str | list[str]]:
    """Join replacements separated only by a space, so that "[-a-]{+x+} [-b-]{+y+}" reads "[-a b-]{+x y+}".

    Only replacements (text deleted *and* inserted on both sides of the space) are joined: the space
    then belongs to both texts, so each side is still reproduced exactly. Line breaks are never swallowed.
    """
    out: list[str | list[str]] = []
    i = 0
    while i < len(regions):
        r = regions[i]
        prev = out[-1] if out else None
        nxt = regions[i + 1] if i + 1 < len(regions) else None
        if (isinstance(r, str) and r.strip() == "" and "\n" not in r and isinstance(prev, list)
                and isinstance(nxt, list) and all(prev) and all(nxt)):
            prev[0] += r + nxt[0]
            prev[1] += r + nxt[1]
            i += 2
            continue
        out.append(list(r) if isinstance(r, list) else r)
        i += 1
    return out


def _append(out: list[Segment], op: Literal["equal", "delete", "insert"], text: str) -> None:
    if not text:
        return
    if out and out[-1].op == op:
        out[-1] = Segment(op=op, text=out[-1].text + text)
    else:
        out.append(Segment(op=op, text=text))


# ---------------------------------------------------------------------------------------------
# finding the two sides


def split_ref(ref: str) -> tuple[str | None, str]:
    """``kz-cc-2014:art128`` → (``kz-cc-2014``, ``art128``); ``art128`` → (None, ``art128``)."""
    instrument, _, pid = ref.strip().rpartition(":")
    return (instrument or None), pid


RENUMBERED_HINT = "If the article was renumbered, name the other side's article with --to-provision."


def provision_in_force(corpus: Corpus, jurisdiction: str, ref: str, on: dt.date | str,
                       hint: str = RENUMBERED_HINT) -> ProvisionInForce:
    """The provision ``ref`` (``art128`` or ``kz-cc-2014:art128``) in force in a state on a date.

    Raises :class:`ProvisionNotFound` naming the trafficking offences in force on that date and the
    versions that do have the provision, or asking for the instrument where several have it.
    """
    day = as_date(on)
    code = jurisdiction.upper()
    instrument, pid = split_ref(ref)
    records = corpus.records_in_force(code, day)  # raises UnknownJurisdiction with the known codes
    hits = [ProvisionInForce(r, p) for r in records
            if instrument in (None, r.instrument.id) and (p := r.provision(pid)) is not None]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        options = "; ".join(f"{h.record.instrument.id}:{pid} ({h.citation})" for h in hits)
        raise ProvisionNotFound(f"{code} {pid} is in more than one instrument in force on {day}: {options}. "
                                "Name the instrument, e.g. " f"{hits[0].record.instrument.id}:{pid}.")
    offences = corpus.trafficking_offences(code, day)
    listed = ("; ".join(f"{p.record.instrument.id}:{p.provision.id} ({p.citation})" for p in offences)
              if offences else "none")
    elsewhere = corpus.history(code, ref)
    if elsewhere:
        spans = sorted({_span(h.record) for h in elsewhere})
        where = f" {ref} is recorded in: {', '.join(spans)}."
    else:
        where = f" No recorded version of any {code} instrument has {ref}."
    known = {r.instrument.id for r in corpus.versions(code)}
    if instrument is not None and instrument not in known:
        where += f" No instrument {instrument!r} is recorded for {code}; known: {', '.join(sorted(known))}."
    raise ProvisionNotFound(
        f"{code} {ref} is not in force on {day}.{where} Trafficking offences in force on {day}: {listed}."
        + (f" {hint}" if hint else ""))


def _span(rec: StatuteVersion) -> str:
    to = rec.version.in_force_to.isoformat() if rec.version.in_force_to else "today"
    return f"{rec.instrument.id} {rec.version.in_force_from.isoformat()} to {to}"


def provision_in_record(record: StatuteVersion, ref: str) -> ProvisionInForce:
    """The provision ``ref`` of one record, or :class:`ProvisionNotFound` listing the record's articles."""
    instrument, pid = split_ref(ref)
    if instrument is not None and instrument != record.instrument.id:
        where = f"{record.file}: " if record.file else ""
        raise ProvisionNotFound(f"{where}the record is instrument {record.instrument.id!r}, not {instrument!r}")
    prov = record.provision(pid)
    if prov is None:
        where = f"{record.file}: " if record.file else ""
        articles = ", ".join(a.id for a in record.provisions) or "none"
        raise ProvisionNotFound(f"{where}no provision {pid!r} in {record.key}; its articles: {articles}")
    return ProvisionInForce(record, prov)


def read_statute(path: str | Path) -> StatuteVersion:
    """One statute-version record file, or :class:`RecordError` with every problem (file:line)."""
    from lawcompare.records.load import read_record

    record, errors = read_record(path)
    if errors:
        raise RecordError(f"{len(errors)} error(s) in the record:\n  " + "\n  ".join(e.describe() for e in errors),
                          file=str(path))
    if not isinstance(record, StatuteVersion):
        raise RecordError("not a statute_version record (a redline needs provisions)", file=str(path))
    return record


def _text_basis(pif: ProvisionInForce) -> TextBasis | None:
    article = pif.record.provision(pif.provision.article_id) or pif.provision
    return pif.provision.text_basis or article.text_basis


def side(pif: ProvisionInForce, on: dt.date | None) -> Side:
    rec, prov = pif.record, pif.provision
    basis = _text_basis(pif)
    uncertain = [f"{n.id} {u.field}: {u.note}" for n in _ancestors_and_self(rec, prov) + list(prov.walk())[1:]
                 for u in n.uncertain if u.field in ("text", "heading", "penalty", "provisions")]
    return Side(
        jurisdiction=rec.jurisdiction, on=on, instrument=rec.instrument.id, instrument_title=rec.instrument.title_en,
        version_from=rec.version.in_force_from, version_to=rec.version.in_force_to, provision=prov.id,
        citation=cite(rec, prov), text_basis=basis.value if basis else None, language=rec.translation.language,
        file=rec.file, sources=pif.sources, uncertain=uncertain,
        text=layout(prov).text)


def _ancestors_and_self(rec: StatuteVersion, prov: Provision) -> list[Provision]:
    out = []
    node_id = ""
    for piece in prov.id.split("."):
        node_id = f"{node_id}.{piece}" if node_id else piece
        node = rec.provision(node_id)
        if node is not None:
            out.append(node)
    return out


# ---------------------------------------------------------------------------------------------
# penalties and criteria


def penalty_changes(old: Provision, new: Provision) -> list[PenaltyChange]:
    """Nodes whose structured penalty differs, matched by their place under the compared provision."""

    def by_place(root: Provision) -> dict[str, Provision]:
        return {n.id[len(root.id):]: n for n in root.walk()}

    a, b = by_place(old), by_place(new)
    out = []
    for place in list(dict.fromkeys([*a, *b])):
        na, nb = a.get(place), b.get(place)
        pa = na.penalty.describe() if na and na.penalty else None
        pb = nb.penalty.describe() if nb and nb.penalty else None
        if pa != pb:
            out.append(PenaltyChange(old_provision=na.id if na else None, new_provision=nb.id if nb else None,
                                     old=pa, new=pb))
    return out


def criterion_changes(old: GapReport, new: GapReport) -> list[CriterionChange]:
    """Every criterion whose status or flags differ, with the evidence citations on each side."""
    out = []
    for f in old.findings:
        try:
            g = new.finding(f.id)
        except KeyError:
            continue
        of, nf = [x.value for x in f.flags], [x.value for x in g.flags]
        if f.status == g.status and sorted(of) == sorted(nf):
            continue
        out.append(CriterionChange(
            criterion=f.id, label=f.label, old_status=f.status.value, new_status=g.status.value,
            old_flags=of, new_flags=nf, old_citations=list(dict.fromkeys(e.citation for e in f.evidence)),
            new_citations=list(dict.fromkeys(e.citation for e in g.evidence)),
            old_rationale=f.rationale, new_rationale=g.rationale))
    return out


def _warnings(old: Side, new: Side) -> list[str]:
    out = []
    recon = TextBasis.reconstruction.value
    if old.text_basis == recon and new.text_basis == recon:
        out.append(RECONSTRUCTION_WARNING)
    elif recon in (old.text_basis, new.text_basis):
        which = "old" if old.text_basis == recon else "new"
        out.append(f"The {which} side is a reconstruction from secondary sources: differences may come from our "
                   "wording rather than from the law. Check the official text.")
    if None in (old.text_basis, new.text_basis):
        out.append("The text basis of a side is not recorded, so whether it renders the official text is unknown.")
    if old.language != new.language:
        out.append(f"The sides are in different languages ({old.language} and {new.language}); a word-level redline "
                   "between languages shows no legal change.")
    if old.instrument != new.instrument:
        out.append(f"The sides are different instruments ({old.instrument} and {new.instrument}): the same number "
                   "need not mean the same offence.")
    elif old.key == new.key:
        out.append(f"The same version ({old.instrument} in force from {old.version_from}) is on both sides.")
    if old.uncertain or new.uncertain:
        out.append("The records mark some of this wording or its penalty as unconfirmed; see each side's "
                   "'uncertain' notes.")
    return out


def _rubric(rubric: str | Rubric) -> Rubric:
    return rubric if isinstance(rubric, Rubric) else load_rubric(rubric)


def redline(old: ProvisionInForce, new: ProvisionInForce, old_on: dt.date | None = None,
            new_on: dt.date | None = None, criteria: CriteriaComparison | None = None) -> Redline:
    """The redline of two provisions already found; ``criteria`` is attached as given."""
    a, b = side(old, old_on), side(new, new_on)
    return Redline(old=a, new=b, segments=word_diff(a.text, b.text),
                   penalties=penalty_changes(old.provision, new.provision), criteria=criteria,
                   warnings=_warnings(a, b))


def diff_provision(corpus: Corpus, jurisdiction: str, provision: str, from_: dt.date | str, to: dt.date | str,
                   *, to_provision: str | None = None, rubric: str | Rubric = "palermo",
                   criteria: bool = True) -> Redline:
    """Redline of ``provision`` as in force in ``jurisdiction`` on ``from_`` and on ``to``.

    ``provision`` may name the instrument (``kz-cc-1997:art128``); that choice holds for the ``from``
    side only, so that a diff can cross from one code to its successor. ``to_provision`` names the
    article on the ``to`` side when it was renumbered (``art133`` or ``kz-cc-2014:art135``); by default
    it is ``provision``'s article id in whichever instrument is in force on ``to``. With ``criteria`` the
    whole state is assessed on both dates with ``rubric``.
    """
    d1, d2 = as_date(from_), as_date(to)
    old = provision_in_force(corpus, jurisdiction, provision, d1)
    new = provision_in_force(corpus, jurisdiction, to_provision or split_ref(provision)[1], d2)
    comparison = None
    if criteria:
        from lawcompare.assess.rules import assess

        rub = _rubric(rubric)
        code = jurisdiction.upper()
        r1, r2 = assess(corpus, code, d1, rub), assess(corpus, code, d2, rub)
        comparison = CriteriaComparison(
            rubric=rub.id, scope=f"all instruments of {code} in force on each date", old_on=d1, new_on=d2,
            compared=len(rub.criteria), changes=criterion_changes(r1, r2))
    return redline(old, new, d1, d2, comparison)


def diff_records(old: StatuteVersion | str | Path, new: StatuteVersion | str | Path, provision: str, *,
                 to_provision: str | None = None, rubric: str | Rubric = "palermo",
                 criteria: bool = True) -> Redline:
    """Redline of ``provision`` between two records (objects or file paths).

    With ``criteria``, each record is assessed on its own on its first day in force: instruments that
    would be in force beside it are not considered, and ratifications are unknown.
    """
    a = old if isinstance(old, StatuteVersion) else read_statute(old)
    b = new if isinstance(new, StatuteVersion) else read_statute(new)
    pa, pb = provision_in_record(a, provision), provision_in_record(b, to_provision or provision)
    comparison = None
    if criteria:
        from lawcompare.assess.rules import assess

        rub = _rubric(rubric)
        d1, d2 = a.version.in_force_from, b.version.in_force_from
        r1 = assess(Corpus([a]), a.jurisdiction, d1, rub)
        r2 = assess(Corpus([b]), b.jurisdiction, d2, rub)
        comparison = CriteriaComparison(
            rubric=rub.id, scope="each record on its own, on its first day in force (other instruments and "
            "ratifications not considered)", old_on=d1, new_on=d2, compared=len(rub.criteria),
            changes=criterion_changes(r1, r2))
    return redline(pa, pb, None, None, comparison)


# ---------------------------------------------------------------------------------------------
# terminal text


def segments_text(segments: list[Segment], colour: bool = False) -> str:
    """Deleted text red and struck through, inserted green and underlined; or ``[-...-]{+...+}``."""
    import click

    out = []
    for s in segments:
        if s.op == "equal":
            out.append(s.text)
        elif colour:
            style = {"fg": "red", "strikethrough": True} if s.op == "delete" else {"fg": "green", "underline": True}
            # style line by line so that a colour never runs on past a line break
            out.append("\n".join(click.style(line, **style) if line else line for line in s.text.split("\n")))
        else:
            out.append(f"[-{s.text}-]" if s.op == "delete" else f"{{+{s.text}+}}")
    return "".join(out)


def _when(s: Side) -> str:
    return f"on {s.on.isoformat()}" if s.on else (f"record {s.file}" if s.file else "record")


def redline_report_text(r: Redline, colour: bool = False) -> str:
    lines = [f"Redline of {r.old.jurisdiction} {r.old.provision}"
             + (f" → {r.new.jurisdiction} {r.new.provision}" if (r.old.jurisdiction, r.old.provision)
                != (r.new.jurisdiction, r.new.provision) else ""),
             f"  old ({_when(r.old)}): {r.old.describe()}",
             *[f"      unconfirmed: {u}" for u in r.old.uncertain],
             f"  new ({_when(r.new)}): {r.new.describe()}",
             *[f"      unconfirmed: {u}" for u in r.new.uncertain]]
    lines += [f"warning: {w}" for w in r.warnings]
    lines.append("")
    if r.text_changed:
        lines.append(f"Text: {r.words('delete')} word(s) deleted, {r.words('insert')} inserted"
                     + ("" if colour else " ([-deleted-] {+inserted+})"))
        lines.append(segments_text(r.segments, colour))
    else:
        lines.append("Text: no change.")
        lines.append(r.new.text)
    lines.append("")
    if r.penalties:
        lines.append("Penalties (structured):")
        for p in r.penalties:
            where = p.new_provision or p.old_provision
            lines.append(f"  {where}: {p.old or 'none recorded'} → {p.new or 'none recorded'}")
    else:
        lines.append("Penalties (structured): no change.")
    c = r.criteria
    if c is not None:
        lines.append("")
        lines.append(f"Criteria ({c.rubric}; {c.scope}), {c.old_on} → {c.new_on}:")
        if not c.changes:
            lines.append(f"  no change in status or flags (all {c.compared} criteria compared).")
        status = [ch for ch in c.changes if ch.status_changed]
        flags = [ch for ch in c.changes if not ch.status_changed]
        for title, group in (("status changed", status), ("flags changed, status the same", flags)):
            if not group:
                continue
            lines.append(f"  {title}:")
            for ch in group:
                lines.append(f"    {ch.criterion}: {ch.describe()}")
                lines.append(f"        before: {'; '.join(ch.old_citations) or 'no evidence cited'}")
                lines.append(f"        after:  {'; '.join(ch.new_citations) or 'no evidence cited'}")
    lines.append("")
    lines.append("Statute texts are the lawcompare project's unofficial English renderings; the official texts govern.")
    return "\n".join(lines)
