"""``lawcompare memo``: an amendment memo for one state, as Markdown, HTML or DOCX."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from lawcompare.cli.main import cli, corpus_option, rubric_option


@cli.command()
@click.option("--jurisdiction", "-j", required=True, help="ISO code, e.g. TJ.")
@click.option("--on", "on", default=None, help="Date YYYY-MM-DD (default: today).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "docx"]), default=None,
              help="Output format (default: from the -o suffix, else md).")
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False), default=None,
              help="Output file (default: stdout; required for docx).")
@corpus_option
@rubric_option
@click.option("--templates", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder with memo.md.j2 / memo.html.j2 overriding the built-in templates.")
@click.option("--confirmed-only", is_flag=True, help="Leave out gaps that rest on uncertain findings.")
@click.option("--addressee", default=None, help="Fills the addressee placeholder.")
@click.option("--sender", default=None, help="Fills the sender placeholder.")
@click.option("--date-line", default=None, help="Fills the date placeholder.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def memo(jurisdiction: str, on: str | None, fmt: str | None, out: str | None, corpus_path: str | None, rubric: str,
         templates: str | None, confirmed_only: bool, addressee: str | None, sender: str | None,
         date_line: str | None, force: bool) -> None:
    """Draft an amendment memo: gaps by priority, the law as it stands, proposed wording, references."""
    from lawcompare.errors import InputError
    from lawcompare.memo.build import build_memo
    from lawcompare.memo.render import format_for, render_html, render_markdown, write_memo
    from lawcompare.records.corpus import load_corpus

    kind = format_for(out, fmt) if out else (fmt or "md")
    if kind == "docx" and not out:
        raise InputError("a DOCX memo needs an output file: add -o FILE.docx")
    m = build_memo(load_corpus(corpus_path), jurisdiction, on or dt.date.today(), rubric,
                   include_uncertain=not confirmed_only, addressee=addressee, sender=sender, date_line=date_line)
    if out is None:
        text = render_markdown(m, templates) if kind == "md" else render_html(m, templates)
        sys.stdout.write(text)
        return
    path = write_memo(m, Path(out), kind, templates, overwrite=force)
    click.echo(f"{path}: {len(m.gaps)} gap(s) ({len(m.confirmed_gaps)} confirmed, {len(m.uncertain_gaps)} to "
               f"verify), {len(m.covered)} criteria met", err=True)
