"""``lawcompare assess`` (one state, or ``--all`` states in parallel), ``matrix`` and ``report``."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

import click

from lawcompare.cli.main import cli, corpus_option, echo_json, rubric_option

BATCH_ONLY = {"jobs": "--jobs", "backend": "--backend", "scheduler": "--scheduler", "out_file": "--out",
              "no_progress": "--no-progress"}


def _given(ctx: click.Context, name: str) -> bool:
    return ctx.get_parameter_source(name) not in (None, click.core.ParameterSource.DEFAULT)


def _check_mode(ctx: click.Context, jurisdiction: str | None, all_states: bool, backend: str) -> None:
    if all_states and jurisdiction:
        raise click.UsageError("--all and --jurisdiction cannot be used together: --all assesses every state of "
                               "the corpus, --jurisdiction one state.")
    if not all_states and not jurisdiction:
        raise click.UsageError("give --jurisdiction CODE for one state, or --all for every state.")
    if not all_states:
        for name, flag in BATCH_ONLY.items():
            if _given(ctx, name):
                raise click.UsageError(f"{flag} only applies with --all.")
        return
    if _given(ctx, "fmt") and ctx.params["fmt"] == "table":
        raise click.UsageError("--all writes JSON lines (one gap report per line); --format table is for one state.")
    if _given(ctx, "scheduler") and backend != "dask":
        raise click.UsageError("--scheduler needs --backend dask.")


@cli.command()
@click.option("--jurisdiction", "-j", default=None, help="ISO code, e.g. KZ.")
@click.option("--all", "all_states", is_flag=True,
              help="Every state of the corpus, in parallel; writes one JSON gap report per line.")
@click.option("--on", "on", default=None,
              help="Date YYYY-MM-DD (default: today). With --all also 'changes': every date on which a state's "
                   "law changed.")
@corpus_option
@rubric_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="With --all: worker processes (local) or local Dask workers (default: CPU cores).")
@click.option("--backend", type=click.Choice(["local", "dask", "serial"]), default="local", show_default=True,
              help="With --all: local processes, a Dask cluster, or this process only.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="With --backend dask: scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster).")
@click.option("--out", "out_file", type=click.Path(dir_okay=False), default=None,
              help="With --all: JSON lines file to write (default: standard output).")
@click.option("--no-progress", is_flag=True, help="With --all: no progress bar on standard error.")
@click.pass_context
def assess(ctx: click.Context, jurisdiction: str | None, all_states: bool, on: str | None,
           corpus_path: str | None, rubric: str, fmt: str, jobs: int | None, backend: str, scheduler: str | None,
           out_file: str | None, no_progress: bool) -> None:
    """Gap report for one state on one date, or for every state (--all)."""
    _check_mode(ctx, jurisdiction, all_states, backend)
    if all_states:
        failed = _assess_all(corpus_path, on or dt.date.today().isoformat(), rubric, jobs, backend, scheduler,
                             out_file, not no_progress)
        if failed:
            ctx.exit(1)
        return
    assert jurisdiction is not None
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


@contextmanager
def _jsonl_output(out_file: str | None) -> Iterator[TextIO]:
    if out_file is None:
        yield sys.stdout
        return
    try:
        stream = open(out_file, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        from lawcompare.errors import LawcompareError

        raise LawcompareError(f"cannot write {out_file}: {exc.strerror}") from None
    with stream:
        yield stream


def _assess_all(corpus_path: str | None, on: str, rubric: str, jobs: int | None, backend: str,
                scheduler: str | None, out_file: str | None, progress: bool) -> int:
    """Stream every state's reports as JSON lines; print errors on standard error; return failed states."""
    from tqdm import tqdm

    from lawcompare.assess.batch import RunStats, assess_all

    stats = RunStats()
    started = time.perf_counter()
    results = assess_all(corpus_path, on, rubric, jobs=jobs, backend=backend, scheduler=scheduler,
                         progress=progress, stats=stats)
    with _jsonl_output(out_file) as stream:
        for result in results:
            for line in result.json_lines():
                stream.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
            stream.flush()
            if result.errors:
                with tqdm.external_write_mode(file=sys.stderr):
                    for error in result.errors:
                        click.echo(f"error: {error.describe()}", err=True)
    workers = f"{stats.workers} {'worker' if stats.workers == 1 else 'workers'}" if stats.workers else "no workers"
    click.echo(f"{stats.states} state(s) assessed, {stats.reports} report(s) written, "
               f"{stats.failed_states} with errors; {time.perf_counter() - started:.1f} s "
               f"({stats.backend}, {workers})" + (f"; output in {out_file}" if out_file else ""), err=True)
    return stats.failed_states


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
