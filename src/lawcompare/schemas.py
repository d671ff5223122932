"""JSON Schemas for statute records, ratification records and rubrics, and validation against them.

The schemas are generated from the pydantic models (:func:`generate_schema`), completed with the
rules the models check in code where JSON Schema can say them too (a source needs a url, a
document or a title; a term needs a bound; a pattern has ``phrase`` or ``all``; the grammar of
provision ids), and published in ``docs/schemas/`` by ``tools/export_schemas.py``.
:func:`load_schema` reads the published file (bundled with the package or next to the source
tree) and falls back to generating it from the models.

:func:`schema_problems` checks one loaded YAML document and reports each error as a
:class:`~lawcompare.records.validate.Problem` at ``file:line`` with the field path, so that
``lawcompare validate`` can report format errors before the model's own checks.

Rules the schemas cannot express and the models still check: a term's ``min_years`` not above its
``max_years``, a version's ``in_force_to`` not before its ``in_force_from``, and a few lax
conversions the models accept but the schemas do not (for example ``min_years: "3"`` or
``min_years: true``; the schemas ask for the plain form).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError as SchemaValidationError
from jsonschema.exceptions import best_match
from pydantic import BaseModel
from pydantic import ValidationError as ModelValidationError

from lawcompare.errors import LawcompareError
from lawcompare.io.yaml import LineMap, LoadedYaml
from lawcompare.records.load import describe_path, validation_errors
from lawcompare.records.models import PROVISION_ID_RE, RatificationsRecord, StatuteVersion
from lawcompare.records.validate import Problem
from lawcompare.rubric.models import Rubric

DIALECT = "https://json-schema.org/draft/2020-12/schema"
MAX_SHOWN = 60  # characters of an offending value quoted in a message


@dataclass(frozen=True)
class SchemaKind:
    """One published schema: which model it describes and where it is written."""

    name: str
    file_name: str
    model: type[BaseModel]
    title: str
    description: str
    doc: str


KINDS: dict[str, SchemaKind] = {
    "statute_version": SchemaKind(
        "statute_version", "statute-version.schema.json", StatuteVersion,
        "lawcompare statute version record",
        "One version of one instrument (a code or a law) as it stood between two amendments: its "
        "provisions in the project's own unofficial English rendering, with penalties and sources. "
        "See docs/record-format.md.",
        "docs/record-format.md"),
    "ratifications": SchemaKind(
        "ratifications", "ratifications.schema.json", RatificationsRecord,
        "lawcompare ratifications record",
        "The treaties (Trafficking Protocol, UNTOC, ILO conventions ...) one state signed or consented to, "
        "with dates and sources. See docs/record-format.md.",
        "docs/record-format.md"),
    "rubric": SchemaKind(
        "rubric", "rubric.schema.json", Rubric,
        "lawcompare rubric",
        "A checklist of criteria drawn from the UN Trafficking Protocol, with the detection patterns that "
        "find each criterion in statute text. See docs/rubric-format.md.",
        "docs/rubric-format.md"),
}


def schema_id(kind: str) -> str:
    """The schema's ``$id``: a stable name, not a download address."""
    return f"urn:lawcompare:schema:{KINDS[kind].file_name.removesuffix('.schema.json')}"


# --- generation ---------------------------------------------------------------------------------

_FIELD_TEXT: dict[str, dict[str, str]] = {
    "StatuteVersion": {
        "record": "Always `statute_version` for a statute version record.",
        "jurisdiction": "ISO 3166-1 alpha-2 code of the state, upper case (KZ, KG, TJ, TM, UZ).",
        "instrument": "The instrument (code or law) this version belongs to.",
        "version": "When this version was in force and which acts produced it.",
        "translation": "Who made the unofficial English rendering and from what.",
        "sources": "Every document the record rests on; provisions refer to them by `id`. At least one.",
        "uncertain": "Record-level facts that could not be confirmed, with the competing values.",
        "notes": "Free text.",
        "provisions": "The relevant articles, with their parts, points and notes as `children`.",
    },
    "RatificationsRecord": {
        "record": "Always `ratifications` for a ratifications record.",
        "jurisdiction": "ISO 3166-1 alpha-2 code of the state, upper case.",
        "sources": "Every document the record rests on; treaty entries refer to them by `id`. At least one.",
        "treaties": "One entry per treaty.",
        "notes": "Free text.",
    },
    "Instrument": {
        "id": "Stable id of the work: <iso2>-<kind>-<year of adoption>, lower case (e.g. kz-cc-1997).",
        "type": "Kind of instrument.",
        "title_original": "Title in the official language.",
        "title_en": "English title.",
        "number": "Official number, as written (quote it if it looks like a number). Omit if unknown.",
        "adopted": "Date of adoption, YYYY-MM-DD.",
        "original_languages": "Languages of the official text (ISO 639-1, e.g. ru, kk).",
    },
    "Version": {
        "in_force_from": "First day this version was in force (inclusive), YYYY-MM-DD.",
        "in_force_to": "Last day this version was in force (inclusive); omit while still in force. "
                       "Must not be before in_force_from.",
        "amended_by": "The act(s) that produced this version; empty for the original text.",
        "gap_after": "Explains a gap before the next version of the same instrument, if there is one.",
    },
    "AmendingAct": {
        "title_en": "English title of the amending act.",
        "title_original": "Title in the official language.",
        "number": "Official number of the act.",
        "date": "Date of the act, YYYY-MM-DD.",
    },
    "Translation": {
        "unofficial": "Must be true: every text in lawcompare is an unofficial rendering.",
        "translator": "Who made the rendering.",
        "basis": "What the rendering was made from.",
        "language": "Language of the provision texts (en, or the official language for imported text).",
    },
    "Source": {
        "id": "Local id, referred to from provisions and treaty entries.",
        "kind": "What sort of document this is.",
        "title": "Title of the document.",
        "url": "Where the document can be read.",
        "document": "File name of the document (required for a seed).",
        "lines": "Line range in the document, e.g. \"432-436\".",
        "page": "Page(s) in the document.",
        "accessed": "Date the document was consulted, YYYY-MM-DD.",
        "note": "Free text.",
    },
    "SourceRef": {
        "ref": "The `id` of one of the record's sources.",
        "lines": "Pinpoint: line range in that source.",
        "page": "Pinpoint: page(s) in that source.",
        "note": "Free text.",
    },
    "Uncertainty": {
        "field": "The field whose value could not be confirmed (dotted path, e.g. version.in_force_from).",
        "note": "What is uncertain and why.",
        "values": "The competing values, each with the source that gives it.",
    },
    "UncertainValue": {
        "value": "One competing value, as written in its source.",
        "source": "The `id` of the source giving this value.",
    },
    "Provision": {
        "id": "Stable id: art128, art130-1, art128.2 (part), art128.2.3 (point), art128.note (note). "
              "A child's id starts with its parent's id and a dot.",
        "kind": "article at the top level; part, point or note below it.",
        "label": "The label as printed, e.g. \"Article 128\", \"Part 2\", \"(a)\".",
        "heading": "The article heading.",
        "text": "The provision's own text (the project's own English rendering unless text_basis is official).",
        "text_basis": "translation: rendered from the official text; reconstruction: rebuilt from secondary "
                      "sources; official: the official-language text as published. Required on articles.",
        "topics": "What the article is about; required on articles.",
        "sources": "The sources of this provision (required on articles), with optional pinpoints.",
        "terms": "Original-language key terms and their English rendering.",
        "penalty": "The sanction of this part (or of the article when it has no parts).",
        "children": "Parts, points and notes of this provision, in document order.",
        "annotations": "Hand coding: which words express which rubric criterion.",
        "uncertain": "Facts about this provision that could not be confirmed.",
    },
    "Penalty": {
        "deprivation_of_liberty": "Imprisonment term. Only this counts as imprisonment.",
        "fine": "Fine, as free text (e.g. \"200 to 500 monthly calculation indices\").",
        "restriction_of_liberty": "Restriction of liberty term (not imprisonment).",
        "correctional_labour": "Correctional labour term (not imprisonment).",
        "confiscation": "Confiscation of property: none, optional or mandatory.",
        "disqualification": "Disqualification from posts or activities, term.",
        "other": "Anything else (arrest, death penalty ...), as free text.",
    },
    "YearRange": {
        "min_years": "Lower bound in years (fractions for months); null where the law sets none.",
        "max_years": "Upper bound in years (fractions for months); not below min_years.",
        "life": "True if life imprisonment is available.",
    },
    "Annotation": {
        "criterion": "Rubric criterion id, e.g. act.recruitment.",
        "words": "The words of the provision that express the criterion; they must occur in its text.",
        "provision": "Id of the provision the words are in (default: the annotated provision).",
        "coder": "Who coded this.",
        "date": "Date of coding, YYYY-MM-DD.",
        "note": "Free text.",
    },
    "Ratification": {
        "treaty": "Which treaty.",
        "signed": "Date of signature, YYYY-MM-DD.",
        "consent": "Date of ratification, accession or succession, YYYY-MM-DD.",
        "consent_type": "How the state consented to be bound.",
        "entry_into_force": "Date the treaty entered into force for the state, YYYY-MM-DD.",
        "sources": "The sources of this entry (every entry needs one).",
        "uncertain": "Facts about this entry that could not be confirmed.",
        "note": "Free text.",
    },
    "Rubric": {
        "rubric": "Identity of the rubric.",
        "groups": "Display order and titles of the criterion groups.",
        "context": "Per language (en, ru): word lists that define where a match counts.",
        "criteria": "The criteria, in display order.",
    },
    "RubricMeta": {
        "id": "Rubric id (lower case letters, digits, _ and -); also its name for --rubric.",
        "title": "Title.",
        "version": "Version, as text (quote it: \"1.0\").",
        "description": "What the rubric measures.",
        "extends": "Name of a rubric whose criteria this one inherits (criteria with the same id are replaced).",
    },
    "Group": {"id": "Group id, used by criteria.", "title": "Title shown in reports."},
    "Criterion": {
        "id": "Dotted, lower-case, stable id, e.g. act.recruitment.",
        "group": "Id of the group this criterion belongs to.",
        "label": "Short label shown in reports.",
        "legal_basis": "Where the obligation comes from, e.g. \"TIP Protocol art. 3(a)\".",
        "obligation": "mandatory, optional, good_practice or us_benchmark.",
        "satisfied_when": "Plain statement of what the law must contain.",
        "references": "Related provisions of other instruments.",
        "priority": "Memo order, 1 (criminalisation, definition) to 9.",
        "model_provision": "A model clause in the project's own words, for memos.",
        "detection": "How the criterion is found in statute text.",
    },
    "References": {
        "model_law": "UNODC Model Law reference.",
        "cets_197": "Council of Europe Convention (CETS 197) reference.",
        "tvpa_108": "US TVPA section 108 reference.",
        "greta": "GRETA reference.",
        "other": "Any other reference.",
    },
    "Detection": {
        "scope": ("Where a match counts: trafficking, trafficking_article, purpose, aggravation, sanction, "
                  "exemption or any."),
        "computed": "True if the criterion is assessed from structured data (penalties), not text.",
        "en": "English patterns.",
        "ru": "Russian patterns.",
        "unless_near": "Per language (en, ru): drop a match with one of these lemmas nearby.",
        "unless_window": "How many tokens count as nearby for unless_near.",
        "unless_before": "Per language: drop a match preceded by one of these lemmas.",
        "skip_before": "Per language: words skipped when looking back for unless_before.",
        "fuzzy": "Allow OCR-tolerant (fuzzy) matches for this criterion.",
        "needs_purpose_marker": ("For a purpose whose words can be an act's object (organs): its match shows "
                                 "that an act is trafficking only after a purpose_marker."),
    },
    "Pattern": {
        "phrase": "Lemmas matched in order, with up to `gap` other tokens between them.",
        "all": "At least two lemmas, all within `window` tokens of each other in one sentence, any order.",
        "window": "Window for `all`, in tokens.",
        "gap": "Tokens allowed between the words of `phrase`.",
        "within": "For `all`: the words share a sentence (default) or only a part (tried within a sentence first).",
        "unless": "False: ignore the criterion's unless_* rules for this pattern.",
        "examples": "Texts in which the pattern must fire (checked by validate).",
        "counter_examples": "Texts in which the criterion must not be detected (checked by validate).",
    },
    "ContextWords": {
        "trafficking_anchor": "Phrases showing that an article concerns trafficking.",
        "exploitation_anchor": "Phrases of \"for the purpose of exploitation\".",
        "aggravation_marker": "Phrases opening an aggravated part (\"the same act committed ...\").",
        "exemption_marker": "Phrases of a clause exempting someone from liability.",
        "offender_exemption": "Words showing that an exemption is the offender's, not a victim's.",
        "trafficking_victim": "Phrases naming a trafficking victim.",
        "protection_marker": "Words of victim-protection clauses.",
        "victim_word": "Words naming a victim of a crime (with a compulsion marker: a victim's exemption).",
        "compulsion_marker": "Phrases of acts caused by the crime (\"as a result of\", \"under duress\").",
        "consent_marker": "Words of a clause on the victim's consent; such a clause exempts no victim.",
        "sanction_marker": "Phrases of a sanction; an aggravation counts only in an article that has one.",
        "sale_anchor": "Phrases of a sale of a person; they name trafficking only with an exploitative purpose.",
        "subsidiarity_marker": "Phrases of a subsidiarity clause (\"does not contain the elements of\").",
        "purpose_marker": "Phrases that introduce a purpose (\"for the purpose of\", \"в целях\").",
        "filler": "Words dropped from phrase patterns (articles, prepositions).",
    },
}

_ECMA_NAMED_GROUP = re.compile(r"\(\?P<\w+>")

_PROVISION_ID_MESSAGE = ("provision id does not follow the pattern art<N>[-<N>][.<part>[.<point>]] "
                         "(e.g. art128, art130-1, art128.2, art128.2.3, art128.note)")


# In a rule, a field counts as given when it is there and not null; its type is checked on its own.
_PRESENT: dict[str, Any] = {"not": {"type": "null"}}


def _non_blank(prop: dict[str, Any]) -> None:
    """The model strips whitespace before checking ``min_length``; say "not blank" in the schema."""
    prop["pattern"] = r"\S"


def _rules(name: str, schema: dict[str, Any]) -> None:
    """Add the rules a model checks in code and JSON Schema can express, with their messages."""
    props = schema.get("properties", {})
    if name == "Source":
        _non_blank(props["id"])
        schema["allOf"] = [
            {"errorMessage": "a source needs at least a url, a document or a title",
             "anyOf": [{"required": [key], "properties": {key: _PRESENT | {"minLength": 1}}}
                       for key in ("url", "document", "title")]},
            {"if": {"required": ["kind"], "properties": {"kind": {"const": "seed"}}},
             "then": {"errorMessage": "a seed source needs `document` (the seed file name)",
                      "required": ["document"],
                      "properties": {"document": {"type": "string", "minLength": 1,
                                                  "errorMessage": "a seed source needs `document` "
                                                                  "(the seed file name)"}}}},
        ]
    elif name == "YearRange":
        schema["allOf"] = [
            {"errorMessage": "a term needs min_years, max_years or life: true",
             "anyOf": [{"required": ["min_years"], "properties": {"min_years": _PRESENT}},
                       {"required": ["max_years"], "properties": {"max_years": _PRESENT}},
                       {"required": ["life"], "properties": {"life": {"const": True}}}]},
        ]
    elif name == "Provision":
        props["id"]["pattern"] = _ECMA_NAMED_GROUP.sub("(", PROVISION_ID_RE.pattern)
        props["id"]["errorMessage"] = _PROVISION_ID_MESSAGE
    elif name == "Annotation":
        _non_blank(props["words"])
    elif name == "UncertainValue":
        # the model writes numbers and dates as text
        props["value"] = {"anyOf": [{"type": "string", "format": "date"}, {"type": ["string", "number", "boolean"]}]}
    elif name in ("Instrument", "AmendingAct"):
        props["number"]["anyOf"] = [{"type": "string"}, {"type": "integer"}, {"type": "null"}]
    elif name == "Pattern":
        props["all"]["anyOf"][0]["minItems"] = 2
        schema["allOf"] = [
            {"errorMessage": "a pattern has exactly one of `phrase` or `all`",
             "oneOf": [{"required": ["phrase"], "properties": {"phrase": _PRESENT}},
                       {"required": ["all"], "properties": {"all": _PRESENT}}]},
        ]
    elif name == "Detection":
        props["unless_near"]["propertyNames"] = {"enum": ["en", "ru"],
                                                 "errorMessage": "unknown language (expected en or ru)"}


def _describe(name: str, schema: dict[str, Any]) -> None:
    for prop, text in _FIELD_TEXT.get(name, {}).items():
        schema["properties"][prop]["description"] = text


def generate_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one record kind (``statute_version``, ``ratifications``, ``rubric``)."""
    spec = _kind(kind)
    raw = spec.model.model_json_schema(mode="validation")
    defs: dict[str, Any] = raw.pop("$defs", {})
    for name, sub in defs.items():
        _rules(name, sub)
        if "properties" in sub:
            _describe(name, sub)
    _rules(spec.model.__name__, raw)
    _describe(spec.model.__name__, raw)
    raw.pop("title", None)
    raw.pop("description", None)
    out: dict[str, Any] = {"$schema": DIALECT, "$id": schema_id(kind), "title": spec.title,
                           "description": spec.description}
    out.update(raw)
    out["$defs"] = dict(sorted(defs.items()))
    return out


def schema_json(schema: dict[str, Any]) -> str:
    """The text of a published schema file (stable, so the files only change with the models)."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


# --- lookup -------------------------------------------------------------------------------------


def _kind(kind: str) -> SchemaKind:
    try:
        return KINDS[kind]
    except KeyError:
        raise LawcompareError(f"no schema for {kind!r}; known: {', '.join(KINDS)}") from None


def schema_dir() -> Path | None:
    """The folder of the published schemas: bundled with the package, or ``docs/schemas`` of the source tree."""
    here = Path(__file__).resolve()
    packaged = here.parent / "data" / "schemas"
    if packaged.is_dir():
        return packaged
    for parent in here.parents:
        candidate = parent / "docs" / "schemas"
        if candidate.is_dir() and (parent / "pyproject.toml").is_file():
            return candidate
    return None


@lru_cache(maxsize=8)
def load_schema(kind: str) -> dict[str, Any]:
    """The published schema of ``kind``; generated from the models if no published file is found."""
    spec = _kind(kind)
    folder = schema_dir()
    path = folder / spec.file_name if folder else None
    if path is not None and path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    return generate_schema(kind)


def _type_or_date(validator: Any, types: Any, instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
    """The ``type`` keyword, refusing a YAML date where the schema does not ask for a date."""
    if isinstance(instance, YamlDate) and schema.get("format") != "date":
        yield SchemaValidationError(f"{instance!r} is a date, not {types!r}")
        return
    yield from _PLAIN_TYPE(validator, types, instance, schema)


_PLAIN_TYPE = Draft202012Validator.VALIDATORS["type"]
_Validator = validators.extend(Draft202012Validator, {"type": _type_or_date})


@lru_cache(maxsize=8)
def validator(kind: str) -> Draft202012Validator:
    return _Validator(load_schema(kind), format_checker=Draft202012Validator.FORMAT_CHECKER)


# --- checking -----------------------------------------------------------------------------------

Path_ = tuple[Any, ...]


@dataclass(frozen=True)
class SchemaError:
    """One schema violation: where (a path of keys and indices) and what, in plain words."""

    path: Path_
    message: str


class YamlDate(str):
    """A value YAML read as a date (``2014-01-01`` unquoted), written as text for the schema.

    Only fields with ``"format": "date"`` take it: elsewhere the loader refuses a date where text is
    expected, so the schema check must too (JSON and editors see the same value as plain text).
    """

    __slots__ = ()


def json_ready(data: Any) -> Any:
    """``data`` as the schema sees it: dates as :class:`YamlDate` text in ISO form."""
    if isinstance(data, dt.date):  # datetime included
        return YamlDate(data.isoformat())
    if isinstance(data, dict):
        return {k: json_ready(v) for k, v in data.items()}
    if isinstance(data, list):
        return [json_ready(v) for v in data]
    return data


_TYPE_WORDS = {"string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false",
               "object": "a mapping (key: value)", "array": "a list", "null": "empty (null)"}


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 5] + " ...'"


def _type_words(types: Any) -> str:
    names = types if isinstance(types, list) else [types]
    return " or ".join(_TYPE_WORDS.get(t, t) for t in names)


def _branch_types(error: SchemaValidationError) -> list[str] | None:
    """The types of an ``anyOf`` of plain ``{"type": ...}`` branches, else None."""
    branches = error.validator_value
    if all(isinstance(b, dict) and set(b) == {"type"} for b in branches):
        return [b["type"] for b in branches]
    return None


def _leaves(error: SchemaValidationError) -> Iterator[SchemaValidationError]:
    """The errors worth showing: a failed "X or null" is the failure of X; other choices are summarised."""
    if error.validator in ("anyOf", "oneOf") and "errorMessage" not in error.schema and error.context:
        branches = error.validator_value
        real = [i for i, b in enumerate(branches) if b != {"type": "null"}]
        if error.instance is not None and len(real) == 1 and len(real) < len(branches):
            for sub in error.context:
                if sub.relative_schema_path and sub.relative_schema_path[0] == real[0]:
                    yield from _leaves(sub)
            return
        if _branch_types(error) is None:
            yield from _leaves(best_match(error.context))
            return
    yield error


def _message(error: SchemaValidationError, doc: str) -> list[SchemaError]:
    path = tuple(error.absolute_path)
    got = f" (got {_shown(error.instance)})"
    custom = error.schema.get("errorMessage") if isinstance(error.schema, dict) else None
    v = error.validator
    if v == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in known] if isinstance(error.instance, dict) else []
        return [SchemaError((*path, k), f"unknown field (check the spelling against {doc})") for k in extra]
    if v == "required":
        missing = [k for k in error.validator_value
                   if isinstance(error.instance, dict) and k not in error.instance
                   and error.message.startswith(repr(k))]
        text = custom or "required field is missing"
        return [SchemaError((*path, k), text) for k in missing[:1]] or [SchemaError(path, text)]
    if v == "propertyNames":
        return [SchemaError(path, error.message)]
    if custom:
        return [SchemaError(path, custom + (got if v not in ("anyOf", "oneOf") else ""))]
    if v == "type" and error.schema.get("format") == "date" or v == "format" and error.validator_value == "date":
        return [SchemaError(path, "must be a date written YYYY-MM-DD" + got)]
    if v == "type" and isinstance(error.instance, YamlDate):
        return [SchemaError(path, f"must be {_type_words(error.validator_value)}; YAML reads {error.instance} as a "
                                  f"date, so put it in quotes")]
    if v == "type":
        return [SchemaError(path, f"must be {_type_words(error.validator_value)}" + got)]
    if v == "anyOf" and (types := _branch_types(error)) is not None:
        return [SchemaError(path, f"must be {_type_words(types)}" + got)]
    if v == "enum":
        return [SchemaError(path, f"must be one of: {', '.join(map(str, error.validator_value))}" + got)]
    if v == "const":
        return [SchemaError(path, f"must be {error.validator_value!r}" + got)]
    if v == "pattern":
        if error.validator_value == r"\S":
            return [SchemaError(path, "must not be empty or blank")]
        return [SchemaError(path, f"does not match the pattern {error.validator_value}" + got)]
    if v == "minItems":
        return [SchemaError(path, f"needs at least {error.validator_value} item(s)")]
    if v in ("minimum", "maximum", "minLength", "maxLength", "exclusiveMinimum", "exclusiveMaximum"):
        words = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than",
                 "exclusiveMaximum": "less than"}
        if v in words:
            return [SchemaError(path, f"must be {words[v]} {error.validator_value}" + got)]
        size = "at least" if v == "minLength" else "at most"
        return [SchemaError(path, f"must be {size} {error.validator_value} character(s) long")]
    return [SchemaError(path, error.message if len(error.message) < 200 else error.message[:200] + " ...")]


def schema_errors(data: Any, kind: str) -> list[SchemaError]:
    """Every place where ``data`` (a loaded YAML document) breaks the schema of ``kind``, in file order."""
    doc = _kind(kind).doc
    out: list[SchemaError] = []
    seen: set[tuple[Path_, str]] = set()
    for error in validator(kind).iter_errors(json_ready(data)):
        for leaf in _leaves(error):
            for found in _message(leaf, doc):
                key = (found.path, found.message)
                if key not in seen:
                    seen.add(key)
                    out.append(found)
    return out


def _problem(error: SchemaError, data: Any, file: str, linemap: LineMap) -> Problem:
    return Problem(file, linemap.line_for(error.path), describe_path(data, error.path) or None, error.message)


def schema_problems(data: Any, kind: str, file: str, linemap: LineMap) -> list[Problem]:
    """Schema errors of one loaded document as problems at ``file:line``, in the order of the file."""
    errors = schema_errors(data, kind)
    return sorted((_problem(e, data, file, linemap) for e in errors), key=lambda p: p.line or 0)


def _overlaps(a: Path_, b: Path_) -> bool:
    """One path is the other or inside it: the two errors are about the same thing."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _model_loc(loc: Iterable[Any]) -> Path_:
    """A pydantic error location as a document path (validator names and ``[key]`` markers dropped)."""
    return tuple(p for p in loc if not (isinstance(p, str) and (p.startswith("function-") or p == "[key]")))


def model_problems_besides(loaded: LoadedYaml, kind: str, errors: list[SchemaError]) -> list[Problem]:
    """The model's own errors on ``loaded`` that the schema errors do not already report."""
    spec = _kind(kind)
    try:
        spec.model.model_validate(loaded.data)
    except ModelValidationError as exc:
        located = validation_errors(exc, loaded.data, loaded.lines, loaded.file, doc=spec.doc)
        return [Problem(e.file or loaded.file, e.line, e.field, e.message)
                for raw, e in zip(exc.errors(), located, strict=True)
                if not any(_overlaps(_model_loc(raw["loc"]), s.path) for s in errors)]
    return []


def check_document(loaded: LoadedYaml, kind: str, schema_only: bool = False) -> list[Problem]:
    """Schema problems first, then the model's problems that are not the same error again.

    Returns an empty list when the document meets the schema: the caller then loads it as usual.
    """
    errors = schema_errors(loaded.data, kind)
    if not errors:
        return []
    problems = sorted((_problem(e, loaded.data, loaded.file, loaded.lines) for e in errors),
                      key=lambda p: p.line or 0)
    if not schema_only:
        problems.extend(model_problems_besides(loaded, kind, errors))
    return problems
