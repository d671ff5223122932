"""The fuzz harness (tools/fuzz.py): a short run over every target finds no crash, and crashes are caught and saved."""

from __future__ import annotations

import importlib.util
import random
import sys
import time
from pathlib import Path

import pytest

from lawcompare.errors import InputError

TOOL = Path(__file__).resolve().parents[1] / "tools" / "fuzz.py"


def _load_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("lawcompare_fuzz_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up by name
    spec.loader.exec_module(module)
    return module


fuzz = _load_tool()


def test_every_target_runs_without_crashing(tmp_path: Path) -> None:
    """A fixed seed and a cap on executions: the same inputs every run, so the test is repeatable."""
    results = fuzz.run(seconds=0.4, crash_dir=tmp_path, seed=20261126, max_execs=20)
    assert {s.name for s in results} >= {"yaml", "record", "rubric", "detect"}
    for s in results:
        assert s.executions > 0, s.name
    assert not [c for s in results for c in s.crashes], fuzz.summary(results)
    assert not list(tmp_path.rglob("crash-*"))
    text = fuzz.summary(results)
    assert "execs/s" in text and "0 distinct crash(es)" in text


def _target(run, kind: str = "yaml"):  # type: ignore[no-untyped-def]
    return fuzz.Target("probe", kind, [("seed.yaml", b"a: 1\nb: [x, y]\n")], run, ".yaml")


def test_an_unexpected_exception_is_saved_once(tmp_path: Path) -> None:
    def run(data: bytes, name: str) -> str:
        return {"a": "ok"}[data[:1].decode("latin-1")]  # KeyError unless the input starts with "a"

    stats = fuzz.fuzz_target(_target(run), seconds=5, rng=random.Random(3), crash_dir=tmp_path, max_execs=60)
    assert stats.executions == 60
    (crash,) = stats.crashes  # one signature, however many inputs hit it
    assert crash.signature.startswith("KeyError@")
    assert crash.input_file.is_file() and crash.input_file.parent == tmp_path / "probe"
    report = crash.input_file.with_suffix(".yaml.txt").read_text(encoding="utf-8")
    assert "KeyError" in report and "--replay" in report and "unexpected exception" in report


def test_an_unlocated_error_is_a_crash(tmp_path: Path) -> None:
    def run(data: bytes, name: str) -> str:
        try:
            raise InputError("broken markup")  # says nothing about which input
        except InputError as exc:
            fuzz._require_located(exc, name)
        return "ok"

    stats = fuzz.fuzz_target(_target(run), seconds=5, rng=random.Random(1), crash_dir=tmp_path, max_execs=3)
    (crash,) = stats.crashes
    assert "broken promise" in crash.summary and "does not name the input" in crash.summary


def test_a_located_error_is_an_outcome_not_a_crash(tmp_path: Path) -> None:
    def run(data: bytes, name: str) -> str:
        try:
            raise InputError("broken markup", file=name, line=1)
        except InputError as exc:
            fuzz._require_located(exc, name)
            return fuzz.outcome(exc)

    stats = fuzz.fuzz_target(_target(run), seconds=5, rng=random.Random(1), crash_dir=tmp_path, max_execs=5)
    assert stats.crashes == [] and stats.outcomes == {"InputError: broken markup"}


@pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="needs setitimer")
def test_a_slow_execution_is_a_crash(tmp_path: Path) -> None:
    def run(data: bytes, name: str) -> str:
        time.sleep(2)
        return "ok"

    started = time.perf_counter()
    stats = fuzz.fuzz_target(_target(run), seconds=0.1, rng=random.Random(1), crash_dir=tmp_path, timeout=0.2,
                             max_execs=1)
    assert time.perf_counter() - started < 1.5
    (crash,) = stats.crashes
    assert "slower than 0.2 s" in crash.summary


@pytest.mark.parametrize("kind", ["yaml", "xml", "html", "text"])
def test_mutations_are_repeatable_and_change_the_input(kind: str) -> None:
    seed = b"record: statute_version\nprovisions:\n  - id: art128\n    text: <p>Recruitment of persons</p>\n"
    first = [fuzz.Mutator(random.Random(7)).mutate(seed, kind, seed) for _ in range(3)]
    again = [fuzz.Mutator(random.Random(7)).mutate(seed, kind, seed) for _ in range(3)]
    assert first == again
    rng = random.Random(11)
    mutator = fuzz.Mutator(rng)
    changed = sum(mutator.mutate(seed, kind, seed) != seed for _ in range(30))
    assert changed >= 25


def test_cli_lists_targets(capsys: pytest.CaptureFixture[str]) -> None:
    assert fuzz.main(["--list", "--target", "yaml", "--target", "rubric"]) == 0
    out = capsys.readouterr().out
    assert "yaml" in out and "rubric" in out and "seed(s)" in out
