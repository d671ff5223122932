"""The rubric model. A rubric is a YAML file of criteria; see docs/rubric-format.md."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

CRITERION_ID = r"^[a-z_]+(\.[a-z_0-9]+)+$"
LANGS = ("en", "ru")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Obligation(StrEnum):
    mandatory = "mandatory"
    optional = "optional"
    good_practice = "good_practice"
    us_benchmark = "us_benchmark"


class Pattern(_Strict):
    """One detection rule.

    ``phrase``: content words matched on lemmas in order, with up to ``gap`` other tokens between
    them (articles, prepositions). ``all``: every listed lemma within ``window`` tokens of each
    other in one sentence, in any order. ``examples`` / ``counter_examples`` are checked by tests.
    """

    phrase: str | None = None
    all: list[str] | None = None
    window: int = Field(default=8, ge=1, le=60)
    gap: int = Field(default=2, ge=0, le=6)
    # for `all`: the words must share a sentence (default) or only a part ("... against a minor; in
    # this case none of the means is required"); `heading`: as `part`, or the first word in the
    # article's heading ("Article 129. Trafficking in minors") and the others within one of its parts
    within: Literal["sentence", "part", "heading"] = "sentence"
    unless: bool = True
    examples: list[str] = Field(default_factory=list)
    counter_examples: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_kind(self) -> Pattern:
        if (self.phrase is None) == (self.all is None):
            raise ValueError("a pattern has exactly one of `phrase` or `all`")
        if self.all is not None and len(self.all) < 2:
            raise ValueError("`all` needs at least two words")
        if self.within == "heading" and len(self.all or []) < 3:
            # the heading supplies the first word; the others, at least two, must still meet in a part
            raise ValueError("`within: heading` needs an `all` of at least three words")
        return self

    def describe(self) -> str:
        if self.phrase is not None:
            return f"phrase: {self.phrase}"
        return f"all within {self.window}: {' + '.join(self.all or [])}"


Scope = Literal["trafficking", "trafficking_article", "purpose", "aggravation", "sanction", "exemption", "any"]


class Detection(_Strict):
    """How a criterion is found in text.

    ``scope`` limits where a match counts: ``trafficking`` (inside an article that concerns
    trafficking, outside victim-protection and exemption clauses), ``aggravation`` (inside a part
    that aggravates a basic offence: "the same act committed ..."), ``purpose`` (as trafficking,
    or in a sentence that defines exploitation), ``trafficking_article`` (anywhere in an article that
    concerns trafficking, whatever the clause), ``sanction`` (anywhere in a
    part's sanction), ``exemption`` (inside a clause exempting a trafficking victim from liability),
    ``any``. ``computed: true`` marks criteria assessed from structured data, not text.
    """

    scope: Scope = "trafficking"
    computed: bool = False
    en: list[Pattern] = Field(default_factory=list)
    ru: list[Pattern] = Field(default_factory=list)
    unless_near: dict[str, list[str]] = Field(default_factory=dict)
    unless_window: int = Field(default=3, ge=1, le=20)
    unless_before: dict[str, list[str]] = Field(default_factory=dict)
    skip_before: dict[str, list[str]] = Field(default_factory=dict)
    fuzzy: bool = True
    # for a purpose whose words can be an act's object (organs in the organ trade): its match shows
    # that an act in the sentence is trafficking only after a purpose marker ("for the purpose of")
    needs_purpose_marker: bool = False

    def patterns(self, lang: str) -> list[Pattern]:
        return list(getattr(self, lang, []))


class References(_Strict):
    model_law: str | None = None
    cets_197: str | None = None
    tvpa_108: str | None = None
    greta: str | None = None
    other: str | None = None


class Criterion(_Strict):
    id: str = Field(pattern=CRITERION_ID)
    group: str
    label: str
    legal_basis: str
    obligation: Obligation
    satisfied_when: str
    references: References = Field(default_factory=References)
    priority: int = Field(default=1, ge=1, le=9)
    model_provision: str | None = None
    detection: Detection = Field(default_factory=Detection)


class Group(_Strict):
    id: str
    title: str


class ContextWords(_Strict):
    """Per-language word lists (lemmas) that define the detection scopes."""

    trafficking_anchor: list[str] = Field(default_factory=list)
    exploitation_anchor: list[str] = Field(default_factory=list)
    aggravation_marker: list[str] = Field(default_factory=list)
    exemption_marker: list[str] = Field(default_factory=list)
    offender_exemption: list[str] = Field(default_factory=list)
    trafficking_victim: list[str] = Field(default_factory=list)
    protection_marker: list[str] = Field(default_factory=list)
    # a victim exempted for acts caused by the crime against them ("a person recognised as a victim of
    # the crime under this article ... for acts committed under duress as a result of it")
    victim_word: list[str] = Field(default_factory=list)
    compulsion_marker: list[str] = Field(default_factory=list)
    # a clause on the victim's consent ("consent ... shall not relieve the traffickers of
    # responsibility") says who stays liable; it exempts no victim
    consent_marker: list[str] = Field(default_factory=list)
    sanction_marker: list[str] = Field(default_factory=list)
    # "purchase and sale of a person": names trafficking only with an exploitative purpose in the article
    sale_anchor: list[str] = Field(default_factory=list)
    # "where the act does not contain the elements of trafficking": the article is another offence
    subsidiarity_marker: list[str] = Field(default_factory=list)
    purpose_marker: list[str] = Field(default_factory=list)  # "for the purpose of", "в целях"
    filler: list[str] = Field(default_factory=list)


class RubricMeta(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_-]+$")
    title: str
    version: str
    description: str | None = None
    extends: str | None = None


class Rubric(_Strict):
    rubric: RubricMeta
    groups: list[Group] = Field(default_factory=list)
    context: dict[str, ContextWords] = Field(default_factory=dict)
    criteria: list[Criterion] = Field(default_factory=list)

    @property
    def id(self) -> str:
        return self.rubric.id

    def ids(self) -> list[str]:
        return [c.id for c in self.criteria]

    def get(self, criterion_id: str) -> Criterion:
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        from lawcompare.errors import RubricError

        raise RubricError(f"unknown criterion {criterion_id!r} in rubric {self.id!r}; "
                          f"known: {', '.join(self.ids())}")

    def group_title(self, group_id: str) -> str:
        return next((g.title for g in self.groups if g.id == group_id), group_id)
