"""Plain data views of the corpus, for JSON output and tables."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lawcompare.records.corpus import Corpus


def penalty_json(penalty) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    dol = penalty.deprivation_of_liberty
    return {
        "deprivation_of_liberty": None if dol is None else
        {"min_years": dol.min_years, "max_years": dol.max_years, "life": dol.life},
        "restriction_of_liberty": (penalty.restriction_of_liberty.model_dump()
                                   if penalty.restriction_of_liberty else None),
        "correctional_labour": penalty.correctional_labour.model_dump() if penalty.correctional_labour else None,
        "fine": penalty.fine,
        "confiscation": penalty.confiscation.value,
        "disqualification": penalty.disqualification.model_dump() if penalty.disqualification else None,
        "other": penalty.other,
        "summary": penalty.describe(),
    }


def provisions_in_force_json(corpus: Corpus, jurisdiction: str, on: dt.date) -> dict[str, Any]:
    items = []
    for pif in corpus.in_force(jurisdiction, on):
        rec, art = pif.record, pif.provision
        penalties = [{"provision": n.id, **penalty_json(n.penalty)} for n in art.walk() if n.penalty]
        uncertain = [f"{u.field}: {u.note}" for u in rec.uncertain] + \
                    [f"{n.id} {u.field}: {u.note}" for n in art.walk() for u in n.uncertain]
        items.append({
            "instrument": rec.instrument.id,
            "instrument_title": rec.instrument.title_en,
            "instrument_type": rec.instrument.type.value,
            "version": {"in_force_from": rec.version.in_force_from.isoformat(),
                        "in_force_to": rec.version.in_force_to.isoformat() if rec.version.in_force_to else None},
            "article": art.id,
            "label": art.label,
            "heading": art.heading,
            "topics": [t.value for t in art.topics],
            "text_basis": art.text_basis.value if art.text_basis else None,
            "citation": pif.citation,
            "penalties": penalties,
            "sources": pif.sources,
            "unofficial_translation": True,
            "uncertain": uncertain,
        })
    return {
        "jurisdiction": jurisdiction.upper(),
        "on": on.isoformat(),
        "trafficking_offence_in_force": bool(corpus.trafficking_offences(jurisdiction, on)),
        "provisions": items,
    }
