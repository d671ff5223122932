"""``assess --all``: every state of a corpus in parallel (local processes, Dask, serial), on the bundled corpus.

The local backend starts real worker processes (spawn); one test pays that start-up (a few seconds). The Dask tests
use an in-process ``LocalCluster(processes=False)`` with one one-thread worker: the same client,
scheduler and task path as a real cluster, without starting processes (a process-based cluster is
what ``--backend dask`` starts by default and what benchmarks/scale.py measures).
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import sys
from pathlib import Path

import pytest
from conftest import line_of

from lawcompare.assess.batch import EACH_CHANGE, RunStats, StateResult, assess_all
from lawcompare.assess.rules import assess
from lawcompare.cli.main import main
from lawcompare.errors import LawcompareError
from lawcompare.records.corpus import bundled_path
from lawcompare.records.partition import jurisdiction_folders

CORRUPTED = Path("kg") / "kg-cc-1997@2011-11-01.yaml"


def expected_reports(corpus) -> dict[str, list[dict]]:
    """What ``assess()`` gives state by state on every date its law changed: the reference."""
    return {j: [assess(corpus, j, day).as_json() for day in corpus.change_dates(j)] for j in corpus.jurisdictions()}


@pytest.fixture(scope="module")
def expected(corpus) -> dict[str, list[dict]]:
    return expected_reports(corpus)


@pytest.fixture(scope="module")
def serial() -> list[StateResult]:
    return list(assess_all(None, EACH_CHANGE, backend="serial", progress=False))


@pytest.fixture
def corrupted_copy(tmp_path: Path) -> tuple[Path, Path, int]:
    """A copy of the bundled corpus with an invalid provision kind in one Kyrgyz record."""
    root = tmp_path / "statutes"
    shutil.copytree(bundled_path("statutes"), root)
    bad = root / CORRUPTED
    line = line_of(bad, "kind: article")
    text = bad.read_text(encoding="utf-8").replace("kind: article", "kind: articel", 1)
    bad.write_text(text, encoding="utf-8")
    return root, bad, line


def by_state(results: list[StateResult]) -> dict[str, list[dict]]:
    return {r.jurisdiction: list(r.reports) for r in results if r.jurisdiction}


def test_serial_equals_assess_per_state_in_code_order(serial, expected) -> None:
    assert [r.jurisdiction for r in serial] == sorted(expected)
    assert all(r.ok for r in serial)
    assert by_state(serial) == expected
    # provisions counts the articles in force on each date assessed
    assert all(r.provisions > 0 for r in serial)


def test_two_local_processes_equal_serial(serial, expected) -> None:
    stats = RunStats()
    results = list(assess_all(None, EACH_CHANGE, jobs=2, backend="local", progress=False, stats=stats))
    assert by_state(results) == by_state(serial) == expected
    assert [r.provisions for r in results] == [r.provisions for r in serial]
    assert stats.workers == 2 and stats.failed_states == 0
    assert stats.reports == sum(len(v) for v in expected.values())
    # the work was spread over worker processes, not done in this one
    workers = {r.worker for r in results}
    assert workers and not any(w.endswith(f":{os.getpid()}") for w in workers)


def test_dask_in_process_cluster_gives_the_same_results(serial) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        stats = RunStats()
        results = list(assess_all(None, EACH_CHANGE, backend="dask", scheduler=c.scheduler_address,
                                  progress=False, stats=stats))
    assert by_state(results) == by_state(serial)
    assert stats.backend == "dask" and stats.workers == 1


def test_a_broken_record_names_its_file_and_other_states_go_on(corrupted_copy, expected) -> None:
    root, bad, line = corrupted_copy
    results = list(assess_all(root, EACH_CHANGE, backend="serial", progress=False))
    failed = [r for r in results if not r.ok]
    assert [r.jurisdiction for r in failed] == ["KG"]
    assert failed[0].reports == ()
    error = failed[0].errors[0]
    assert (error.file, error.line) == (str(bad), line)
    assert "kind" in (error.field or "") and f"{bad}:{line}" in error.describe()
    assert by_state([r for r in results if r.ok]) == {j: v for j, v in expected.items() if j != "KG"}
    # results travel between processes by pickle: the error keeps its place
    assert pickle.loads(pickle.dumps(failed[0])) == failed[0]


def test_a_record_in_another_states_folder_is_an_error(tmp_path: Path, expected) -> None:
    root = tmp_path / "statutes"
    shutil.copytree(bundled_path("statutes"), root)
    moved = root / "kz" / "tj-law-2004@2004-08-01.yaml"
    shutil.move(root / "tj" / moved.name, moved)
    results = {r.jurisdiction: r for r in assess_all(root, "2016-01-01", backend="serial", progress=False)}
    kz = results["KZ"]
    assert not kz.ok and kz.reports == ()
    assert kz.errors[0].file == str(moved) and kz.errors[0].line == 2  # the `jurisdiction: TJ` line
    assert "says TJ but is in folder kz/" in kz.errors[0].message
    assert results["UZ"].ok and results["UZ"].reports[0]["jurisdiction"] == "UZ"


def test_files_outside_jurisdiction_folders_are_reported(tmp_path: Path) -> None:
    root = tmp_path / "statutes"
    shutil.copytree(bundled_path("statutes"), root)
    (root / "kazakhstan").mkdir()
    shutil.move(root / "kz" / "ratifications.yaml", root / "kazakhstan" / "ratifications.yaml")
    shutil.copy(root / "uz" / "ratifications.yaml", root / "loose.yaml")
    partition = jurisdiction_folders(root)
    assert [f.code for f in partition.folders] == ["KG", "KZ", "TJ", "TM", "UZ"]
    assert sorted(e.file for e in partition.misplaced) == [str(root / "kazakhstan"), str(root / "loose.yaml")]
    first = next(iter(assess_all(root, "2016-01-01", backend="serial", progress=False)))
    assert first.jurisdiction is None and len(first.errors) == 2


def test_a_single_jurisdiction_folder_can_be_given(expected) -> None:
    results = list(assess_all(bundled_path("statutes") / "tm", EACH_CHANGE, backend="serial", progress=False))
    assert by_state(results) == {"TM": expected["TM"]}


def test_bad_arguments_are_refused_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(LawcompareError, match="unknown backend"):
        assess_all(None, "2016-01-01", backend="spark")
    with pytest.raises(LawcompareError, match="not a date"):
        assess_all(None, "2016-13-01", backend="serial")
    with pytest.raises(LawcompareError, match="no rubric named"):
        assess_all(None, "2016-01-01", "palermo2", backend="serial")
    with pytest.raises(LawcompareError, match="only applies to the dask backend"):
        assess_all(None, "2016-01-01", backend="local", scheduler="tcp://127.0.0.1:8786")
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the dask extra were not installed
    with pytest.raises(LawcompareError, match=r"lawcompare\[dask\]"):
        assess_all(None, "2016-01-01", backend="dask")


# command line ----------------------------------------------------------------------------------

def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_cli_all_writes_json_lines(capsys: pytest.CaptureFixture[str], corpus) -> None:
    rc, out, err = run(capsys, "assess", "--all", "--on", "2016-01-01", "--backend", "serial")
    assert rc == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines == [assess(corpus, j, "2016-01-01").as_json() for j in corpus.jurisdictions()]
    assert "5 state(s) assessed, 5 report(s) written, 0 with errors" in err


def test_cli_all_reports_the_broken_file_and_goes_on(capsys: pytest.CaptureFixture[str], corrupted_copy,
                                                     expected, tmp_path: Path) -> None:
    root, bad, line = corrupted_copy
    out_file = tmp_path / "reports.jsonl"
    rc, out, err = run(capsys, "assess", "--all", "--corpus", str(root), "--on", "changes", "--backend", "serial",
                       "--out", str(out_file), "--no-progress")
    assert rc == 1
    assert out == ""
    assert f"error: {bad}:{line}: " in err
    assert "1 with errors" in err
    lines = [json.loads(x) for x in out_file.read_text(encoding="utf-8").splitlines()]
    error_lines = [x for x in lines if "errors" in x]
    assert [x["jurisdiction"] for x in error_lines] == ["KG"]
    assert error_lines[0]["errors"][0]["file"] == str(bad) and error_lines[0]["errors"][0]["line"] == line
    reports = [x for x in lines if "errors" not in x]
    assert reports == [r for j, rs in expected.items() if j != "KG" for r in rs]


@pytest.mark.parametrize(("argv", "message"), [
    (["--all", "--jurisdiction", "KZ"], "--all and --jurisdiction cannot be used together"),
    ([], "give --jurisdiction CODE for one state, or --all"),
    (["--jurisdiction", "KZ", "--jobs", "2"], "--jobs only applies with --all"),
    (["--all", "--format", "table"], "--all writes JSON lines"),
    (["--all", "--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --backend dask"),
])
def test_cli_refuses_mixed_modes(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    rc, out, err = run(capsys, "assess", *argv)
    assert rc == 2
    assert message in err
    assert out == ""


def test_cli_single_state_unchanged(capsys: pytest.CaptureFixture[str], corpus) -> None:
    rc, out, _ = run(capsys, "assess", "--jurisdiction", "TM", "--on", "2016-01-01", "--format", "json")
    assert rc == 0
    assert json.loads(out) == assess(corpus, "TM", "2016-01-01").as_json()
