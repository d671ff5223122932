"""Markdown and HTML memos from jinja2 templates, and writing a memo in any format to a file.

Templates are looked up first in the caller's folder (``templates=``), then in the package's
``memo/templates``: copy ``memo.md.j2`` or ``memo.html.j2`` into a folder, edit it, pass the folder.
HTML is autoescaped; Markdown output escapes every character that Markdown or embedded HTML would
interpret, so statute text can never become markup.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from lawcompare.errors import InputError
from lawcompare.io.files import write_atomic
from lawcompare.memo.models import Memo

FORMATS = ("md", "html", "docx")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+(?=[.)]))")
_URL = re.compile(r"https?://[^\s<>\"]+")


def _escape_line(line: str) -> str:
    line = _MD_SPECIAL.sub(r"\\\1", line)
    m = _MD_LINE_START.match(line)
    if m and m.group(2).isdigit():  # "1." would start a list: escape the dot
        end = m.end()
        return line[:end] + "\\" + line[end:]
    return _MD_LINE_START.sub(r"\1\\\2", line) if m else line


def md_escape(text: object) -> str:
    """Backslash-escape Markdown punctuation and line-start markers; collapse line breaks (inline use)."""
    return _escape_line(" ".join(str(text).split()))


def md_block(text: object, prefix: str = "> ") -> str:
    """A quoted block, one escaped line per line of ``text``."""
    lines = [_escape_line(line.strip()) for line in str(text).splitlines() if line.strip()]
    return "\n".join(prefix + line for line in lines) or prefix.rstrip()


def md_url(url: str | None) -> str:
    """An autolink for a URL that is safe to print (no spaces or angle brackets), else escaped text."""
    if not url:
        return ""
    return f"<{url}>" if _URL.fullmatch(url) else md_escape(url)


def _html_url(url: str | None) -> Markup:
    if url and _URL.fullmatch(url):
        return Markup('<a href="{0}" rel="noopener">{0}</a>').format(url)
    return escape(url or "")


def environment(templates: str | Path | None = None) -> Environment:
    loaders: list = [PackageLoader("lawcompare.memo", "templates")]
    if templates is not None:
        folder = Path(templates)
        if not folder.is_dir():
            raise InputError(f"template folder not found: {folder}")
        loaders.insert(0, FileSystemLoader(str(folder)))
    env = Environment(loader=ChoiceLoader(loaders), autoescape=select_autoescape(["html", "html.j2"]),
                      undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True,
                      lstrip_blocks=True)
    env.filters.update(md=md_escape, md_block=md_block, md_url=md_url, html_url=_html_url)
    return env


def render_markdown(memo: Memo, templates: str | Path | None = None) -> str:
    return environment(templates).get_template("memo.md.j2").render(memo=memo)


def render_html(memo: Memo, templates: str | Path | None = None) -> str:
    return environment(templates).get_template("memo.html.j2").render(memo=memo)


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The format named, or guessed from the file suffix (.md, .html/.htm, .docx)."""
    if fmt is None:
        suffix = Path(path).suffix.lower().lstrip(".")
        fmt = {"htm": "html", "markdown": "md"}.get(suffix, suffix)
    if fmt not in FORMATS:
        raise InputError(f"unknown memo format {fmt!r} for {path}; use one of {', '.join(FORMATS)}")
    return fmt


def write_memo(memo: Memo, path: str | Path, fmt: str | None = None, templates: str | Path | None = None,
               *, overwrite: bool = True) -> Path:
    """Write ``memo`` to ``path`` as md, html or docx (format from ``fmt`` or the suffix), atomically."""
    out = Path(path)
    kind = format_for(out, fmt)
    hint = "pass overwrite=True (CLI: --force) to replace it"
    if out.exists() and not overwrite:  # before the work of rendering
        raise InputError(f"already exists; {hint}", file=str(out))
    if kind == "docx":
        from lawcompare.memo.docx_writer import docx_bytes

        data = docx_bytes(memo)
    else:
        data = (render_markdown(memo, templates) if kind == "md" else render_html(memo, templates)).encode("utf-8")
    return write_atomic(out, data, force=overwrite, exists_hint=hint)
