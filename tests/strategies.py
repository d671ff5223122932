"""Hypothesis strategies shared by the property tests (hostile input, schema agreement)."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st


def value_paths(node: Any, base: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside nested dicts and lists (not the root itself)."""
    out = [base] if base else []
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(value_paths(v, (*base, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(value_paths(v, (*base, i)))
    return out


@st.composite
def mutated_document(draw: st.DrawFn, original: Any, values: st.SearchStrategy[Any], new_keys: st.SearchStrategy[str],
                     max_changes: int = 4) -> Any:
    """``original`` with 1..max_changes changes: a value replaced by one of ``values``, a key or item
    dropped, or a key from ``new_keys`` added to a mapping."""
    data = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, max_changes))):
        paths = value_paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        op = draw(st.sampled_from(["set", "drop", "add"]))
        if op == "set":
            parent[path[-1]] = copy.deepcopy(draw(values))
        elif op == "drop":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(new_keys)] = copy.deepcopy(draw(values))
    return data
