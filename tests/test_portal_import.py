"""``lawcompare import html``: pages saved from adilet.zan.kz, cbd.minjust.gov.kg and lex.uz → draft records.

The fixture pages under ``tests/data/portal/`` copy each portal's page layout (menus, scripts, styles,
the document container, article blocks) around wording of our own: fictional instruments with
invented articles, dates and numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawcompare.cli.main import main
from lawcompare.errors import InputError, LawcompareError
from lawcompare.interop import portal_page
from lawcompare.interop.portal import MAX_HTML_BYTES, draft_summary, import_html, import_html_yaml
from lawcompare.io import yaml as lcyaml
from lawcompare.records.load import parse_record
from lawcompare.records.models import ProvisionKind, SourceKind, StatuteVersion, TextBasis, Topic
from lawcompare.validation import validate_all

DATA = Path(__file__).parent / "data" / "portal"


def page(name: str) -> bytes:
    return (DATA / name).read_bytes()


def ids(record: StatuteVersion) -> list[str]:
    return [p.id for p in record.iter_provisions()]


def html(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>".encode()


def all_text(record: StatuteVersion) -> str:
    """Every string of the draft: provision texts, headings and the reviewer's notes."""
    return lcyaml.dumps(record.model_dump(mode="json"))


@pytest.fixture(scope="module")
def kz() -> StatuteVersion:
    return import_html(page("adilet_kz_ru.html"), "KZ", name="adilet_kz_ru.html")


@pytest.fixture(scope="module")
def kz_kk() -> StatuteVersion:
    return import_html(page("adilet_kz_kk.html"), "KZ", name="adilet_kz_kk.html", in_force_from="2031-07-01")


@pytest.fixture(scope="module")
def kg() -> StatuteVersion:
    return import_html(page("cbd_kg_ru.html"), "KG", name="cbd_kg_ru.html", in_force_from=dt.date(2033, 6, 10))


@pytest.fixture(scope="module")
def uz() -> StatuteVersion:
    return import_html(page("lex_uz_ru.html"), "UZ", name="lex_uz_ru.html", in_force_from="2034-09-01")


# --- adilet.zan.kz, Russian ------------------------------------------------------------------------------

def test_kz_structure(kz: StatuteVersion) -> None:
    assert [a.id for a in kz.provisions] == ["art128", "art130-1", "art131"]
    counts = draft_summary(kz)
    assert {k: counts[k] for k in ("articles", "parts", "points", "notes")} == {"articles": 3, "parts": 5,
                                                                               "points": 3, "notes": 1}
    assert counts["uncertain"] == len(kz.uncertain) + sum(len(n.uncertain) for n in kz.iter_provisions()) > 5
    assert ids(kz) == ["art128", "art128.1", "art128.2", "art128.2.1", "art128.2.2", "art128.2.3", "art128.3",
                       "art130-1", "art130-1.1", "art130-1.2", "art130-1.note", "art131"]
    art = kz.provision("art128")
    assert (art.label, art.heading) == ("Article 128", "Торговля людьми")
    assert kz.provision("art130-1").heading == "Принуждение к труду"  # "130<sup>1</sup>" on the page
    part1 = kz.provision("art128.1")
    assert part1.kind == ProvisionKind.part and part1.label == "Part 1"
    assert part1.text.startswith("Продажа или покупка человека")
    assert part1.text.endswith("наказываются лишением свободы на срок от четырех до восьми лет.")
    point = kz.provision("art128.2.2")
    assert (point.kind, point.label, point.text) == (ProvisionKind.point, "2)",
                                                     "с применением насилия или под угрозой его применения;")
    # the sanction after the points belongs to the part, not to the last point
    assert kz.provision("art128.2").text.endswith("с конфискацией имущества.")
    assert "наказываются" not in kz.provision("art128.2.3").text
    note = kz.provision("art130-1.note")
    assert note.kind == ProvisionKind.note and note.text.startswith("Лицо, которое само было принуждено")
    assert kz.provision("art131").children == [] and kz.provision("art131").text.endswith("показателей.")


def test_kz_metadata_from_the_page(kz: StatuteVersion) -> None:
    inst = kz.instrument
    assert inst.title_original == "Учебный уголовный кодекс Республики Казахстан (вымышленный пример)"
    assert (inst.number, inst.adopted) == ("17-VIII", dt.date(2031, 3, 3))
    assert inst.type.value == "criminal_code" and inst.id == "kz-imported-2031-17-viii"
    assert kz.version.in_force_from == dt.date(2031, 7, 1)  # "вводится в действие с 1 июля 2031 года"
    assert kz.translation.language == "ru" and kz.translation.unofficial
    assert "not translated" in kz.translation.translator
    assert "adilet_kz_ru.html" in kz.translation.basis and "https://adilet.zan.kz/rus/docs/K3100000017" in \
        kz.translation.basis
    (source,) = kz.sources
    assert (source.id, source.kind, source.url) == ("adilet", SourceKind.official,
                                                    "https://adilet.zan.kz/rus/docs/K3100000017")
    assert all(a.text_basis == TextBasis.official and a.sources[0].ref == "adilet" for a in kz.provisions)
    assert kz.provision("art128").sources[0].note == "page anchor #z128"
    fields = {u.field for u in kz.uncertain}
    assert {"instrument.type", "instrument.title_en", "instrument.adopted", "version.in_force_from",
            "provisions"} <= fields


def test_kz_topics_guessed_from_headings(kz: StatuteVersion) -> None:
    assert kz.provision("art128").topics == [Topic.trafficking_in_persons]
    assert kz.provision("art130-1").topics == [Topic.forced_labour]
    art131 = kz.provision("art131")
    assert art131.topics == [Topic.other]  # its text mentions trafficking, its heading does not
    (topic_note,) = [u for u in art131.uncertain if u.field == "topics"]
    assert "trafficking_in_persons" in topic_note.note and "other" in topic_note.note


def test_kz_scripts_menus_and_footers_stay_out(kz: StatuteVersion) -> None:
    text = all_text(kz)
    for n in range(700, 713):  # every "Статья 7xx." on the fixture sits in a script, style, menu, form or footer
        assert f"Статья {n}" not in text and f"art{n}" not in text
    assert "Скачать" not in text and "Информация" not in text


def test_markup_written_as_text_stays_text(kz: StatuteVersion) -> None:
    assert '<script>alert("потерпевший")</script>' in kz.provision("art131").text


def test_editorial_footnote_is_not_statute_text(kz: StatuteVersion) -> None:
    art = kz.provision("art128")
    assert not any("Сноска" in (n.text or "") for n in art.walk())
    assert any("Сноска. Статья 128" in u.note for u in art.uncertain)
    assert any("Примечание ИЗПИ" in u.note for u in kz.uncertain)  # outside any article
    assert not any(n.text and "Президент" in n.text for n in kz.iter_provisions())


# --- adilet.zan.kz, Kazakh -------------------------------------------------------------------------------

def test_kz_kazakh_page(kz_kk: StatuteVersion) -> None:
    assert ids(kz_kk) == ["art128", "art128.1", "art128.2", "art128.2.1", "art128.2.2", "art128.note", "art130-1"]
    assert kz_kk.translation.language == "kk" and kz_kk.instrument.original_languages == ["kk"]
    assert kz_kk.provision("art128").heading == "Адам саудасы"
    assert kz_kk.provision("art128").topics == [Topic.trafficking_in_persons]
    assert kz_kk.provision("art128.1").text.endswith("бас бостандығынан айыруға жазаланады.")
    assert (kz_kk.instrument.number, kz_kk.instrument.adopted) == ("17-VIII", dt.date(2031, 3, 3))
    assert not any("Ескерту" in (n.text or "") for n in kz_kk.iter_provisions())
    assert "131-бап" not in all_text(kz_kk)  # footer below the document


# --- cbd.minjust.gov.kg (windows-1251 page) ---------------------------------------------------------------

def test_kg_structure_and_encoding(kg: StatuteVersion) -> None:
    assert ids(kg) == ["art1", "art1.1", "art1.2", "art1.3", "art7-1", "art7-1.1", "art7-1.1.1", "art7-1.1.2",
                       "art7-1.1.3", "art7-1.2", "art8", "art8.note1", "art8.note2"]
    definitions = kg.provision("art1")
    assert definitions.text == "Для целей настоящего Закона используются следующие понятия:"
    assert kg.provision("art1.2").kind == ProvisionKind.point  # a point directly under the article
    lettered = kg.provision("art7-1.1.2")
    assert (lettered.label, lettered.text) == ("б)", "медицинская помощь;")
    assert kg.provision("art8.note2").label == "Note 2"
    assert kg.instrument.title_original.endswith("Об учебном законе о противодействии торговле людьми")
    assert (kg.instrument.number, kg.instrument.adopted) == ("41", dt.date(2032, 5, 5))
    assert kg.instrument.type.value == "special_law"


def test_kg_detected_from_saved_from_note(kg: StatuteVersion) -> None:
    (source,) = kg.sources
    assert (source.id, source.kind) == ("cbd", SourceKind.official)
    assert source.url == "http://cbd.minjust.gov.kg/act/view/ru-ru/990041"
    assert kg.version.in_force_from == dt.date(2033, 6, 10)
    (day,) = [u for u in kg.uncertain if u.field == "version.in_force_from"]
    assert "--in-force-from" in day.note


def test_kg_topics(kg: StatuteVersion) -> None:
    assert [a.topics for a in kg.provisions] == [[Topic.definitions], [Topic.victim_protection],
                                                 [Topic.non_punishment]]


def test_kg_chrome_and_signature_left_out(kg: StatuteVersion) -> None:
    text = " ".join(n.text or "" for n in kg.iter_provisions())
    for words in ("Orphus", "Статья 90", "Статья 500", "Президент", "Жогорку Кенешем", "В редакции"):
        assert words not in text


# --- lex.uz: unnumbered parts, lettered points, comments ------------------------------------------------

def test_uz_implicit_parts(uz: StatuteVersion) -> None:
    assert [a.id for a in uz.provisions] == ["art135-1", "art136"]  # "135<sup>1</sup>"; the contents list is not read
    art = uz.provision("art135-1")
    assert [c.id for c in art.children] == ["art135-1.1", "art135-1.2", "art135-1.3"]
    assert [p.label for p in uz.provision("art135-1.2").children] == ["а)", "б)", "в)"]
    assert [p.id for p in uz.provision("art135-1.2").children] == ["art135-1.2.1", "art135-1.2.2", "art135-1.2.3"]
    assert uz.provision("art135-1.3").text.startswith("Действия, предусмотренные частями первой или второй")
    assert any(u.field == "children" and "does not number" in u.note for u in art.uncertain)
    single = uz.provision("art136")
    assert [c.id for c in single.children] == ["art136.note"]  # one sanction: no parts invented
    assert single.text.endswith("до двух лет.")


def test_uz_comments_and_amendment_notes_set_aside(uz: StatuteVersion) -> None:
    art = uz.provision("art135-1")
    body = " ".join(n.text or "" for n in art.walk())
    assert "LexUz" not in body and "редакции" not in body and "См." not in body
    quoted = [u.note for u in art.uncertain if u.field == "text"]
    assert any("в редакции вымышленного Закона" in q for q in quoted)
    assert any("Комментарий LexUz" in q for q in quoted)


def test_uz_metadata(uz: StatuteVersion) -> None:
    assert (uz.instrument.number, uz.instrument.adopted) == ("ЗРУ-777", dt.date(2033, 2, 14))
    assert uz.instrument.id == "uz-imported-2033-zru-777"
    assert uz.sources[0].url == "https://lex.uz/ru/docs/-9990135"
    (day,) = [u for u in uz.uncertain if u.field == "version.in_force_from"]
    assert "2035-03-01" in day.note  # the "as at" date is shown to the reviewer, not used as in_force_from
    assert "Статья 30" not in all_text(uz)  # script handler, menu and footer


def test_in_force_from_required_when_the_page_is_silent() -> None:
    with pytest.raises(InputError) as err:
        import_html(page("lex_uz_ru.html"), "UZ", name="lex_uz_ru.html")
    assert "--in-force-from" in str(err.value) and "lex_uz_ru.html" in str(err.value)
    assert "2035-03-01" in str(err.value)


def test_given_date_wins_over_the_page_and_the_difference_is_recorded() -> None:
    record = import_html(page("adilet_kz_ru.html"), "KZ", name="p.html", in_force_from="2031-08-01")
    assert record.version.in_force_from == dt.date(2031, 8, 1)
    (day,) = [u for u in record.uncertain if u.field == "version.in_force_from"]
    assert {v.value for v in day.values} == {"2031-07-01", "2031-08-01"}


# --- the drafts are valid records --------------------------------------------------------------------------

def test_drafts_validate_and_load_as_a_corpus(tmp_path: Path) -> None:
    from lawcompare.records.corpus import load_corpus

    cases = [("adilet_kz_ru.html", "KZ", None), ("adilet_kz_kk.html", "KZ", "2031-07-01"),
             ("cbd_kg_ru.html", "KG", "2033-06-10"), ("lex_uz_ru.html", "UZ", "2034-09-01")]
    for n, (name, jur, day) in enumerate(cases):
        text = import_html_yaml(page(name), jur, name=name, in_force_from=day, instrument_id=f"{jur.lower()}-draft-{n}")
        folder = tmp_path / jur.lower()
        folder.mkdir(exist_ok=True)
        (folder / f"{jur.lower()}-draft-{n}.yaml").write_text(text, encoding="utf-8")
    problems, checked = validate_all([str(tmp_path)])
    assert checked == 4
    assert [str(p) for p in problems] == []
    corpus = load_corpus(tmp_path)
    offences = corpus.trafficking_offences("KZ", "2031-07-01")
    assert {p.provision.id for p in offences} == {"art128"}


def test_yaml_round_trips_to_the_same_record(kz: StatuteVersion) -> None:
    text = import_html_yaml(page("adilet_kz_ru.html"), "KZ", name="adilet_kz_ru.html")
    assert text.startswith("# Draft imported by `lawcompare import html` from adilet_kz_ru.html")
    again, errors = parse_record(lcyaml.loads(text, file="draft.yaml"))
    assert errors == []
    assert again.model_dump() == kz.model_dump()


def test_articles_option_keeps_only_those() -> None:
    record = import_html(page("adilet_kz_ru.html"), "KZ", name="p.html", articles=["130-1", "131"])
    assert [a.id for a in record.provisions] == ["art130-1", "art131"]
    assert any("--articles" in u.note for u in record.uncertain)
    with pytest.raises(InputError, match=r"article\(s\) 999 not found"):
        import_html(page("adilet_kz_ru.html"), "KZ", name="p.html", articles="128,999")


# --- pages the importer must refuse or read with care -----------------------------------------------------

def test_jurisdiction_must_match_a_recognised_portal() -> None:
    with pytest.raises(InputError, match="a KZ portal, but the jurisdiction given is KG"):
        import_html(page("adilet_kz_ru.html"), "KG", name="p.html", in_force_from="2031-07-01")


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"   \n\t ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL bytes"),
    (html("<p>Меню</p><p>Новости</p>"), "no articles were found"),
    (html("<script>var a = 'Статья 5. Торговля людьми';</script><p>Главная</p>"), "no articles were found"),
    ("<html><body><p>Статья 1. Тест</p><p>Текст</p></body></html>".encode() + b"\xff\xfe\xfa",
     "not valid utf-8"),
    (b"<meta charset='no-such-charset'><p>x</p>", "unknown character set"),
    (("<div>" * 300 + "<p>Статья 1. Тест</p><p>Текст статьи</p>" + "</div>" * 300).encode(), "nests elements"),
])
def test_bad_pages_give_a_clear_error_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as err:
        import_html(data, "KZ", name="saved.html", in_force_from="2020-01-01")
    assert err.value.file == "saved.html"
    assert message.lower() in str(err.value).lower()


def test_oversize_page_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="over the 20,000,000-byte limit"):
        import_html(b" " * (MAX_HTML_BYTES + 1), "KZ", name="big.html")
    monkeypatch.setattr(portal_page, "MAX_HTML_BYTES", 100)
    small = html("<p>Статья 1. Тест</p><p>Текст статьи.</p>")
    assert len(small) > 100
    with pytest.raises(InputError, match="over the 100-byte limit"):
        import_html(small, "KZ", name="big.html", in_force_from="2020-01-01")


def test_element_and_paragraph_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(portal_page, "MAX_ELEMENTS", 50)
    with pytest.raises(InputError, match="elements, more than the 50"):
        import_html(html("<p>Статья 1. А</p>" + "<p>x</p>" * 60), "KZ", name="x.html", in_force_from="2020-01-01")
    monkeypatch.setattr(portal_page, "MAX_ELEMENTS", 500_000)
    monkeypatch.setattr(portal_page, "MAX_PARAGRAPHS", 20)
    with pytest.raises(InputError, match="more than 20 paragraphs") as err:
        import_html(html("<pre>" + "Статья 1. А\n" * 30 + "</pre>"), "KZ", name="x.html", in_force_from="2020-01-01")
    assert err.value.file == "x.html"


def test_preformatted_text_is_read_line_by_line() -> None:
    pre = html("<pre>Статья 4. Торговля людьми\n1. Продажа человека –\n   наказывается.\n2. Те же деяния:\n"
               "1) группой лиц, –\nнаказываются строже.\n</pre>")
    record = import_html(pre, "KZ", name="pre.html", in_force_from="2020-01-01")
    assert ids(record) == ["art4", "art4.1", "art4.2", "art4.2.1"]
    assert record.provision("art4.1").text == "Продажа человека – наказывается."
    assert record.provision("art4.2").text == "Те же деяния: наказываются строже."


def test_broken_html_still_gives_a_draft() -> None:
    broken = ("<html><body><div class='x'><p><b>Статья 12. Торговля людьми</p></b><p>1. Продажа человека –<p>"
              "наказывается лишением свободы.<table><tr><td>2. Те же деяния<li>1) группой лиц;</td></div>"
              "<p>Статья <i>13</i>. Незакрытая статья<p>Её текст без закрывающих тегов").encode()
    record = import_html(broken, "TJ", name="broken.html", in_force_from="2020-01-01")
    assert ids(record) == ["art12", "art12.1", "art12.2", "art12.2.1", "art13"]
    assert record.provision("art12.1").text == "Продажа человека – наказывается лишением свободы."
    assert record.provision("art13").text == "Её текст без закрывающих тегов"


def test_code_and_embedded_documents_are_never_read() -> None:
    hostile = html(
        "<p>Статья 1. Торговля людьми</p><p>Текст статьи.</p>"
        "<script>document.write('<p>Статья 2. Из скрипта</p>')</script>"
        "<noscript><p>Статья 3. Без скрипта</p></noscript>"
        "<template><p>Статья 4. Шаблон</p></template>"
        "<!-- <p>Статья 5. Комментарий</p> -->"
        "<svg><text>Статья 6. SVG</text><script>alert(1)</script></svg>"
        "<iframe srcdoc='<p>Статья 7. Фрейм</p>'></iframe>"
        "<object data='x.swf'><p>Статья 8. Объект</p></object>"
        "<textarea>Статья 9. Поле ввода</textarea><select><option>Статья 10. Вариант</option></select>"
        "<p onclick=\"alert('Статья 11.')\">Второй абзац<style>p{}</style> статьи.</p>",
        head="<style>p:before{content:'Статья 12. CSS'}</style><script>var x='Статья 13.'</script>")
    record = import_html(hostile, "KZ", name="h.html", in_force_from="2020-01-01")
    assert ids(record) == ["art1"]
    assert record.provision("art1").text == "Текст статьи. Второй абзац статьи."


def test_repeated_heading_keeps_the_occurrence_with_text() -> None:
    toc = html("<div class='toc'><p>Статья 1. Торговля людьми</p><p>Статья 2. Исключена</p></div>"
               "<p>Статья 1. Торговля людьми</p><p>Продажа человека – наказывается.</p>"
               "<p>Статья 2. Исключена вымышленным законом</p>")
    record = import_html(toc, "KZ", name="toc.html", in_force_from="2020-01-01")
    assert [a.id for a in record.provisions] == ["art1", "art2"]
    assert record.provision("art1").text == "Продажа человека – наказывается."
    art2 = record.provision("art2")
    assert art2.text == "Исключена вымышленным законом"  # no body: the heading stands in, with a note
    assert any("repealed" in u.note for u in art2.uncertain)
    assert any("Headings repeated on the page" in u.note for u in record.uncertain)


@pytest.mark.parametrize("body, jurisdiction, article_ids, language", [
    ("<p>1-статья. Негизги түшүнүктөр</p><p>Бул мыйзамда төмөнкү түшүнүктөр колдонулат:</p>"
     "<p>1) курмандык - жабыр тарткан адам;</p><p>2) мажбурлоо - эркинен тышкары иштетүү.</p>",
     "KG", ["art1", "art1.1", "art1.2"], "ky"),
    ("<p>135<sup>1</sup>-modda. Odam savdosi</p><p>Odamni sotish yoki sotib olish, shuningdek uni boshqa shaxsga "
     "topshirish —</p><p>uch yildan olti yilgacha ozodlikdan mahrum qilish bilan jazolanadi.</p>"
     "<p>O‘sha harakatlar:</p><p>a) voyaga yetmagan shaxsga nisbatan;</p><p>b) bir guruh shaxslar tomonidan "
     "sodir etilgan bo‘lsa, —</p><p>olti yildan o‘n yilgacha ozodlikdan mahrum qilish bilan jazolanadi.</p>",
     "UZ", ["art135-1", "art135-1.1", "art135-1.2", "art135-1.2.a", "art135-1.2.b"], "uz"),
    ("<p>Article 12. Trafficking in persons</p><p>1. The sale or purchase of a person for gain shall be "
     "punished by deprivation of liberty for up to five years.</p><p>2. The same act committed:</p>"
     "<p>(a) against a child;</p><p>(b) by a group, shall be punished by deprivation of liberty for up to ten "
     "years.</p>", "KZ", ["art12", "art12.1", "art12.2", "art12.2.a", "art12.2.b"], "en"),
])
def test_other_languages_headings(body: str, jurisdiction: str, article_ids: list[str], language: str) -> None:
    record = import_html(html(body), jurisdiction, name="lang.html", in_force_from="2020-01-01")
    assert ids(record) == article_ids
    assert record.translation.language == language
    expected = TextBasis.translation if language == "en" else TextBasis.official
    assert record.provisions[0].text_basis == expected


def test_words_that_only_look_like_headings_stay_in_the_article() -> None:
    body = ("<p>Статья 3. Полномочия</p><p>Президент Республики Казахстан назначает уполномоченный орган.</p>"
            "<p>Глава 5 настоящего Кодекса применяется к этим случаям.</p>"
            "<p>Примечание ИЗПИ!</p><p>Порядок введения в действие см. вымышленную статью 9</p>"
            "<p>Статья 4. Последняя</p><p>Текст.</p><p>Президент Республики Казахстан</p><p>Текст после подписи.</p>")
    record = import_html(html(body), "KZ", name="t.html", in_force_from="2020-01-01")
    art3 = record.provision("art3")
    assert art3.text == ("Президент Республики Казахстан назначает уполномоченный орган. "
                         "Глава 5 настоящего Кодекса применяется к этим случаям.")
    assert [u.note.split("«")[1] for u in art3.uncertain if u.field == "text"] == [
        "Примечание ИЗПИ!»", "Порядок введения в действие см. вымышленную статью 9»"]
    assert record.provision("art4").text == "Текст."  # the signature ends the article
    assert any(u.note.startswith("2 paragraph(s) outside any article") for u in record.uncertain)


def test_unrecognised_page_is_marked_secondary() -> None:
    record = import_html(html("<p>Статья 5. Торговля людьми</p><p>Текст.</p>"), "TJ", name="tj.html",
                         in_force_from="2020-01-01", url="https://example.org/tj/code")
    (source,) = record.sources
    assert (source.id, source.kind, source.url) == ("page", SourceKind.secondary, "https://example.org/tj/code")
    assert any("secondary" in u.note for u in record.uncertain if u.field == "sources")


@pytest.mark.parametrize("options, message", [
    ({"url": "javascript:alert(1)"}, "--url must be an absolute http(s) address"),
    ({"in_force_from": "1 July 2031"}, "--in-force-from must be a date"),
    ({"instrument_id": "KZ CC"}, "--instrument-id must look like"),
    ({"instrument_id": "kg-cc-2021"}, "must start with kz-"),
    ({"articles": "12a"}, "article numbers look like"),
])
def test_bad_options(options: dict, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        import_html(page("adilet_kz_ru.html"), "KZ", name="p.html", **options)
    with pytest.raises(InputError, match="two-letter"):
        import_html(page("adilet_kz_ru.html"), "Kazakhstan", name="p.html")


_FRAGMENTS = st.sampled_from([
    "<p>", "</p>", "<div class='container_gamma text'>", "</div>", "<b>", "</b>", "<sup>1</sup>", "<br>",
    "<script>", "</script>", "<pre>", "</pre>", "<!--", "-->", "<table><tr><td>", "<svg>", "<a name='z1'>",
    "Статья 12. Торговля людьми", "Статья 130-1.", "128-бап.", "1.", "2)", "а)", "Примечание.", "наказывается",
    "&lt;script&gt;", "&#0;", "&amp;", "\x07", "\u2028", "\x85", "ә", "o‘", "Глава 1", "Президент", "Сноска. ",
    "(в редакции закона)", "от 3 июля 2014 года № 226-V", " ", "\n", "текст",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_FRAGMENTS, max_size=60))
def test_any_page_gives_a_valid_draft_or_an_input_error(pieces: list[str]) -> None:
    data = "".join(pieces).encode("utf-8")
    try:
        text = import_html_yaml(data, "KZ", name="fuzz.html", in_force_from="2015-01-01")
    except LawcompareError:
        return
    record, errors = parse_record(lcyaml.loads(text, file="fuzz.yaml"))
    assert errors == [] and record.provisions


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1,
               max_size=80))
def test_paragraph_text_survives_escaping_and_yaml(words: str) -> None:
    from html import escape

    from lawcompare.interop.portal_text import clean_line

    expected = clean_line(words)
    data = html(f"<p>Статья 1. Заголовок</p><p>Начало {escape(words)} конец</p>")
    record, errors = parse_record(lcyaml.loads(import_html_yaml(data, "KZ", name="t.html",
                                                                in_force_from="2015-01-01"), file="t.yaml"))
    assert errors == []
    assert record.provision("art1").text == " ".join(f"Начало {expected} конец".split())


# --- command line -------------------------------------------------------------------------------------------

def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_cli_prints_yaml_and_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = run(capsys, "import", "html", str(DATA / "adilet_kz_ru.html"), "--jurisdiction", "kz")
    assert rc == 0
    assert out.startswith("# Draft imported") and "record: statute_version" in out
    assert "3 article(s), 5 part(s), 3 point(s), 1 note(s)" in err
    assert "suggested file name kz-imported-2031-17-viii@2031-07-01.yaml" in err


def test_cli_writes_a_valid_file_and_never_overwrites_without_force(capsys: pytest.CaptureFixture[str],
                                                                    tmp_path: Path) -> None:
    out_file = tmp_path / "uz" / "draft.yaml"
    out_file.parent.mkdir()
    argv = ["import", "html", str(DATA / "lex_uz_ru.html"), "-j", "UZ", "--in-force-from", "2034-09-01",
            "-o", str(out_file)]
    rc, out, err = run(capsys, *argv)
    assert rc == 0 and out == "" and f"written to {out_file}" in err
    first = out_file.read_text(encoding="utf-8")
    rc, _out, _err = run(capsys, "validate", str(tmp_path))
    assert rc == 0

    out_file.write_text("# edited by a reviewer\n" + first, encoding="utf-8")
    rc, _out, err = run(capsys, *argv)
    assert rc == 1 and "already exists; pass --force" in err and "Traceback" not in err
    assert out_file.read_text(encoding="utf-8").startswith("# edited by a reviewer")
    rc, _out, _err = run(capsys, *argv, "--force")
    assert rc == 0 and out_file.read_text(encoding="utf-8") == first
    assert [p.name for p in out_file.parent.iterdir()] == ["draft.yaml"]  # no temporary file left behind


def test_cli_errors_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rc, out, err = run(capsys, "import", "html", str(DATA / "cbd_kg_ru.html"), "-j", "KG")
    assert rc == 1 and out == ""
    assert err.startswith("error: ") and "cbd_kg_ru.html" in err and "--in-force-from" in err
    rc, _out, err = run(capsys, "import", "html", str(tmp_path / "missing.html"), "-j", "KG")
    assert rc == 1 and "missing.html: cannot read" in err
    rc, _out, err = run(capsys, "import", "html", str(tmp_path), "-j", "KG")
    assert rc == 1 and "is a folder" in err


def test_cli_reads_standard_input(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page("adilet_kz_kk.html"))))
    rc, out, err = run(capsys, "import", "html", "-", "-j", "KZ", "--in-force-from", "2031-07-01",
                       "--instrument-id", "kz-cc-2031")
    assert rc == 0 and "id: kz-cc-2031" in out and "<stdin>" in out
