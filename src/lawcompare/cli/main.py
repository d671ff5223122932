"""``lawcompare`` command-line entry point.

User errors (:class:`~lawcompare.errors.LawcompareError`) print a message and exit 1; anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

import click

from lawcompare.errors import LawcompareError


class _Group(click.Group):
    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except LawcompareError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lawcompare")
def cli() -> None:
    """Compare anti-trafficking statutes against the UN Trafficking in Persons Protocol."""


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


corpus_option = click.option("--corpus", "corpus_path", type=click.Path(), default=None,
                             help="Folder of statute records (default: the bundled corpus).")
rubric_option = click.option("--rubric", default="palermo", show_default=True,
                             help="Rubric name (palermo, extended) or path to a rubric YAML file.")


def register() -> None:
    from lawcompare.cli import commands_corpus, commands_detect  # noqa: F401

    for name in ("commands_assess", "commands_memo", "commands_compare", "commands_interop"):
        try:
            __import__(f"lawcompare.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"lawcompare.cli.{name}":
                raise


def main(argv: Sequence[str] | None = None) -> int:
    register()
    try:
        rc = cli.main(args=list(argv) if argv is not None else None, prog_name="lawcompare",
                      standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        return 130
    except SystemExit as exc:  # ctx.exit inside commands
        return int(exc.code or 0)
    return rc if isinstance(rc, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
