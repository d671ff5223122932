"""``lawcompare import html``: a page saved from an official legal portal → a draft statute record."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lawcompare.cli.commands_interop import import_group
from lawcompare.errors import InputError


def read_page_file(file: str, limit: int) -> bytes:
    """The raw bytes of ``file`` (``-`` for standard input), refusing more than ``limit`` bytes."""
    try:
        if file == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(file, "rb") as fh:
                data = fh.read(limit + 1)
    except IsADirectoryError:
        raise InputError("is a folder; give the saved .html file", file=file) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=file) from None
    if len(data) > limit:
        raise InputError(f"the page is over the {limit:,}-byte limit; save only the document page", file=file)
    return data


def write_new_file(path: Path, text: str, force: bool) -> None:
    """Write ``text`` to ``path`` atomically; an existing file is replaced only with ``force``."""
    from lawcompare.io.files import write_atomic

    if path.is_dir():
        raise InputError("is a folder; give a file name such as kz-imported-...@2015-01-01.yaml", file=str(path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("the folder does not exist", file=str(path))
    write_atomic(path, text.encode("utf-8"), force=force, exists_hint="pass --force to overwrite it")


def _check_size(size: int, record: object, name: str) -> None:
    from lawcompare.io.yaml import MAX_BYTES

    if size > MAX_BYTES:
        articles = len(record.provisions)  # type: ignore[attr-defined]
        raise InputError(f"the draft would be over {size:,} bytes, more than the {MAX_BYTES:,}-byte limit for a record "
                         f"file ({articles} articles); import fewer with --articles", file=name)


@import_group.command("html")
@click.argument("file")
@click.option("--jurisdiction", "-j", required=True, help="Two-letter state code: KZ, KG, UZ (TJ, TM: generic layout).")
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False), default=None,
              help="Write the draft record here (default: print it).")
@click.option("--url", default=None, help="The document's address on the portal (default: read from the page).")
@click.option("--in-force-from", "in_force_from", default=None, metavar="YYYY-MM-DD",
              help="First day this version was in force; required unless the page states it.")
@click.option("--instrument-id", default=None, help="Record id of the instrument, e.g. kz-cc-2014.")
@click.option("--articles", default=None, metavar="N[,N...]",
              help="Import only these articles, e.g. 128,128-1 (for pages holding a whole code).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def import_html_command(file: str, jurisdiction: str, out: str | None, url: str | None, in_force_from: str | None,
                        instrument_id: str | None, articles: str | None, force: bool) -> None:
    """Turn a document page saved from adilet.zan.kz, cbd.minjust.gov.kg or lex.uz (FILE, '-' for stdin)
    into a draft statute record in the page's official language, for a researcher to review."""
    from lawcompare.interop.portal import MAX_HTML_BYTES, draft_summary, import_html, record_data
    from lawcompare.io import yaml as lcyaml

    name = "<stdin>" if file == "-" else file
    data = read_page_file(file, MAX_HTML_BYTES)
    record = import_html(data, jurisdiction, name=name, url=url, in_force_from=in_force_from,
                         instrument_id=instrument_id, articles=articles)
    data_out = record_data(record)
    # compact JSON is smaller than the YAML, so this refuses a too-large draft before the slow YAML writer runs
    _check_size(len(json.dumps(data_out, ensure_ascii=False).encode("utf-8")), record, name)
    text = (f"# Draft imported by `lawcompare import html` from {Path(name).name}: official-language text, "
            "structure split\n# automatically. Check every 'uncertain' entry before adding it to the corpus.\n"
            + lcyaml.dumps(data_out))
    _check_size(len(text.encode("utf-8")), record, name)
    counts = draft_summary(record)
    suggested = f"{record.instrument.id}@{record.version.in_force_from.isoformat()}.yaml"
    if out is None:
        click.echo(text, nl=False)
    else:
        write_new_file(Path(out), text, force)
    click.echo(f"{Path(name).name}: {counts['articles']} article(s), {counts['parts']} part(s), "
               f"{counts['points']} point(s), {counts['notes']} note(s); {counts['uncertain']} uncertain "
               "entr" + ("y" if counts["uncertain"] == 1 else "ies") + " to review"
               + (f"; written to {out}" if out else f"; suggested file name {suggested}"), err=True)
