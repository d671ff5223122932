"""``lawcompare import ...`` and ``lawcompare export ...``: getting legislation in and out.

The subcommands live in their own modules (Akoma Ntoso in ``commands_akn``, saved portal pages in
``commands_portal``) and attach themselves to the two groups defined here.
"""

from __future__ import annotations

from lawcompare.cli.main import cli


@cli.group("import")
def import_group() -> None:
    """Turn documents in other formats (Akoma Ntoso, saved portal pages) into records."""


@cli.group("export")
def export_group() -> None:
    """Write records in other formats (Akoma Ntoso)."""


for _name in ("commands_akn", "commands_portal"):
    try:
        __import__(f"lawcompare.cli.{_name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"lawcompare.cli.{_name}":
            raise
