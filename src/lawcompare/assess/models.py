"""Findings and gap reports (frozen pydantic models: findings are results, not inputs)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Status(StrEnum):
    met = "met"
    partial = "partial"
    missing = "missing"
    not_applicable = "not_applicable"


class Flag(StrEnum):
    broader_than_standard = "broader_than_standard"
    uncertain = "uncertain"
    pre_ratification = "pre_ratification"
    means_only_aggravating = "means_only_aggravating"
    via_definition = "via_definition"
    reconstructed_text = "reconstructed_text"
    annotation_disagrees = "annotation_disagrees"


class EvidenceItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    instrument: str
    instrument_title: str
    version_from: dt.date
    provision: str
    citation: str
    start: int | None = None
    end: int | None = None
    text: str
    source: str = "detector"  # detector | annotation | structured_penalty | record_topic
    pattern: str | None = None
    fuzzy: bool = False
    sources: list[str] = Field(default_factory=list)


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    label: str
    group: str
    obligation: str
    legal_basis: str
    status: Status
    flags: list[Flag] = Field(default_factory=list)
    evidence: list[EvidenceItem] = Field(default_factory=list)
    rationale: str

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "status": self.status.value,
            "flags": [f.value for f in self.flags],
            "evidence": [e.model_dump(mode="json") for e in self.evidence],
            "rationale": self.rationale,
        }


class TreatyStatus(BaseModel):
    model_config = ConfigDict(frozen=True)

    treaty: str
    title: str
    bound: bool | None
    since: dt.date | None = None
    note: str


class Disagreement(BaseModel):
    model_config = ConfigDict(frozen=True)

    criterion: str
    provision: str
    annotated: bool
    detected: bool
    note: str


class GapReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    jurisdiction: str
    on: dt.date
    rubric: str
    rubric_title: str
    findings: list[Finding]
    treaties: list[TreatyStatus] = Field(default_factory=list)
    instruments: list[str] = Field(default_factory=list)
    offences: list[str] = Field(default_factory=list)
    disagreements: list[Disagreement] = Field(default_factory=list)
    summary: str = ""

    def finding(self, criterion_id: str) -> Finding:
        for f in self.findings:
            if f.id == criterion_id:
                return f
        raise KeyError(criterion_id)

    def status(self, criterion_id: str) -> Status:
        return self.finding(criterion_id).status

    def as_json(self) -> dict[str, object]:
        return {
            "jurisdiction": self.jurisdiction,
            "on": self.on.isoformat(),
            "rubric": self.rubric,
            "summary": self.summary,
            "treaties": [t.model_dump(mode="json") for t in self.treaties],
            "criteria": [f.as_json() for f in self.findings],
            "disagreements": [d.model_dump(mode="json") for d in self.disagreements],
        }

    def _repr_html_(self) -> str:
        from lawcompare.render.html import render_gap_report_fragment

        return render_gap_report_fragment(self)
