"""Akoma Ntoso 3.0 export and import of statute version records.

* :func:`to_akn` / :func:`write_akn`: record → ``<akomaNtoso><act>`` XML (``docs/akn.md`` has the mapping).
* :func:`from_akn` / :func:`read_akn`: XML → record. A document lawcompare wrote comes back equal to
  its record; any other act becomes a draft record for review.
* :func:`record_yaml`: a record as YAML in the record format, for writing imported records.

All XML is read through :func:`lawcompare.interop.safe_xml.parse_xml` (no DTDs, no entities, size
and depth limits).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

from lawcompare.interop.akn_export import build_akn, to_akn
from lawcompare.interop.akn_import import AknImport, from_akn, import_akn
from lawcompare.interop.safe_xml import MAX_BYTES, read_limited
from lawcompare.io import yaml as lcyaml
from lawcompare.io.files import write_atomic
from lawcompare.records.models import StatuteVersion

__all__ = ["AknImport", "build_akn", "from_akn", "import_akn", "read_akn", "record_yaml", "to_akn",
           "write_akn", "write_atomic"]


def read_bytes(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file, refusing it before reading if it is over ``max_bytes``."""
    return read_limited(path, max_bytes)


def read_akn(path: str | Path) -> StatuteVersion:
    """:func:`from_akn` on a file."""
    return from_akn(read_bytes(path), name=str(path))


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
