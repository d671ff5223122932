"""States × criteria on one date, and criteria × change dates for one state."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field

from lawcompare.assess.models import GapReport
from lawcompare.assess.rules import assess
from lawcompare.records.corpus import Corpus, as_date
from lawcompare.rubric.load import load_rubric
from lawcompare.rubric.models import Rubric


@dataclass
class Matrix:
    on: dt.date
    rubric: Rubric
    reports: dict[str, GapReport] = field(default_factory=dict)

    @property
    def criteria(self) -> list[str]:
        return self.rubric.ids()

    def cell(self, jurisdiction: str, criterion: str) -> str:
        return self.reports[jurisdiction].status(criterion).value

    def rows(self) -> list[dict[str, object]]:
        out = []
        for j, rep in self.reports.items():
            row: dict[str, object] = {"jurisdiction": j, "on": self.on.isoformat()}
            for f in rep.findings:
                row[f.id] = f.status.value + ("?" if "uncertain" in f.flags else "")
            out.append(row)
        return out

    def to_csv(self) -> str:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=["jurisdiction", "on", *self.criteria], lineterminator="\n")
        writer.writeheader()
        for row in self.rows():
            writer.writerow({k: csv_safe(v) for k, v in row.items()})
        return buf.getvalue()

    def to_json(self) -> str:
        data = {"on": self.on.isoformat(), "rubric": self.rubric.id, "criteria": self.criteria,
                "states": {j: {f.id: {"status": f.status.value, "flags": [x.value for x in f.flags]}
                               for f in r.findings} for j, r in self.reports.items()}}
        return json.dumps(data, ensure_ascii=False, indent=2)

    def to_html(self) -> str:
        from lawcompare.render.html import render_matrix_page

        return render_matrix_page(self)

    def to_dataframe(self):  # type: ignore[no-untyped-def]
        try:
            import pandas as pd
        except ImportError:
            from lawcompare.errors import LawcompareError

            raise LawcompareError("to_dataframe() needs pandas: pip install 'lawcompare[dataframe]'") from None
        return pd.DataFrame(self.rows()).set_index("jurisdiction")

    def _repr_html_(self) -> str:
        from lawcompare.render.html import render_matrix_fragment

        return render_matrix_fragment(self)


def csv_safe(value: object) -> object:
    """Neutralise spreadsheet formula injection in text cells (OWASP: = + - @ tab CR)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def matrix(corpus: Corpus, on: dt.date | str, rubric: str | Rubric = "palermo",
           jurisdictions: list[str] | None = None) -> Matrix:
    """Assess every state (or the given ones) on one date."""
    day = as_date(on)
    rub = load_rubric(rubric) if not isinstance(rubric, Rubric) else rubric
    states = [j.upper() for j in jurisdictions] if jurisdictions else corpus.jurisdictions()
    return Matrix(day, rub, {j: assess(corpus, j, day, rub) for j in states})


@dataclass
class Timeline:
    jurisdiction: str
    rubric: Rubric
    reports: list[GapReport] = field(default_factory=list)

    @property
    def dates(self) -> list[dt.date]:
        return [r.on for r in self.reports]

    def statuses(self, criterion: str) -> list[str]:
        return [r.status(criterion).value for r in self.reports]

    def changes(self) -> list[tuple[dt.date, str, str, str]]:
        """(date, criterion, before, after) for every status change."""
        out = []
        for prev, cur in zip(self.reports, self.reports[1:], strict=False):
            for c in self.rubric.ids():
                a, b = prev.status(c).value, cur.status(c).value
                if a != b:
                    out.append((cur.on, c, a, b))
        return out

    def to_json(self) -> str:
        return json.dumps({"jurisdiction": self.jurisdiction, "rubric": self.rubric.id,
                           "dates": [d.isoformat() for d in self.dates],
                           "criteria": {c: self.statuses(c) for c in self.rubric.ids()}}, indent=2)

    def _repr_html_(self) -> str:
        from lawcompare.render.html import render_timeline_svg

        return render_timeline_svg(self)


def timeline(corpus: Corpus, jurisdiction: str, rubric: str | Rubric = "palermo") -> Timeline:
    """The status of every criterion at each date on which some version changed."""
    rub = load_rubric(rubric) if not isinstance(rubric, Rubric) else rubric
    code = jurisdiction.upper()
    dates = corpus.change_dates(code)
    return Timeline(code, rub, [assess(corpus, code, d, rub) for d in dates])
