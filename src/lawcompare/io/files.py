"""The one way lawcompare writes an output file: whole or not at all, and never over a file by accident."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lawcompare.errors import InputError

EXISTS_HINT = "use --force to replace it"


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


def write_atomic(path: str | Path, data: bytes, *, force: bool = False, exists_hint: str = EXISTS_HINT) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    A reader never sees a half-written file. An existing file is kept (``InputError`` saying
    "already exists; ``exists_hint``") unless ``force``. Missing folders are created.
    """
    target = Path(path)
    if target.is_dir():
        raise InputError("is a folder; give a file name", file=str(target))
    if target.exists() and not force:
        raise InputError(f"already exists; {exists_hint}", file=str(target))
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
        raise InputError(f"already exists; {exists_hint}", file=str(target)) from None
    except OSError as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise InputError(f"cannot write: {exc.strerror}", file=str(target)) from None
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target
