"""The bundled corpus: loading, date queries, history, trafficking offences, sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import minimal_record, set_path, write_record

from lawcompare.errors import LawcompareError, RecordError, UnknownJurisdiction
from lawcompare.records.corpus import Corpus, as_date, load_corpus
from lawcompare.records.models import ProvisionKind, StatuteVersion

STATES = ["KG", "KZ", "TJ", "TM", "UZ"]


def test_loads_and_jurisdictions(corpus: Corpus) -> None:
    assert len(corpus) > 0
    assert corpus.jurisdictions() == STATES
    assert all(isinstance(r, StatuteVersion) for r in corpus.records)
    assert set(corpus.ratifications) == set(STATES)
    for code in STATES:
        assert corpus.versions(code), code
        assert all(r.jurisdiction == code for r in corpus.versions(code))


def test_jurisdiction_is_case_insensitive(corpus: Corpus) -> None:
    assert corpus.versions("kz") == corpus.versions("KZ")


@pytest.mark.parametrize("code", ["XX", "RU", ""])
def test_unknown_jurisdiction(corpus: Corpus, code: str) -> None:
    with pytest.raises(UnknownJurisdiction) as info:
        corpus.in_force(code, "2010-01-01")
    assert "KZ" in str(info.value)  # names what the corpus holds
    assert isinstance(info.value, LawcompareError)


def _consecutive_pairs(corpus: Corpus) -> list[tuple[StatuteVersion, StatuteVersion]]:
    pairs = []
    for code in corpus.jurisdictions():
        for versions in corpus.instruments(code).values():
            for old, new in zip(versions, versions[1:], strict=False):
                if old.version.in_force_to and old.version.in_force_to + dt.timedelta(days=1) == \
                        new.version.in_force_from:
                    pairs.append((old, new))
    return pairs


def test_in_force_boundary_dates(corpus: Corpus) -> None:
    pairs = _consecutive_pairs(corpus)
    assert len(pairs) >= 5, "the bundled corpus should contain consecutive versions"
    for old, new in pairs:
        code, inst = new.jurisdiction, new.instrument.id
        start = new.version.in_force_from
        before = start - dt.timedelta(days=1)

        def version_on(day: dt.date, code: str = code, inst: str = inst) -> list[StatuteVersion]:
            return [r for r in corpus.records_in_force(code, day) if r.instrument.id == inst]

        assert version_on(start) == [new], (inst, start)
        assert version_on(before) == [old], (inst, before)
        # in_force returns the articles of exactly that record
        arts_on_start = [p for p in corpus.in_force(code, start) if p.record.instrument.id == inst]
        assert {id(p.record) for p in arts_on_start} <= {id(new)}
        assert [p.provision.id for p in arts_on_start] == [a.id for a in new.provisions]
        arts_before = [p for p in corpus.in_force(code, before.isoformat()) if p.record.instrument.id == inst]
        assert [p.provision.id for p in arts_before] == [a.id for a in old.provisions]
        assert all(p.record is old for p in arts_before)


def test_in_force_returns_articles_only(corpus: Corpus) -> None:
    items = corpus.in_force("KZ", "2016-01-01")
    assert items
    assert all(p.provision.kind == ProvisionKind.article for p in items)


def test_nothing_in_force_before_any_code(corpus: Corpus) -> None:
    assert corpus.in_force("KZ", "1900-01-01") == []
    assert corpus.trafficking_offences("KZ", "1900-01-01") == []


def test_history_oldest_first(corpus: Corpus) -> None:
    checked = 0
    for code in corpus.jurisdictions():
        for inst, versions in corpus.instruments(code).items():
            if len(versions) < 2:
                continue
            for art in versions[-1].provisions:
                hist = corpus.history(code, f"{inst}:{art.id}")
                starts = [h.record.version.in_force_from for h in hist]
                assert starts == sorted(starts) and len(set(starts)) == len(starts)
                assert all(h.record.instrument.id == inst and h.provision.id == art.id for h in hist)
                assert hist[-1].record is versions[-1]
                expected = [v for v in versions if v.provision(art.id) is not None]
                assert [h.record for h in hist] == expected
                checked += 1
    assert checked > 5


def test_history_without_instrument_prefix_spans_instruments(corpus: Corpus) -> None:
    # KZ has art128 in both the 1997 and 2014 codes
    hist = corpus.history("KZ", "art128")
    starts = [h.record.version.in_force_from for h in hist]
    assert starts == sorted(starts)
    assert {h.record.instrument.id for h in hist} >= {"kz-cc-1997", "kz-cc-2014"}
    assert corpus.history("KZ", "art99999") == []


def test_history_of_a_part(corpus: Corpus) -> None:
    hist = corpus.history("KZ", "kz-cc-2014:art128.1")
    assert hist and all(h.provision.id == "art128.1" for h in hist)
    assert all(h.provision.kind == ProvisionKind.part for h in hist)


def test_turkmenistan_trafficking_offence_dates(corpus: Corpus) -> None:
    # The 1997 Code had no trafficking article until the 2010 edition (art. 129-1).
    assert corpus.trafficking_offences("TM", "2005-06-01") == []
    later = corpus.trafficking_offences("TM", "2016-01-01")
    assert later
    assert all(p.record.instrument.type == "criminal_code" for p in later)
    assert [p.provision.id for p in later] == ["art129-1"]


@pytest.mark.parametrize("day", ["2016-01-01", "2025-06-01"])
@pytest.mark.parametrize("code", STATES)
def test_every_state_has_a_code_offence(corpus: Corpus, code: str, day: str) -> None:
    # Verified against the data: all five states have a criminal-code trafficking article in force
    # on both dates (TM: art. 129-1 of the 2010 edition, then art. 128 of the 2023 edition).
    offences = corpus.trafficking_offences(code, day)
    assert offences
    for p in offences:
        assert p.record.instrument.type == "criminal_code"
        assert p.record.version.covers(as_date(day))
        assert {"trafficking_in_persons", "trafficking_in_minors", "recruitment_for_exploitation"} & {
            t.value for t in p.provision.topics}


def test_special_laws_are_not_offences(corpus: Corpus) -> None:
    special = [p for p in corpus.in_force("KZ", "2025-06-01") if p.record.instrument.type != "criminal_code"]
    assert special, "the 2024 KZ law should be in force"
    offences = corpus.trafficking_offences("KZ", "2025-06-01")
    assert not any(p.record.instrument.type != "criminal_code" for p in offences)


def test_every_article_cites_a_resolving_source(corpus: Corpus) -> None:
    articles = 0
    for record in corpus.records:
        known = {s.id for s in record.sources}
        for art in record.provisions:
            articles += 1
            assert art.sources, f"{record.file}: {art.id} has no sources"
            assert any(ref.ref in known for ref in art.sources), f"{record.file}: {art.id}"
            assert all(ref.ref in known for ref in art.sources), f"{record.file}: {art.id}"
    assert articles > 30


def test_provision_in_force_citation_and_sources(corpus: Corpus) -> None:
    (p,) = corpus.trafficking_offences("TM", "2016-01-01")
    assert p.citation.startswith("Criminal Code of Turkmenistan (1997), Article 129-1")
    assert "[version in force from 2010-05-10]" in p.citation
    assert p.sources and all(isinstance(s, str) and s for s in p.sources)


def test_every_record_is_an_unofficial_translation(corpus: Corpus) -> None:
    assert all(r.translation.unofficial is True for r in corpus.records)


def test_file_names_match_records(corpus: Corpus) -> None:
    for r in corpus.records:
        assert Path(r.file or "").name == f"{r.key}.yaml"
        assert Path(r.file or "").parent.name == r.jurisdiction.lower()


def test_change_dates_sorted(corpus: Corpus) -> None:
    dates = corpus.change_dates("TM")
    assert dates == sorted(dates)
    assert dt.date(2010, 5, 10) in dates


@pytest.mark.parametrize("bad", ["2014-13-01", "yesterday", "01.02.2010"])
def test_as_date_rejects_bad_dates(bad: str) -> None:
    with pytest.raises(LawcompareError, match="not a date"):
        as_date(bad)


def test_as_date_accepts_dates() -> None:
    assert as_date("2010-01-01") == dt.date(2010, 1, 1)
    assert as_date(dt.datetime(2010, 1, 1, 12)) == dt.date(2010, 1, 1)


def test_load_corpus_from_folder(tmp_path: Path) -> None:
    write_record(tmp_path / "kz")
    c = load_corpus(tmp_path)
    assert c.jurisdictions() == ["KZ"]
    assert [p.provision.id for p in c.trafficking_offences("KZ", "2012-01-01")] == ["art128"]
    assert c.trafficking_offences("KZ", "2015-01-01") == []


def test_load_corpus_refuses_broken_records(tmp_path: Path) -> None:
    write_record(tmp_path / "kz")
    bad = set_path(minimal_record(), ("provisions", 0, "heading"), None)
    bad["provisions"][0]["headnig"] = "typo"
    bad["instrument"]["id"] = "kz-law-2099"
    path = write_record(tmp_path / "kz", bad)
    with pytest.raises(RecordError) as info:
        load_corpus(tmp_path)
    assert str(path) in str(info.value) and "headnig" in str(info.value)
