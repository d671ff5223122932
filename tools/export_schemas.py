"""Write the JSON Schemas of records and rubrics to docs/schemas/ (generated from the pydantic models).

    python tools/export_schemas.py            # write docs/schemas/*.schema.json
    python tools/export_schemas.py --check    # exit 1 if a published file differs from the models

Run it after changing src/lawcompare/records/models.py or src/lawcompare/rubric/models.py;
tests/test_schemas.py fails while the published files are stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lawcompare.schemas import KINDS, generate_schema, schema_json

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "docs" / "schemas"


def stale_files(out: Path) -> list[Path]:
    """The published schema files under ``out`` that are missing or differ from the models."""
    stale = []
    for kind, spec in KINDS.items():
        path = out / spec.file_name
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_json(generate_schema(kind)):
            stale.append(path)
    return stale


def export(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, spec in KINDS.items():
        path = out / spec.file_name
        path.write_text(schema_json(generate_schema(kind)), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write (default: docs/schemas)")
    parser.add_argument("--check", action="store_true", help="only check that the published files are current")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files(args.out)
        for path in stale:
            print(f"stale: {path} (run python tools/export_schemas.py)")
        return 1 if stale else 0
    for path in export(args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
