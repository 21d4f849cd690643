"""Every file the build writes has the same bytes in two clean builds: the DOCX reference document
(python-docx stamps zip entries with the wall clock) and the zip helper it shares with the report."""

import time
import zipfile

from conftest import ROOT
from industry_report.core.io import write_zip
from industry_report.publish.page import load_page
from industry_report.publish.reference_docx import build_reference

EPOCH = 1767225600


def test_reference_docx_is_byte_identical_between_two_builds(tmp_path):
    page = load_page(ROOT / "report/page.yml")
    build_reference(tmp_path / "a.docx", page, epoch=EPOCH)
    time.sleep(2.1)  # zip entry times have a resolution of two seconds
    build_reference(tmp_path / "b.docx", page, epoch=EPOCH)
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"
        assert b"2026-01-01T00:00:00Z" in z.read("docProps/core.xml")


def test_write_zip_orders_and_dates_entries(tmp_path):
    write_zip({"b": b"2", "a": b"1", "first": b"0"}, tmp_path / "x.zip", epoch=0, first=("first",))
    with zipfile.ZipFile(tmp_path / "x.zip") as z:
        assert z.namelist() == ["first", "a", "b"]
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
