"""A Word file that behaves like one: compatibility mode, list style, rows, equation numbers, alt text."""

import io

from lxml import etree
from PIL import Image, PngImagePlugin

from industry_report.publish import docx_post

W = docx_post.W
M = docx_post.M
HEAD = (
    f'<w:document xmlns:w="{W}" xmlns:m="{M}" xmlns:wp="{docx_post.WP}" xmlns:a="{docx_post.A}" '
    f'xmlns:r="{docx_post.R}"><w:body>'
)
SECT = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:left="1701" w:right="850" w:top="1134" w:bottom="1134"/></w:sectPr>'
)


def doc(body: str) -> bytes:
    return (HEAD + body + SECT + "</w:body></w:document>").encode()


def xp(xml: bytes, path: str):
    return etree.fromstring(xml).xpath(path, namespaces={"w": W, "m": M, "wp": docx_post.WP})


def test_compatibility_mode_15_is_set_once():
    settings = (
        f'<w:settings xmlns:w="{W}"><w:compat>'
        '<w:compatSetting w:name="compatibilityMode" w:val="14"/></w:compat></w:settings>'
    ).encode()
    out = docx_post.set_compatibility(docx_post.set_compatibility(settings))
    modes = xp(out, "//w:compatSetting[@w:name='compatibilityMode']/@w:val")
    assert modes == ["15"]


def test_compatibility_is_added_where_the_schema_wants_it():
    settings = f'<w:settings xmlns:w="{W}"><w:zoom w:percent="100"/><w:rsids/></w:settings>'.encode()
    out = etree.fromstring(docx_post.set_compatibility(settings))
    assert [etree.QName(c).localname for c in out] == ["zoom", "compat", "rsids"]


def test_list_items_outside_tables_leave_the_table_style():
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Compact"/><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr></w:p>'
        '<w:tbl><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="Compact"/><w:numPr/></w:pPr></w:p></w:tc></w:tr>'
        "</w:tbl>"
        '<w:p><w:pPr><w:pStyle w:val="Compact"/></w:pPr></w:p>'
    )
    out = docx_post.fix_lists_and_rows(doc(body))
    assert xp(out, "//w:body/w:p/w:pPr/w:pStyle/@w:val") == ["CompactList", "Compact"]
    assert xp(out, "//w:tc//w:pStyle/@w:val") == ["Compact"]


def test_rows_do_not_split_and_the_header_row_keeps_repeating():
    row = "<w:tr><w:tc><w:p/></w:tc></w:tr>"
    head = '<w:tr><w:trPr><w:tblHeader w:val="on"/></w:trPr><w:tc><w:p/></w:tc></w:tr>'
    out = docx_post.fix_lists_and_rows(doc(f"<w:tbl>{head}{row * 2}</w:tbl>"))
    assert len(xp(out, "//w:tr/w:trPr/w:cantSplit")) == 3
    assert len(xp(out, "//w:tr[1]/w:trPr/w:tblHeader")) == 1
    assert len(xp(out, "//w:tr[position()>1]/w:trPr/w:tblHeader")) == 0


def _equation(number_runs: str) -> str:
    return (
        '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><m:oMathPara><m:oMathParaPr/><m:oMath>'
        "<m:r><m:t>n</m:t></m:r><m:r><m:t>=</m:t></m:r><m:r><m:t>N</m:t></m:r>"
        f"{number_runs}</m:oMath></m:oMathPara></w:p>"
    )


def test_an_equation_number_goes_to_the_right_margin():
    runs = "".join(f"<m:r><m:t>{t}</m:t></m:r>" for t in ("\u2001\u2001", "(", "A", ".1", ")"))
    out = docx_post.number_equations(doc(_equation(runs)))
    # text width 11906 - 1701 - 850 = 9355 twips: a right tab there, a centre tab half-way
    assert xp(out, "//w:tab[@w:val='right']/@w:pos") == ["9355"]
    assert xp(out, "//w:tab[@w:val='center']/@w:pos") == ["4677"]
    assert xp(out, "//m:oMath//m:t/text()") == ["n", "=", "N"]
    assert xp(out, "//w:p/w:r/w:t/text()") == ["(A.1)"]
    assert not xp(out, "//m:oMathPara")
    kinds = [etree.QName(c).localname for c in xp(out, "//w:body/w:p")[0]]
    assert kinds == ["pPr", "r", "oMath", "r", "r"]  # tab, formula, tab, number


def test_an_equation_without_a_number_is_left_alone():
    xml = doc(_equation(""))
    assert docx_post.number_equations(xml) == etree.tostring(
        etree.fromstring(xml), xml_declaration=True, encoding="UTF-8", standalone=True
    )


def _png(alt: str | None) -> bytes:
    info = PngImagePlugin.PngInfo()
    if alt:
        info.add_text("Description", alt)
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buf, format="PNG", pnginfo=info)
    return buf.getvalue()


def test_a_picture_gets_the_alt_text_its_png_carries():
    drawing = (
        '<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture" descr="caption"/>'
        '<a:graphic><a:graphicData><a:blip r:embed="rId9"/></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing></w:r></w:p>"
    )
    rels = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId9" Target="media/x.png" Type="image"/></Relationships>'
    )
    out = docx_post.set_chart_alt(
        doc(drawing), rels, {"word/media/x.png": _png("Бағанды диаграмма. Ең үлкен мән.")}
    )
    assert xp(out, "//wp:docPr/@descr") == ["Бағанды диаграмма. Ең үлкен мән."]
    out = docx_post.set_chart_alt(doc(drawing), rels, {"word/media/x.png": _png(None)})
    assert xp(out, "//wp:docPr/@descr") == ["caption"]


def test_a_chart_its_caption_and_source_note_and_a_tables_last_rows_keep_together():
    row = "<w:tr><w:tc><w:p/></w:tc></w:tr>"
    body = (
        '<w:p><w:pPr><w:pStyle w:val="CaptionedFigure"/></w:pPr></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="ImageCaption"/></w:pPr></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="SourceNote"/></w:pPr></w:p>'
        f"<w:tbl>{row * 4}</w:tbl>"
        '<w:p><w:pPr><w:pStyle w:val="SourceNote"/></w:pPr></w:p>'
    )
    out = docx_post.keep_together(doc(body))
    kept = xp(out, "//w:body/w:p[w:pPr/w:keepNext]/w:pPr/w:pStyle/@w:val")
    assert kept == ["CaptionedFigure", "ImageCaption"]
    # rows 3 and 4 of 4 keep with what follows (row 4, the source note); rows 1-2 may break
    assert [bool(xp(out, f"//w:tr[{i}]//w:keepNext")) for i in (1, 2, 3, 4)] == [False, False, True, True]


def test_the_bookmark_end_after_a_caption_or_table_does_not_part_the_source_note():
    # pandoc closes the figure's or table's bookmark between it and the source note
    row = "<w:tr><w:tc><w:p/></w:tc></w:tr>"
    body = (
        '<w:bookmarkStart w:id="1" w:name="fig-a"/>'
        '<w:p><w:pPr><w:pStyle w:val="CaptionedFigure"/></w:pPr></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="ImageCaption"/></w:pPr></w:p>'
        '<w:bookmarkEnd w:id="1"/>'
        '<w:p><w:pPr><w:pStyle w:val="SourceNote"/></w:pPr></w:p>'
        '<w:bookmarkStart w:id="2" w:name="tbl-a"/>'
        f"<w:tbl>{row * 4}</w:tbl>"
        '<w:bookmarkEnd w:id="2"/>'
        '<w:p><w:pPr><w:pStyle w:val="SourceNote"/></w:pPr></w:p>'
    )
    out = docx_post.keep_together(doc(body))
    assert xp(out, "//w:body/w:p[w:pPr/w:keepNext]/w:pPr/w:pStyle/@w:val") == [
        "CaptionedFigure",
        "ImageCaption",
    ]
    assert [bool(xp(out, f"//w:tr[{i}]//w:keepNext")) for i in (1, 2, 3, 4)] == [False, False, True, True]


def _marker(text):
    return f'<w:p><w:pPr><w:pStyle w:val="LandscapeMarker"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'


def test_two_turned_tables_in_a_row_share_their_section():
    table = "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"
    body = (
        _marker("[[landscape-start]]")
        + table
        + _marker("[[landscape-end]]")
        + _marker("[[landscape-start]]")
        + table
        + _marker("[[landscape-end]]")
        + "<w:p/>"
    )
    out = docx_post.apply_landscape(doc(body))
    # one turned section (closed by a portrait-to-landscape break), no empty portrait one between
    orients = xp(out, "//w:p/w:pPr/w:sectPr/w:pgSz/@w:orient")
    assert len(xp(out, "//w:p/w:pPr/w:sectPr")) == 2
    assert orients == ["landscape"]
    assert "[[landscape" not in out.decode()
