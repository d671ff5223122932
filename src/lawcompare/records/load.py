"""Reading record files into models, with errors that cite ``file:line: field``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from lawcompare.errors import RecordError, YamlError
from lawcompare.io import yaml as lcyaml
from lawcompare.records.models import RatificationsRecord, StatuteVersion

RecordModel = StatuteVersion | RatificationsRecord
RECORD_KINDS: dict[str, type[StatuteVersion] | type[RatificationsRecord]] = {
    "statute_version": StatuteVersion,
    "ratifications": RatificationsRecord,
}


def dotted(loc: tuple[Any, ...]) -> str:
    """``("provisions", 0, "children", 1, "penalty")`` → ``provisions[0].children[1].penalty``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def describe_path(data: Any, loc: tuple[Any, ...]) -> str:
    """Like :func:`dotted` but names provisions by id, so the message says which article is wrong."""
    out = ""
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(part, int):
            pid = node.get("id") if isinstance(node, dict) else None
            out += f"[{part}]" + (f" ({pid})" if isinstance(pid, str) else "")
        else:
            out += ("." if out else "") + str(part)
    return out


def validation_errors(exc: ValidationError, data: Any, lines: lcyaml.LineMap, file: str,
                      doc: str = "docs/record-format.md") -> list[RecordError]:
    errors = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = f"unknown field (check the spelling against {doc})"
        elif err["type"] == "missing":
            msg = "required field is missing"
        got = err.get("input")
        if err["type"] not in ("missing", "extra_forbidden") and not isinstance(got, (dict, list)):
            msg += f" (got {got!r})"
        errors.append(RecordError(msg, file=file, line=lines.line_for(loc), field=describe_path(data, loc)))
    return errors


def parse_record(loaded: lcyaml.LoadedYaml) -> tuple[RecordModel | None, list[RecordError]]:
    """Turn a loaded YAML document into a record model, or a list of located errors."""
    data, file = loaded.data, loaded.file
    if not isinstance(data, dict):
        return None, [RecordError("a record file must be a YAML mapping", file=file, line=1)]
    kind = data.get("record")
    model = RECORD_KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        allowed = ", ".join(RECORD_KINDS)
        return None, [RecordError(f"`record` must be one of: {allowed} (got {kind!r})", file=file,
                                  line=loaded.lines.line_for(("record",)) or 1, field="record")]
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        return None, validation_errors(exc, data, loaded.lines, file)
    record._file = file  # type: ignore[attr-defined]
    record._lines = loaded.lines  # type: ignore[attr-defined]
    return record, []


def read_record(path: str | Path) -> tuple[RecordModel | None, list[RecordError]]:
    """Load one record file; never raises for bad content, returns the errors instead."""
    try:
        loaded = lcyaml.load_file(path)
    except YamlError as exc:
        return None, [RecordError(exc.message, file=exc.file or str(path), line=exc.line)]
    return parse_record(loaded)


def record_files(root: str | Path) -> list[Path]:
    """All record files under ``root`` (a folder or a single file), in a stable order."""
    p = Path(root)
    if p.is_file():
        return [p]
    if not p.is_dir():
        raise RecordError("no such file or folder", file=str(root))
    return sorted(f for f in p.rglob("*") if f.suffix in (".yaml", ".yml") and f.is_file())
