"""How each criterion's status is reached. See docs/methodology.md for the same rules in prose.

The unit of assessment is the set of instruments in force on the date:

* criminalisation (acts, means, purposes) is read from criminal-code trafficking offences; a
  definition in a special law supports the purposes of an offence that uses "exploitation", but a
  definition with no offence is not criminalisation;
* means found only in aggravating parts mean the basic offence needs none: every means is then
  ``met`` and flagged ``broader_than_standard`` (with ``means_only_aggravating`` where they appear);
* penalties come from the structured penalties of the basic part, compared with the 4-year UNTOC
  threshold and with the same code's rape offence;
* non-punishment is looked for in every instrument in force.

A text marked as a reconstruction lowers confidence: a finding that rests on the *absence* of
words in such a text is flagged ``uncertain``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TypeVar

from lawcompare.assess.evidence import ArticleDetection, detect_article, evidence_item
from lawcompare.assess.models import Disagreement, EvidenceItem, Finding, Flag, GapReport, Status
from lawcompare.assess.treaties import treaty_status
from lawcompare.records.corpus import Corpus, ProvisionInForce, as_date
from lawcompare.records.models import Provision, StatuteVersion, TextBasis, Topic
from lawcompare.rubric.load import load_rubric
from lawcompare.rubric.models import Criterion, Obligation, Rubric

SERIOUS_CRIME_YEARS = 4.0
T = TypeVar("T")


@dataclass
class Situation:
    """What is in force on the date, sorted by role, with detection run once per article."""

    corpus: Corpus
    jurisdiction: str
    on: dt.date
    rubric: Rubric
    offences: list[ArticleDetection] = field(default_factory=list)  # trafficking in persons / minors
    old_offences: list[ArticleDetection] = field(default_factory=list)  # recruitment for exploitation
    definitions: list[ArticleDetection] = field(default_factory=list)  # special-law definitions
    others: list[ArticleDetection] = field(default_factory=list)  # everything else in force
    rape: list[ProvisionInForce] = field(default_factory=list)

    @property
    def all(self) -> list[ArticleDetection]:
        return self.offences + self.old_offences + self.definitions + self.others


def is_full_offence(pif: ProvisionInForce) -> bool:
    """A criminal-code article on trafficking in persons or in minors (not the old recruitment offence)."""
    return (pif.record.instrument.type.value == "criminal_code"
            and bool(set(pif.provision.topics) & {Topic.trafficking_in_persons, Topic.trafficking_in_minors}))


def persons_first(offences: list[T], provision: Callable[[T], Provision] = attrgetter("provision")) -> list[T]:
    """The offences the criminalisation findings are read from: trafficking in persons, else in minors."""
    persons = [o for o in offences if Topic.trafficking_in_persons in provision(o).topics]
    return persons or offences


def _situation(corpus: Corpus, jurisdiction: str, on: dt.date, rubric: Rubric) -> Situation:
    sit = Situation(corpus, jurisdiction, on, rubric)
    for pif in corpus.in_force(jurisdiction, on):
        topics = set(pif.provision.topics)
        code = pif.record.instrument.type.value == "criminal_code"
        det = detect_article(pif, rubric.id if rubric.id in ("palermo", "extended") else "palermo")
        if is_full_offence(pif):
            sit.offences.append(det)
        elif code and Topic.recruitment_for_exploitation in topics:
            sit.old_offences.append(det)
        elif Topic.definitions in topics:
            sit.definitions.append(det)
        else:
            sit.others.append(det)
        if code and Topic.rape in topics:
            sit.rape.append(pif)
    return sit


def _basic_nodes(article: Provision) -> set[str]:
    """Ids of the basic offence: part 1 (and its points), or the whole article if it has no parts."""
    parts = [c for c in article.children if c.kind.value == "part"]
    if not parts:
        return {n.id for n in article.walk()}
    first = parts[0]
    return {article.id} | {n.id for n in first.walk()} | {
        c.id for c in article.children if c.kind.value == "note"}


def _basic_part(article: Provision) -> Provision:
    parts = [c for c in article.children if c.kind.value == "part"]
    return parts[0] if parts else article


def _reconstructed(dets: list[ArticleDetection]) -> bool:
    return any(d.pif.provision.text_basis == TextBasis.reconstruction for d in dets)


def _primary(sit: Situation) -> list[ArticleDetection]:
    return persons_first(sit.offences, lambda d: d.pif.provision)


class Assessor:
    def __init__(self, sit: Situation) -> None:
        self.sit = sit

    # helpers ---------------------------------------------------------------------------
    def found(self, dets: list[ArticleDetection], cid: str, basic_only: bool = False) -> list[EvidenceItem]:
        out: list[EvidenceItem] = []
        for d in dets:
            nodes = _basic_nodes(d.pif.provision) if basic_only else None
            out.extend(d.items(cid, nodes))
        return out

    def means_in_basic(self) -> bool:
        means = [c.id for c in self.sit.rubric.criteria if c.group == "means"]
        return any(self.found(_primary(self.sit), m, basic_only=True) for m in means)

    def finding(self, c: Criterion, status: Status, rationale: str, evidence: list[EvidenceItem] | None = None,
                flags: list[Flag] | None = None) -> Finding:
        flags = list(dict.fromkeys(flags or []))
        return Finding(id=c.id, label=c.label, group=c.group, obligation=c.obligation.value,
                       legal_basis=c.legal_basis, status=status, flags=flags, evidence=evidence or [],
                       rationale=rationale)

    # criterion groups --------------------------------------------------------------------
    def element(self, c: Criterion) -> Finding:
        """Acts, means and purposes."""
        sit = self.sit
        primary = _primary(sit)
        uncertain = [Flag.uncertain, Flag.reconstructed_text] if _reconstructed(primary) else []
        if c.group == "means" and primary and not self.means_in_basic():
            ev = self.found(primary, c.id)
            flags = [Flag.broader_than_standard] + ([Flag.means_only_aggravating] if ev else [])
            why = ("The basic offence requires no means at all, so it reaches every case the Protocol's means "
                   "would; ")
            why += ("this means appears only as an aggravating circumstance." if ev
                    else "this means is not named in the offence.")
            if uncertain:
                why += " Our text of the offence is a reconstruction from secondary sources."
            return self.finding(c, Status.met, why, ev, flags + uncertain)
        ev = self.found(primary, c.id)
        if c.group == "means" and ev and not self.found(primary, c.id, basic_only=True):
            return self.finding(c, Status.partial, "The means appears only as an aggravating circumstance; the "
                                "basic offence requires other means.", ev,
                                [Flag.means_only_aggravating] + uncertain)
        if ev:
            return self.finding(c, Status.met, f"Found in the trafficking offence ({ev[0].citation}).", ev)
        defs = self.found(sit.definitions, c.id)
        if primary and defs and c.group == "purpose":
            return self.finding(c, Status.met, "The code offence targets exploitation and the special law's "
                                f"definition of exploitation names this purpose ({defs[0].citation}).", defs,
                                [Flag.via_definition] + uncertain)
        if primary and defs:
            return self.finding(c, Status.partial, "Named in the special law's definition but not in the code "
                                f"offence itself ({defs[0].citation}); whether the offence is read with the "
                                "definition is not settled by the text.", defs, [Flag.via_definition, Flag.uncertain])
        old = self.found(sit.old_offences, c.id)
        if old:
            return self.finding(c, Status.partial, "Found only in a recruitment-for-exploitation offence, which "
                                "is not a full trafficking offence.", old,
                                uncertain if _reconstructed(sit.old_offences) else [])
        if not primary:
            why = "No criminal-code trafficking offence was in force on this date"
            why += (f"; the special law's definition names it ({defs[0].citation}), but a definition is not "
                    "an offence." if defs else ".")
            return self.finding(c, Status.missing, why, defs)
        why = "Not found in the trafficking offence in force."
        if uncertain:
            why += " Our text of the offence is a reconstruction, so the element may be present in the official text."
        return self.finding(c, Status.missing, why, [], uncertain)

    def child(self, c: Criterion) -> Finding:
        sit = self.sit
        ev = self.found(sit.all, c.id)
        if ev:
            return self.finding(c, Status.met, f"The law states the rule for child victims ({ev[0].citation}).", ev)
        minors = [d for d in sit.offences if Topic.trafficking_in_minors in d.pif.provision.topics]
        if minors and not any(self.found(minors, m.id, basic_only=True)
                              for m in sit.rubric.criteria if m.group == "means"):
            return self.finding(c, Status.met, "A separate offence of trafficking in minors requires no means "
                                f"({minors[0].pif.citation}).", [],
                                [Flag.uncertain] if _reconstructed(minors) else [])
        if _primary(sit) and not self.means_in_basic():
            return self.finding(c, Status.met, "The basic offence requires no means for any victim, so none is "
                                "needed for children either.", [], [Flag.broader_than_standard]
                                + ([Flag.uncertain] if _reconstructed(_primary(sit)) else []))
        if not sit.offences:
            return self.finding(c, Status.missing, "No criminal-code trafficking offence was in force.")
        return self.finding(c, Status.missing, "The offence requires means and the law does not drop them for "
                            "child victims.", [], [Flag.uncertain] if _reconstructed(sit.offences) else [])

    def consent(self, c: Criterion) -> Finding:
        sit = self.sit
        ev = self.found(sit.all, c.id)
        if ev:
            return self.finding(c, Status.met, f"The law says consent is irrelevant ({ev[0].citation}).", ev)
        if _primary(sit) and not self.means_in_basic():
            return self.finding(c, Status.partial, "No express clause; because the basic offence needs no means, "
                                "consent is not a defence in the text, but the law does not say so.", [],
                                [Flag.uncertain])
        if not sit.offences:
            return self.finding(c, Status.missing, "No criminal-code trafficking offence was in force.")
        return self.finding(c, Status.missing, "No clause making the victim's consent irrelevant was found.",
                            [], [Flag.uncertain] if _reconstructed(sit.all) else [])

    def non_punishment(self, c: Criterion) -> Finding:
        sit = self.sit
        ev = self.found(sit.all, c.id)
        if ev:
            return self.finding(c, Status.met, f"A clause exempts trafficking victims ({ev[0].citation}).", ev)
        coded = [d for d in sit.all if set(d.pif.provision.topics) & {Topic.non_punishment, Topic.victim_exemption}]
        if coded:
            d = coded[0]
            item = evidence_item(d.pif.record, d.pif.provision, d.pif.provision.heading or d.pif.provision.id,
                                 None, None, "record_topic", sources=d.pif.sources)
            return self.finding(c, Status.partial, "The record codes this provision as a victim exemption, but "
                                "its wording was not recognised as one; check its scope by hand.", [item],
                                [Flag.uncertain])
        return self.finding(c, Status.missing, "No provision exempting trafficking victims from liability was "
                            "found in the instruments in force.", [],
                            [Flag.uncertain] if _reconstructed(sit.all) else [])

    def _basic_penalty(self) -> tuple[ArticleDetection | None, Provision | None]:
        for d in _primary(self.sit):
            part = _basic_part(d.pif.provision)
            if part.penalty is not None:
                return d, part
            if d.pif.provision.penalty is not None:
                return d, d.pif.provision
        return (_primary(self.sit) or [None])[0], None

    def _penalty_item(self, d: ArticleDetection, node: Provision, source: str = "structured_penalty") -> EvidenceItem:
        return evidence_item(d.pif.record, node, node.penalty.describe() if node.penalty else "", None, None,
                             source, sources=d.pif.sources)

    def serious(self, c: Criterion) -> Finding:
        d, node = self._basic_penalty()
        if d is None:
            return self.finding(c, Status.missing, "No criminal-code trafficking offence was in force.")
        if node is None or node.penalty is None:
            return self.finding(c, Status.not_applicable, "The penalty of the basic offence is not recorded, so "
                                "the four-year threshold cannot be checked.", [], [Flag.uncertain])
        mx = node.penalty.max_imprisonment
        flags = [Flag.uncertain] if (node.uncertain or d.pif.provision.uncertain) else []
        ev = [self._penalty_item(d, node)]
        if mx is None:
            return self.finding(c, Status.missing, "The basic offence carries no deprivation of liberty "
                                "(restriction of liberty and correctional labour are not imprisonment).", ev, flags)
        shown = "life" if mx == float("inf") else f"{mx:g} years"
        if mx >= SERIOUS_CRIME_YEARS:
            return self.finding(c, Status.met, f"Maximum deprivation of liberty for the basic offence is {shown}, "
                                f"at least the {SERIOUS_CRIME_YEARS:g} years of UNTOC art. 2(b).", ev, flags)
        return self.finding(c, Status.missing, f"Maximum deprivation of liberty for the basic offence is {shown}, "
                            f"below the {SERIOUS_CRIME_YEARS:g} years of UNTOC art. 2(b).", ev, flags)

    def commensurate(self, c: Criterion) -> Finding:
        d, node = self._basic_penalty()
        if d is None:
            return self.finding(c, Status.missing, "No criminal-code trafficking offence was in force.")
        rape = None
        for pif in self.sit.rape:
            part = _basic_part(pif.provision)
            pen = part.penalty or pif.provision.penalty
            if pen is not None and pen.deprivation_of_liberty is not None:
                rape = (pif, part if part.penalty else pif.provision)
                break
        if node is None or node.penalty is None or rape is None:
            missing = ("the trafficking penalty" if node is None or node.penalty is None
                       else "the rape offence's penalty")
            return self.finding(c, Status.not_applicable, f"Cannot compare: {missing} is not recorded for this "
                                "date.", [], [Flag.uncertain])
        rpif, rnode = rape
        t_max, r_max = node.penalty.max_imprisonment, rnode.penalty.max_imprisonment  # type: ignore[union-attr]
        t_dol, r_dol = node.penalty.deprivation_of_liberty, rnode.penalty.deprivation_of_liberty  # type: ignore[union-attr]
        ev = [self._penalty_item(d, node),
              evidence_item(rpif.record, rnode, rnode.penalty.describe(), None, None,  # type: ignore[union-attr]
                            "structured_penalty", sources=rpif.sources)]
        flags = [Flag.uncertain] if (node.uncertain or rnode.uncertain or d.pif.provision.uncertain
                                     or rpif.provision.uncertain) else []
        if t_max is None:
            return self.finding(c, Status.missing, "The basic trafficking offence carries no imprisonment; rape "
                                "does.", ev, flags)
        t_min = (t_dol.min_years if t_dol else None) or 0.0
        r_min = (r_dol.min_years if r_dol else None) or 0.0
        if r_max is None or (t_max >= r_max and t_min >= r_min):
            return self.finding(c, Status.met, f"Basic trafficking penalty ({node.penalty.describe()}) is not "
                                f"lighter than basic rape ({rnode.penalty.describe()}, {rpif.citation}).", ev, flags)  # type: ignore[union-attr]
        if t_max >= r_max:
            return self.finding(c, Status.partial, "The maximum matches rape, but the minimum is lower "
                                f"({t_min:g} against {r_min:g} years).", ev, flags)
        return self.finding(c, Status.missing, f"Basic trafficking maximum ({t_max:g} years) is lighter than "
                            f"basic rape ({r_max:g} years, {rpif.citation}).", ev, flags)

    def aggravation(self, c: Criterion) -> Finding:
        primary = _primary(self.sit)
        if not primary:
            return self.finding(c, Status.missing, "No criminal-code trafficking offence was in force.")
        ev = self.found(self.sit.offences, c.id)
        if ev:
            return self.finding(c, Status.met, f"An aggravated part covers it ({ev[0].citation}).", ev)
        flags = [Flag.uncertain] if _reconstructed(primary) else []
        return self.finding(c, Status.missing, "No aggravated part for this circumstance was found in the "
                            "trafficking offence." + (" Our text is a reconstruction." if flags else ""), [], flags)

    def confiscation(self, c: Criterion) -> Finding:
        primary = _primary(self.sit)
        if not primary:
            return self.finding(c, Status.missing, "No criminal-code trafficking offence was in force.")
        ev = self.found(self.sit.offences, c.id)
        for d in self.sit.offences:
            for node in d.pif.provision.walk():
                if node.penalty and node.penalty.confiscation.value != "none" and not ev:
                    ev.append(self._penalty_item(d, node))
        if ev:
            return self.finding(c, Status.met, "Confiscation of property is among the sanctions "
                                f"({ev[0].citation}).", ev)
        return self.finding(c, Status.missing, "No confiscation in the sanctions of the trafficking offence.", [],
                            [Flag.uncertain] if _reconstructed(primary) else [])

    def by_topic(self, c: Criterion) -> Finding:
        """Extended-rubric criteria without text patterns: read from the records' topic coding."""
        topic_for = {
            "related.forced_labour": Topic.forced_labour, "related.slavery": Topic.slavery,
            "related.servitude": Topic.slavery, "victim.assistance": Topic.victim_protection,
        }
        topic = topic_for.get(c.id)
        if topic is None:
            return self.finding(c, Status.not_applicable, "Not assessed automatically yet: no detection patterns "
                                "or record coding exist for this criterion.", [], [Flag.uncertain])
        hits = [d for d in self.sit.all if topic in d.pif.provision.topics]
        if hits:
            d = hits[0]
            item = evidence_item(d.pif.record, d.pif.provision, d.pif.provision.heading or d.pif.provision.id,
                                 None, None, "record_topic", sources=d.pif.sources)
            return self.finding(c, Status.met, f"A provision coded as {topic.value} is in force "
                                f"({d.pif.citation}).", [item], [Flag.uncertain] if _reconstructed(hits) else [])
        return self.finding(c, Status.missing, f"No provision coded as {topic.value} is recorded in force.", [],
                            [Flag.uncertain])

    def assess(self, c: Criterion) -> Finding:
        if c.group in ("act", "means", "purpose"):
            return self.element(c)
        dispatch = {
            "child.no_means_required": self.child, "consent.irrelevant": self.consent,
            "victim.non_punishment": self.non_punishment, "penalty.serious_crime": self.serious,
            "penalty.commensurate": self.commensurate, "penalty.confiscation": self.confiscation,
        }
        if c.id in dispatch:
            return dispatch[c.id](c)
        if c.id.startswith("penalty.aggravation."):
            return self.aggravation(c)
        return self.by_topic(c)


def _annotations(sit: Situation, findings: list[Finding]) -> tuple[list[Finding], list[Disagreement]]:
    """Merge hand coding into findings as evidence and list where coder and detector disagree."""
    disagreements: list[Disagreement] = []
    by_id = {f.id: f for f in findings}
    extra: dict[str, list[EvidenceItem]] = {}
    for d in sit.all:
        rec: StatuteVersion = d.pif.record
        for node in d.pif.provision.walk():
            annotated = {a.criterion for a in node.annotations}
            if not node.annotations:
                continue
            detected = {ev.criterion for ev in d.result.evidence if d.layout.node_at(ev.start) in
                        {n.id for n in node.walk()}}
            for a in node.annotations:
                target = rec.provision(a.provision) if a.provision else node
                extra.setdefault(a.criterion, []).append(evidence_item(
                    rec, target or node, a.words, None, None, "annotation", sources=d.pif.sources))
            for cid in sorted(annotated ^ (detected & set(by_id))):
                disagreements.append(Disagreement(
                    criterion=cid, provision=f"{rec.instrument.id}:{node.id}", annotated=cid in annotated,
                    detected=cid in detected,
                    note="coded by hand, not found by the detector" if cid in annotated
                    else "found by the detector, not in the hand coding"))
    out = []
    disagreeing = {x.criterion for x in disagreements if x.annotated and not x.detected}
    for f in findings:
        ev = list(f.evidence) + extra.get(f.id, [])
        flags = list(f.flags) + ([Flag.annotation_disagrees] if f.id in disagreeing else [])
        out.append(f.model_copy(update={"evidence": ev, "flags": list(dict.fromkeys(flags))}))
    return out, disagreements


def assess(corpus: Corpus, jurisdiction: str, on: dt.date | str, rubric: str | Rubric = "palermo") -> GapReport:
    """The gap report for one state on one date: a finding for every criterion of the rubric."""
    day = as_date(on)
    rub = load_rubric(rubric) if not isinstance(rubric, Rubric) else rubric
    code = jurisdiction.upper()
    corpus.versions(code)  # raises UnknownJurisdiction with the list of known codes
    sit = _situation(corpus, code, day, rub)
    assessor = Assessor(sit)
    treaties = treaty_status(corpus, code, day)
    tip = next(t for t in treaties if t.treaty == "tip_protocol")
    findings = []
    for c in rub.criteria:
        f = assessor.assess(c)
        if (tip.bound is False and f.status in (Status.missing, Status.partial)
                and c.obligation == Obligation.mandatory):
            f = f.model_copy(update={"flags": [*f.flags, Flag.pre_ratification],
                                     "rationale": f.rationale + " The Protocol did not yet bind the state: "
                                     "this is a gap against the benchmark, not a breach."})
        findings.append(f)
    findings, disagreements = _annotations(sit, findings)
    counts = {s: sum(f.status == s for f in findings) for s in Status}
    offences = [d.pif.citation for d in sit.offences]
    if tip.bound:
        binding = f"The Protocol bound {code} on this date ({tip.note})."
    elif tip.bound is False:
        binding = f"The Protocol did not yet bind {code} on this date ({tip.note})."
    else:
        binding = "Whether the Protocol bound the state on this date is not confirmed."
    summary = (f"{counts[Status.met]} met, {counts[Status.partial]} partial, {counts[Status.missing]} missing, "
               f"{counts[Status.not_applicable]} not assessable of {len(findings)} criteria. "
               + (f"Trafficking offence(s): {'; '.join(offences)}. " if offences
                  else "No criminal-code trafficking offence was in force. ") + binding)
    instruments = sorted({f"{r.instrument.title_en} [version from {r.version.in_force_from}]"
                          for r in corpus.records_in_force(code, day)})
    return GapReport(jurisdiction=code, on=day, rubric=rub.id, rubric_title=rub.rubric.title, findings=findings,
                     treaties=treaties, instruments=instruments, offences=offences,
                     disagreements=disagreements, summary=summary)
