"""The record model: statute versions, provisions, penalties, sources, ratifications.

A *statute version* record is one expression of one instrument (a code or a law) as it stood
between two amendments. Provisions form a hierarchy (article → part → point, plus notes) with
stable ids such as ``art128``, ``art128.2`` and ``art128.2.3``. All statute text is the project's
own English rendering and is flagged as an unofficial translation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

JURISDICTION_RE = re.compile(r"^[A-Z]{2}$")
PROVISION_ID_RE = re.compile(
    r"^art(?P<article>\d+(?:-\d+)*)"              # art128, art130-1
    r"(?P<rest>(?:\.(?:\d+(?:-\d+)*|note\d*|[a-z]))*)$"  # .2, .2.3, .note, .note1, .a
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


class FileRecord(Strict):
    """A record loaded from a file remembers the file and the line of each value."""

    _file: str | None = PrivateAttr(default=None)
    _lines: object = PrivateAttr(default=None)

    @property
    def file(self) -> str | None:
        return self._file

    def line_of(self, *path: str | int) -> int | None:
        lines = self._lines
        return lines.line_for(path) if lines is not None else None  # type: ignore[attr-defined]


class InstrumentType(StrEnum):
    criminal_code = "criminal_code"
    special_law = "special_law"
    administrative_code = "administrative_code"
    labour_code = "labour_code"
    other = "other"


class Topic(StrEnum):
    trafficking_in_persons = "trafficking_in_persons"
    trafficking_in_minors = "trafficking_in_minors"
    recruitment_for_exploitation = "recruitment_for_exploitation"
    forced_labour = "forced_labour"
    slavery = "slavery"
    organ_removal = "organ_removal"
    prostitution = "prostitution"
    brothel_keeping = "brothel_keeping"
    illegal_migration = "illegal_migration"
    rape = "rape"
    victim_exemption = "victim_exemption"
    definitions = "definitions"
    victim_protection = "victim_protection"
    non_punishment = "non_punishment"
    other = "other"


TRAFFICKING_TOPICS = frozenset(
    {Topic.trafficking_in_persons, Topic.trafficking_in_minors, Topic.recruitment_for_exploitation}
)


class SourceKind(StrEnum):
    official = "official"
    database = "database"
    seed = "seed"
    tip_report = "tip_report"
    secondary = "secondary"


class Source(Strict):
    """A document a fact rests on: an official portal page, a database entry, a seed, a report."""

    id: str = Field(min_length=1, max_length=80)
    kind: SourceKind
    title: str | None = None
    url: str | None = None
    document: str | None = None
    lines: str | None = None
    page: str | None = None
    accessed: dt.date | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _locatable(self) -> Source:
        if not (self.url or self.document or self.title):
            raise ValueError("a source needs at least a url, a document or a title")
        if self.kind == SourceKind.seed and not self.document:
            raise ValueError("a seed source needs `document` (the seed file name)")
        return self

    def cite(self, lines: str | None = None, page: str | None = None) -> str:
        """Human-readable citation; a pinpoint given here replaces the source's own."""
        bits = [self.title or self.document or self.url or self.id]
        if self.document and self.title:
            bits.append(self.document)
        if lines or self.lines:
            bits.append(f"lines {lines or self.lines}")
        if page or self.page:
            bits.append(f"p. {page or self.page}")
        return ", ".join(bits)


class SourceRef(Strict):
    """A pointer from a provision or fact to one of the record's sources, with a pinpoint."""

    ref: str
    lines: str | None = None
    page: str | None = None
    note: str | None = None


class UncertainValue(Strict):
    value: str
    source: str | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _stringify(cls, v: object) -> object:
        return v if isinstance(v, str) or v is None else str(v)


class Uncertainty(Strict):
    """A fact that could not be confirmed, with the competing values and their sources."""

    field: str
    note: str
    values: list[UncertainValue] = Field(default_factory=list)


class YearRange(Strict):
    """A term in years (fractions for months). ``min_years`` is None where the code sets none."""

    min_years: float | None = Field(default=None, ge=0)
    max_years: float | None = Field(default=None, ge=0)
    life: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> YearRange:
        if self.min_years is not None and self.max_years is not None and self.min_years > self.max_years:
            raise ValueError(f"min_years ({self.min_years:g}) is greater than max_years ({self.max_years:g})")
        if self.min_years is None and self.max_years is None and not self.life:
            raise ValueError("a term needs min_years, max_years or life: true")
        return self

    def describe(self) -> str:
        if self.min_years is not None and self.max_years is not None:
            text = f"{self.min_years:g}–{self.max_years:g} years"
        elif self.max_years is not None:
            text = f"up to {self.max_years:g} years"
        elif self.min_years is not None:
            text = f"at least {self.min_years:g} years"
        else:
            text = ""
        if self.life:
            text = f"{text} or life" if text else "life"
        return text


class Confiscation(StrEnum):
    none = "none"
    optional = "optional"
    mandatory = "mandatory"


class Penalty(Strict):
    """The sanction of one part. Restriction of liberty and correctional labour are not imprisonment."""

    deprivation_of_liberty: YearRange | None = None
    fine: str | None = None
    restriction_of_liberty: YearRange | None = None
    correctional_labour: YearRange | None = None
    confiscation: Confiscation = Confiscation.none
    disqualification: YearRange | None = None
    other: str | None = None

    @property
    def max_imprisonment(self) -> float | None:
        """Maximum deprivation of liberty in years (``inf`` for life), None if the part has none."""
        dol = self.deprivation_of_liberty
        if dol is None:
            return None
        if dol.life:
            return float("inf")
        return dol.max_years

    def describe(self) -> str:
        bits = []
        if self.deprivation_of_liberty:
            bits.append(f"deprivation of liberty {self.deprivation_of_liberty.describe()}")
        if self.restriction_of_liberty:
            bits.append(f"restriction of liberty {self.restriction_of_liberty.describe()}")
        if self.correctional_labour:
            bits.append(f"correctional labour {self.correctional_labour.describe()}")
        if self.fine:
            bits.append(f"fine ({self.fine})")
        if self.disqualification:
            bits.append(f"disqualification {self.disqualification.describe()}")
        if self.confiscation != Confiscation.none:
            bits.append(f"confiscation ({self.confiscation.value})")
        if self.other:
            bits.append(self.other)
        return "; ".join(bits) or "no sanction recorded"


class Annotation(Strict):
    """Hand coding: which words of a provision express a rubric criterion."""

    criterion: str
    words: str = Field(min_length=1)
    provision: str | None = None
    coder: str
    date: dt.date
    note: str | None = None


class ProvisionKind(StrEnum):
    article = "article"
    part = "part"
    point = "point"
    note = "note"


class TextBasis(StrEnum):
    translation = "translation"  # our unofficial English rendering of the official text
    reconstruction = "reconstruction"  # rebuilt from secondary descriptions; wording is ours
    official = "official"  # the official-language text as published (e.g. an imported portal page)


class Provision(Strict):
    id: str
    kind: ProvisionKind
    label: str | None = None
    heading: str | None = None
    text: str | None = None
    text_basis: TextBasis | None = None
    topics: list[Topic] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
    terms: dict[str, str] = Field(default_factory=dict)
    penalty: Penalty | None = None
    children: list[Provision] = Field(default_factory=list)
    annotations: list[Annotation] = Field(default_factory=list)
    uncertain: list[Uncertainty] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id_grammar(cls, v: str) -> str:
        if not PROVISION_ID_RE.match(v):
            raise ValueError(
                f"provision id {v!r} does not follow the pattern art<N>[-<N>][.<part>[.<point>]] "
                "(e.g. art128, art130-1, art128.2, art128.2.3, art128.note)"
            )
        return v

    @property
    def article_id(self) -> str:
        return self.id.split(".", 1)[0]

    def walk(self) -> Iterator[Provision]:
        """This provision and all its descendants, depth first, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self) -> str:
        """Heading and all text of this provision and its descendants, one block per node."""
        chunks = []
        if self.heading:
            chunks.append(f"{self.label or ''}. {self.heading}".strip(". "))
        for node in self.walk():
            if node.text:
                chunks.append(node.text)
        return "\n".join(chunks)


class AmendingAct(Strict):
    title_en: str | None = None
    title_original: str | None = None
    number: str | None = None
    date: dt.date | None = None

    @field_validator("number", mode="before")
    @classmethod
    def _number_str(cls, v: object) -> object:
        return str(v) if isinstance(v, int) else v


class Instrument(Strict):
    id: str = Field(pattern=r"^[a-z]{2}-[a-z0-9-]+$")
    type: InstrumentType
    title_original: str | None = None
    title_en: str
    number: str | None = None
    adopted: dt.date | None = None
    original_languages: list[str] = Field(default_factory=list)

    @field_validator("number", mode="before")
    @classmethod
    def _number_str(cls, v: object) -> object:
        return str(v) if isinstance(v, int) else v


class Version(Strict):
    in_force_from: dt.date
    in_force_to: dt.date | None = None
    amended_by: list[AmendingAct] = Field(default_factory=list)
    gap_after: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Version:
        if self.in_force_to is not None and self.in_force_to < self.in_force_from:
            raise ValueError(
                f"in_force_to ({self.in_force_to}) is before in_force_from ({self.in_force_from})"
            )
        return self

    def covers(self, day: dt.date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)


class Translation(Strict):
    unofficial: Literal[True] = True
    translator: str
    basis: str | None = None
    language: str = "en"


class StatuteVersion(FileRecord):
    """One expression (version) of one instrument: the unit of a record file."""

    record: Literal["statute_version"]
    jurisdiction: str = Field(pattern=JURISDICTION_RE.pattern)
    instrument: Instrument
    version: Version
    translation: Translation
    sources: list[Source] = Field(min_length=1)
    uncertain: list[Uncertainty] = Field(default_factory=list)
    notes: str | None = None
    provisions: list[Provision] = Field(default_factory=list)

    def iter_provisions(self) -> Iterator[Provision]:
        for article in self.provisions:
            yield from article.walk()

    def provision(self, provision_id: str) -> Provision | None:
        for p in self.iter_provisions():
            if p.id == provision_id:
                return p
        return None

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    @property
    def key(self) -> str:
        """``instrument-id@in-force-from``: the record's identity in the corpus."""
        return f"{self.instrument.id}@{self.version.in_force_from.isoformat()}"

    @property
    def is_uncertain(self) -> bool:
        return bool(self.uncertain)


class Treaty(StrEnum):
    tip_protocol = "tip_protocol"
    untoc = "untoc"
    ilo_c29 = "ilo_c29"
    ilo_c105 = "ilo_c105"
    ilo_c182 = "ilo_c182"
    slavery_1956 = "slavery_1956"


TREATY_TITLES = {
    Treaty.tip_protocol: "UN Trafficking in Persons Protocol (2000)",
    Treaty.untoc: "UN Convention against Transnational Organized Crime (2000)",
    Treaty.ilo_c29: "ILO Forced Labour Convention, 1930 (No. 29)",
    Treaty.ilo_c105: "ILO Abolition of Forced Labour Convention, 1957 (No. 105)",
    Treaty.ilo_c182: "ILO Worst Forms of Child Labour Convention, 1999 (No. 182)",
    Treaty.slavery_1956: "Supplementary Convention on the Abolition of Slavery (1956)",
}


class Ratification(Strict):
    treaty: Treaty
    signed: dt.date | None = None
    consent: dt.date | None = None
    consent_type: Literal["ratification", "accession", "succession", "acceptance", "approval"] | None = None
    entry_into_force: dt.date | None = None
    sources: list[SourceRef] = Field(default_factory=list)
    uncertain: list[Uncertainty] = Field(default_factory=list)
    note: str | None = None

    def binding_on(self, day: dt.date) -> bool | None:
        """True/False whether the treaty bound the state on ``day``; None if unknown."""
        start = self.entry_into_force or self.consent
        if start is None:
            return None
        return day >= start


class RatificationsRecord(FileRecord):
    record: Literal["ratifications"]
    jurisdiction: str = Field(pattern=JURISDICTION_RE.pattern)
    sources: list[Source] = Field(min_length=1)
    treaties: list[Ratification] = Field(default_factory=list)
    notes: str | None = None

    def get(self, treaty: Treaty | str) -> Ratification | None:
        return next((t for t in self.treaties if t.treaty == treaty), None)
