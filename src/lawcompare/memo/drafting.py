"""Drafting amendment instructions in the amended code's own numbering.

The wording to insert is the rubric's ``model_provision`` (the project's own wording, with
placeholders in square brackets). What this module adds is *where* it goes: which article, which
part or note, numbered after what the article already has. New parts and notes are numbered in the
order the memo proposes them, assuming all of the memo's proposals are adopted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lawcompare.assess.models import Finding, Flag, Status
from lawcompare.memo.models import Proposal
from lawcompare.records.corpus import ProvisionInForce
from lawcompare.records.models import Provision, TextBasis
from lawcompare.rubric.models import Criterion

ADAPT = ("Model wording from the rubric (the project's own drafting, not an official text); adapt terms, "
         "cross-references and the figures in [brackets] to the Code's style.")


def _article_label(p: Provision) -> str:
    return p.label or f"Article {p.id.removeprefix('art')}"


def _part_numbers(article: Provision) -> list[int]:
    out = []
    for c in article.children:
        if c.kind.value == "part":
            m = re.fullmatch(r"\d+", c.id.rsplit(".", 1)[-1])
            if m:
                out.append(int(m.group()))
    return out


@dataclass
class Drafter:
    """Keeps the numbering of new parts and notes consistent across one memo."""

    offence: ProvisionInForce | None  # the primary trafficking offence in force, if any
    code_title: str  # the criminal code in force, for a new article
    old_offence: ProvisionInForce | None = None  # a recruitment-for-exploitation offence, when no full offence
    new_parts: int = 0
    new_notes: int = 0
    new_offence_gap: int | None = None  # the gap number proposing a new offence, when none exists
    _notes_existing: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        if self.offence is not None:
            self._notes_existing = sum(c.kind.value == "note" for c in self.offence.provision.children)

    # where ------------------------------------------------------------------------------------
    @property
    def article(self) -> str:
        assert self.offence is not None
        return f"{_article_label(self.offence.provision)} of the {self.offence.record.instrument.title_en}"

    def _basic(self) -> str:
        assert self.offence is not None
        parts = _part_numbers(self.offence.provision)
        return f"part {parts[0]} of {self.article}" if parts else self.article

    @property
    def numbering_known(self) -> bool:
        """Whether our record lists the article's parts faithfully enough to number a new one."""
        assert self.offence is not None
        art = self.offence.provision
        incomplete = any(u.field in ("children", "parts") for u in art.uncertain)
        return art.text_basis != TextBasis.reconstruction and not incomplete and all(
            re.fullmatch(r"\d+", c.id.rsplit(".", 1)[-1]) for c in art.children if c.kind.value == "part")

    def _next_part(self) -> str:
        assert self.offence is not None
        self.new_parts += 1
        if not self.numbering_known:
            return ("new part [number to follow the last existing part: our record of the article may not list "
                    "every part]")
        parts = _part_numbers(self.offence.provision)
        return f"part {(max(parts) if parts else 1) + self.new_parts}"

    def _note(self) -> str:
        self.new_notes += 1
        if self._notes_existing == 0 and self.new_notes == 1:
            return f"Supplement {self.article} with a note reading:"
        return f"Supplement {self.article} with a further note reading:"

    # what -------------------------------------------------------------------------------------
    def propose(self, c: Criterion, f: Finding, gap_number: int) -> Proposal:
        wording = c.model_provision or "[The rubric has no model wording for this criterion; draft by hand.]"
        instruction = self._instruction(c, f, gap_number)
        return Proposal(instruction=instruction, wording=wording, adapt_note=ADAPT)

    def _instruction(self, c: Criterion, f: Finding, gap_number: int) -> str:
        label = c.label[0].lower() + c.label[1:]
        elsewhere = f.evidence[0].citation if f.evidence else None
        if c.group in ("act", "means", "purpose") and self.offence is None:
            if self.new_offence_gap is None:
                self.new_offence_gap = gap_number
                if self.old_offence is not None:
                    old = self.old_offence.provision
                    return (f"Replace {_article_label(old)} of the {self.old_offence.record.instrument.title_en} "
                            f"(\"{old.heading or 'recruitment for exploitation'}\", which is not a full trafficking "
                            "offence) with an article \"Trafficking in persons\", or supplement the Code with a new "
                            "article [number to be assigned], whose first part reads:")
                return (f"Supplement the {self.code_title} with a new article, Article [number to be assigned], "
                        "\"Trafficking in persons\", whose first part reads:")
            return f"Include in the new trafficking offence proposed in gap {self.new_offence_gap} ({label}):"
        if self.offence is None:
            return (f"Once a trafficking offence exists (gap {self.new_offence_gap or 1}), supplement it with a "
                    "provision reading:")
        flags = set(f.flags)
        if c.group == "act":
            base = f"Amend {self._basic()} so that the acts it lists include {label}"
        elif c.group == "means":
            base = f"Amend {self._basic()} so that the means it lists include {label}"
        elif c.group == "purpose":
            base = (f"Amend {self._basic()}, or the definition of exploitation it relies on, so that the forms of "
                    f"exploitation include {label}")
        elif c.id == "child.no_means_required" or c.id == "consent.irrelevant":
            return self._note()
        elif c.id == "victim.non_punishment":
            if f.status == Status.partial and elsewhere:
                return (f"Review {elsewhere}; unless it already protects victims in these terms, amend it, or "
                        f"supplement {self.article} with a note, reading:")
            return (f"Supplement {self.article} with a note (or, if the drafter prefers a general clause, the "
                    "General Part of the Code with a new article [number to be assigned]) reading:")
        elif c.id == "penalty.serious_crime":
            return (f"Amend the sanction of {self._basic()} so that the maximum term of deprivation of liberty "
                    "is at least four years, for example:")
        elif c.id == "penalty.commensurate":
            rape = f.evidence[1].citation if len(f.evidence) > 1 else "the Code's rape offence"
            return (f"Amend the sanction of {self._basic()} so that neither its minimum nor its maximum is lower "
                    f"than for rape ({rape}), for example:")
        elif c.id.startswith("penalty.aggravation."):
            return f"Supplement {self.article} with a {self._next_part()} reading:"
        elif c.id == "penalty.confiscation":
            return f"Supplement the sanctions of every part of {self.article} with confiscation of property, and:"
        else:
            return "Supplement the legislation in force with a provision (place to be chosen by the drafter) reading:"
        if Flag.via_definition in flags and elsewhere:
            return f"{base}; at present it is named only in {elsewhere}. Suggested wording for the added item:"
        if Flag.means_only_aggravating in flags and elsewhere:
            return (f"{base}; at present it appears only as an aggravating circumstance ({elsewhere}). "
                    "Suggested wording for the added item:")
        if f.status == Status.partial and elsewhere:
            return (f"{base}; at present it is found only in {elsewhere}, which is not a full trafficking "
                    "offence. Suggested wording for the added item:")
        return f"{base}. Suggested wording for the added item:"
