"""Rendering: self-contained HTML reports (jinja2, autoescaped), memos."""
