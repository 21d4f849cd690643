"""The optional emblem of the title page (publication.emblem): checked in the configuration, placed
on the title page of the PDF (typst template) and of the DOCX, absent by default. The test image is
a plain square drawn here, not an emblem of anything."""

import io
import zipfile

import pytest
import yaml
from docx import Document
from pypdf import PdfReader

from conftest import ROOT
from industry_report.core.errors import ConfigError
from industry_report.publish import rendering
from industry_report.publish.book import book_structure
from industry_report.publish.emblem import check_emblem
from industry_report.publish.page import load_page

LUA = ROOT / "report/filters/quarto_crossref.lua"
TYP = ROOT / "report/typst/national-report.typ"
PAGE = load_page(ROOT / "report/page.yml")
SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    b'<rect width="40" height="20" fill="#003F63"/></svg>\n'
)


def square_png(w=60, h=40) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (w, h), (0, 63, 99)).save(buf, format="PNG")
    return buf.getvalue()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_pdf_title_page_shows_the_emblem(reference_book, tmp_path, lang):
    lang_file = ROOT / f"report/_language-{lang}.yml"
    (tmp_path / "emblem.png").write_bytes(square_png())

    def build(emblem, name):
        out = tmp_path / name
        rendering.build_pdf_builtin(
            reference_book,
            book_structure(reference_book / "_quarto.yml"),
            out,
            template=TYP,
            page=PAGE,
            language_file=lang_file,
            lua_filter=LUA,
            resource_dirs=[],
            epoch=0,
            emblem=emblem,
        )
        return PdfReader(out)

    with_emblem = build(tmp_path / "emblem.png", "with.pdf")
    images = with_emblem.pages[0].images
    assert len(images) == 1 and images[0].image.size == (60, 40)
    assert not build(None, "without.pdf").pages[0].images  # the default: no emblem
    # Its alternative text (PDF/UA): the language file's words, on the title page's content.
    alt = yaml.safe_load(lang_file.read_text(encoding="utf-8"))["emblem-alt"]
    alt_pdf = ("<FEFF" + alt.encode("utf-16-be").hex().upper() + ">").encode()
    assert alt_pdf in with_emblem.pages[0].get_contents().get_data()
    # An SVG is printed as drawn (vector paths, not a picture): its 40 x 20 rectangle, 3 cm high.
    (tmp_path / "emblem.svg").write_bytes(SVG)
    content = build(tmp_path / "emblem.svg", "svg.pdf").pages[0].get_contents().get_data()
    assert b"0 0 m 40 0 l 40 20 l 0 20 l" in content and alt_pdf in content
    scale = float(content.split(b" cm/c0")[0].split(b"q ")[-1].split()[0])
    assert abs(20 * scale - 3 * 72 / 2.54) < 0.5


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("kind", ["png", "svg"])
def test_docx_title_page_shows_the_emblem_above_the_title(
    reference_book, reference_docx, tmp_path, lang, kind
):
    lang_file = ROOT / f"report/_language-{lang}.yml"
    emblem = tmp_path / f"emblem.{kind}"
    emblem.write_bytes(square_png() if kind == "png" else SVG)
    out = tmp_path / "book.docx"
    rendering.build_docx_builtin(
        reference_book,
        book_structure(reference_book / "_quarto.yml"),
        out,
        reference_doc=reference_docx,
        language_file=lang_file,
        lua_filter=LUA,
        resource_dirs=[],
        epoch=0,
        emblem=emblem,
    )
    doc = Document(str(out))
    first = doc.paragraphs[0]
    assert first._p.xpath(".//pic:pic"), "the first paragraph holds the emblem"
    assert doc.paragraphs[1].style.name == "Title"
    alt = yaml.safe_load(lang_file.read_text(encoding="utf-8"))["emblem-alt"]
    assert first._p.xpath(".//wp:docPr/@descr") == [alt]
    media = zipfile.ZipFile(out).read("word/media/title-emblem.png")
    if kind == "png":
        assert media == emblem.read_bytes()
    else:  # rasterised for Word: a PNG with the drawing's 2:1 proportions
        from industry_report.publish.emblem import png_size

        w, h = png_size(media)
        assert media.startswith(b"\x89PNG") and abs(w / h - 2) < 0.02
    # 3 cm high, the width in proportion (EMU: 360000 per cm)
    (cy,) = first._p.xpath(".//wp:extent/@cy")
    (cx,) = first._p.xpath(".//wp:extent/@cx")
    assert int(cy) == 1080000 and abs(int(cx) / int(cy) - (1.5 if kind == "png" else 2)) < 0.01


def test_no_emblem_is_the_default():
    cfg = yaml.safe_load((ROOT / "config/config.yaml").read_text(encoding="utf-8"))
    assert "emblem" not in cfg["publication"]
    assert check_emblem(None, ROOT) is None


def test_emblem_config_errors_name_the_key(tmp_path):
    with pytest.raises(ConfigError, match=r"publication\.emblem.*no file 'logo\.png'"):
        check_emblem("logo.png", tmp_path)
    (tmp_path / "logo.png").write_text("not an image", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"publication\.emblem.*neither PNG nor SVG"):
        check_emblem("logo.png", tmp_path)
    (tmp_path / "logo.svg").write_bytes(square_png())  # a PNG under an SVG name
    with pytest.raises(ConfigError, match=r"publication\.emblem.*a PNG file named 'logo\.svg'"):
        check_emblem("logo.svg", tmp_path)
    (tmp_path / "ok.svg").write_bytes(SVG)
    (tmp_path / "ok.png").write_bytes(square_png())
    assert check_emblem("ok.svg", tmp_path) == tmp_path / "ok.svg"
    assert check_emblem("ok.png", tmp_path) == tmp_path / "ok.png"


def test_schema_refuses_another_kind_of_file(tmp_path):
    """The schema's pattern: a .jpg is refused before the file is looked at."""
    from industry_report.core.yaml_input import check_config

    cfg = yaml.safe_load((ROOT / "config/config.yaml").read_text(encoding="utf-8"))
    cfg["publication"]["emblem"] = "report/emblem.jpg"
    f = tmp_path / "config.yaml"
    f.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"publication\.emblem"):
        check_config(cfg, ROOT / "config/schema.yaml", [f])
