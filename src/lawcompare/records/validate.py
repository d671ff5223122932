"""Validation of record files: schema, ids, sources, version chronology, penalties against text.

:func:`validate_paths` never raises for bad content: it returns every problem it finds, each
naming file, line and field, so a researcher can fix a whole folder in one pass. Each file is
checked against its JSON Schema (``docs/schemas/``) first; the model's own errors follow, without
repeating what the schema already reported.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lawcompare.errors import RecordError, YamlError
from lawcompare.io import yaml as lcyaml
from lawcompare.records.load import RECORD_KINDS, RecordModel, parse_record, record_files
from lawcompare.records.models import (
    Provision,
    ProvisionKind,
    RatificationsRecord,
    StatuteVersion,
)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str | None
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        return f"{where}: {self.severity}:{field} {self.message}"


def _walk_with_path(provisions: list[Provision], base: tuple) -> Iterator[tuple[Provision, tuple, Provision | None]]:
    for i, p in enumerate(provisions):
        path = (*base, i)
        yield p, path, None
        for child, cpath, _ in _walk_with_path(p.children, (*path, "children")):
            yield child, cpath, p


def _field(record: StatuteVersion, path: tuple, pid: str | None = None) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out + (f" ({pid})" if pid else "")


def check_statute(record: StatuteVersion, criteria: set[str] | None = None,
                  penalty_check: Callable[[Provision], list[str]] | None = None) -> list[Problem]:
    """Checks on one statute version beyond the schema."""
    problems: list[Problem] = []
    file = record.file or "<record>"

    def add(path: tuple, message: str, pid: str | None = None, severity: str = "error") -> None:
        problems.append(Problem(file, record.line_of(*path), _field(record, path, pid), message, severity))

    source_ids = [s.id for s in record.sources]
    for sid in {s for s in source_ids if source_ids.count(s) > 1}:
        add(("sources",), f"source id {sid!r} is used twice")
    known_sources = set(source_ids)

    seen: dict[str, tuple] = {}
    for prov, path, parent in _walk_with_path(record.provisions, ("provisions",)):
        if prov.id in seen:
            add((*path, "id"), f"duplicate provision id {prov.id!r} (first at {_field(record, seen[prov.id])})")
        seen.setdefault(prov.id, path)
        if parent is None:
            if prov.kind != ProvisionKind.article:
                add((*path, "kind"), "top-level provisions must be articles", prov.id)
            if "." in prov.id:
                add((*path, "id"), f"an article id has no dots (got {prov.id!r})", prov.id)
            if not prov.topics:
                add((*path, "topics"), "an article needs at least one topic", prov.id)
            if not prov.sources:
                add((*path, "sources"), "every article must cite at least one source", prov.id)
            if prov.text_basis is None:
                add((*path, "text_basis"), "say whether the text is a translation or a reconstruction", prov.id)
            if not any(p.text for p in prov.walk()):
                add(path, "the article has no text at any level", prov.id)
        else:
            if not prov.id.startswith(parent.id + "."):
                add((*path, "id"), f"child id must start with its parent's id {parent.id + '.'!r}", prov.id)
            if prov.kind == ProvisionKind.article:
                add((*path, "kind"), "an article cannot be nested inside another provision", prov.id)
        for j, ref in enumerate(prov.sources):
            if ref.ref not in known_sources:
                add((*path, "sources", j, "ref"),
                    f"unknown source {ref.ref!r}; the record's sources are: {', '.join(sorted(known_sources))}",
                    prov.id)
        for j, ann in enumerate(prov.annotations):
            target = record.provision(ann.provision) if ann.provision else prov
            if target is None:
                add((*path, "annotations", j, "provision"), f"no provision {ann.provision!r} in this record", prov.id)
                continue
            if criteria is not None and ann.criterion not in criteria:
                add((*path, "annotations", j, "criterion"),
                    f"unknown rubric criterion {ann.criterion!r}", prov.id)
            if ann.words.casefold() not in target.full_text().casefold():
                add((*path, "annotations", j, "words"),
                    f"the annotated words {ann.words!r} do not occur in {target.id}", prov.id)
        if penalty_check is not None and prov.penalty is not None and prov.text:
            for msg in penalty_check(prov):
                add((*path, "penalty"), msg, prov.id)
    return problems


def check_ratifications(record: RatificationsRecord) -> list[Problem]:
    problems: list[Problem] = []
    file = record.file or "<record>"
    known = {s.id for s in record.sources}
    seen: set[str] = set()
    for i, t in enumerate(record.treaties):
        if t.treaty in seen:
            problems.append(Problem(file, record.line_of("treaties", i), f"treaties[{i}]",
                                    f"treaty {t.treaty.value} is listed twice"))
        seen.add(t.treaty)
        for j, ref in enumerate(t.sources):
            if ref.ref not in known:
                problems.append(Problem(file, record.line_of("treaties", i, "sources", j),
                                        f"treaties[{i}].sources[{j}]", f"unknown source {ref.ref!r}"))
        if not t.sources:
            problems.append(Problem(file, record.line_of("treaties", i), f"treaties[{i}]",
                                    "every ratification entry must cite a source"))
        if t.consent and t.entry_into_force and t.entry_into_force < t.consent:
            problems.append(Problem(file, record.line_of("treaties", i, "entry_into_force"),
                                    f"treaties[{i}].entry_into_force", "entry into force is before consent"))
    return problems


def check_chronology(records: Iterable[StatuteVersion]) -> list[Problem]:
    """Versions of one instrument must neither overlap nor leave unexplained gaps."""
    problems: list[Problem] = []
    by_instrument: dict[tuple[str, str], list[StatuteVersion]] = defaultdict(list)
    for r in records:
        by_instrument[(r.jurisdiction, r.instrument.id)].append(r)
    for (_, inst), versions in by_instrument.items():
        versions.sort(key=lambda r: r.version.in_force_from)
        first = versions[0]
        for r in versions[1:]:
            for attr in ("type", "title_en", "adopted"):
                if getattr(r.instrument, attr) != getattr(first.instrument, attr):
                    problems.append(Problem(r.file or "", r.line_of("instrument", attr), f"instrument.{attr}",
                                            f"differs from {first.file} for the same instrument {inst!r}"))
        for prev, nxt in zip(versions, versions[1:], strict=False):
            pv, nv = prev.version, nxt.version
            if pv.in_force_from == nv.in_force_from:
                problems.append(Problem(nxt.file or "", nxt.line_of("version", "in_force_from"),
                                        "version.in_force_from",
                                        f"two versions of {inst} start on {nv.in_force_from} ({prev.file})"))
                continue
            if pv.in_force_to is None:
                problems.append(Problem(prev.file or "", prev.line_of("version"), "version.in_force_to",
                                        f"open-ended, but a later version of {inst} starts on {nv.in_force_from}"))
                continue
            if pv.in_force_to >= nv.in_force_from:
                problems.append(Problem(nxt.file or "", nxt.line_of("version", "in_force_from"),
                                        "version.in_force_from",
                                        f"overlaps the previous version ({prev.file}, in force to {pv.in_force_to})"))
            elif pv.in_force_to + dt.timedelta(days=1) != nv.in_force_from and not pv.gap_after:
                problems.append(Problem(prev.file or "", prev.line_of("version", "in_force_to"),
                                        "version.in_force_to",
                                        f"gap until the next version of {inst} ({nv.in_force_from}); "
                                        "explain it in version.gap_after or close the gap"))
    return problems


def read_checked(file: str | Path, schema_only: bool = False) -> tuple[RecordModel | None, list[Problem]]:
    """Read one record file: YAML, then the JSON Schema, then the model. Never raises for bad content.

    The record is returned only when the file meets both the schema and the model. With
    ``schema_only`` the model is not consulted (and no record is returned).
    """
    from lawcompare.schemas import check_document

    try:
        loaded = lcyaml.load_file(file)
    except YamlError as exc:
        return None, [Problem(exc.file or str(file), exc.line, None, exc.message)]
    data = loaded.data
    kind = data.get("record") if isinstance(data, dict) else None
    if isinstance(kind, str) and kind in RECORD_KINDS:
        problems = check_document(loaded, kind, schema_only)
        if problems or schema_only:
            return None, problems
    record, errors = parse_record(loaded)
    return record, [Problem(e.file or str(file), e.line, e.field, e.message) for e in errors]


def validate_paths(paths: Iterable[str | Path], criteria: set[str] | None = None,
                   penalty_check: Callable[[Provision], list[str]] | None = None,
                   schema_only: bool = False) -> list[Problem]:
    """Validate every record file under ``paths``; returns all problems found.

    ``schema_only``: check only YAML and the JSON Schema of each file, not ids, sources,
    chronology or penalties.
    """
    problems: list[Problem] = []
    statutes: list[StatuteVersion] = []
    for root in paths:
        try:
            files = record_files(root)
        except RecordError as exc:
            problems.append(Problem(str(root), None, None, exc.message))
            continue
        if not files:
            problems.append(Problem(str(root), None, None, "no .yaml record files found"))
        for file in files:
            record, found = read_checked(file, schema_only)
            problems.extend(found)
            if isinstance(record, StatuteVersion):
                statutes.append(record)
                problems.extend(check_statute(record, criteria, penalty_check))
                folder = Path(file).parent.name
                if len(folder) == 2 and folder.upper() != record.jurisdiction:
                    problems.append(Problem(str(file), record.line_of("jurisdiction"), "jurisdiction",
                                            f"record is in folder {folder}/ but says {record.jurisdiction}",
                                            "warning"))
            elif isinstance(record, RatificationsRecord):
                problems.extend(check_ratifications(record))
    problems.extend(check_chronology(statutes))
    return problems

