"""Whether the Protocol and UNTOC bound a state on a date, from its ratification record."""

from __future__ import annotations

import datetime as dt

from lawcompare.assess.models import TreatyStatus
from lawcompare.records.corpus import Corpus
from lawcompare.records.models import TREATY_TITLES, Treaty


def treaty_status(corpus: Corpus, jurisdiction: str, on: dt.date) -> list[TreatyStatus]:
    rec = corpus.ratifications.get(jurisdiction)
    out = []
    for treaty in Treaty:
        title = TREATY_TITLES[treaty]
        entry = rec.get(treaty) if rec else None
        if entry is None:
            out.append(TreatyStatus(treaty=treaty.value, title=title, bound=None,
                                    note="no ratification record; status unknown"))
            continue
        bound = entry.binding_on(on)
        since = entry.entry_into_force or entry.consent
        if bound is None:
            note = "ratification date not confirmed"
        elif bound:
            note = f"bound since {since.isoformat()}" + (" (date uncertain)" if entry.uncertain else "")
        else:
            note = f"not yet bound (consent {since.isoformat()})"
        out.append(TreatyStatus(treaty=treaty.value, title=title, bound=bound, since=since, note=note))
    return out
