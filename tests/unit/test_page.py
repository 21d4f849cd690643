"""Page geometry (report/page.yml): one definition, the same margins in the DOCX and the PDF."""

import re

import pytest
from docx import Document

from conftest import ROOT
from industry_report.core.errors import InputError
from industry_report.publish.page import load_page
from industry_report.publish.rendering import pandoc_path

PAGE_YML = ROOT / "report/page.yml"
TYP = ROOT / "report/typst/national-report.typ"


def test_docx_margins_equal_the_typst_margins(tmp_path):
    import subprocess

    from industry_report.publish.reference_docx import build_reference

    page = load_page(PAGE_YML)
    ref = tmp_path / "reference.docx"
    build_reference(ref, page)
    sec = Document(str(ref)).sections[0]
    # DOCX keeps whole twips, so compare to 0.01 cm.
    docx = {k: round(getattr(sec, f"{k}_margin").cm, 2) for k in ("left", "right", "top", "bottom")}
    docx_paper = (round(sec.page_width.cm, 2), round(sec.page_height.cm, 2))

    src = tmp_path / "a.md"
    src.write_text("---\ntitle: T\n---\n\nМәтін.\n", encoding="utf-8")
    cmd = [pandoc_path(), "-t", "typst", "-s", "--template", str(TYP), str(src)]
    cmd += [f"--variable={k}:{v}" for k, v in page.typst_variables().items()]
    typ = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    m = re.search(r'#set page\(paper: "(\w+)", margin: \(([^)]*)\)\)', typ)
    assert m, "the template sets no page"
    typst = {k: float(v) for k, v in re.findall(r"(\w+): ([\d.]+)cm", m.group(2))}
    assert (
        typst
        == docx
        == {"left": page.left_cm, "right": page.right_cm, "top": page.top_cm, "bottom": page.bottom_cm}
    )
    assert m.group(1) == "a4" and docx_paper == (21.0, 29.7)


def test_text_width_is_derived_from_the_margins():
    page = load_page(PAGE_YML)
    assert page.text_width_cm == pytest.approx(page.width_cm - page.left_cm - page.right_cm)
    assert page.text_width_pt == pytest.approx(page.text_width_cm / 2.54 * 72)
    assert page.landscape_text_width_pt > page.text_width_pt


def test_a_bad_page_file_names_the_line(tmp_path):
    p = tmp_path / "page.yml"
    p.write_text(
        "paper: a4\nwidth_cm: 21\nheight_cm: 29.7\nmargins_cm:\n  left: 3\n  right: -1\n"
        "  top: 2\n  bottom: 2\nfooter_cm: 1\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as exc:
        load_page(p)
    assert "line 6" in str(exc.value) and "margins_cm.right" in str(exc.value)
    p.write_text(
        "paper: a4\nwidth_cm: 4\nheight_cm: 29.7\nmargins_cm: {left: 3, right: 1.5, top: 2, bottom: 2}\n"
        "footer_cm: 1\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="no text width"):
        load_page(p)
