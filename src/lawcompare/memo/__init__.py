"""Amendment memos: from a gap report to a document a lawyer can edit and send."""

from lawcompare.memo.build import build_memo
from lawcompare.memo.models import Memo
from lawcompare.memo.render import render_html, render_markdown, write_memo

__all__ = ["Memo", "build_memo", "render_html", "render_markdown", "write_memo"]
