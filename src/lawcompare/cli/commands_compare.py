"""``lawcompare diff``, ``align`` and ``similar``: comparing versions, states and wordings."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from lawcompare.cli.main import cli, corpus_option, echo_json, rubric_option
from lawcompare.errors import LawcompareError

output_option = click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
                             help="Write to this file instead of standard output.")


def _emit(text: str, output: str | None, colour: bool = False) -> None:
    if output is None:
        click.echo(text, color=True if colour else None)  # click strips colour off a terminal unless told
        return
    path = Path(output)
    try:
        path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise LawcompareError(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(f"wrote {path}", err=True)


def _json(data: object, output: str | None) -> None:
    if output is None:
        echo_json(data)
        return
    import json

    _emit(json.dumps(data, ensure_ascii=False, indent=2, default=str), output)


def _use_colour(choice: str, output: str | None) -> bool:
    if choice != "auto":
        return choice == "always"
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


@cli.command()
@click.argument("args", nargs=-1, metavar="[JURISDICTION] PROVISION")
@click.option("--from", "from_", default=None, help="Date of the old side, YYYY-MM-DD.")
@click.option("--to", "to", default=None, help="Date of the new side, YYYY-MM-DD.")
@click.option("--records", nargs=2, type=click.Path(exists=True, dir_okay=False), default=None,
              metavar="OLD.yaml NEW.yaml", help="Compare two record files instead of two dates.")
@click.option("--to-provision", default=None,
              help="The provision on the new side when it was renumbered (e.g. art133 or kz-cc-2014:art135).")
@corpus_option
@rubric_option
@click.option("--criteria/--no-criteria", default=True, show_default=True,
              help="Also list the rubric criteria whose status or flags changed.")
@click.option("--format", "fmt", type=click.Choice(["text", "html", "json"]), default="text", show_default=True)
@click.option("--colour", "--color", "colour", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour the text redline (auto: only on a terminal).")
@output_option
def diff(args: tuple[str, ...], from_: str | None, to: str | None, records: tuple[str, str] | None,
         to_provision: str | None, corpus_path: str | None, rubric: str, criteria: bool, fmt: str, colour: str,
         output: str | None) -> None:
    """Redline of a provision between two dates, or between two record files.

    \b
    lawcompare diff KZ art128 --from 2010-01-01 --to 2016-01-01
    lawcompare diff KZ kz-cc-1997:art128 --from 2003-08-01 --to 2016-01-01 --to-provision art128
    lawcompare diff --records old.yaml new.yaml art128 --format html -o redline.html

    Without colour, deletions are shown [-like this-] and insertions {+like this+}.
    """
    if records:
        if len(args) != 1:
            raise click.UsageError("with --records give exactly one PROVISION, e.g. art128")
        if from_ or to:
            raise click.UsageError("--from/--to compare dates; --records compares two files: use one or the other")
        from lawcompare.compare.redline import diff_records

        result = diff_records(records[0], records[1], args[0], to_provision=to_provision, rubric=rubric,
                              criteria=criteria)
    else:
        if len(args) != 2:
            raise click.UsageError("give JURISDICTION and PROVISION, e.g. `lawcompare diff KZ art128 --from "
                                   "2010-01-01 --to 2016-01-01` (or --records OLD.yaml NEW.yaml PROVISION)")
        if not from_ or not to:
            raise click.UsageError("give both --from and --to dates (YYYY-MM-DD)")
        from lawcompare.compare.redline import diff_provision
        from lawcompare.records.corpus import load_corpus

        result = diff_provision(load_corpus(corpus_path), args[0], args[1], from_, to, to_provision=to_provision,
                                rubric=rubric, criteria=criteria)
    if fmt == "json":
        _json(result.as_json(), output)
    elif fmt == "html":
        _emit(result.to_html(), output)
    else:
        coloured = _use_colour(colour, output)
        _emit(result.to_text(colour=coloured), output, coloured)


@cli.command()
@click.option("--criterion", "-c", required=True, help="Rubric criterion id, e.g. means.abuse_of_vulnerability.")
@click.option("--on", "on", default=None, help="Date YYYY-MM-DD (default: today).")
@click.option("--jurisdiction", "-j", "jurisdictions", multiple=True, help="Only these states (repeatable).")
@corpus_option
@rubric_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "html"]), default="table",
              show_default=True)
@output_option
def align(criterion: str, on: str | None, jurisdictions: tuple[str, ...], corpus_path: str | None, rubric: str,
          fmt: str, output: str | None) -> None:
    """How each state covers one criterion: status, wording, citation, sources, side by side."""
    import datetime as dt

    from lawcompare.compare.align import align as run
    from lawcompare.records.corpus import load_corpus
    from lawcompare.rubric.load import load_rubric

    rub = load_rubric(rubric)
    rub.get(criterion)  # an unknown criterion fails before the corpus is read
    result = run(load_corpus(corpus_path), criterion, on or dt.date.today(), rub, list(jurisdictions) or None)
    if fmt == "json":
        _json(result.as_json(), output)
    else:
        _emit({"table": result.to_text, "csv": result.to_csv, "html": result.to_html}[fmt]().rstrip("\n"), output)


@cli.command()
@click.option("--on", "on", default=None, help="Date YYYY-MM-DD (default: today).")
@click.option("--topic", default=None,
              help="Compare articles with this record topic (e.g. forced_labour, or 'all') instead of the "
                   "trafficking offences.")
@click.option("--provision", default=None, help="Rank the other states' provisions against this one, e.g. KZ:art128.")
@click.option("--jurisdiction", "-j", "jurisdictions", multiple=True, help="Only these states (repeatable).")
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=0), help="Best N pairs (0: all).")
@click.option("--min-score", default=0.0, show_default=True, type=click.FloatRange(0, 100),
              help="Drop pairs scoring below this (0-100).")
@corpus_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "html"]), default="table", show_default=True)
@output_option
def similar(on: str | None, topic: str | None, provision: str | None, jurisdictions: tuple[str, ...], top: int,
            min_score: float, corpus_path: str | None, fmt: str, output: str | None) -> None:
    """Rank provisions of different states by textual similarity (shared origins, model texts).

    The texts are the project's own English renderings, many reconstructed: similarity partly
    reflects our translation choices, and a claim of shared origin needs the official texts.
    """
    import datetime as dt

    from lawcompare.compare.similar import similar as run
    from lawcompare.records.corpus import load_corpus

    result = run(load_corpus(corpus_path), on or dt.date.today(), topic=topic, provision=provision, top=top or None,
                 min_score=min_score, jurisdictions=list(jurisdictions) or None)
    if fmt == "json":
        _json(result.as_json(), output)
    else:
        _emit({"table": result.to_text, "html": result.to_html}[fmt]().rstrip("\n"), output)
