"""``lawcompare detect`` and ``lawcompare rubric show``."""

from __future__ import annotations

import sys

import click

from lawcompare.cli.main import cli, echo_json, rubric_option
from lawcompare.errors import InputError

MAX_INPUT_BYTES = 5_000_000


def read_text_input(file: str) -> str:
    """Read a UTF-8 text file (or ``-`` for standard input) with a size limit and clear errors."""
    if file == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    else:
        try:
            with open(file, "rb") as fh:
                data = fh.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", file=file) from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"input is over {MAX_INPUT_BYTES:,} bytes; split it into smaller files", file=file)
    if b"\x00" in data:
        raise InputError("input contains NUL bytes; expected a plain-text file", file=file)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 at byte {exc.start}", file=file,
                         line=data[: exc.start].count(b"\n") + 1) from None


@cli.command()
@click.argument("file")
@click.option("--lang", type=click.Choice(["en", "ru"]), default="en", show_default=True)
@rubric_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def detect(file: str, lang: str, rubric: str, fmt: str) -> None:
    """Find the rubric's elements and the penalties in a text FILE ('-' for stdin)."""
    from lawcompare.detect.engine import detect as run_detect
    from lawcompare.rubric.load import load_rubric

    text = read_text_input(file)
    rub = load_rubric(rubric)
    result = run_detect(text, lang=lang, rubric=rub)
    data = result.as_json(order=rub.ids())
    if fmt == "json":
        for c in data["criteria"]:  # type: ignore[union-attr]
            for s in c["spans"]:
                s.pop("pattern", None)
                s.pop("fuzzy", None)
        echo_json(data)
        return
    if not data["criteria"]:
        click.echo("No rubric element found.")
    for cid, evs in sorted(result.by_criterion().items(), key=lambda kv: rub.ids().index(kv[0])
                           if kv[0] in rub.ids() else 999):
        words = "; ".join(f"{e.text!r} @{e.start}-{e.end}{' (fuzzy)' if e.fuzzy else ''}" for e in evs)
        click.echo(f"{cid:<42} {words}")
    if result.penalties:
        click.echo("\nPenalties (deprivation of liberty):")
    for p in result.penalties:
        rng = (f"{p.min_years:g}" if p.min_years is not None else "–") + " to " + \
              (f"{p.max_years:g}" if p.max_years is not None else "–") + " years"
        click.echo(f"  part {p.part or '-'}: {rng}{' or life' if p.life else ''}"
                   f"{', confiscation' if p.confiscation else ''}")


@cli.group()
def rubric() -> None:
    """Inspect rubrics."""


@rubric.command("show")
@click.argument("name", default="palermo")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def rubric_show(name: str, fmt: str) -> None:
    """List a rubric's criteria with legal basis and obligation level."""
    from lawcompare.rubric.load import load_rubric

    r = load_rubric(name)
    if fmt == "json":
        echo_json(r.model_dump(mode="json"))
        return
    click.echo(f"{r.rubric.title} (v{r.rubric.version})")
    for c in r.criteria:
        click.echo(f"  {c.id:<42} {c.obligation.value:<14} {c.legal_basis}")
