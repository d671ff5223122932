"""A corpus folder as one folder per jurisdiction, each readable on its own.

Batch assessment (:mod:`lawcompare.assess.batch`) never loads a whole corpus: the parent process
only lists the jurisdiction folders, and each worker reads one folder. That relies on the documented
layout, ``<corpus>/<iso2>/*.yaml`` (``statutes/kz/``), so that a folder holds all of its state's
records and nothing else. A record filed in the wrong folder, or a record file outside any
jurisdiction folder, is an error naming the file: assessing a state from part of its records would
give a wrong report, and leaving a record out silently would hide data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lawcompare.errors import RecordError
from lawcompare.records.corpus import Corpus, read_records
from lawcompare.records.models import JURISDICTION_RE

LAYOUT_HINT = "batch assessment reads one folder per jurisdiction, named by its code (statutes/kz/)"


@dataclass(frozen=True)
class JurisdictionFolder:
    """The folder holding every record of one jurisdiction (``statutes/kz`` for ``KZ``)."""

    code: str
    path: Path


@dataclass(frozen=True)
class Partition:
    """The jurisdiction folders of a corpus, in code order, and the files that fit none of them."""

    folders: list[JurisdictionFolder]
    misplaced: list[RecordError]


def _has_records(folder: Path) -> bool:
    return any(f.suffix in (".yaml", ".yml") and f.is_file() for f in folder.rglob("*"))


def _folder(path: Path) -> JurisdictionFolder | RecordError:
    code = path.name.upper()
    if not JURISDICTION_RE.match(code):
        return RecordError(f"folder name is not a two-letter jurisdiction code; {LAYOUT_HINT}", file=str(path))
    return JurisdictionFolder(code, path)


def jurisdiction_folders(root: str | Path) -> Partition:
    """List the jurisdiction folders under ``root`` without reading any record.

    ``root`` is a corpus folder (``statutes/``, whose subfolders are the jurisdictions) or a single
    jurisdiction folder (``statutes/kz``, holding record files directly). Folders without record
    files are ignored; files and folders that break the layout are returned as ``misplaced`` errors.
    """
    base = Path(root)
    if not base.is_dir():
        raise RecordError("no such folder (batch assessment needs a corpus folder)", file=str(root))
    subfolders = sorted(p for p in base.iterdir() if p.is_dir() and _has_records(p))
    loose = sorted(p for p in base.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml"))
    if not subfolders:
        if not loose:
            raise RecordError("no .yaml record files found", file=str(base))
        one = _folder(base.resolve())
        if isinstance(one, RecordError):
            return Partition([], [one])
        return Partition([JurisdictionFolder(one.code, base)], [])
    folders: list[JurisdictionFolder] = []
    misplaced = [RecordError(f"record file outside any jurisdiction folder; {LAYOUT_HINT}", file=str(f))
                 for f in loose]
    for path in subfolders:
        item = _folder(path)
        if isinstance(item, RecordError):
            misplaced.append(item)
        else:
            folders.append(item)
    folders.sort(key=lambda f: f.code)
    return Partition(folders, misplaced)


def read_jurisdiction(folder: JurisdictionFolder) -> tuple[Corpus | None, list[RecordError]]:
    """Read every record of one jurisdiction folder into a :class:`Corpus` holding just that state.

    Returns ``(None, errors)`` if any record is invalid or says another jurisdiction: like
    :func:`~lawcompare.records.corpus.load_corpus`, a state is never assessed with records missing.
    """
    statutes, ratifications, errors = read_records(folder.path)
    for record in [*statutes, *ratifications]:
        if record.jurisdiction != folder.code:
            errors.append(RecordError(
                f"record says {record.jurisdiction} but is in folder {folder.path.name}/; {LAYOUT_HINT}",
                file=record.file, line=record.line_of("jurisdiction"), field="jurisdiction"))
    if errors:
        return None, errors
    return Corpus(statutes, ratifications, root=folder.path), []
