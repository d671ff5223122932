"""Akoma Ntoso 3.0 export/import and the hardened XML door (issue 6)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from conftest import minimal_record, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from lawcompare.errors import InputError
from lawcompare.interop.akn import from_akn, import_akn, read_akn, record_yaml, to_akn, write_akn
from lawcompare.interop.akn_names import id_from_eid
from lawcompare.interop.safe_xml import XmlInputError, parse_xml, read_xml
from lawcompare.io import yaml as lcyaml
from lawcompare.records.load import read_record
from lawcompare.records.models import RatificationsRecord, StatuteVersion
from lawcompare.records.validate import check_statute

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS = {"a": AKN, "lc": "urn:lawcompare:akn:1"}
FIXTURES = Path(__file__).parent / "data" / "akn"


def detached(record: StatuteVersion) -> StatuteVersion:
    """The same record without the file/line bookkeeping of a loaded YAML file."""
    return StatuteVersion.model_validate(record.model_dump())


def by_key(corpus, key: str) -> StatuteVersion:
    return next(r for r in corpus.records if r.key == key)


def xml(record: StatuteVersion) -> etree._Element:
    return etree.fromstring(to_akn(record))


def one(root: etree._Element, path: str) -> etree._Element:
    found = root.xpath(path, namespaces=NS)
    assert len(found) == 1, f"{path}: {len(found)} matches"
    return found[0]


# ---- round trip over the whole corpus -------------------------------------------------------------


def test_round_trip_whole_corpus(corpus) -> None:
    assert len(corpus.records) >= 30
    for record in corpus.records:
        back = from_akn(to_akn(record), name=record.key)
        assert back == detached(record), record.key
        assert record_yaml(back) == record_yaml(record), record.key
        assert lcyaml.dumps(back.model_dump(mode="json")) == lcyaml.dumps(record.model_dump(mode="json")), record.key


def test_export_is_deterministic_and_reexport_is_identical(corpus) -> None:
    record = by_key(corpus, "tm-cc-1997@2010-05-10")
    first = to_akn(record)
    assert to_akn(record) == first
    assert to_akn(from_akn(first)) == first


def test_round_trip_of_awkward_records() -> None:
    data = minimal_record()
    data["notes"] = "Line one\n  indented line two\n\nline four after a blank line"
    data["version"]["amended_by"] = [{"title_en": "Amending law", "number": "12/III", "date": dt.date(2009, 12, 1)},
                                     {"title_original": "Закон без даты"}]
    data["version"]["in_force_to"] = None
    part = data["provisions"][0]["children"][0]
    part["text"] = "Tabs\there, CR\r\nand a 'quote' \"double\" <b>not markup</b> & ampersand"
    part["heading"] = ""
    part["terms"] = {"вербовка": "recruitment", "a <b> & 'c'": "odd key"}
    part["penalty"] = {"deprivation_of_liberty": {"min_years": 0.25, "max_years": None, "life": True},
                       "fine": "", "confiscation": "optional"}
    data["provisions"][0]["children"].append({"id": "art128.note", "kind": "note", "label": "Note"})
    data["provisions"].append({"id": "art5", "kind": "article", "topics": ["other"], "sources": [{"ref": "src1"}],
                               "text_basis": "official", "children": [{"id": "art128.9", "kind": "point",
                                                                       "text": "child id outside its parent"}]})
    data["instrument"].update(number=None, adopted=None, title_original="Кодекс")
    record = StatuteVersion.model_validate(data)
    back = from_akn(to_akn(record))
    assert back == record
    assert back.provision("art128.note").text is None
    assert back.provision("art128.1").heading == ""
    assert back.provisions[1].children[0].id == "art128.9"


_XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff",
                                  max_codepoint=0x2FFF).filter(lambda c: c in "\t\n\r" or c >= " "), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_XML_TEXT, heading=_XML_TEXT, label=_XML_TEXT, note=_XML_TEXT, term=_XML_TEXT)
def test_round_trip_property(text: str, heading: str, label: str, note: str, term: str) -> None:
    data = minimal_record(notes=note)
    article = data["provisions"][0]
    article.update(heading=heading, label=label, terms={term or "k": term})
    article["children"][1]["text"] = text
    record = StatuteVersion.model_validate(data)
    assert from_akn(to_akn(record)) == record


# ---- URIs and FRBR metadata -------------------------------------------------------------------------


def test_frbr_uris_and_metadata(corpus) -> None:
    root = xml(by_key(corpus, "kz-cc-2014@2015-01-01"))
    work, expression = "/akn/kz/act/2014-07-03/226-v", "/akn/kz/act/2014-07-03/226-v/eng@2015-01-01"
    ident = one(root, "/a:akomaNtoso/a:act/a:meta/a:identification")
    assert ident.get("source") == "#lawcompare"
    assert one(ident, "a:FRBRWork/a:FRBRuri").get("value") == work
    assert one(ident, "a:FRBRWork/a:FRBRthis").get("value") == work + "/!main"
    assert one(ident, "a:FRBRWork/a:FRBRdate").get("date") == "2014-07-03"
    assert one(ident, "a:FRBRWork/a:FRBRcountry").get("value") == "kz"
    assert one(ident, "a:FRBRWork/a:FRBRnumber").get("value") == "226-V"
    assert one(ident, "a:FRBRWork/a:FRBRname").get("value") == "Criminal Code of the Republic of Kazakhstan"
    assert one(ident, "a:FRBRExpression/a:FRBRuri").get("value") == expression
    assert one(ident, "a:FRBRExpression/a:FRBRdate").get("date") == "2015-01-01"
    assert one(ident, "a:FRBRExpression/a:FRBRlanguage").get("language") == "eng"
    assert one(ident, "a:FRBRExpression/a:FRBRauthoritative").get("value") == "false"
    assert one(ident, "a:FRBRManifestation/a:FRBRthis").get("value") == expression + "/main.xml"
    for href in root.xpath("//a:FRBRauthor/@href | //a:eventRef/@source", namespaces=NS):
        assert root.xpath(f"//*[@eId='{href[1:]}']"), f"{href} points at nothing"
    assert one(root, "/a:akomaNtoso/a:act").get("name") == "criminal_code"


def test_uri_without_number_and_official_language() -> None:
    data = minimal_record()
    data["instrument"].update(number=None, adopted=dt.date(1997, 6, 12))
    data["translation"]["language"] = "ru"
    root = xml(StatuteVersion.model_validate(data))
    assert one(root, "//a:FRBRExpression/a:FRBRuri").get("value") == "/akn/kz/act/1997-06-12/nn/rus@2010-01-01"
    assert root.xpath("//a:FRBRnumber", namespaces=NS) == []


def test_lifecycle_and_references(corpus) -> None:
    record = next(r for r in corpus.records if any(a.date and a.number for a in r.version.amended_by))
    act = next(a for a in record.version.amended_by if a.date and a.number)
    root = xml(record)
    ref = one(root, f"//a:references/a:passiveRef[@showAs={act.title_en!r}]")
    assert ref.get("href") == f"/akn/{record.jurisdiction.lower()}/act/{act.date.isoformat()}/{act.number.lower()}"
    event = one(root, f"//a:lifecycle/a:eventRef[@source='#{ref.get('eId')}']")
    assert (event.get("date"), event.get("type")) == (act.date.isoformat(), "amendment")
    assert one(root, "/a:akomaNtoso/a:act").get("contains") == "singleVersion"
    tlc = root.xpath("//a:references/a:TLCReference", namespaces=NS)
    assert [t.get("href") for t in tlc if not t.get("href").startswith("/ontology/")] == \
        [s.url for s in record.sources if s.url]
    # every source survives in full in the lawcompare block
    ids = root.xpath("//lc:record/lc:sources/lc:item/lc:id/text()", namespaces=NS)
    assert ids == [s.id for s in record.sources]


# ---- body and eIds --------------------------------------------------------------------------------------


def test_eids_and_body_structure(corpus) -> None:
    record = by_key(corpus, "tm-cc-1997@2010-05-10")
    root = xml(record)
    article = one(root, "//a:body/a:article[@eId='art_129-1']")
    assert one(article, "a:num").text == "Article 129-1"
    assert one(article, "a:heading").text == "Trafficking in persons"
    para = one(article, "a:paragraph[@eId='art_129-1__para_2']")
    assert one(para, "a:intro/a:p").text == record.provision("art129-1.2").text
    point = one(para, "a:point[@eId='art_129-1__para_2__point_3']")
    assert one(point, "a:content/a:p").text == record.provision("art129-1.2.3").text
    note = one(article, "a:paragraph[@eId='art_129-1__para_note1']")
    assert note.get("class") == "note"


def test_every_corpus_provision_has_a_unique_eid_that_maps_back(corpus) -> None:
    for record in corpus.records:
        root = xml(record)
        eids = root.xpath("//a:body//*[@eId]/@eId", namespaces=NS)
        assert len(eids) == len(set(eids)) == sum(1 for _ in record.iter_provisions()), record.key
        assert [id_from_eid(e) for e in eids] == [p.id for p in record.iter_provisions()], record.key
        for element in root.xpath("//a:body//*[@eId]", namespaces=NS):
            parent = element.getparent()
            if parent.get("eId"):
                assert element.get("eId").startswith(parent.get("eId") + "__")


def test_penalties_and_annotations_in_proprietary_block(corpus) -> None:
    record = next(r for r in corpus.records if any(p.annotations for p in r.iter_provisions()))
    root = xml(record)
    provisions = list(record.iter_provisions())
    blocks = root.xpath("//lc:provisions/lc:provision", namespaces=NS)
    assert len(blocks) == len(provisions)
    for provision, block in zip(provisions, blocks, strict=True):
        words = block.xpath("lc:annotations/lc:item/lc:words/text()", namespaces=NS)
        assert words == [a.words for a in provision.annotations]
        topics = block.xpath("lc:topics/lc:item/text()", namespaces=NS)
        assert topics == [t.value for t in provision.topics]
        dol = provision.penalty.deprivation_of_liberty if provision.penalty else None
        maxima = block.xpath("lc:penalty/lc:deprivation_of_liberty/lc:max_years/text()", namespaces=NS)
        assert maxima == ([repr(dol.max_years)] if dol and dol.max_years is not None else [])


def test_text_is_escaped() -> None:
    data = minimal_record(notes="See <script>alert('notes')</script> & more")
    data["provisions"][0]["heading"] = "Trafficking <script>alert(1)</script> & co"
    data["provisions"][0]["children"][0]["text"] = "A & B <script>x</script> \"quoted\""
    data["sources"][0]["title"] = 'Portal "<evil>" & co'
    record = StatuteVersion.model_validate(data)
    out = to_akn(record)
    assert b"<script>" not in out and b"<evil>" not in out
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in out
    assert b"A &amp; B &lt;script&gt;x&lt;/script&gt;" in out
    assert from_akn(out) == record


def test_characters_xml_cannot_hold_are_refused_with_the_field() -> None:
    data = minimal_record()
    data["provisions"][0]["children"][1]["text"] = "bell \x07 here"
    with pytest.raises(InputError) as err:
        to_akn(StatuteVersion.model_validate(data))
    assert "provisions[0].children[1].text" in str(err.value) and "U+0007" in str(err.value)


def test_ratifications_are_not_acts(corpus) -> None:
    ratifications = next(iter(corpus.ratifications.values()))
    assert isinstance(ratifications, RatificationsRecord)
    with pytest.raises(InputError, match="not an act"):
        to_akn(ratifications)  # type: ignore[arg-type]


# ---- the hardened parser ----------------------------------------------------------------------------


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="act">&xxe;</act></akomaNtoso>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
""" + b"".join(
    f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">\n'.encode() for i in range(1, 10)
) + b"""]>
<lolz>&lol9;</lolz>"""


def test_xxe_refused_with_file_and_line() -> None:
    with pytest.raises(InputError) as err:
        from_akn(XXE, name="evil.xml")
    message = str(err.value)
    assert message.startswith("evil.xml:2: ") and "DOCTYPE" in message
    assert "root:" not in message


def test_external_dtd_refused() -> None:
    with pytest.raises(XmlInputError, match="DOCTYPE"):
        parse_xml(b'<!DOCTYPE a SYSTEM "http://example.invalid/a.dtd"><a/>', name="ext.xml")


def test_billion_laughs_refused_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(InputError, match="DOCTYPE") as err:
        parse_xml(LAUGHS, name="laughs.xml")
    assert time.perf_counter() - start < 1.0
    assert err.value.file == "laughs.xml"


def test_oversize_refused_before_parsing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="over the 100-byte limit"):
        parse_xml(b"<a>" + b"x" * 200 + b"</a>", name="big.xml", max_bytes=100)
    with pytest.raises(InputError, match="over the 100-byte limit"):
        import_akn(b"<a>" + b"x" * 200 + b"</a>", name="big.xml", max_bytes=100)
    path = tmp_path / "big.xml"
    path.write_bytes(b"<a>" + b"x" * 200 + b"</a>")
    with pytest.raises(InputError, match="file is 207 bytes"):
        read_xml(path, max_bytes=100)


def test_malformed_xml_has_line_and_column() -> None:
    with pytest.raises(XmlInputError) as err:
        parse_xml(b"<a>\n  <b>text\n</a>\n", name="broken.xml")
    assert err.value.line == 3 and err.value.column
    assert str(err.value).startswith(f"broken.xml:3:{err.value.column}: malformed XML")


def test_deep_nesting_refused() -> None:
    deep = b"<a>" * 60 + b"</a>" * 60
    assert parse_xml(deep, name="ok.xml").tag == "a"
    with pytest.raises(XmlInputError, match="deeper than 50"):
        parse_xml(deep, name="deep.xml", max_depth=50)
    with pytest.raises(XmlInputError):
        parse_xml(b"<a>" * 400 + b"</a>" * 400, name="deeper.xml")


_XML_PIECES = ["<a>", "</a>", "<b x='1'>", "</b>", "<c/>", "text", " & ", "&amp;", "&ent;", "&#0;", "&#x41;",
               "<!DOCTYPE a>", "<!DOCTYPE a [<!ENTITY e 'x'>]>", "<!ENTITY e SYSTEM 'file:///etc/passwd'>",
               "<?xml version='1.0'?>", "<?pi x?>", "<!-- c -->", "<![CDATA[<x>]]>", "\n", "\x00", "\xff", "é",
               f"<akomaNtoso xmlns='{AKN}'>", "</akomaNtoso>", "<act name='a'>", "</act>", "<meta>", "</meta>"]


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=200),
                 st.lists(st.sampled_from(_XML_PIECES), max_size=30).map(lambda xs: "".join(xs).encode())))
def test_parser_and_importer_raise_only_input_errors(data: bytes) -> None:
    """Hostile bytes give a located InputError (or a parsed tree), never another exception."""
    for reader in (parse_xml, from_akn):
        try:
            reader(data, name="fuzz.xml")
        except InputError as exc:
            assert exc.file == "fuzz.xml"


def test_not_an_act_and_wrong_namespace() -> None:
    with pytest.raises(InputError, match="only acts"):
        from_akn(f'<akomaNtoso xmlns="{AKN}"><bill name="b"/></akomaNtoso>'.encode(), name="bill.xml")
    with pytest.raises(InputError, match="namespace"):
        from_akn(b'<akomaNtoso xmlns="http://www.akomantoso.org/2.0"><act name="a"/></akomaNtoso>', name="old.xml")
    with pytest.raises(InputError, match="not an Akoma Ntoso document"):
        from_akn(b"<html/>", name="page.xml")


def test_edited_own_document_is_refused(corpus) -> None:
    root = xml(by_key(corpus, "kz-cc-2014@2015-01-01"))
    body = one(root, "//a:body")
    body.remove(body[0])
    with pytest.raises(InputError, match="edited by hand"):
        from_akn(etree.tostring(root), name="edited.xml")


# ---- documents lawcompare did not write ----------------------------------------------------------------


def test_import_russian_act() -> None:
    result = import_akn((FIXTURES / "xx-law-ru.xml").read_bytes(), name="xx-law-ru.xml")
    record = result.record
    assert result.draft
    assert record.jurisdiction == "XX" and record.instrument.number == "12-III"
    assert record.instrument.adopted == dt.date(2020, 3, 15)
    assert record.version.in_force_from == dt.date(2020, 4, 1)
    assert record.translation.language == "ru" and record.instrument.original_languages == ["ru"]
    assert record.instrument.title_original.startswith("Закон Республики Образец")
    assert [a.id for a in record.provisions] == ["art1", "art5", "art5-1"]
    assert all(a.text_basis == "official" and [t.value for t in a.topics] == ["other"] for a in record.provisions)
    assert [p.id for p in record.provision("art1").walk()] == ["art1", "art1.1", "art1.1.1", "art1.1.2", "art1.1.3"]
    assert record.provision("art1.1").text == "В настоящем Законе применяются следующие понятия:"
    assert record.provision("art1.1.2").text.startswith("эксплуатация — использование труда")
    assert "  " not in record.provision("art1.1.2").text  # source line breaks normalised
    note = record.provision("art5.note")
    assert note.kind == "note" and note.label == "Примечание."
    assert record.provision("art5.2").text.endswith("не имеет значения [note: Сноска составителя.].")
    assert "& переводчик" in record.provision("art5-1").text
    assert any("topics" in u.note for u in record.uncertain)
    assert "Глава 2. Защита пострадавших" in record.notes
    assert record.sources[0].kind == "official"  # FRBRauthoritative true


def test_import_english_act() -> None:
    record = from_akn((FIXTURES / "xx-act-en.xml").read_bytes(), name="xx-act-en.xml")
    assert record.translation.language == "en" and record.instrument.original_languages == []
    assert record.instrument.title_en == "Forced Labour (Prohibition) Act"  # from the preface docTitle
    assert [p.id for p in record.iter_provisions()] == ["art3", "art3.1", "art3.1.a", "art3.1.b", "art3.2", "art4"]
    assert record.provision("art3.1.a").kind == "point" and record.provision("art3.1").kind == "part"
    assert record.provision("art3.1").text.endswith("and the work is not offered voluntarily.")
    assert "not exceeding eight years" in record.provision("art3.2").text
    assert record.provision("art4").label is None and record.provision("art4").heading == "Consent irrelevant"
    assert all(a.text_basis == "translation" for a in record.provisions)
    assert any("text_basis" in u.note for u in record.uncertain)
    assert "Invented editorial note" in record.notes


@pytest.mark.parametrize("fixture", ["xx-law-ru.xml", "xx-act-en.xml"])
def test_imported_drafts_are_valid_records(tmp_path: Path, fixture: str) -> None:
    record = read_akn(FIXTURES / fixture)
    path = tmp_path / "xx" / "draft.yaml"
    path.parent.mkdir()
    path.write_text(record_yaml(record), encoding="utf-8")
    loaded, errors = read_record(path)
    assert errors == [] and detached(loaded) == record
    assert check_statute(loaded) == []


def _without(text: str, needle: str) -> bytes:
    assert needle in text
    return text.replace(needle, "").encode()


@pytest.mark.parametrize(("needle", "message"), [
    ('<FRBRdate date="2019-01-01" name="commencement"/>', "version date is required"),
    ('<FRBRcountry value="xx"/>', None),
    ('<FRBRlanguage language="eng"/>', "FRBRlanguage"),
    ('<p class="title"><docTitle>Forced Labour (Prohibition) Act</docTitle></p>', "no title"),
])
def test_missing_required_metadata(needle: str, message: str | None) -> None:
    text = (FIXTURES / "xx-act-en.xml").read_text(encoding="utf-8")
    if message is None:  # without FRBRcountry the jurisdiction still comes from the work URI
        assert from_akn(_without(text, needle)).jurisdiction == "XX"
        text = text.replace("/akn/xx/", "/akn/")
        message = "jurisdiction"
    with pytest.raises(InputError, match=message) as err:
        from_akn(_without(text, needle), name="partial.xml")
    assert err.value.file == "partial.xml"


def test_foreign_act_without_articles_refused() -> None:
    text = (FIXTURES / "xx-act-en.xml").read_text(encoding="utf-8")
    body = text[text.index("<body>"):text.index("</body>") + len("</body>")]
    doc = text.replace(body, "<body><paragraph eId='para_1'><content><p>x</p></content></paragraph></body>")
    with pytest.raises(InputError, match="no <article>"):
        from_akn(doc.encode(), name="flat.xml")


# ---- command line -----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _cached_bundled_corpus(reuse_bundled_corpus):
    """CLI commands below reuse the session's bundled corpus."""


run = run_cli


RECORD = Path(__file__).parents[1] / "statutes" / "kz" / "kz-cc-2014@2015-01-01.yaml"


def test_cli_export_then_import_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_xml, out_yaml = tmp_path / "kz.xml", tmp_path / "kz.yaml"
    rc, out, err = run(capsys, "export", "akn", str(RECORD), "-o", str(out_xml))
    assert (rc, err) == (0, "") and str(out_xml) in out
    rc, out, err = run(capsys, "import", "akn", str(out_xml), "-o", str(out_yaml))
    assert (rc, err) == (0, "") and "kz-cc-2014@2015-01-01, 7 article(s)" in out and "draft" not in out
    original, _ = read_record(RECORD)
    assert out_yaml.read_text(encoding="utf-8") == record_yaml(original)
    assert sorted(tmp_path.iterdir()) == sorted([out_xml, out_yaml])  # no temporary files left behind


def test_cli_never_overwrites_without_force(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "kept.xml"
    target.write_text("keep me", encoding="utf-8")
    rc, _out, err = run(capsys, "export", "akn", str(RECORD), "-o", str(target))
    assert rc == 1 and "already exists; use --force" in err and target.read_text(encoding="utf-8") == "keep me"
    rc, _out, err = run(capsys, "export", "akn", str(RECORD), "-o", str(target), "--force")
    assert rc == 0 and from_akn(target.read_bytes()).key == "kz-cc-2014@2015-01-01"
    yaml_target = tmp_path / "kept.yaml"
    yaml_target.write_text("keep me too", encoding="utf-8")
    rc, _out, err = run(capsys, "import", "akn", str(target), "-o", str(yaml_target))
    assert rc == 1 and "already exists" in err and yaml_target.read_text(encoding="utf-8") == "keep me too"
    assert run(capsys, "import", "akn", str(target), "-o", str(yaml_target), "--force")[0] == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_cli_export_jurisdiction_on_date(capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus) -> None:
    folder = tmp_path / "uz"
    rc, out, err = run(capsys, "export", "akn", "--jurisdiction", "UZ", "--on", "2021-06-01", "-o", str(folder))
    assert (rc, err) == (0, "")
    expected = sorted(f"{r.key}.xml" for r in corpus.records_in_force("UZ", dt.date(2021, 6, 1)))
    assert len(expected) >= 2 and sorted(p.name for p in folder.iterdir()) == expected
    assert len(out.splitlines()) == len(expected)
    for path in folder.iterdir():
        assert from_akn(path.read_bytes(), name=str(path)).key + ".xml" == path.name


def test_cli_export_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ratifications = RECORD.parent / "ratifications.yaml"
    rc, _out, err = run(capsys, "export", "akn", str(ratifications), "-o", str(tmp_path / "r.xml"))
    assert rc == 1 and "ratifications record, not an act" in err and str(ratifications) in err
    rc, _out, err = run(capsys, "export", "akn", "-j", "KZ", "--on", "1990-01-01", "-o", str(tmp_path / "none"))
    assert rc == 1 and "no records of KZ are in force on 1990-01-01" in err
    rc, _out, err = run(capsys, "export", "akn", "-o", str(tmp_path / "x.xml"))
    assert rc == 2 and "--jurisdiction" in err


def test_cli_import_foreign_and_broken(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_yaml = tmp_path / "xx" / "law.yaml"
    rc, out, err = run(capsys, "import", "akn", str(FIXTURES / "xx-law-ru.xml"), "-o", str(out_yaml))
    assert (rc, err) == (0, "") and "draft record" in out
    rc, out, _err = run(capsys, "validate", str(tmp_path))
    assert rc == 0 and "0 error(s)" in out
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"<akomaNtoso>\n<act>\n</akomaNtoso>")
    rc, _out, err = run(capsys, "import", "akn", str(broken), "-o", str(tmp_path / "b.yaml"))
    assert rc == 1 and f"{broken}:3:" in err and "malformed XML" in err and "Traceback" not in err
    evil = tmp_path / "evil.xml"
    evil.write_bytes(XXE)
    rc, _out, err = run(capsys, "import", "akn", str(evil), "-o", str(tmp_path / "e.yaml"))
    assert rc == 1 and "DOCTYPE" in err and "root:" not in err
    assert not (tmp_path / "b.yaml").exists() and not (tmp_path / "e.yaml").exists()


def test_write_akn_refuses_existing_file(tmp_path: Path, corpus) -> None:
    record = by_key(corpus, "kz-cc-2014@2015-01-01")
    path = write_akn(record, tmp_path / "a.xml")
    with pytest.raises(InputError, match="already exists"):
        write_akn(record, path)
    assert read_akn(path) == detached(record)
