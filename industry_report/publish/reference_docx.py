"""Make the DOCX reference document (styles, page, footer) that pandoc and Quarto format the report with.

Starts from pandoc's own default reference.docx (so every style pandoc uses exists) and sets:
the paper and margins of report/page.yml (publish/page.py, the same as the PDF's), Times New Roman
text and Arial headings (fonts every ministry computer has, with full Kazakh Cyrillic), numbered
chapter headings starting on a new page, caption
and source-note styles, a ruled table style with repeated header rows, and a footer with the page
number. The build runs it through scripts/build_reference_docx.py.
"""

import io
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK  # noqa: F401
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from industry_report.core.io import epoch_datetime, read_zip, source_date_epoch, write_zip
from industry_report.publish.page import Page

BODY_FONT = "Times New Roman"
HEAD_FONT = "Arial"
ACCENT = RGBColor(0x00, 0x3F, 0x63)
GREY = RGBColor(0x50, 0x50, 0x50)


def _font(style, name, size=None, bold=None, color=None, italic=None):
    f = style.font
    f.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    if size is not None:
        f.size = Pt(size)
    if bold is not None:
        f.bold = bold
    if italic is not None:
        f.italic = italic
    if color is not None:
        f.color.rgb = color


def _lang(style, code="kk-KZ"):
    rpr = style.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), code)


def _style(doc, name, kind=WD_STYLE_TYPE.PARAGRAPH, base=None):  # noqa: D401
    try:
        return doc.styles[name]
    except KeyError:
        s = doc.styles.add_style(name, kind)
        if base:
            s.base_style = doc.styles[base]
        return s


def _page_number_footer(section):
    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for tag, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        run = p.add_run()
        if tag:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), tag)
            run._r.append(fld)
        elif text == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        else:
            run.text = text
        run.font.name = HEAD_FONT
        run.font.size = Pt(9)


def _table_style(doc):
    st = doc.styles["Table"]
    tblpr = st.element.find(qn("w:tblPr"))
    if tblpr is None:
        tblpr = OxmlElement("w:tblPr")
        st.element.append(tblpr)
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge, size, color in (("top", 8, "000000"), ("bottom", 8, "000000"), ("insideH", 2, "BFBFBF")):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(size))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), color)
        borders.append(el)
    tblpr.append(borders)
    mar = OxmlElement("w:tblCellMar")
    for edge, w in (("left", 70), ("right", 70)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(w))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblpr.append(mar)
    # Header row: shaded and bold (pandoc marks it as a repeated header row).
    for old in st.element.findall(qn("w:tblStylePr")):
        st.element.remove(old)
    first = OxmlElement("w:tblStylePr")
    first.set(qn("w:type"), "firstRow")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    first.append(rpr)
    tcpr = OxmlElement("w:tcPr")
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), "EDEDED")
    tcpr.append(shd)
    bd = OxmlElement("w:tcBorders")
    b = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
        b.set(qn(k), v)
    bd.append(b)
    tcpr.append(bd)
    first.append(tcpr)
    st.element.append(first)


def _shade(style, fill: str, rule: str) -> None:
    """Background ``fill`` and a left rule of colour ``rule`` on a paragraph style."""
    ppr = style.element.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for k, v in (("w:val", "single"), ("w:sz", "16"), ("w:space", "8"), ("w:color", rule)):
        left.set(qn(k), v)
    bdr.append(left)
    shd = OxmlElement("w:shd")
    for k, v in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shd.set(qn(k), v)
    # CT_PPr's child order: pBdr, shd, then tabs ... spacing, ind, jc ...
    later = ("w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct")
    later += ("w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd")
    later += ("w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents")
    later += ("w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:outlineLvl", "w:rPr")
    ppr.insert_element_before(shd, *later)
    ppr.insert_element_before(bdr, "w:shd", *later)


# The Word language of each edition (spelling, hyphenation) by the report's language code.
WORD_LANGUAGES = {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}


def build_reference(out: Path, page: Page, *, epoch: int | None = None, lang: str = "kk") -> None:
    """The reference document with the styles and the page of ``page`` (report/page.yml) in the
    language ``lang`` (the edition's Word language); its zip
    entries and document dates are ``epoch`` (default: SOURCE_DATE_EPOCH or the last commit's time),
    never the current time python-docx would stamp them with."""
    import pypandoc

    from industry_report.publish.docx_post import CONTENT_TYPES_FIRST, set_core_dates

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "default.docx"
        with open(base, "wb") as fh:
            subprocess.run(
                [pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
                stdout=fh,
                check=True,
            )
        doc = Document(str(base))

    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(page.width_cm), Cm(page.height_cm)
    sec.left_margin, sec.right_margin = Cm(page.left_cm), Cm(page.right_cm)
    sec.top_margin, sec.bottom_margin = Cm(page.top_cm), Cm(page.bottom_cm)
    sec.footer_distance = Cm(page.footer_cm)
    _page_number_footer(sec)

    normal = doc.styles["Normal"]
    _font(normal, BODY_FONT, 12)
    _lang(normal, WORD_LANGUAGES[lang])
    for name in ("Body Text", "First Paragraph"):
        st = doc.styles[name]
        _font(st, BODY_FONT, 12)
        pf = st.paragraph_format
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        pf.space_before, pf.space_after = Pt(0), Pt(6)
        pf.line_spacing = 1.15
        pf.first_line_indent = Cm(1.0)
    for level, size in ((1, 16), (2, 13), (3, 12)):
        st = doc.styles[f"Heading {level}"]
        _font(st, HEAD_FONT, size, bold=True, color=ACCENT, italic=False)
        pf = st.paragraph_format
        pf.space_before, pf.space_after = Pt(18 if level == 1 else 12), Pt(8)
        pf.keep_with_next = True
        pf.page_break_before = level == 1
    title = doc.styles["Title"]
    _font(title, HEAD_FONT, 24, bold=True, color=ACCENT)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Cm(7)
    for name, size in (("Subtitle", 16), ("Author", 12), ("Date", 12)):
        st = doc.styles[name]
        _font(st, HEAD_FONT, size, color=GREY if name != "Subtitle" else ACCENT, italic=False)
        st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        # Subtitle is based on Title in pandoc's reference: do not inherit its 7 cm space.
        st.paragraph_format.space_before = Cm(1.5) if name == "Author" else Pt(12)
        st.paragraph_format.keep_with_next = False
    # The reverse of the title page: the annotation and the demonstration-data notice in the
    # abstract slot, on a page of its own (never on the cover).
    for name, size, bold in (("Abstract Title", 10, True), ("Abstract", 10, False)):
        st = _style(doc, name, base="Normal")
        _font(st, HEAD_FONT, size, bold=bold, color=RGBColor(0x33, 0x33, 0x33), italic=False)
        st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        st.paragraph_format.left_indent = st.paragraph_format.right_indent = Cm(0)
        st.paragraph_format.space_before = Cm(12) if name == "Abstract Title" else Pt(2)
        st.paragraph_format.space_after = Pt(8)
        st.paragraph_format.first_line_indent = Cm(0)
        st.paragraph_format.page_break_before = name == "Abstract Title"
        st.paragraph_format.keep_with_next = False  # the next page starts anew: nothing to keep with
    # `::: {.box}`: a method note or a definition, shaded with a rule on the left (as in the PDF).
    box = _style(doc, "Box", base="Normal")
    _font(box, HEAD_FONT, 10.5)
    box.paragraph_format.left_indent = box.paragraph_format.right_indent = Cm(0.3)
    box.paragraph_format.space_before = box.paragraph_format.space_after = Pt(4)
    _shade(box, "EEF3F7", "003F63")
    toc = _style(doc, "TOC Heading", base="Heading 1")
    _font(toc, HEAD_FONT, 16, bold=True, color=ACCENT)
    toc.paragraph_format.page_break_before = True
    for level in (1, 2):
        st = _style(doc, f"toc {level}", base="Normal")
        st.element.set(qn("w:styleId"), f"TOC{level}")  # Word's own id for its TOC entry styles
        _font(st, BODY_FONT, 12, bold=(level == 1))
        st.paragraph_format.left_indent = Cm(0.8 * (level - 1))
        st.paragraph_format.space_after = Pt(3)
    for name in ("Table Caption", "Image Caption"):
        st = doc.styles[name]
        _font(st, HEAD_FONT, 10, bold=True, italic=False, color=RGBColor(0, 0, 0))
        st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        st.paragraph_format.space_before = Pt(8)
        st.paragraph_format.space_after = Pt(4)
        st.paragraph_format.keep_with_next = name == "Table Caption"
    compact = doc.styles["Compact"]
    _font(compact, HEAD_FONT, 9)
    compact.paragraph_format.space_before = compact.paragraph_format.space_after = Pt(1)
    compact.paragraph_format.first_line_indent = Cm(0)
    compact.paragraph_format.alignment = None
    # Tight list items outside tables (docx_post gives them this style instead of "Compact", which
    # is the 9-pt table text): the body font and size, little space between items.
    clist = _style(doc, "Compact List", base="Normal")
    _font(clist, BODY_FONT, 12)
    clist.paragraph_format.space_before, clist.paragraph_format.space_after = Pt(0), Pt(3)
    clist.paragraph_format.line_spacing = 1.15
    clist.paragraph_format.first_line_indent = Cm(0)
    note = _style(doc, "Source Note", base="Normal")
    _font(note, HEAD_FONT, 8.5, color=GREY)
    note.paragraph_format.space_before = Pt(3)
    note.paragraph_format.space_after = Pt(12)
    marker = _style(doc, "Landscape Marker", base="Normal")
    _font(marker, HEAD_FONT, 1)
    _table_style(doc)
    epoch = source_date_epoch() if epoch is None else epoch
    buf = io.BytesIO()
    doc.save(buf)
    entries = read_zip(buf)
    if "docProps/core.xml" in entries:
        entries["docProps/core.xml"] = set_core_dates(entries["docProps/core.xml"], epoch_datetime(epoch))
    write_zip(entries, out, epoch=epoch, first=CONTENT_TYPES_FIRST)
