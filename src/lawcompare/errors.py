"""Errors a user can act on. Anything else escaping the library is a bug.

Every error names where the problem is (file, line, field) when that is known, so that a
researcher can open the file and fix it.
"""

from __future__ import annotations


class LawcompareError(Exception):
    """Base class for errors caused by input the user can fix."""


class Located(LawcompareError):
    """An error at a place in a file: ``file:line: field: message``."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        super().__init__(self.describe())

    def describe(self) -> str:
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


class YamlError(Located):
    """A YAML file could not be read safely (syntax, aliases, size, binary content)."""


class RecordError(Located):
    """A statute or ratification record breaks the record format."""


class RubricError(Located):
    """A rubric file breaks the rubric format or names an unknown criterion."""


class UnknownJurisdiction(LawcompareError):
    """A jurisdiction code that the corpus does not hold."""


class InputError(Located):
    """Input text or a document that cannot be processed (too large, not text, broken markup)."""
