"""``lawcompare validate`` and ``lawcompare corpus ...``."""

from __future__ import annotations

import click

from lawcompare.cli.main import cli, corpus_option, echo_json


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--strict/--no-strict", default=True, show_default=True,
              help="Treat warnings as errors for the exit code.")
@click.option("--schema-only", is_flag=True, help="Check only YAML syntax and the JSON Schemas (docs/schemas/).")
def validate(paths: tuple[str, ...], strict: bool, schema_only: bool) -> None:
    """Validate statute records (default: the bundled corpus) and rubric files.

    Each problem is printed as FILE:LINE: severity: FIELD: message. Exit code 1 if any error.
    """
    from lawcompare.records.corpus import bundled_path
    from lawcompare.validation import validate_all

    targets = list(paths) or [str(bundled_path("statutes")), str(bundled_path("rubrics"))]
    problems, counted = validate_all(targets, schema_only=schema_only)
    for p in problems:
        click.echo(str(p))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    click.echo(f"{counted} file(s) checked: {errors} error(s), {warnings} warning(s)")
    if errors or (strict and warnings):
        raise click.exceptions.Exit(1)


@cli.group()
def corpus() -> None:
    """Inspect the statute corpus."""


@corpus.command("list")
@corpus_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def corpus_list(corpus_path: str | None, fmt: str) -> None:
    """List jurisdictions, instruments and their versions."""
    from lawcompare.records.corpus import load_corpus

    c = load_corpus(corpus_path)
    rows = []
    for j in c.jurisdictions():
        for inst, versions in c.instruments(j).items():
            for v in versions:
                rows.append({"jurisdiction": j, "instrument": inst, "title": v.instrument.title_en,
                             "in_force_from": v.version.in_force_from.isoformat(),
                             "in_force_to": v.version.in_force_to.isoformat() if v.version.in_force_to else None,
                             "articles": [a.id for a in v.provisions], "file": v.file,
                             "uncertain": len(v.uncertain)})
    if fmt == "json":
        echo_json(rows)
        return
    last = None
    for r in rows:
        if r["jurisdiction"] != last:
            click.echo(f"\n{r['jurisdiction']}")
            last = r["jurisdiction"]
        to = r["in_force_to"] or "today"
        flag = f"  [{r['uncertain']} uncertain fact(s)]" if r["uncertain"] else ""
        click.echo(f"  {r['instrument']:<22} {r['in_force_from']} – {to:<10}  "
                   f"{', '.join(r['articles'])}{flag}")


@corpus.command("show")
@click.argument("jurisdiction")
@click.option("--on", "on", required=True, help="Date, YYYY-MM-DD.")
@corpus_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def corpus_show(jurisdiction: str, on: str, corpus_path: str | None, fmt: str) -> None:
    """The provisions in force in JURISDICTION on a date, with penalties and sources."""
    from lawcompare.records.corpus import as_date, load_corpus
    from lawcompare.records.summary import provisions_in_force_json

    c = load_corpus(corpus_path)
    day = as_date(on)
    data = provisions_in_force_json(c, jurisdiction, day)
    if fmt == "json":
        echo_json(data)
        return
    click.echo(f"{data['jurisdiction']} on {data['on']}")
    if not data["trafficking_offence_in_force"]:
        click.echo("  NO criminal-code trafficking offence in force on this date.")
    if not data["provisions"]:
        click.echo("  No recorded provisions in force on this date.")
    for p in data["provisions"]:
        click.echo(f"\n  {p['citation']}")
        click.echo(f"    {p['heading'] or ''}  topics: {', '.join(p['topics'])}  text: {p['text_basis']}")
        for part in p["penalties"]:
            click.echo(f"    {part['provision']}: {part['summary']}")
        for s in p["sources"]:
            click.echo(f"    source: {s}")
        for u in p["uncertain"]:
            click.echo(f"    UNCERTAIN {u}")
