"""From a gap report to a memo: which gaps to raise, in what order, with what evidence and caveats.

Rules (also in docs/memos.md):

* only ``missing`` and ``partial`` findings become gaps; a ``met`` criterion is never proposed (it is
  listed as covered, with its citation); a ``not_applicable`` one is listed as not assessed;
* gaps are ordered by the rubric's ``priority`` (criminalisation and definition, then penalties,
  then victims), then by rubric order;
* a finding flagged ``uncertain``, ``reconstructed_text`` or ``annotation_disagrees`` is *not
  confirmed*: it is put in a separate "verify first" section with the reason, never presented as
  an established gap.
"""

from __future__ import annotations

import datetime as dt
from importlib.metadata import PackageNotFoundError, version

from lawcompare.assess.evidence import layout
from lawcompare.assess.models import Finding, Flag, GapReport, Status
from lawcompare.assess.rules import assess, is_full_offence, persons_first
from lawcompare.errors import InputError
from lawcompare.memo.drafting import Drafter
from lawcompare.memo.models import Covered, CurrentProvision, Gap, Memo, Reference
from lawcompare.records.corpus import Corpus, ProvisionInForce, as_date
from lawcompare.records.models import Topic
from lawcompare.rubric.load import load_rubric
from lawcompare.rubric.models import Criterion, Rubric

STATE_NAMES = {
    "KZ": "the Republic of Kazakhstan", "KG": "the Kyrgyz Republic", "TJ": "the Republic of Tajikistan",
    "TM": "Turkmenistan", "UZ": "the Republic of Uzbekistan",
}
NOT_CONFIRMED = {Flag.uncertain, Flag.reconstructed_text, Flag.annotation_disagrees}
OBLIGATION_WORDS = {
    "mandatory": "a treaty obligation",
    "optional": "an optional treaty provision",
    "good_practice": "good practice, not a treaty obligation",
    "us_benchmark": "a US TVPA benchmark, not a treaty obligation",
}


class _References:
    """Numbered, de-duplicated citations shared by the whole memo."""

    def __init__(self) -> None:
        self.items: list[Reference] = []
        self._index: dict[str, int] = {}

    def add(self, text: str, url: str | None = None) -> int:
        key = f"{text}|{url or ''}"
        if key not in self._index:
            self.items.append(Reference(number=len(self.items) + 1, text=text, url=url))
            self._index[key] = len(self.items)
        return self._index[key]



def _primary_offence(offences: list[ProvisionInForce]) -> ProvisionInForce | None:
    """The article to amend: the one the assessment reads criminalisation from."""
    return (persons_first([p for p in offences if is_full_offence(p)]) or [None])[0]


def _old_offence(offences: list[ProvisionInForce]) -> ProvisionInForce | None:
    old = [p for p in offences if Topic.recruitment_for_exploitation in p.provision.topics]
    return (old or [None])[0]


def _current(pif: ProvisionInForce, refs: _References) -> CurrentProvision:
    whole = pif.article
    article = whole.provision
    text = layout(article).text or "(no text recorded)"
    basis = article.text_basis.value if article.text_basis else "none"
    return CurrentProvision(citation=whole.citation, text=text, text_basis=basis,
                            references=[refs.add(cited, url) for cited, url in whole.source_citations()])


def _cautions(c: Criterion, f: Finding, offence: ProvisionInForce | None) -> list[str]:
    out: list[str] = []
    flags = set(f.flags)
    where = offence.provision.label if offence is not None and offence.provision.label else "the offence"
    if Flag.reconstructed_text in flags:
        out.append(f"Our text of {where} is a reconstruction from secondary sources, not the official wording. "
                   "Confirm against the official text that the element is really absent before sending.")
    if Flag.via_definition in flags:
        out.append("The element appears in a definition outside the offence; whether the offence is read with "
                   "that definition is not settled by the text. Check case law or Supreme Court guidance.")
    if Flag.annotation_disagrees in flags:
        out.append("The project's hand coding and the automatic detection disagree on this provision; read it "
                   "yourself before relying on this point.")
    if Flag.uncertain in flags and not out:
        out.append(f"The tool marks this finding as uncertain: {f.rationale}")
    if Flag.pre_ratification in flags:
        out.append("The Protocol did not yet bind the state on this date: this is a gap against the benchmark, "
                   "not a breach.")
    if c.obligation.value != "mandatory":
        out.append(f"This criterion is {OBLIGATION_WORDS[c.obligation.value]}.")
    return out


def _where(c: Criterion, offence: ProvisionInForce | None) -> str:
    if offence is None:
        return "no trafficking offence in force"
    label = offence.provision.label or offence.provision.id
    if c.group in ("act", "means", "purpose") or c.id in ("penalty.serious_crime", "penalty.commensurate"):
        return f"{label}, basic offence"
    if c.id.startswith("penalty.aggravation."):
        return f"{label}, aggravated parts"
    if c.id == "penalty.confiscation":
        return f"{label}, sanctions"
    return label


def _references_of(c: Criterion) -> list[str]:
    r = c.references
    named = [("UNODC Model Law", r.model_law), ("Council of Europe Convention (CETS 197)", r.cets_197),
             ("US TVPA §108", r.tvpa_108), ("GRETA questionnaire", r.greta), ("Other", r.other)]
    return [f"{name}: {value}" for name, value in named if value]


def _tool_version() -> str:
    try:
        return version("lawcompare")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "unknown"


def build_memo(corpus: Corpus, jurisdiction: str, on: dt.date | str | None = None,
               rubric: str | Rubric = "palermo", *, include_uncertain: bool = True,
               report: GapReport | None = None, addressee: str | None = None, sender: str | None = None,
               date_line: str | None = None) -> Memo:
    """Draft an amendment memo for one state on one date (default: today).

    ``addressee``, ``sender`` and ``date_line`` replace the bracketed placeholders.
    ``include_uncertain=False`` leaves out the gaps that need checking against the official text
    (they are then only counted in the caveats). Pass ``report`` to reuse an assessment you already have.
    """
    day = as_date(on or dt.date.today())
    rub = rubric if isinstance(rubric, Rubric) else load_rubric(rubric)
    code = jurisdiction.upper()
    rep = report or assess(corpus, code, day, rub)
    if rep.jurisdiction != code or rep.on != day:
        raise InputError(f"the report given is for {rep.jurisdiction} on {rep.on}, not {code} on {day}")
    offences = corpus.trafficking_offences(code, day)
    offence = _primary_offence(offences)
    codes = [r for r in corpus.records_in_force(code, day) if r.instrument.type.value == "criminal_code"]
    drafter = Drafter(offence, codes[0].instrument.title_en if codes else "Criminal Code",
                      old_offence=_old_offence(offences) if offence is None else None)
    refs = _References()

    order = {c.id: (c.priority, i) for i, c in enumerate(rub.criteria)}
    by_id = {c.id: c for c in rub.criteria}
    open_findings = sorted((f for f in rep.findings if f.status in (Status.missing, Status.partial)),
                           key=lambda f: order[f.id])
    gaps: list[Gap] = []
    left_out = 0
    for f in open_findings:
        c = by_id[f.id]
        certain = not (set(f.flags) & NOT_CONFIRMED)
        if not certain and not include_uncertain:
            left_out += 1
            continue
        number = len(gaps) + 1
        current: list[CurrentProvision] = []
        seen: set[str] = set()
        anchor = offence or drafter.old_offence
        candidates = ([anchor] if anchor is not None else []) + [
            p for p in (corpus.provision_at(code, e.instrument, e.version_from, e.provision) for e in f.evidence)
            if p is not None]
        for pif in candidates:
            cur = _current(pif, refs)
            if cur.citation not in seen:
                seen.add(cur.citation)
                current.append(cur)
        gaps.append(Gap(
            number=number, criterion=c.id, label=c.label, group=c.group, group_title=rub.group_title(c.group),
            priority=c.priority, obligation=c.obligation.value, status=f.status.value, certain=certain,
            flags=[x.value for x in f.flags], where=_where(c, offence), current=current,
            standard=" ".join(c.satisfied_when.split()), legal_basis=" ".join(c.legal_basis.split()),
            legal_basis_refs=[refs.add(" ".join(c.legal_basis.split()))],
            proposal=drafter.propose(c, f, number), rationale=f.rationale, cautions=_cautions(c, f, offence),
            references=_references_of(c),
        ))

    covered = [Covered(criterion=f.id, label=f.label, flags=[x.value for x in f.flags],
                       citation=f.evidence[0].citation if f.evidence else f.rationale)
               for f in rep.findings if f.status == Status.met]
    not_assessed = [Covered(criterion=f.id, label=f.label, citation=f.rationale, flags=[x.value for x in f.flags])
                    for f in rep.findings if f.status == Status.not_applicable]
    state = STATE_NAMES.get(code, code)
    confirmed = sum(g.certain for g in gaps)
    summary = [
        f"This memo reviews the legislation of {state} in force on {day.isoformat()} against the "
        f"{rep.rubric_title} ({len(rep.findings)} criteria).",
        (f"Trafficking offence in force: {'; '.join(rep.offences)}." if rep.offences
         else "No criminal-code trafficking offence was in force on that date."),
        f"{len(covered)} criteria are met, {len(not_assessed)} could not be assessed, and {len(gaps)} gaps are "
        f"set out below with proposed amendments: {confirmed} rest on text we hold in translation; "
        f"{len(gaps) - confirmed} must first be verified against the official text.",
    ]
    if any(g.certain for g in gaps):
        summary.append("The most important points are: " + "; ".join([g.label for g in gaps if g.certain][:3]) + ".")
    elif gaps:
        summary.append("No gap is confirmed on text we hold in translation; the first points to verify against the "
                       "official text are: " + "; ".join(g.label for g in gaps[:3]) + ".")
    else:
        summary.append("No gap against the rubric was found; this memo proposes no amendment.")
    tip = next((t for t in rep.treaties if t.treaty == "tip_protocol"), None)
    if tip is not None:
        summary.append(f"{tip.title}: {tip.note}.")

    caveats = [
        "Statute texts quoted here are the project's unofficial English renderings, not official translations; "
        "quote the official text in any submission.",
        "Proposed wording is the project's own model drafting, to be adapted by the drafter; bracketed figures are "
        "placeholders.",
        "Findings are produced by rules and text detection (see the methodology); a lawyer must review each one.",
    ]
    if any(not g.certain for g in gaps):
        caveats.append("Gaps in the 'verify first' section rest on reconstructed or uncertain texts and must not be "
                       "raised until checked against the official text.")
    if left_out:
        caveats.append(f"{left_out} further possible gap(s) were left out because they rest on uncertain findings "
                       "(include_uncertain=False).")
    if any(g.proposal.instruction.startswith("Supplement") and "part" in g.proposal.instruction for g in gaps):
        caveats.append("New parts and notes are numbered on the assumption that every proposal in this memo is "
                       "adopted, in the order given.")
    title = rub.rubric.title
    filled = {k: v for k, v in (("addressee", addressee), ("sender", sender), ("date_line", date_line)) if v}
    return Memo(
        **filled,  # type: ignore[arg-type]
        jurisdiction=code, state_name=state, on=day, rubric=rub.id, rubric_title=title,
        subject=f"Bringing the anti-trafficking legislation of {state} into line with international standards",
        summary=summary, offences=list(rep.offences),
        treaty_lines=[f"{t.title}: {t.note}" for t in rep.treaties], gaps=gaps, covered=covered,
        not_assessed=not_assessed, caveats=caveats, references=refs.items,
        generated=f"Drafted with lawcompare {_tool_version()}, rubric {rub.id} {rub.rubric.version}, corpus state "
                  f"on {day.isoformat()}.",
    )
