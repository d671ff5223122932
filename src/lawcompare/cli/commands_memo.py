"""``lawcompare memo``: an amendment memo for one state (or every state), as Markdown, HTML or DOCX."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from lawcompare.cli.main import cli, corpus_option, rubric_option


@cli.command()
@click.option("--jurisdiction", "-j", default=None, help="ISO code, e.g. TJ.")
@click.option("--all", "all_states", is_flag=True, help="A memo for every state in the corpus (needs --out-dir).")
@click.option("--on", "on", default=None, help="Date YYYY-MM-DD (default: today).")
@click.option("--format", "fmts", type=click.Choice(["md", "html", "docx"]), multiple=True,
              help="Output format (default: from the -o suffix, else md). With --all, repeat for several.")
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False), default=None,
              help="Output file (default: stdout; required for docx).")
@click.option("--out-dir", type=click.Path(file_okay=False), default=None,
              help="With --all: folder for <iso2>-memo.<format> files.")
@corpus_option
@rubric_option
@click.option("--templates", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder with memo.md.j2 / memo.html.j2 overriding the built-in templates.")
@click.option("--confirmed-only", is_flag=True, help="Leave out gaps that rest on uncertain findings.")
@click.option("--addressee", default=None, help="Fills the addressee placeholder.")
@click.option("--sender", default=None, help="Fills the sender placeholder.")
@click.option("--date-line", default=None, help="Fills the date placeholder.")
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
def memo(jurisdiction: str | None, all_states: bool, on: str | None, fmts: tuple[str, ...], out: str | None,
         out_dir: str | None, corpus_path: str | None, rubric: str, templates: str | None, confirmed_only: bool,
         addressee: str | None, sender: str | None, date_line: str | None, force: bool) -> None:
    """Draft an amendment memo: gaps by priority, the law as it stands, proposed wording, references."""
    from lawcompare.errors import InputError
    from lawcompare.memo.build import build_memo
    from lawcompare.memo.render import format_for, render_html, render_markdown, write_memo
    from lawcompare.records.corpus import load_corpus

    if bool(jurisdiction) == all_states:
        raise InputError("give either --jurisdiction XX or --all")
    if all_states and (out or not out_dir):
        raise InputError("--all writes one file per state and format: give --out-dir FOLDER (not -o)")
    if jurisdiction and out_dir:
        raise InputError("--out-dir goes with --all; for one state use -o FILE")
    if jurisdiction and len(fmts) > 1:
        raise InputError("one --format per memo file; use --all --out-dir for several formats")
    corpus = load_corpus(corpus_path)
    day = on or dt.date.today()
    options = dict(include_uncertain=not confirmed_only, addressee=addressee, sender=sender, date_line=date_line)

    def summary(path: Path, m) -> str:  # type: ignore[no-untyped-def]
        return (f"{path}: {len(m.gaps)} gap(s) ({len(m.confirmed_gaps)} confirmed, {len(m.uncertain_gaps)} to "
                f"verify), {len(m.covered)} criteria met")

    if all_states:
        folder = Path(out_dir)  # type: ignore[arg-type]
        for code in corpus.jurisdictions():
            m = build_memo(corpus, code, day, rubric, **options)  # type: ignore[arg-type]
            for kind in fmts or ("md",):
                path = write_memo(m, folder / f"{code.lower()}-memo.{kind}", kind, templates, overwrite=force)
                click.echo(summary(path, m), err=True)
        return
    kind = format_for(out, fmts[0] if fmts else None) if out else (fmts[0] if fmts else "md")
    if kind == "docx" and not out:
        raise InputError("a DOCX memo needs an output file: add -o FILE.docx")
    m = build_memo(corpus, jurisdiction, day, rubric, **options)  # type: ignore[arg-type]
    if out is None:
        text = render_markdown(m, templates) if kind == "md" else render_html(m, templates)
        sys.stdout.write(text)
        return
    path = write_memo(m, Path(out), kind, templates, overwrite=force)
    click.echo(summary(path, m), err=True)
