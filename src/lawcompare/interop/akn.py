"""Akoma Ntoso 3.0 export and import of statute version records.

* :func:`to_akn` / :func:`write_akn`: record → ``<akomaNtoso><act>`` XML (``docs/akn.md`` has the mapping).
* :func:`from_akn` / :func:`read_akn`: XML → record. A document lawcompare wrote comes back equal to
  its record; any other act becomes a draft record for review.
* :func:`record_yaml`: a record as YAML in the record format, for writing imported records.

All XML is read through :func:`lawcompare.interop.safe_xml.parse_xml` (no DTDs, no entities, size
and depth limits).
"""

from __future__ import annotations

import os
import tempfile
from enum import Enum
from pathlib import Path
from typing import Any

from lawcompare.errors import InputError
from lawcompare.interop.akn_export import build_akn, to_akn
from lawcompare.interop.akn_import import AknImport, from_akn, import_akn
from lawcompare.interop.safe_xml import MAX_BYTES, read_limited
from lawcompare.io import yaml as lcyaml
from lawcompare.records.models import StatuteVersion

__all__ = ["AknImport", "build_akn", "from_akn", "import_akn", "read_akn", "record_yaml", "to_akn",
           "write_akn", "write_atomic"]


def read_bytes(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file, refusing it before reading if it is over ``max_bytes``."""
    return read_limited(path, max_bytes)


def read_akn(path: str | Path) -> StatuteVersion:
    """:func:`from_akn` on a file."""
    return from_akn(read_bytes(path), name=str(path))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _place_new(tmp: str, target: Path) -> None:
    """Move ``tmp`` to ``target`` only if ``target`` does not exist (``FileExistsError`` otherwise)."""
    try:
        os.link(tmp, target)  # atomic and fails if the file appeared meanwhile: never overwrite by accident
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)


def write_atomic(path: str | Path, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    A reader never sees a half-written file. An existing file is kept (``InputError``) unless ``force``.
    """
    target = Path(path)
    if target.is_dir():
        raise InputError("is a folder; give a file name", file=str(target))
    if target.exists() and not force:
        raise InputError("already exists; use --force to replace it", file=str(target))
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", file=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o666 & ~_umask())  # mkstemp makes the file private; give it the usual mode
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, target)
        else:
            _place_new(tmp, target)
    except FileExistsError:
        os.unlink(tmp)
        raise InputError("already exists; use --force to replace it", file=str(target)) from None
    except OSError as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise InputError(f"cannot write: {exc.strerror}", file=str(target)) from None
    return target


def write_akn(version: StatuteVersion, path: str | Path, *, force: bool = False) -> Path:
    """Write :func:`to_akn` of ``version`` to ``path`` atomically (never replacing a file unless ``force``)."""
    return write_atomic(path, to_akn(version), force=force)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    return value


def record_yaml(record: StatuteVersion) -> str:
    """The record as YAML in the record format: fields at their default are left out, except
    ``translation.unofficial: true``, which the format asks to be written."""
    data = _plain(record.model_dump(mode="python", exclude_defaults=True))
    data["translation"] = {"unofficial": True, **data.get("translation", {})}
    return lcyaml.dumps(data)
