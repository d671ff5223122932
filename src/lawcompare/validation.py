"""One entry point for ``lawcompare validate``: records and rubric files, whichever a path holds."""

from __future__ import annotations

import contextlib
from pathlib import Path

from lawcompare.errors import LawcompareError, RubricError, YamlError
from lawcompare.io import yaml as lcyaml
from lawcompare.records.load import record_files
from lawcompare.records.validate import Problem, validate_paths
from lawcompare.rubric.models import Rubric


def _is_rubric(path: Path) -> bool:
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:2000]
    except OSError:
        return False
    return any(line.startswith("rubric:") for line in head.splitlines())


def read_rubric_checked(path: Path, schema_only: bool = False) -> tuple[Rubric | None, list[Problem]]:
    """Read one rubric file: YAML, then the JSON Schema, then the rubric model and its checks.

    The rubric is returned only when the file passes all of them; never raises for bad content.
    """
    from lawcompare.rubric.load import rubric_from_document
    from lawcompare.schemas import check_document

    try:
        loaded = lcyaml.load_file(path)
    except YamlError as exc:
        return None, [Problem(exc.file or str(path), exc.line, None, exc.message)]
    problems = check_document(loaded, "rubric", schema_only)
    if problems or schema_only:
        return None, problems
    try:
        return rubric_from_document(loaded), []
    except RubricError as exc:
        return None, [Problem(exc.file or str(path), exc.line, exc.field, exc.message)]


def validate_all(paths: list[str], schema_only: bool = False) -> tuple[list[Problem], int]:
    """Validate record and rubric files under ``paths``. Returns (problems, files checked).

    Every file is checked against its JSON Schema first (``docs/schemas/``). With ``schema_only``
    that is all: no model checks, no cross-file checks, no pattern examples.
    """
    from lawcompare.rubric.load import load_rubric

    problems: list[Problem] = []
    record_roots: list[Path] = []
    counted = 0
    criteria: set[str] = set()
    rubric_files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        try:
            files = record_files(p)
        except LawcompareError as exc:
            problems.append(Problem(raw, None, None, str(exc)))
            continue
        rubric_files.extend(f for f in files if _is_rubric(f))
        if any(not _is_rubric(f) for f in files) or not files:
            record_roots.append(p)
    for f in rubric_files:
        counted += 1
        rubric, found = read_rubric_checked(f, schema_only)
        problems.extend(found)
        if rubric is not None:
            criteria.update(rubric.ids())
            from lawcompare.detect.compile import check_rubric_examples

            problems.extend(check_rubric_examples(rubric, str(f)))
    if not criteria and not schema_only:
        for name in ("palermo", "extended"):
            with contextlib.suppress(LawcompareError):
                criteria.update(load_rubric(name).ids())
    from lawcompare.detect.penalties import penalty_disagreements

    record_file_list = [f for root in record_roots for f in record_files(root) if not _is_rubric(f)]
    counted += len(record_file_list)
    if record_file_list:
        problems.extend(validate_paths(record_file_list, criteria or None, penalty_disagreements, schema_only))
    for root in record_roots:
        if not record_files(root):
            problems.append(Problem(str(root), None, None, "no .yaml record files found"))
    return problems, counted
