"""A corpus: all statute versions and ratification records of a folder, with date queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lawcompare.errors import LawcompareError, RecordError, UnknownJurisdiction
from lawcompare.records.load import read_record, record_files
from lawcompare.records.models import (
    TRAFFICKING_TOPICS,
    Provision,
    RatificationsRecord,
    StatuteVersion,
    Topic,
)


def bundled_path(kind: str = "statutes") -> Path:
    """The folder of the data shipped with lawcompare (``statutes`` or ``rubrics``)."""
    here = Path(__file__).resolve()
    packaged = here.parents[1] / "data" / kind
    if packaged.is_dir():
        return packaged
    for parent in here.parents:
        candidate = parent / kind
        if candidate.is_dir() and (parent / "pyproject.toml").is_file():
            return candidate
    raise LawcompareError(f"cannot find the bundled {kind}/ folder; pass a path explicitly")


@dataclass(frozen=True)
class ProvisionInForce:
    """A provision together with the record (instrument version) it belongs to."""

    record: StatuteVersion
    provision: Provision

    @property
    def citation(self) -> str:
        """Pinpoint citation: instrument, provision label path and version."""
        return cite(self.record, self.provision)

    @property
    def article(self) -> ProvisionInForce:
        """The article this provision belongs to (itself if it is an article)."""
        return ProvisionInForce(self.record, article_of(self.record, self.provision))

    def source_citations(self) -> list[tuple[str, str | None]]:
        """(citation, url) of each source the provision rests on (its own, else its article's)."""
        refs = self.provision.sources or article_of(self.record, self.provision).sources
        out = []
        for ref in refs:
            src = self.record.source(ref.ref)
            if src is not None:
                out.append((src.cite(ref.lines, ref.page), src.url))  # the reference's pinpoint is the more precise
        return out

    @property
    def sources(self) -> list[str]:
        return [text + (f" <{url}>" if url else "") for text, url in self.source_citations()]


def article_of(record: StatuteVersion, provision: Provision) -> Provision:
    """The article ``provision`` belongs to (itself if it is an article)."""
    return record.provision(provision.article_id) or provision


def cite(record: StatuteVersion, provision: Provision) -> str:
    """``Criminal Code of the Republic of Kazakhstan (2014), Article 128, Part 2 [version from 2015-01-01]``."""
    labels = []
    node_id = ""
    for piece in provision.id.split("."):
        node_id = f"{node_id}.{piece}" if node_id else piece
        node = record.provision(node_id)
        labels.append(node.label if node and node.label else node_id)
    year = f" ({record.instrument.adopted.year})" if record.instrument.adopted else ""
    return (f"{record.instrument.title_en}{year}, {', '.join(labels)} "
            f"[version in force from {record.version.in_force_from.isoformat()}]")


class Corpus:
    """Statute versions and ratifications, by jurisdiction."""

    def __init__(self, records: Iterable[StatuteVersion], ratifications: Iterable[RatificationsRecord] = (),
                 root: Path | None = None) -> None:
        self.root = root
        self.records: list[StatuteVersion] = sorted(
            records, key=lambda r: (r.jurisdiction, r.instrument.id, r.version.in_force_from))
        self.ratifications: dict[str, RatificationsRecord] = {r.jurisdiction: r for r in ratifications}

    def __len__(self) -> int:
        return len(self.records)

    def __repr__(self) -> str:
        return f"<Corpus {len(self.records)} versions, jurisdictions {', '.join(self.jurisdictions())}>"

    def jurisdictions(self) -> list[str]:
        return sorted({r.jurisdiction for r in self.records} | set(self.ratifications))

    def _check(self, jurisdiction: str) -> str:
        code = jurisdiction.upper()
        if code not in self.jurisdictions():
            raise UnknownJurisdiction(
                f"no records for jurisdiction {jurisdiction!r}; the corpus holds: {', '.join(self.jurisdictions())}")
        return code

    def versions(self, jurisdiction: str, instrument_id: str | None = None) -> list[StatuteVersion]:
        code = self._check(jurisdiction)
        return [r for r in self.records if r.jurisdiction == code
                and (instrument_id is None or r.instrument.id == instrument_id)]

    def provision_at(self, jurisdiction: str, instrument_id: str, version_from: dt.date,
                     provision_id: str) -> ProvisionInForce | None:
        """A provision of one version of one instrument (as an evidence item cites it), if recorded."""
        for rec in self.versions(jurisdiction, instrument_id):
            if rec.version.in_force_from == version_from:
                node = rec.provision(provision_id)
                return ProvisionInForce(rec, node) if node is not None else None
        return None

    def instruments(self, jurisdiction: str) -> dict[str, list[StatuteVersion]]:
        out: dict[str, list[StatuteVersion]] = defaultdict(list)
        for r in self.versions(jurisdiction):
            out[r.instrument.id].append(r)
        return dict(out)

    def records_in_force(self, jurisdiction: str, on: dt.date) -> list[StatuteVersion]:
        """The version of each instrument in force on ``on`` (instruments not yet/no longer in force omitted)."""
        return [r for r in self.versions(jurisdiction) if r.version.covers(on)]

    def in_force(self, jurisdiction: str, on: dt.date | str) -> list[ProvisionInForce]:
        """All articles in force on ``on`` across all instruments (articles; walk them for parts)."""
        day = as_date(on)
        return [ProvisionInForce(r, a) for r in self.records_in_force(jurisdiction, day) for a in r.provisions]

    def trafficking_offences(self, jurisdiction: str, on: dt.date | str) -> list[ProvisionInForce]:
        """Criminal-code trafficking articles in force on ``on`` (empty if the code had none)."""
        return [p for p in self.in_force(jurisdiction, on)
                if p.record.instrument.type == "criminal_code" and TRAFFICKING_TOPICS & set(p.provision.topics)]

    def with_topic(self, jurisdiction: str, on: dt.date | str, topic: Topic | str) -> list[ProvisionInForce]:
        return [p for p in self.in_force(jurisdiction, on) if topic in p.provision.topics]

    def history(self, jurisdiction: str, article_ref: str) -> list[ProvisionInForce]:
        """Every version of one provision, oldest first.

        ``article_ref`` is a provision id (``art128`` or ``art128.2``), optionally prefixed by the
        instrument id (``kz-cc-2014:art128``) to pick one instrument where several use the same number.
        """
        instrument_id, _, pid = article_ref.rpartition(":")
        out = []
        for r in sorted(self.versions(jurisdiction, instrument_id or None),
                        key=lambda r: r.version.in_force_from):
            prov = r.provision(pid)
            if prov is not None:
                out.append(ProvisionInForce(r, prov))
        return out

    def change_dates(self, jurisdiction: str) -> list[dt.date]:
        """Every date on which some version of an instrument started or stopped being in force."""
        dates = set()
        for r in self.versions(jurisdiction):
            dates.add(r.version.in_force_from)
            if r.version.in_force_to:
                dates.add(r.version.in_force_to + dt.timedelta(days=1))
        return sorted(dates)


def as_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise LawcompareError(f"not a date: {value!r} (expected YYYY-MM-DD)") from None


def read_records(root: Path) -> tuple[list[StatuteVersion], list[RatificationsRecord], list[RecordError]]:
    """Every record file under ``root``, read and validated: (statute versions, ratifications, errors)."""
    statutes: list[StatuteVersion] = []
    ratifications: list[RatificationsRecord] = []
    errors: list[RecordError] = []
    for file in record_files(root):
        record, errs = read_record(file)
        errors.extend(errs)
        if isinstance(record, StatuteVersion):
            statutes.append(record)
        elif isinstance(record, RatificationsRecord):
            ratifications.append(record)
    return statutes, ratifications, errors


def load_corpus(path: str | Path | None = None) -> Corpus:
    """Load the bundled corpus (no ``path``) or a user's folder of records.

    Raises :class:`RecordError` listing every broken file if any record is invalid: a corpus is
    never loaded with records silently dropped. Run ``lawcompare validate`` for the full report.
    """
    root = Path(path) if path is not None else bundled_path("statutes")
    statutes, ratifications, errors = read_records(root)
    if errors:
        shown = "\n  ".join(e.describe() for e in errors[:20])
        more = f"\n  ... and {len(errors) - 20} more" if len(errors) > 20 else ""
        raise RecordError(f"{len(errors)} error(s) in the records:\n  {shown}{more}\n"
                          "Run `lawcompare validate` for the full report.", file=str(root))
    return Corpus(statutes, ratifications, root=root)
