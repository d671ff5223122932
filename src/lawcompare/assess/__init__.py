"""Assessment: combine the instruments in force on a date into a gap report per criterion."""

from lawcompare.assess.rules import assess

__all__ = ["assess"]
