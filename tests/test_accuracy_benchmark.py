"""The accuracy benchmark on a researcher's own labelled provisions (``--file``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "detection_accuracy.py"

ARTICLE = (
    "Статья 128. Торговля людьми\n"
    "1. Вербовка или перевозка человека в целях эксплуатации, совершенные путем обмана, —\n"
    "наказываются лишением свободы на срок от пяти до десяти лет.\n"
)
SMUGGLING = (
    "Статья 330. Организация незаконной миграции\n"
    "1. Организация незаконного въезда иностранцев, в том числе их перевозка, —\n"
    "наказывается лишением свободы на срок до трех лет.\n"
)


def _labelled(tmp_path: Path, labels: str) -> Path:
    def block(text: str) -> str:
        return "\n".join("    " + line for line in text.rstrip("\n").split("\n"))
    path = tmp_path / "mine_ru.yaml"
    path.write_text(
        "- id: my-001\n  kind: positive\n  text: |-\n" + block(ARTICLE) + f"\n  labels: [{labels}]\n"
        "  penalties:\n    - {part: \"1\", min_years: 5, max_years: 10, life: false, confiscation: false}\n"
        "- id: my-002\n  kind: hard_negative\n  text: |-\n" + block(SMUGGLING) + "\n  labels: []\n"
        "  penalties:\n    - {part: \"1\", min_years: null, max_years: 3, life: false, confiscation: false}\n",
        encoding="utf-8")
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=300)


def test_own_file_is_scored_and_a_wrong_label_shows(tmp_path: Path) -> None:
    right = _labelled(tmp_path, "act.recruitment, act.transportation, means.deception")
    out = _run("--file", str(right), "--lang", "ru", "--check")
    assert out.returncode == 0, out.stderr
    assert "=== ru: 2 provisions" in out.stdout and "penalty maxima exact: 2/2" in out.stdout
    micro = next(line for line in out.stdout.splitlines() if line.startswith("MICRO")).split()
    assert micro[1:4] == ["1.00", "1.00", "1.00"]
    # a label the text does not bear is a miss: the criterion falls below the floor and --check fails
    wrong = _labelled(tmp_path, "act.recruitment, act.transportation, means.deception, means.fraud")
    out = _run("--file", str(wrong), "--lang", "ru", "--check", "--verbose")
    assert out.returncode == 1
    assert "my-001 FN means.fraud" in out.stdout


def test_a_misspelt_label_stops_the_run_with_file_and_line(tmp_path: Path) -> None:
    path = _labelled(tmp_path, "act.recruitment, means.decepton")
    out = _run("--file", str(path), "--lang", "ru")
    assert out.returncode == 2
    assert f"{path}:" in out.stderr and "my-001" in out.stderr and "means.decepton" in out.stderr
    assert ":7: labels:" in out.stderr  # the labels line of the first item (after a 3-line text)


def test_own_file_needs_its_language(tmp_path: Path) -> None:
    out = _run("--file", str(_labelled(tmp_path, "act.recruitment")))
    assert out.returncode == 2 and "--lang" in out.stderr
