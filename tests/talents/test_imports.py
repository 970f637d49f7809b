"""Publication lists exported elsewhere: BibTeX, RIS, ORCID JSON and XML; duplicates merged by
DOI or normalised title; a file that cannot be read is refused and nothing is saved."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from lintas.talents import bibliography
from lintas.talents.domain.imports import import_publications

DATA = Path(__file__).parent / "data"


def _read(name: str) -> bytes:
    return (DATA / name).read_bytes()


@pytest.mark.parametrize(
    "name, fmt, titles",
    [
        ("chen.bib", "bibtex", ["Marker-assisted introgression of Saltol into elite indica rice for coastal saline soils", "海水稻苗期耐盐性鉴定方法研究", "Genetic analysis of salt tolerance in rice"]),
        ("chen.ris", "ris", ["Marker-assisted introgression of Saltol into elite indica rice for coastal saline soils", "一种耐盐水稻品种的选育方法"]),
        ("orcid.json", "orcid", ["Genome-wide association of salinity tolerance in rice landraces", "Seedling screening for salt tolerance"]),
        ("orcid.xml", "orcid", ["Marker-assisted introgression of Saltol into elite indica rice for coastal saline soils", "Coastal rice in the Beibu Gulf"]),
    ],
)  # fmt: skip
def test_each_format_is_read(name, fmt, titles):
    parsed = bibliography.parse(_read(name))
    assert parsed.format == fmt
    assert [r["title"] for r in parsed.records] == titles


def test_fields_and_kinds_are_mapped():
    bib = bibliography.parse(_read("chen.bib")).records
    assert bib[0]["kind"] == "article" and bib[0]["year"] == 2022
    assert bib[0]["venue"] == "Rice Science" and bib[0]["authors"].startswith("Chen, Xiaoming ;")
    assert "Nguyẽn" in bib[0]["authors"]  # LaTeX accents decoded
    assert [r["kind"] for r in bib] == ["article", "conference", "thesis"]
    assert bibliography.parse(_read("chen.ris")).records[1]["kind"] == "patent"
    orcid = bibliography.parse(_read("orcid.json")).records
    assert orcid[0]["doi"] == "10.1017/S1479262123000011" and orcid[0]["kind"] == "article"
    assert bibliography.parse(_read("orcid.xml")).records[1]["kind"] == "book"


@pytest.mark.parametrize(
    "data, code",
    [
        (b"just some words", "unknown"),
        (b"\xff\xfe\x00\xd8\x00\x00garbage\x00", "not_text"),
        (b'{"name": "not orcid"}', "not_orcid_json"),
        (b'{"activities-summary": ', "json"),
        (b"<html><body>hello</body></html>", "not_orcid_xml"),
        (b"<record><unclosed></record>", "xml"),
        (b"@article{x, year = {2020}}", "empty"),
        (b"x" * (bibliography.MAX_BYTES + 1), "too_big"),
    ],
)
def test_bad_files_say_why(data, code):
    with pytest.raises(bibliography.BibliographyError) as error:
        bibliography.parse(data)
    assert error.value.code == code


def test_entity_expansion_is_refused():
    with pytest.raises(bibliography.BibliographyError) as error:
        bibliography.parse(_read("bomb.xml"))
    assert error.value.code == "xml"


def test_import_merges_by_doi_and_title_and_fills_empty_fields(talent):
    talent.publications.all().delete()
    first = import_publications(user=talent.user, talent=talent, data=_read("orcid.xml"))
    assert (first.format, first.added, first.merged) == ("orcid", 2, 0)
    paper = talent.publications.get(doi="10.1016/j.rsci.2022.01.001")
    assert paper.abstract == "" and paper.source == "orcid"
    # The RIS copy has the DOI with a resolver prefix and an abstract: merged, abstract kept.
    second = import_publications(user=talent.user, talent=talent, data=_read("chen.ris"))
    assert (second.added, second.merged) == (1, 1)
    paper.refresh_from_db()
    assert paper.abstract.startswith("We introgressed the Saltol QTL")
    # BibTeX: the same paper (DOI in capitals), plus two new ones.
    third = import_publications(user=talent.user, talent=talent, data=_read("chen.bib"))
    assert (third.added, third.merged) == (2, 1)
    assert talent.publications.count() == 5
    again = import_publications(user=talent.user, talent=talent, data=_read("chen.bib"))
    assert (again.added, again.merged) == (0, 3)
    assert talent.publications.count() == 5


def test_versions_of_one_orcid_work_count_once(talent):
    result = import_publications(user=talent.user, talent=talent, data=_read("orcid.json"))
    assert result.added == 2


def test_broken_file_saves_nothing(talent):
    before = list(talent.publications.values_list("title", flat=True))
    with translation.override("en"), pytest.raises(ValidationError) as error:
        import_publications(user=talent.user, talent=talent, data=_read("broken.bib"))
    assert "line 6" in error.value.messages[0]
    assert list(talent.publications.values_list("title", flat=True)) == before


def test_page_upload_reports_counts_and_errors(client, talent):
    client.force_login(talent.user)
    url = reverse("talents:import_publications")
    response = client.post(
        url, {"file": SimpleUploadedFile("chen.bib", _read("chen.bib"))}, follow=True
    )
    assert response.status_code == 200
    assert "3 publications read: 3 added, 0 already in your list." in response.content.decode()
    response = client.post(
        url, {"file": SimpleUploadedFile("x.bib", _read("broken.bib"))}, follow=True
    )
    assert "cannot be read" in response.content.decode()
    assert talent.publications.count() == 4


def test_page_upload_message_is_translated(client, talent):
    client.force_login(talent.user)
    response = client.post(
        reverse("talents:import_publications"),
        {"file": SimpleUploadedFile("x.txt", b"hello")},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert "这不是 BibTeX、RIS 或 ORCID 文件" in response.content.decode()


def test_api_import(client, talent, seeker):
    url = reverse("talent-import-publications", args=[talent.slug])
    upload = SimpleUploadedFile("orcid.json", _read("orcid.json"))
    client.force_login(seeker)
    assert client.post(url, {"file": upload}).status_code == 403
    assert talent.publications.count() == 1
    client.force_login(talent.user)
    response = client.post(url, {"file": SimpleUploadedFile("o.json", _read("orcid.json"))})
    assert response.status_code == 200
    assert response.json() == {"format": "orcid", "added": 2, "merged": 0}
    bad = client.post(
        url, {"file": SimpleUploadedFile("b.bib", _read("broken.bib"))}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert bad.status_code == 400 and "line 6" in str(bad.json())
    assert talent.publications.count() == 3
