"""Lemmas by word form, cached: spaCy's English lookup table and pymorphy3 for Russian.

Both are loaded on first use (never at import) and need no downloads at run time: the English
table ships in the ``spacy-lookups-data`` package and the Russian dictionaries in
``pymorphy3-dicts-ru``.
"""

from __future__ import annotations

from functools import lru_cache


class Lemmatizer:
    """``lemma(word)`` and ``known(word)`` for one language, cached by lower-case word form."""

    def __init__(self, lang: str) -> None:
        if lang not in ("en", "ru"):
            from lawcompare.errors import LawcompareError

            raise LawcompareError(f"unsupported language {lang!r}; supported: en, ru")
        self.lang = lang
        self._cache: dict[str, str] = {}
        self._table: dict[str, str] | None = None
        self._known: set[str] | None = None
        self._morph = None

    def _load(self) -> None:
        if self.lang == "en":
            if self._table is None:
                self._table, self._known = _english_table()
        elif self._morph is None:
            self._morph = _morph()

    def lemma(self, word: str) -> str:
        w = word.lower()
        hit = self._cache.get(w)
        if hit is not None:
            return hit
        self._load()
        if self.lang == "en":
            assert self._table is not None
            lemma = self._table.get(w) or _english_fallback(w, self._table)
        else:
            lemma = self._morph.parse(w)[0].normal_form if any("а" <= c <= "я" for c in w) else w  # type: ignore[union-attr]
        self._cache[w] = lemma
        return lemma

    def known(self, word: str) -> bool:
        w = word.lower()
        self._load()
        if self.lang == "en":
            assert self._known is not None
            return w in self._known or w in self._cache and self._cache[w] != w
        return bool(self._morph.word_is_known(w))  # type: ignore[union-attr]

    def forms(self, lemma: str) -> set[str]:
        """Inflected forms of a lemma (Russian: from the dictionary; English: table entries)."""
        self._load()
        if self.lang == "ru":
            out = {lemma}
            for parse in self._morph.parse(lemma)[:2]:  # type: ignore[union-attr]
                out.update(f.word for f in parse.lexeme)
            return out
        assert self._table is not None
        return {lemma} | _english_inverse().get(lemma, set())


@lru_cache(maxsize=1)
def _english_table() -> tuple[dict[str, str], set[str]]:
    import gzip
    import json
    from importlib.resources import files

    data = files("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz"
    with data.open("rb") as fh:
        table: dict[str, str] = json.loads(gzip.decompress(fh.read()))
    known = set(table) | set(table.values())
    # British spellings that the (American) table lacks
    for us, uk in (("harbor", "harbour"), ("labor", "labour")):
        for k, v in list(table.items()):
            if us in k:
                table[k.replace(us, uk)] = v.replace(us, uk)
        known.update(k.replace(us, uk) for k in list(known) if us in k)
    table.setdefault("harbouring", "harbour")
    table.setdefault("harboured", "harbour")
    return table, known


@lru_cache(maxsize=1)
def _english_inverse() -> dict[str, set[str]]:
    table, _ = _english_table()
    inv: dict[str, set[str]] = {}
    for k, v in table.items():
        inv.setdefault(v, set()).add(k)
    return inv


def _english_fallback(w: str, table: dict[str, str]) -> str:
    for suffix, repl in (("ies", "y"), ("s", ""), ("ing", ""), ("ed", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 3:
            stem = w[: -len(suffix)] + repl
            if stem in table or stem in table.values():
                return table.get(stem, stem)
    return w


@lru_cache(maxsize=1)
def _morph():  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=2)
def lemmatizer(lang: str) -> Lemmatizer:
    return Lemmatizer(lang)
