"""lawcompare: compare anti-trafficking statutes with the UN Trafficking in Persons Protocol.

The flow is the package layout: ``records`` (statute versions) → ``rubric`` (criteria as data) →
``detect`` (elements and penalties in text) → ``assess`` (gap report per state and date) →
``compare`` (matrix, timeline) → ``render`` (HTML). Heavy modules (spaCy) load on first use.
"""

from __future__ import annotations

from typing import Any

__all__ = ["assess", "detect", "load_corpus", "load_rubric", "matrix", "timeline"]

_LAZY = {
    "load_corpus": "lawcompare.records.corpus",
    "load_rubric": "lawcompare.rubric.load",
    "detect": "lawcompare.detect.engine",
    "assess": "lawcompare.assess.rules",
    "matrix": "lawcompare.compare.matrix",
    "timeline": "lawcompare.compare.matrix",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'lawcompare' has no attribute {name!r}")
