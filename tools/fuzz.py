"""Mutation fuzzer for lawcompare's input doors: YAML, records, rubrics, detector, Akoma Ntoso, portal pages.

    python tools/fuzz.py                       # every target, 30 seconds each
    python tools/fuzz.py --seconds 300 --target record --target akn
    python tools/fuzz.py --list                # the targets and their seed counts

Seeds are the bundled records and rubrics, the gold texts in benchmarks/data/, and the Akoma Ntoso and
portal fixtures in tests/data/. Each execution takes a seed (or an input that earlier gave a new
outcome), applies one to four byte or structure mutations, and feeds it to the target.

A *crash* is any exception that is not a :class:`~lawcompare.errors.LawcompareError`, a
LawcompareError that does not say which file it is about where the target must say it, a broken
promise (a detection span that is not the text it claims), or an execution over ``--timeout``
seconds. Each distinct crash is saved under ``--crash-dir`` (default /tmp/lawcompare-fuzz): the
input, and a ``.txt`` with the target, the traceback and how to replay it
(``python tools/fuzz.py --replay FILE --target NAME``).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lawcompare.errors import LawcompareError, Located

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CRASH_DIR = Path(tempfile.gettempdir()) / "lawcompare-fuzz"
MAX_POOL = 400  # inputs kept per target (seeds plus inputs that gave a new outcome)


class Broken(Exception):
    """A target's promise was broken (an unlocated error, a wrong span): a crash, not a user error."""


class _Timeout(BaseException):
    """Raised by the alarm when one execution takes too long (BaseException: targets must not catch it)."""


# --- targets ------------------------------------------------------------------------------------


@dataclass
class Target:
    """What to feed and how: ``run(data, name)`` returns a short outcome label or raises."""

    name: str
    kind: str  # yaml | xml | html | text: which structure mutations apply
    seeds: list[tuple[str, bytes]]
    run: Callable[[bytes, str], str]
    suffix: str = ".bin"


def _located(exc: LawcompareError, name: str) -> bool:
    return (isinstance(exc, Located) and bool(exc.file)) or name in str(exc)


def _require_located(exc: LawcompareError, name: str) -> None:
    if not _located(exc, name):
        raise Broken(f"{type(exc).__name__} does not name the input: {exc}") from exc


def outcome(exc: BaseException | None) -> str:
    """A label for what happened, with the particulars (names, numbers, quoted values) removed."""
    if exc is None:
        return "ok"
    text = getattr(exc, "message", None) or str(exc)
    text = re.sub(r"'[^']*'|\"[^\"]*\"|«[^»]*»|\d+", "_", text)
    return f"{type(exc).__name__}: {text[:60]}"


def _yaml_seeds() -> list[tuple[str, bytes]]:
    files = sorted((REPO / "statutes").rglob("*.yaml")) + sorted((REPO / "rubrics").glob("*.yaml"))
    files += sorted((REPO / "benchmarks" / "data").glob("*.yaml"))
    return [(f.name, f.read_bytes()) for f in files]


def _text_seeds() -> list[tuple[str, bytes]]:
    from lawcompare.io import yaml as lcyaml

    seeds = []
    for lang in ("en", "ru"):
        path = REPO / "benchmarks" / "data" / f"gold_{lang}.yaml"
        if path.is_file():
            for item in lcyaml.load_file(path).data:
                seeds.append((f"{lang}:{item['id']}", item["text"].encode("utf-8")))
    return seeds


def _fixtures(folder: str, pattern: str) -> list[tuple[str, bytes]]:
    base = REPO / "tests" / "data" / folder
    return [(f.name, f.read_bytes()) for f in sorted(base.glob(pattern))] if base.is_dir() else []


def yaml_target(_work: Path) -> Target:
    from lawcompare.errors import YamlError
    from lawcompare.io import yaml as lcyaml

    def run(data: bytes, name: str) -> str:
        text = data.decode("utf-8", errors="replace")
        try:
            loaded = lcyaml.loads(text, file=name)
        except YamlError as exc:
            if exc.file != name:
                raise Broken(f"YamlError without the file name: {exc}") from exc
            return outcome(exc)
        lcyaml.dumps(loaded.data)  # whatever loads must dump again
        return "ok"

    return Target("yaml", "yaml", _yaml_seeds(), run, ".yaml")


def record_target(work: Path) -> Target:
    from lawcompare.detect.penalties import penalty_disagreements
    from lawcompare.records.load import read_record
    from lawcompare.records.validate import validate_paths

    path = work / "kz" / "record.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)

    def run(data: bytes, name: str) -> str:
        path.write_bytes(data)
        record, errors = read_record(path)
        for e in errors:
            if e.file != str(path):
                raise Broken(f"record error without the file: {e}")
        problems = validate_paths([path], None, penalty_disagreements)
        for p in problems:
            if p.file != str(path):
                raise Broken(f"validate problem in another file: {p}")
        if record is None and not errors:
            raise Broken("no record and no error")
        return outcome(None) if record is not None else f"invalid: {outcome(errors[0])}"

    seeds = [(f.name, f.read_bytes()) for f in sorted((REPO / "statutes").rglob("*.yaml"))]
    return Target("record", "yaml", seeds, run, ".yaml")


def rubric_target(work: Path) -> Target:
    from lawcompare.errors import RubricError
    from lawcompare.rubric.load import load_rubric

    counter = iter(range(10**12))

    def run(data: bytes, name: str) -> str:
        path = work / f"rubric-{next(counter)}.yaml"  # loaded rubrics are cached by path: a new one each time
        path.write_bytes(data)
        try:
            load_rubric(path)
        except RubricError as exc:
            if not exc.file:
                raise Broken(f"RubricError without the file: {exc}") from exc
            return outcome(exc)
        finally:
            path.unlink()
        return "ok"

    seeds = [(f.name, f.read_bytes()) for f in sorted((REPO / "rubrics").glob("*.yaml"))]
    return Target("rubric", "yaml", seeds, run, ".yaml")


def _check_spans(text: str, lang: str) -> None:
    import lawcompare as lc
    from lawcompare.detect.penalties import extract_penalties

    result = lc.detect(text, lang=lang)
    for e in result.evidence:
        if not (0 <= e.start < e.end <= len(text)) or text[e.start:e.end] != e.text:
            raise Broken(f"evidence span {e.start}-{e.end} of {e.criterion} is {text[e.start:e.end]!r}, "
                         f"claims {e.text!r}")
    for p in [*result.penalties, *extract_penalties(text, lang)]:
        if not (0 <= p.start <= p.end <= len(text)):
            raise Broken(f"penalty span {p.start}-{p.end} outside a text of {len(text)} characters")


def detect_target(_work: Path) -> Target:
    def run(data: bytes, name: str) -> str:
        lang = name.split(":", 1)[0] if name[:3] in ("en:", "ru:") else "en"
        _check_spans(data.decode("utf-8", errors="replace"), lang)
        return "ok"

    return Target("detect", "text", _text_seeds(), run, ".txt")


def akn_target(_work: Path) -> Target | None:
    try:
        from lawcompare.interop.akn import from_akn, to_akn
    except ImportError:
        return None
    from lawcompare.records.load import read_record

    def run(data: bytes, name: str) -> str:
        try:
            from_akn(data, name=name)
        except LawcompareError as exc:
            _require_located(exc, name)
            return outcome(exc)
        return "ok"

    seeds = _fixtures("akn", "*.xml")
    for file in sorted((REPO / "statutes").rglob("*@*.yaml"))[::8]:  # documents lawcompare wrote reach
        record, _errors = read_record(file)                             # the round-trip reader
        if record is not None:
            seeds.append((f"{record.key}.xml", to_akn(record)))
    return Target("akn", "xml", seeds, run, ".xml")


def portal_target(_work: Path) -> Target | None:
    try:
        from lawcompare.interop.portal import import_html
    except ImportError:
        return None

    def run(data: bytes, name: str) -> str:
        jurisdiction = {"adilet": "KZ", "cbd": "KG", "lex": "UZ"}.get(name.split("_", 1)[0], "KZ")
        try:
            import_html(data, jurisdiction, name=name, in_force_from="2020-01-01")
        except LawcompareError as exc:
            _require_located(exc, name)
            return outcome(exc)
        return "ok"

    return Target("portal", "html", _fixtures("portal", "*.html"), run, ".html")


TARGETS: dict[str, Callable[[Path], Target | None]] = {
    "yaml": yaml_target, "record": record_target, "rubric": rubric_target, "detect": detect_target,
    "akn": akn_target, "portal": portal_target,
}


# --- mutations ----------------------------------------------------------------------------------

INTERESTING_BYTES = [b"\x00", b"\xff", b"\xfe", b"\xef\xbb\xbf", b"\xc3", b"\xc2\x85", b"\xe2\x80\xae",
                     b"\xe2\x80\x8f", b"\xcc\x81", b"\r", b"\n", b"\t", b"\x1b", b"\xf0\x9f\x98\x80", b"\xed\xa0\x80"]
YAML_VALUES = [b"*a", b"&a x", b"!!binary AAAA", b"!!python/name:os.system x", b"<<: {}", b"[", b"{", b"'", b'"',
               b"2014-13-01", b"2014-02-30", b"-1", b"1e400", b".nan", b"null", b"true", b"~", b"|", b">-", b"? ",
               b"[" * 50 + b"]" * 50, b"x" * 5000, b"\"\\N\\L\\P\"", b"0x1F", b"1_000", b"--- ", b"...",
               b"art128.2.3", b"../../etc/passwd", b"%YAML 1.1", b"!!set {a, b}"]
XML_SNIPPETS = [
    b'<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    b"&x;", b"&b;", b"&#0;", b"&#x110000;", b"<![CDATA[<p>]]>", b"<!-- -- -->", b"<?xml-stylesheet href='x'?>",
    b"<?xml version='1.0' encoding='UTF-16'?>", b"<p>", b"</p>", b"<a:b xmlns:a='urn:x'/>", b"<" * 10,
    b"<num>128</num>", b"<article eId='art_1'>", b"</article>", b"<div>" * 300, b"<script>alert(1)</script>",
    b'<meta charset="koi8-r">', b'<meta http-equiv="refresh" content="0;url=file:///etc">', b"\xd0\xa1\xd1\x82",
    b"<p>\xd0\xa1\xd1\x82\xd0\xb0\xd1\x82\xd1\x8c\xd1\x8f 128. </p>", b"<p>Article 128-1.</p>", b"<br/>" * 100,
]
TEXT_SNIPPETS = ["\u200f", "\u202e", "\u200b", "\u0301", "\x00", "\ufeff", "\u2028", "\x85", "İ", "ß", "ﬁ", "ǅ",
                 "<b>", "&amp;", "Article 128-1. ", "\n2. The same act committed ", " shall be punished by ",
                 " deprivation of liberty for a term of five to ten years", " лишением свободы на срок от ",
                 " до двадцати пяти лет", " for life", "a" * 3000, "трафик" * 50, " 99999999999999999999 years",
                 "\n\n\n", "1.", "(a)", " or ", "; ", "вербовка", "recruitment"]


class Mutator:
    """Byte-level and structure-level mutations, drawn from one seeded random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def mutate(self, data: bytes, kind: str, other: bytes) -> bytes:
        for _ in range(self.rng.randint(1, 4)):
            op = self.rng.choice(self._ops(kind))
            data = op(data, other)
        return data

    def _ops(self, kind: str) -> list[Callable[[bytes, bytes], bytes]]:
        common = [self.flip_bit, self.insert_bytes, self.delete_range, self.duplicate_range, self.splice,
                  self.truncate]
        structure = {"yaml": [self.dup_line, self.drop_line, self.swap_lines, self.reindent, self.yaml_value] * 2,
                     "xml": [self.xml_snippet, self.drop_tag, self.dup_line] * 2,
                     "html": [self.xml_snippet, self.drop_tag, self.dup_line] * 2,
                     "text": [self.text_snippet, self.repeat_word] * 3}
        return common + structure[kind]

    def _pos(self, data: bytes) -> int:
        return self.rng.randint(0, len(data))

    def flip_bit(self, data: bytes, _other: bytes) -> bytes:
        if not data:
            return data
        i = self.rng.randrange(len(data))
        return data[:i] + bytes([data[i] ^ (1 << self.rng.randrange(8))]) + data[i + 1:]

    def insert_bytes(self, data: bytes, _other: bytes) -> bytes:
        at = self._pos(data)
        return data[:at] + self.rng.choice(INTERESTING_BYTES) + data[at:]

    def delete_range(self, data: bytes, _other: bytes) -> bytes:
        at = self._pos(data)
        return data[:at] + data[at + self.rng.randint(1, 64):]

    def duplicate_range(self, data: bytes, _other: bytes) -> bytes:
        at = self._pos(data)
        chunk = data[at:at + self.rng.randint(1, 256)]
        return data[:at] + chunk * self.rng.randint(2, 20) + data[at:]

    def splice(self, data: bytes, other: bytes) -> bytes:
        return data[:self._pos(data)] + other[self.rng.randint(0, len(other)):]

    def truncate(self, data: bytes, _other: bytes) -> bytes:
        return data[:self._pos(data)]

    def _lines(self, data: bytes) -> list[bytes]:
        return data.splitlines(keepends=True) or [b""]

    def dup_line(self, data: bytes, _other: bytes) -> bytes:
        lines = self._lines(data)
        i = self.rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return b"".join(lines)

    def drop_line(self, data: bytes, _other: bytes) -> bytes:
        lines = self._lines(data)
        del lines[self.rng.randrange(len(lines))]
        return b"".join(lines)

    def swap_lines(self, data: bytes, _other: bytes) -> bytes:
        lines = self._lines(data)
        i, j = self.rng.randrange(len(lines)), self.rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return b"".join(lines)

    def reindent(self, data: bytes, _other: bytes) -> bytes:
        lines = self._lines(data)
        i = self.rng.randrange(len(lines))
        lines[i] = (b" " * self.rng.randint(1, 4) + lines[i]) if self.rng.random() < 0.5 else lines[i].lstrip(b" ")
        return b"".join(lines)

    def yaml_value(self, data: bytes, _other: bytes) -> bytes:
        """Replace the value after a ``key:`` (or a list item) with a tricky YAML value."""
        lines = self._lines(data)
        i = self.rng.randrange(len(lines))
        m = re.match(rb"(\s*(?:- )?[\w.-]+:\s|\s*- )", lines[i])
        prefix = m.group(1) if m else lines[i][:0]
        lines[i] = prefix + self.rng.choice(YAML_VALUES) + b"\n"
        return b"".join(lines)

    def xml_snippet(self, data: bytes, _other: bytes) -> bytes:
        snippet = self.rng.choice(XML_SNIPPETS)
        if snippet.startswith((b"<!DOCTYPE", b"<?xml ")):  # declarations go before the root
            decl = re.match(rb"<\?xml[^>]*\?>\s*", data)
            at = decl.end() if decl else 0
        else:
            at = self._pos(data)
        return data[:at] + snippet + data[at:]

    def drop_tag(self, data: bytes, _other: bytes) -> bytes:
        tags = list(re.finditer(rb"<[^<>]{0,200}>", data))
        if not tags:
            return data
        m = self.rng.choice(tags)
        return data[:m.start()] + data[m.end():]

    def text_snippet(self, data: bytes, _other: bytes) -> bytes:
        at = self._pos(data)
        return data[:at] + self.rng.choice(TEXT_SNIPPETS).encode("utf-8") + data[at:]

    def repeat_word(self, data: bytes, _other: bytes) -> bytes:
        words = list(re.finditer(rb"\S+\s", data))
        if not words:
            return data
        m = self.rng.choice(words)
        return data[:m.start()] + m.group(0) * self.rng.randint(2, 200) + data[m.start():]


# --- the loop -----------------------------------------------------------------------------------


@dataclass
class Crash:
    target: str
    signature: str
    input_file: Path
    summary: str


@dataclass
class TargetStats:
    name: str
    executions: int = 0
    seconds: float = 0.0
    outcomes: set[str] = field(default_factory=set)
    crashes: list[Crash] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.executions / self.seconds if self.seconds else 0.0


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Interrupt one execution after ``seconds`` (Unix main thread only; elsewhere no limit)."""
    import threading

    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def _alarm(_signum: int, _frame: object) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _signature(exc: BaseException) -> str:
    """Exception type and the innermost lawcompare frame: one signature per distinct bug."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "lawcompare" in f.filename and "tools/fuzz.py" not in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(exc).__name__}@{where}"


def _save(crash_dir: Path, target: Target, data: bytes, exc: BaseException, label: str) -> Path:
    crash_dir = crash_dir / target.name
    crash_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()[:12]
    path = crash_dir / f"crash-{digest}{target.suffix}"
    path.write_bytes(data)
    report = "".join(traceback.format_exception(exc))
    path.with_suffix(path.suffix + ".txt").write_text(
        f"target: {target.name}\ninput: {path}\nkind: {label}\n"
        f"replay: python tools/fuzz.py --target {target.name} --replay {path}\n\n{report}", encoding="utf-8")
    return path


def execute(target: Target, data: bytes, name: str, timeout: float) -> tuple[str, BaseException | None, str]:
    """Run one input: (outcome, the crash exception or None, crash kind)."""
    try:
        with _deadline(timeout):
            return target.run(data, name), None, ""
    except _Timeout as exc:
        return "timeout", exc, f"slower than {timeout:g} s"
    except Broken as exc:
        return "broken", exc, "broken promise"
    except LawcompareError as exc:
        return outcome(exc), exc, "LawcompareError of an unexpected kind (not located where it should be)"
    except Exception as exc:  # noqa: BLE001 - every other exception is what we are looking for
        return "crash", exc, "unexpected exception"


def fuzz_target(target: Target, seconds: float, rng: random.Random, crash_dir: Path, timeout: float = 10.0,
                max_execs: int | None = None) -> TargetStats:
    stats = TargetStats(target.name)
    if not target.seeds:
        return stats
    pool = list(target.seeds)
    mutator = Mutator(rng)
    seen: set[str] = set()
    start = time.perf_counter()
    while time.perf_counter() - start < seconds and (max_execs is None or stats.executions < max_execs):
        name, seed = rng.choice(pool)
        data = mutator.mutate(seed, target.kind, rng.choice(pool)[1])
        label, exc, kind = execute(target, data, name, timeout)
        stats.executions += 1
        if exc is not None:
            sig = _signature(exc)
            if sig not in seen:
                seen.add(sig)
                path = _save(crash_dir, target, data, exc, kind)
                stats.crashes.append(Crash(target.name, sig, path, f"{kind}: {type(exc).__name__}: {exc}"[:300]))
        elif label not in stats.outcomes:
            stats.outcomes.add(label)
            if len(pool) < MAX_POOL:
                pool.append((name, data))
    stats.seconds = time.perf_counter() - start
    return stats


def build_targets(names: list[str] | None, work: Path) -> tuple[list[Target], list[str]]:
    """The targets asked for (all by default), and the names of those not available (module missing)."""
    wanted = names or list(TARGETS)
    unknown = [n for n in wanted if n not in TARGETS]
    if unknown:
        raise SystemExit(f"unknown target(s): {', '.join(unknown)}; known: {', '.join(TARGETS)}")
    built, missing = [], []
    for n in wanted:
        t = TARGETS[n](work)
        (built.append(t) if t is not None else missing.append(n))
    return built, missing


def run(names: list[str] | None = None, seconds: float = 30.0, crash_dir: Path = DEFAULT_CRASH_DIR,
        seed: int | None = None, timeout: float = 10.0, max_execs: int | None = None) -> list[TargetStats]:
    """Fuzz each target for ``seconds`` (or ``max_execs`` executions); returns per-target statistics."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="lawcompare-fuzz-") as tmp:
        targets, missing = build_targets(names, Path(tmp))
        for n in missing:
            print(f"{n}: not available (module not importable), skipped", file=sys.stderr)
        return [fuzz_target(t, seconds, rng, crash_dir, timeout, max_execs) for t in targets]


def summary(results: list[TargetStats]) -> str:
    lines = [f"{'target':<8} {'execs':>8} {'execs/s':>8} {'outcomes':>8} {'crashes':>8}"]
    for s in results:
        lines.append(f"{s.name:<8} {s.executions:>8} {s.rate:>8.1f} {len(s.outcomes):>8} {len(s.crashes):>8}")
    crashes = [c for s in results for c in s.crashes]
    lines.append(f"total: {sum(s.executions for s in results)} executions, {len(crashes)} distinct crash(es)")
    for c in crashes:
        lines.append(f"  [{c.target}] {c.signature}: {c.summary.splitlines()[0]}\n      saved: {c.input_file}")
    return "\n".join(lines)


def replay(target_name: str, path: Path, timeout: float) -> int:
    with tempfile.TemporaryDirectory(prefix="lawcompare-fuzz-") as tmp:
        targets, _missing = build_targets([target_name], Path(tmp))
        if not targets:
            print(f"{target_name}: not available", file=sys.stderr)
            return 2
        data = path.read_bytes()
        seed_names = [n for n, _ in targets[0].seeds]
        name = next((n for n in seed_names if n.split(":", 1)[0] in path.name), path.name)
        label, exc, kind = execute(targets[0], data, name, timeout)
    if exc is None:
        print(f"no crash: {label}")
        return 0
    print(f"{kind}:", file=sys.stderr)
    traceback.print_exception(exc)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="time per target (default 30)")
    parser.add_argument("--target", action="append", choices=list(TARGETS), help="target to fuzz (repeatable)")
    parser.add_argument("--crash-dir", type=Path, default=DEFAULT_CRASH_DIR, help=f"default {DEFAULT_CRASH_DIR}")
    parser.add_argument("--seed", type=int, default=None, help="random seed, for a repeatable run")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds one execution may take (default 10)")
    parser.add_argument("--max-execs", type=int, default=None, help="stop a target after this many executions")
    parser.add_argument("--replay", type=Path, help="run one saved input through --target and show the result")
    parser.add_argument("--list", action="store_true", help="list the targets and their seeds, then stop")
    args = parser.parse_args(argv)
    if args.replay:
        if not args.target or len(args.target) != 1:
            parser.error("--replay needs exactly one --target")
        return replay(args.target[0], args.replay, args.timeout)
    if args.list:
        with tempfile.TemporaryDirectory() as tmp:
            targets, missing = build_targets(args.target, Path(tmp))
        for t in targets:
            print(f"{t.name:<8} {len(t.seeds):>4} seed(s)")
        for n in missing:
            print(f"{n:<8} not available")
        return 0
    results = run(args.target, args.seconds, args.crash_dir, args.seed, args.timeout, args.max_execs)
    print(summary(results))
    return 1 if any(s.crashes for s in results) else 0


if __name__ == "__main__":
    sys.exit(main())
