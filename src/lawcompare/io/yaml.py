"""The one door to YAML.

Only this module imports the YAML library. It reads with the safe loader and refuses what makes
YAML dangerous or ambiguous for legal data:

* aliases (the "billion laughs" vector) and merge keys are refused outright (an anchor with no alias is harmless);
* duplicate keys in a mapping are refused (the second value would silently win);
* files over :data:`MAX_BYTES`, binary files and non-UTF-8 files are refused;
* nesting deeper than :data:`MAX_DEPTH` is refused.

Every loaded document comes with a :class:`LineMap` from value paths (``("provisions", 0, "id")``)
to 1-based line numbers, so later validation errors can cite ``file:line``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lawcompare.errors import YamlError

MAX_BYTES = 2_000_000
MAX_DEPTH = 40

PathKey = tuple[str | int, ...]


@dataclass
class LineMap:
    """Line numbers of the values in a loaded document, by path."""

    lines: dict[PathKey, int] = field(default_factory=dict)

    def line_for(self, path: Iterable[str | int]) -> int | None:
        """The line of ``path`` or of its nearest ancestor that has one."""
        key = tuple(path)
        while True:
            if key in self.lines:
                return self.lines[key]
            if not key:
                return None
            key = key[:-1]


@dataclass
class LoadedYaml:
    data: Any
    lines: LineMap
    file: str


class _Loader(yaml.SafeLoader):
    """Safe loader that refuses aliases."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlError(
                "YAML aliases (*name) are not allowed in lawcompare files; write the value out in full",
                line=event.start_mark.line + 1,
            )
        return super().compose_node(parent, index)


class _AliasSeen(Exception):
    """A node reached twice: the document uses an alias (found on the fast path)."""


_CLoader = getattr(yaml, "CSafeLoader", None)  # libyaml's C parser, when PyYAML was built with it


def _to_python(loader: Any, node: yaml.Node, path: PathKey, lines: LineMap, depth: int,
               seen: set[int] | None = None) -> Any:
    if depth > MAX_DEPTH:
        raise YamlError(f"nesting deeper than {MAX_DEPTH} levels", line=node.start_mark.line + 1)
    if seen is not None:  # the C parser cannot refuse aliases itself: an alias is a node reached twice
        if id(node) in seen:
            raise _AliasSeen
        seen.add(id(node))
    lines.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError("merge keys (<<) are not allowed", line=key_node.start_mark.line + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError("mapping keys must be plain scalars", line=key_node.start_mark.line + 1)
            if seen is not None:
                if id(key_node) in seen:
                    raise _AliasSeen
                seen.add(id(key_node))
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                raise YamlError("mapping keys must be plain scalars", line=key_node.start_mark.line + 1)
            if key in result:
                raise YamlError(f"duplicate key {key!r} (the earlier value would be silently lost)",
                                line=key_node.start_mark.line + 1)
            child = (*path, key if isinstance(key, (str, int)) else str(key))
            lines.lines[child] = key_node.start_mark.line + 1
            result[key] = _to_python(loader, value_node, child, lines, depth + 1, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_python(loader, item, (*path, i), lines, depth + 1, seen) for i, item in enumerate(node.value)
        ]
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. an impossible date such as 2014-13-01
        raise YamlError(f"invalid value {node.value!r}: {exc}", line=node.start_mark.line + 1) from None


def _fast(text: str) -> LoadedYaml | None:
    """Parse with libyaml; None when anything is off (the pure-Python path then gives the exact error)."""
    if _CLoader is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    loader = _CLoader(text)
    lines = LineMap()
    try:
        node = loader.get_single_node()
        data = None if node is None else _to_python(loader, node, (), lines, 0, set())
    except (_AliasSeen, YamlError, yaml.YAMLError, RecursionError, ValueError, TypeError):
        return None
    finally:
        loader.dispose()
    return LoadedYaml(data=data, lines=lines, file="")


def loads(text: str, file: str = "<string>") -> LoadedYaml:
    """Parse one YAML document from ``text``.

    Valid documents are read with libyaml's C parser when available (several times faster); any
    problem sends the text through the pure-Python parser, which is the reference and gives the
    error with its line. The same checks (aliases, merge keys, duplicates, depth) apply on both paths.
    """
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise YamlError(f"file is larger than {MAX_BYTES:,} bytes; refusing to read it", file=file)
    if "\x00" in text:
        raise YamlError("file contains NUL bytes; it looks binary, not YAML", file=file)
    fast = _fast(text)
    if fast is not None:
        fast.file = file
        return fast
    return _slow(text, file)


def _slow(text: str, file: str) -> LoadedYaml:
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # raised at construction for unprintable characters
        line = text[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else None
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlError(f"invalid YAML: character U+{code:04X} is not allowed in YAML text", file=file,
                        line=line) from None
    lines = LineMap()
    try:
        node = loader.get_single_node()
        data = None if node is None else _to_python(loader, node, (), lines, 0)
    except YamlError as exc:
        exc.file = file
        raise YamlError(exc.message, file=file, line=exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        raise YamlError(f"invalid YAML: {problem}", file=file, line=line) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}", file=file) from None
    except RecursionError:
        raise YamlError("nesting too deep to read", file=file) from None
    finally:
        loader.dispose()
    return LoadedYaml(data=data, lines=lines, file=file)


def load_file(path: str | Path) -> LoadedYaml:
    """Read and parse a YAML file, refusing oversized, binary and non-UTF-8 files."""
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise YamlError(f"cannot read file: {exc.strerror}", file=name) from None
    if size > MAX_BYTES:
        raise YamlError(f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit; refusing to read it",
                        file=name)
    raw = p.read_bytes()
    if b"\x00" in raw:
        raise YamlError("file contains NUL bytes; it looks binary, not YAML", file=name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(f"not valid UTF-8 (byte {exc.start})", file=name, line=line) from None
    return loads(text, file=name)


class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


_YAML_LINE_BREAKS = ("\x85", "\u2028", "\u2029")  # YAML reads these as line breaks inside plain/quoted text


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # PyYAML writes these characters raw (with allow_unicode) and reads them back as line breaks;
    # the double-quoted style escapes them (\N, \L, \P), so the text survives a round trip.
    style = '"' if any(ch in data for ch in _YAML_LINE_BREAKS) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_NoAliasDumper.add_representer(str, _represent_str)

if hasattr(yaml, "CSafeDumper"):  # libyaml's emitter: same output, several times faster

    class _FastNoAliasDumper(yaml.CSafeDumper):  # type: ignore[name-defined,misc]
        def ignore_aliases(self, data: Any) -> bool:
            return True

    _FastNoAliasDumper.add_representer(str, _represent_str)
    _DUMPER: type = _FastNoAliasDumper
else:  # pragma: no cover - PyYAML built without libyaml
    _DUMPER = _NoAliasDumper


def dumps(data: Any) -> str:
    """Write ``data`` as block-style YAML, keys in the given order, Unicode kept readable.

    Shared values are written out in full (no anchors/aliases), so the output loads again.
    """
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)
