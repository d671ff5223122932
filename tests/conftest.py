"""Shared helpers: minimal valid records written to tmp_path, and the bundled corpus."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from lawcompare.io import yaml as lcyaml

# Our own short English text, in the style of a CIS criminal code.
PART1_TEXT = (
    "The recruitment, transportation or harbouring of a person for the purpose of exploitation "
    "shall be punished by deprivation of liberty for a term of three to seven years."
)
PART2_TEXT = (
    "The same act committed against a minor shall be punished by deprivation of liberty for a term "
    "of five to twelve years with confiscation of property."
)


def minimal_record(**overrides: Any) -> dict[str, Any]:
    """A minimal valid statute_version record as a dict (documented format).

    Keyword overrides replace top-level keys; use :func:`set_path` for nested changes.
    """
    data: dict[str, Any] = {
        "record": "statute_version",
        "jurisdiction": "KZ",
        "instrument": {
            "id": "kz-cc-2099",
            "type": "criminal_code",
            "title_en": "Test Criminal Code",
            "adopted": dt.date(2099, 1, 1),
            "original_languages": ["ru"],
        },
        "version": {
            "in_force_from": dt.date(2010, 1, 1),
            "in_force_to": dt.date(2014, 12, 31),
            "amended_by": [],
            "gap_after": None,
        },
        "translation": {"unofficial": True, "translator": "lawcompare tests"},
        "sources": [
            {"id": "src1", "kind": "official", "title": "Test Code (official portal)",
             "url": "https://example.org/code"},
        ],
        "uncertain": [],
        "provisions": [
            {
                "id": "art128",
                "kind": "article",
                "label": "Article 128",
                "heading": "Trafficking in persons",
                "topics": ["trafficking_in_persons"],
                "text_basis": "translation",
                "sources": [{"ref": "src1"}],
                "children": [
                    {
                        "id": "art128.1",
                        "kind": "part",
                        "label": "Part 1",
                        "text": PART1_TEXT,
                        "penalty": {
                            "deprivation_of_liberty": {"min_years": 3, "max_years": 7},
                            "confiscation": "none",
                        },
                    },
                    {
                        "id": "art128.2",
                        "kind": "part",
                        "label": "Part 2",
                        "text": PART2_TEXT,
                        "penalty": {
                            "deprivation_of_liberty": {"min_years": 5, "max_years": 12},
                            "confiscation": "mandatory",
                        },
                    },
                ],
            }
        ],
    }
    data.update(copy.deepcopy(overrides))
    return data


def set_path(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """Set ``data[path[0]][path[1]]... = value`` and return ``data``."""
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


def write_record(folder: Path, data: dict[str, Any] | None = None, name: str | None = None) -> Path:
    """Write ``data`` (default: :func:`minimal_record`) as YAML under ``folder``; return the path."""
    data = minimal_record() if data is None else data
    folder.mkdir(parents=True, exist_ok=True)
    if name is None:
        name = f"{data['instrument']['id']}@{data['version']['in_force_from']}.yaml"
    path = folder / name
    path.write_text(lcyaml.dumps(data), encoding="utf-8")
    return path


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th line of ``path`` containing ``needle``."""
    seen = 0
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return i
    raise AssertionError(f"{needle!r} not found in {path}")


@pytest.fixture
def record_dir(tmp_path: Path) -> Path:
    """A folder named like a jurisdiction folder (kz/), so the folder check applies."""
    d = tmp_path / "kz"
    d.mkdir()
    return d


@pytest.fixture(scope="session")
def corpus():
    from lawcompare.records.corpus import load_corpus

    return load_corpus()


@pytest.fixture(scope="session")
def palermo():
    from lawcompare.rubric.load import load_rubric

    return load_rubric("palermo")


@pytest.fixture
def reuse_bundled_corpus(monkeypatch: pytest.MonkeyPatch, corpus):
    """CLI commands reuse the session's bundled corpus (loading it takes about a second); folders given
    with --corpus still load."""
    import lawcompare.records.corpus as corpus_mod

    real = corpus_mod.load_corpus
    monkeypatch.setattr(corpus_mod, "load_corpus", lambda path=None: corpus if path is None else real(path))


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``lawcompare ARGV`` in-process; returns (exit code, stdout, stderr)."""
    from lawcompare.cli.main import main

    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err
