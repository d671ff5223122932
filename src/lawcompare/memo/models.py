"""What a memo says, independent of its format (Markdown, HTML, DOCX render the same model)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class Reference(BaseModel):
    """One citation, rendered as a footnote (DOCX), a numbered note (HTML) or a Markdown footnote."""

    model_config = ConfigDict(frozen=True)

    number: int
    text: str
    url: str | None = None


class CurrentProvision(BaseModel):
    """The provision as it stands on the memo date."""

    model_config = ConfigDict(frozen=True)

    citation: str
    text: str
    text_basis: str  # translation | reconstruction | official | none
    references: list[int] = Field(default_factory=list)


class Proposal(BaseModel):
    """A drafted amendment: an instruction in the code's own numbering, then the wording to insert."""

    model_config = ConfigDict(frozen=True)

    instruction: str  # "Supplement Article 130-1 with a part 4 reading:"
    wording: str  # own-wording model text from the rubric (placeholders in [brackets])
    adapt_note: str = ""  # what the drafter must adapt


class Gap(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    criterion: str
    label: str
    group: str
    group_title: str
    priority: int
    obligation: str
    status: str  # missing | partial
    certain: bool
    flags: list[str] = Field(default_factory=list)
    where: str  # short location for the gap table
    current: list[CurrentProvision] = Field(default_factory=list)
    standard: str
    legal_basis: str
    legal_basis_refs: list[int] = Field(default_factory=list)
    proposal: Proposal
    rationale: str
    cautions: list[str] = Field(default_factory=list)
    references: list[str] = Field(default_factory=list)  # Model Law / CETS 197 / TVPA / GRETA pointers


class Covered(BaseModel):
    """A criterion the law already meets: listed so the reader sees it was checked, never proposed."""

    model_config = ConfigDict(frozen=True)

    criterion: str
    label: str
    citation: str
    flags: list[str] = Field(default_factory=list)


class Memo(BaseModel):
    model_config = ConfigDict(frozen=True)

    jurisdiction: str
    state_name: str
    on: dt.date
    rubric: str
    rubric_title: str
    addressee: str = "[Addressee: name, title, ministry or committee]"
    date_line: str = "[Date]"
    sender: str = "[Sender: name, organisation]"
    subject: str
    summary: list[str]
    offences: list[str]
    treaty_lines: list[str]
    gaps: list[Gap]
    covered: list[Covered]
    not_assessed: list[Covered]
    caveats: list[str]
    references: list[Reference]
    generated: str  # tool, rubric and corpus provenance line

    @property
    def confirmed_gaps(self) -> list[Gap]:
        return [g for g in self.gaps if g.certain]

    @property
    def uncertain_gaps(self) -> list[Gap]:
        return [g for g in self.gaps if not g.certain]

    def reference(self, number: int) -> Reference:
        return self.references[number - 1]

    def as_json(self) -> dict[str, object]:
        return self.model_dump(mode="json")
