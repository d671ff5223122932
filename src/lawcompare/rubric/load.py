"""Loading rubrics by name (bundled) or from a user's file, with ``extends`` resolved."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from lawcompare.errors import RubricError, YamlError
from lawcompare.io import yaml as lcyaml
from lawcompare.records.load import validation_errors
from lawcompare.rubric.models import Rubric

MAX_EXTENDS = 5


def rubric_dir() -> Path:
    from lawcompare.records.corpus import bundled_path

    return bundled_path("rubrics")


def rubric_path(name_or_path: str | Path) -> Path:
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or p.exists():
        return p
    candidate = rubric_dir() / f"{name_or_path}.yaml"
    if not candidate.is_file():
        known = ", ".join(sorted(f.stem for f in rubric_dir().glob("*.yaml")))
        raise RubricError(f"no rubric named {str(name_or_path)!r}; bundled rubrics: {known}")
    return candidate


def _parse(path: Path) -> tuple[Rubric, lcyaml.LineMap]:
    try:
        loaded = lcyaml.load_file(path)
    except YamlError as exc:
        raise RubricError(exc.message, file=exc.file, line=exc.line) from None
    return _parse_loaded(loaded), loaded.lines


def _parse_loaded(loaded: lcyaml.LoadedYaml) -> Rubric:
    path = Path(loaded.file)
    if not isinstance(loaded.data, dict):
        raise RubricError("a rubric file must be a YAML mapping", file=str(path), line=1)
    try:
        rubric = Rubric.model_validate(loaded.data)
    except ValidationError as exc:
        errs = validation_errors(exc, loaded.data, loaded.lines, str(path), doc="docs/rubric-format.md")
        first = errs[0]
        more = "".join(f"\n  {e.describe()}" for e in errs[1:10])
        raise RubricError(first.message + more, file=first.file, line=first.line, field=first.field) from None
    _check(rubric, path, loaded.lines)
    return rubric


def _check(rubric: Rubric, path: Path, lines: lcyaml.LineMap) -> None:
    seen: set[str] = set()
    groups = {g.id for g in rubric.groups}
    for i, c in enumerate(rubric.criteria):
        if c.id in seen:
            raise RubricError(f"criterion id {c.id!r} appears twice", file=str(path),
                              line=lines.line_for(("criteria", i, "id")), field=f"criteria[{i}].id")
        seen.add(c.id)
        if groups and c.group not in groups and not rubric.rubric.extends:
            raise RubricError(f"unknown group {c.group!r}; groups: {', '.join(sorted(groups))}", file=str(path),
                              line=lines.line_for(("criteria", i, "group")), field=f"criteria[{i}].group")
        for lang in c.detection.unless_near:
            if lang not in ("en", "ru"):
                raise RubricError(f"unknown language {lang!r} (expected en or ru)", file=str(path),
                                  line=lines.line_for(("criteria", i, "detection", "unless_near")))


@lru_cache(maxsize=16)
def _load_cached(path: str) -> Rubric:
    return _resolve(Path(path), depth=0)


def _resolve(path: Path, depth: int) -> Rubric:
    rubric, lines = _parse(path)
    return _extend(rubric, path, depth, lines)


def rubric_from_document(loaded: lcyaml.LoadedYaml) -> Rubric:
    """A rubric from a document already read (``lawcompare validate`` reads it once for the schema check)."""
    return _extend(_parse_loaded(loaded), Path(loaded.file), 0, loaded.lines)


def base_rubric_path(name: str, rubric_file: Path, line: int | None = None) -> Path:
    """Where ``extends: name`` points: a bundled rubric by name, or a YAML file in the rubric's own folder.

    Anything else (absolute paths, ``..``, other folders) is refused, so a rubric received from
    someone else cannot make lawcompare open arbitrary files.
    """
    where = {"file": str(rubric_file), "line": line, "field": "rubric.extends"}
    if "/" not in name and "\\" not in name and Path(name).suffix not in (".yaml", ".yml"):
        candidate = rubric_dir() / f"{name}.yaml"
        if not candidate.is_file():
            known = ", ".join(sorted(f.stem for f in rubric_dir().glob("*.yaml")))
            raise RubricError(f"`extends` names no bundled rubric {name!r}; bundled rubrics: {known}", **where)
        return candidate
    folder = rubric_file.resolve().parent
    target = (folder / name).resolve()
    if target.suffix not in (".yaml", ".yml") or not target.is_relative_to(folder):
        raise RubricError(f"`extends` must name a bundled rubric or a .yaml file in this rubric's folder, "
                          f"not {name!r}", **where)
    if not target.is_file():
        raise RubricError(f"`extends` file not found: {name!r} (looked in {folder})", **where)
    return target


def _extend(rubric: Rubric, path: Path, depth: int, lines: lcyaml.LineMap | None = None) -> Rubric:
    base_name = rubric.rubric.extends
    if not base_name:
        return rubric
    line = lines.line_for(("rubric", "extends")) if lines else None
    if depth >= MAX_EXTENDS:
        raise RubricError(f"`extends` chain longer than {MAX_EXTENDS}", file=str(path), line=line)
    base = _resolve(base_rubric_path(base_name, path, line), depth + 1)
    own = {c.id: c for c in rubric.criteria}
    criteria = [own.pop(c.id, c) for c in base.criteria] + list(own.values())
    groups = list(base.groups) + [g for g in rubric.groups if g.id not in {b.id for b in base.groups}]
    context = {**base.context, **rubric.context}
    merged = rubric.model_copy(update={"criteria": criteria, "groups": groups, "context": context})
    group_ids = {g.id for g in groups}
    for c in criteria:
        if c.group not in group_ids:
            raise RubricError(f"criterion {c.id!r} has unknown group {c.group!r}", file=str(path))
    return merged


def load_rubric(name_or_path: str | Path = "palermo") -> Rubric:
    """A bundled rubric by name (``"palermo"``, ``"extended"``) or a rubric file of your own."""
    if isinstance(name_or_path, Rubric):
        return name_or_path
    return _load_cached(str(rubric_path(name_or_path).resolve()))
