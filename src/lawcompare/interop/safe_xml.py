"""The one door for untrusted XML.

Only this module turns bytes from outside into an lxml tree. It refuses what makes XML dangerous:

* documents over a size limit (checked before any parsing; default :data:`MAX_BYTES`);
* any ``<!DOCTYPE ...>``, and with it every ``<!ENTITY ...>`` declaration: external entities (XXE,
  reading local files or URLs) and entity expansion ("billion laughs") cannot happen because a
  document that declares anything is refused before its declarations are read;
* network access, DTD loading and entity substitution are switched off in the parser as well;
* element nesting deeper than :data:`MAX_DEPTH`.

Broken markup becomes an :class:`XmlInputError` (an :class:`~lawcompare.errors.InputError`) that
names ``file:line:column``.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from lawcompare.errors import InputError

MAX_BYTES = 20_000_000
MAX_DEPTH = 100


class XmlInputError(InputError):
    """An XML document that cannot be read safely; :meth:`describe` gives ``file:line:column: message``."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 column: int | None = None, field: str | None = None) -> None:
        self.column = column
        super().__init__(message, file=file, line=line, field=field)

    def describe(self) -> str:
        if self.file and self.line and self.column:
            field = f"{self.field}: " if self.field else ""
            return f"{self.file}:{self.line}:{self.column}: {field}{self.message}"
        return super().describe()


class _DeclarationFound(Exception):
    """Raised inside the prolog scan when the document has a DOCTYPE."""


class _RootReached(Exception):
    """Raised inside the prolog scan at the first element: the prolog is clean."""


class _PrologScan:
    """Parser target that stops at the DOCTYPE (refuse) or at the root element (go on)."""

    def doctype(self, name: str | None, public_id: str | None, system_id: str | None) -> None:
        raise _DeclarationFound(name or "")

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        raise _RootReached

    def end(self, tag: str) -> None:  # pragma: no cover - never reached, start() stops the scan
        pass

    def data(self, data: str) -> None:
        pass

    def close(self) -> None:
        return None


def _parser_options() -> dict[str, bool]:
    return {
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "dtd_validation": False,
        "attribute_defaults": False,
        "huge_tree": False,
        "recover": False,
        "collect_ids": False,
        "remove_comments": True,
        "remove_pis": True,
    }


def _line_of(data: bytes, needle: bytes) -> int | None:
    at = data.find(needle)
    return data[:at].count(b"\n") + 1 if at >= 0 else None


def _syntax_error(exc: etree.XMLSyntaxError, name: str) -> XmlInputError:
    line, column = exc.lineno, exc.offset
    message = exc.msg or str(exc)
    # lxml appends "(<string>, line N)" or ", line N, column M" to the message; keep the reason only
    for tail in (", line ", " (<string>"):
        cut = message.find(tail)
        if cut > 0:
            message = message[:cut]
    if message.startswith("Excessive depth"):
        message = "elements nested too deeply"
    return XmlInputError(f"malformed XML: {message.strip()}", file=name, line=line or None, column=column or None)


def _refuse_declarations(data: bytes, name: str) -> None:
    scan = etree.XMLParser(target=_PrologScan(), **_parser_options())
    try:
        scan.feed(data)
        scan.close()
    except _DeclarationFound:
        line = _line_of(data, b"<!DOCTYPE") or _line_of(data, b"<!ENTITY")
        raise XmlInputError(
            "the document has a DOCTYPE declaration; DTDs and <!ENTITY> declarations are refused "
            "(they can read local files or expand without bound)", file=name, line=line) from None
    except _RootReached:
        return
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, name) from None


def _check_depth(root: etree._Element, name: str, max_depth: int) -> None:
    depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth > max_depth:
                raise XmlInputError(f"elements nested deeper than {max_depth} levels; refusing the document",
                                    file=name, line=element.sourceline)
        else:
            depth -= 1


def parse_xml(data: bytes, *, name: str, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> etree._Element:
    """Parse untrusted XML ``data`` and return the root element (with ``sourceline`` on every element).

    ``name`` (a file name or a label such as ``<akn>``) is used in error messages. Raises
    :class:`XmlInputError` for oversize, DOCTYPE/ENTITY declarations, malformed XML and excessive depth.
    """
    if not isinstance(data, bytes | bytearray):
        raise TypeError(f"parse_xml expects bytes, got {type(data).__name__}")
    if len(data) > max_bytes:
        raise XmlInputError(f"document is {len(data):,} bytes, over the {max_bytes:,}-byte limit; refusing to read it",
                            file=name)
    data = bytes(data)
    _refuse_declarations(data, name)
    parser = etree.XMLParser(**_parser_options())
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, name) from None
    if root is None:
        raise XmlInputError("malformed XML: the document is empty", file=name, line=1, column=1)
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        # the prolog scan should have caught this; never let a declaration through
        raise XmlInputError("the document has a DOCTYPE declaration; refused", file=name)
    entity = next(root.iter(etree.Entity), None)
    if entity is not None:
        raise XmlInputError(f"entity reference {entity.text} is not allowed", file=name, line=entity.sourceline)
    _check_depth(root, name, max_depth)
    return root


def read_limited(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes, refused before reading if it is over ``max_bytes`` (errors name the file)."""
    name = str(path)
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise XmlInputError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit; refusing to read it",
                                file=name)
        with open(path, "rb") as fh:
            return fh.read(max_bytes + 1)
    except OSError as exc:
        raise XmlInputError(f"cannot read file: {exc.strerror}", file=name) from None


def read_xml(path: str | Path, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> etree._Element:
    """Read and parse an XML file with :func:`parse_xml`; the size is checked before the file is read."""
    return parse_xml(read_limited(path, max_bytes), name=str(path), max_bytes=max_bytes, max_depth=max_depth)
