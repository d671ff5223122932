"""``lawcompare export akn`` and ``lawcompare import akn``: Akoma Ntoso 3.0 XML (see ``docs/akn.md``)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click

from lawcompare.cli.commands_interop import export_group, import_group
from lawcompare.cli.main import corpus_option
from lawcompare.errors import InputError, LawcompareError, RecordError


def _file_name(key: str) -> str:
    """``kz-cc-2014@2015-01-01.xml``; anything but letters, digits, ``@ . -`` becomes ``_``."""
    return re.sub(r"[^A-Za-z0-9@.-]", "_", key).lstrip(".") + ".xml"


def _read_statute(path: str):  # type: ignore[no-untyped-def]
    from lawcompare.records.load import read_record
    from lawcompare.records.models import RatificationsRecord

    record, errors = read_record(path)
    if errors:
        if len(errors) == 1:
            raise errors[0]
        raise RecordError(f"{len(errors)} errors in the record:\n  " + "\n  ".join(e.describe() for e in errors),
                          file=path)
    if isinstance(record, RatificationsRecord):
        raise InputError("this is a ratifications record, not an act: only statute version records can be "
                         "exported to Akoma Ntoso", file=path)
    return record


@export_group.command("akn")
@click.argument("record", required=False, type=click.Path())
@click.option("-o", "--out", required=True, type=click.Path(),
              help="Output file (one record) or folder (with --jurisdiction).")
@click.option("--jurisdiction", "-j", default=None, help="Export every record of this state in force on --on.")
@click.option("--on", "on", default=None, help="Date YYYY-MM-DD for --jurisdiction (default: today).")
@corpus_option
@click.option("--force", is_flag=True, help="Replace existing files.")
def export_akn(record: str | None, out: str, jurisdiction: str | None, on: str | None, corpus_path: str | None,
               force: bool) -> None:
    """Write statute records as Akoma Ntoso 3.0 XML.

    Either one RECORD.yaml to the file -o, or with --jurisdiction every record of that state in force
    on --on into the folder -o (one file per record, named INSTRUMENT@DATE.xml). Existing files are
    kept unless --force.
    """
    from lawcompare.interop.akn import to_akn, write_atomic
    from lawcompare.records.corpus import as_date, load_corpus

    if record and jurisdiction:
        raise click.UsageError("give either RECORD.yaml or --jurisdiction, not both")
    if record:
        target = write_atomic(out, to_akn(_read_statute(record)), force=force)
        click.echo(str(target))
        return
    if not jurisdiction:
        raise click.UsageError("give a RECORD.yaml to export, or --jurisdiction (with --on) to export a state")
    day = as_date(on or dt.date.today())
    records = load_corpus(corpus_path).records_in_force(jurisdiction, day)
    if not records:
        raise LawcompareError(f"no records of {jurisdiction.upper()} are in force on {day.isoformat()}")
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise InputError("is a file; with --jurisdiction, -o names a folder", file=out)
    targets = [(r, folder / _file_name(r.key)) for r in records]
    existing = [str(path) for _, path in targets if path.exists()]
    if existing and not force:
        raise InputError(f"{len(existing)} file(s) already exist ({', '.join(existing)}); use --force to replace "
                         "them", file=out)
    documents = [(to_akn(r), path) for r, path in targets]  # convert all before writing any
    for data, path in documents:
        click.echo(str(write_atomic(path, data, force=force)))


@import_group.command("akn")
@click.argument("file", type=click.Path())
@click.option("-o", "--out", required=True, type=click.Path(), help="Output record file (YAML).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def import_akn(file: str, out: str, force: bool) -> None:
    """Turn an Akoma Ntoso 3.0 act (FILE.xml) into a statute record (YAML).

    A document written by `lawcompare export akn` comes back as the same record. Any other act
    becomes a draft: articles get the placeholder topic `other` and an `uncertain` entry lists what
    to check before the record joins the corpus.
    """
    from lawcompare.interop.akn import import_akn as run_import
    from lawcompare.interop.akn import read_bytes, record_yaml, write_atomic

    if Path(out).exists() and not force:
        raise InputError("already exists; use --force to replace it", file=out)
    result = run_import(read_bytes(file), name=file)
    target = write_atomic(out, record_yaml(result.record).encode("utf-8"), force=force)
    articles = len(result.record.provisions)
    click.echo(f"{target}: {result.record.key}, {articles} article(s)")
    if result.draft:
        click.echo("draft record: review the `uncertain` entries and replace the placeholder topics before "
                   "adding it to the corpus (lawcompare validate checks it)")
