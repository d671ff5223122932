"""``lawcompare assess``, ``matrix`` and ``report``."""

from __future__ import annotations

import datetime as dt

import click

from lawcompare.cli.main import cli, corpus_option, echo_json, rubric_option


@cli.command()
@click.option("--jurisdiction", "-j", required=True, help="ISO code, e.g. KZ.")
@click.option("--on", "on", default=None, help="Date YYYY-MM-DD (default: today).")
@corpus_option
@rubric_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def assess(jurisdiction: str, on: str | None, corpus_path: str | None, rubric: str, fmt: str) -> None:
    """Gap report for one state on one date."""
    from lawcompare.assess.rules import assess as run
    from lawcompare.records.corpus import load_corpus

    report = run(load_corpus(corpus_path), jurisdiction, on or dt.date.today(), rubric)
    if fmt == "json":
        echo_json(report.as_json())
        return
    click.echo(f"{report.jurisdiction} on {report.on}: {report.summary}\n")
    for f in report.findings:
        flags = f" [{', '.join(x.value for x in f.flags)}]" if f.flags else ""
        click.echo(f"{f.id:<42} {f.status.value:<15}{flags}")
        click.echo(f"    {f.rationale}")


@cli.command()
@click.option("--on", "on", default=None, help="Date YYYY-MM-DD (default: today).")
@corpus_option
@rubric_option
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "html"]), default="csv", show_default=True)
def matrix(on: str | None, corpus_path: str | None, rubric: str, fmt: str) -> None:
    """States × criteria on one date."""
    from lawcompare.compare.matrix import matrix as run
    from lawcompare.records.corpus import load_corpus

    m = run(load_corpus(corpus_path), on or dt.date.today(), rubric)
    click.echo({"csv": m.to_csv, "json": m.to_json, "html": m.to_html}[fmt]().rstrip("\n"))


@cli.command()
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--on", "on", default=None, help="Date YYYY-MM-DD (default: today).")
@corpus_option
@rubric_option
@click.option("--templates", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder of jinja2 templates overriding the built-in ones.")
def report(out_dir: str, on: str | None, corpus_path: str | None, rubric: str, templates: str | None) -> None:
    """Write the HTML reports (index with matrix and timelines, one gap report per state)."""
    from lawcompare.records.corpus import as_date, load_corpus
    from lawcompare.render.html import write_reports

    files = write_reports(load_corpus(corpus_path), out_dir, as_date(on or dt.date.today()), rubric, templates)
    for f in files:
        click.echo(str(f))
