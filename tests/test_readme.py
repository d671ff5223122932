"""The README's worked example runs and its stated results hold."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_starts_with_two_commands():
    lines = README.read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```bash") + 1: lines.index("```")]
    assert len(block) == 2
    assert block[0].startswith("bash scripts/report.sh") and block[1].startswith("bash scripts/test.sh")


def test_readme_python_example_runs_and_comments_are_true():
    text = README.read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    ns: dict = {}
    exec(compile(code, "README.md", "exec"), ns)  # noqa: S102
    assert ns["corpus"].jurisdictions() == ["KG", "KZ", "TJ", "TM", "UZ"]
    assert ns["corpus"].trafficking_offences("TM", "2005-06-01") == []
    cites = [p.citation for p in ns["corpus"].trafficking_offences("TM", "2016-01-01")]
    assert cites == ["Criminal Code of Turkmenistan (1997), Article 129-1 [version in force from 2010-05-10]"]
    assert sorted(ns["result"].ids()) == ["act.recruitment", "act.transfer", "act.transportation", "means.deception"]
    assert ns["result"].penalties[0].max_years == 10.0
    assert ns["report"].finding("penalty.serious_crime").status.value == "met"
