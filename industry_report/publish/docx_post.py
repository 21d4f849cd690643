"""Post-processing of the DOCX that pandoc writes: what pandoc cannot do and Word users expect.

* the table of contents is updated when Word opens the file (`w:updateFields`), and is pre-filled
  with the headings so that a reader who does not update fields (or LibreOffice) still sees it;
* landscape sections for wide tables (marker paragraphs from the crossref filter become section
  breaks that copy the document's own section properties, so the footer with the page number stays);
* full-width tables span the text width of their own section: pandoc writes their column grid for
  a 5.5-inch text block, which LibreOffice (and Word when it keeps the grid) would print narrower
  than the page, breaking header words that fit in the PDF;
* the table of contents moved to where the chapters put it (`::: {.contents}`, after the key
  messages; the crossref filter leaves a marker paragraph), since pandoc writes it under the title;
* every chart's alternative text (``descr``) is the one the chart carries (chart_style.save);
* Word opens the file as a Word 2013+ document (``compatibilityMode`` 15), not in compatibility mode;
* list paragraphs in the body font: pandoc gives tight lists the table style "Compact" (9-pt Arial
  in our reference document), so a list item outside a table gets "Compact List" instead;
* table rows never split across pages (``cantSplit``); pandoc marks header rows to repeat
  (``tblHeader``), which the documents' test checks;
* what belongs together stays on one page: a chart with its caption, a caption with the source
  note under it, a table's last two rows with each other and with its source note;
* equation numbers at the right margin: a display equation "… \\qquad (n)" is split into the
  formula, centred, and its number on a right tab stop;
* real Word captions: the number in a table or figure caption is a ``SEQ`` field of the caption
  label ("Кесте", "Сурет"; "Таблица", "Рисунок"), restarting at each chapter (``\\s 1``), and
  the labels are declared in settings.xml, so that Word's "Insert Table of Figures" and its
  cross-references find them; the printed text does not change;
* the emblem of the title page (optional, publication.emblem) above the title;
* deterministic bytes: fixed zip entry order and timestamps, document dates from SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

from lxml import etree

from industry_report.core.io import epoch_datetime, read_zip, write_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def set_update_fields(settings_xml: bytes) -> bytes:
    root = etree.fromstring(settings_xml)
    if root.find("w:updateFields", NS) is not None:
        return settings_xml
    el = etree.Element(_w("updateFields"))
    el.set(_w("val"), "true")
    for child in root:
        if etree.QName(child).localname in _AFTER_UPDATE_FIELDS:
            child.addprevious(el)
            break
    else:
        root.append(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _para_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(_w("t")))


def _landscape(sect):
    s = copy.deepcopy(sect)
    pg = s.find("w:pgSz", NS)
    if pg is not None:
        w, h = pg.get(_w("w")), pg.get(_w("h"))
        pg.set(_w("w"), h)
        pg.set(_w("h"), w)
        pg.set(_w("orient"), "landscape")
    mar = s.find("w:pgMar", NS)
    if mar is not None:  # turn the margins with the page
        t, r, b, l = (mar.get(_w(k)) for k in ("top", "right", "bottom", "left"))
        mar.set(_w("top"), r)
        mar.set(_w("right"), b)
        mar.set(_w("bottom"), l)
        mar.set(_w("left"), t)
    return s


def apply_landscape(document_xml: bytes) -> bytes:
    root = etree.fromstring(document_xml)
    body = root.find("w:body", NS)
    final = body.find("w:sectPr", NS)
    if final is None:
        return document_xml
    # Two turned tables in a row share the turned pages: an end marker right before a start
    # marker would leave an empty portrait section (a blank page) between them.
    for p in list(body.iter(_w("p"))):
        nxt = p.getnext()
        if (
            _para_text(p).strip() == "[[landscape-end]]"
            and nxt is not None
            and nxt.tag == _w("p")
            and _para_text(nxt).strip() == "[[landscape-start]]"
        ):
            body.remove(p)
            body.remove(nxt)
    for p in list(body.iter(_w("p"))):
        text = _para_text(p).strip()
        if text not in ("[[landscape-start]]", "[[landscape-end]]"):
            continue
        sect = copy.deepcopy(final) if text == "[[landscape-start]]" else _landscape(final)
        for child in sect.findall("w:titlePg", NS):  # only the first section has a title page
            sect.remove(child)
        new = etree.Element(_w("p"))
        ppr = etree.SubElement(new, _w("pPr"))
        ppr.append(sect)
        p.addprevious(new)
        p.getparent().remove(p)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _text_width(sect) -> int | None:
    """Text width (twips) of a section: page width minus the left and right margins."""
    pg, mar = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    if pg is None or mar is None:
        return None
    return int(pg.get(_w("w"))) - int(mar.get(_w("left"))) - int(mar.get(_w("right")))


def fit_tables(document_xml: bytes) -> bytes:
    """Scale the column grid of every full-width table (``tblW`` 100 %) to its section's text
    width, keeping the columns' proportions. A table belongs to the section whose ``sectPr``
    comes next in the body (a paragraph's, or the body's own at the end)."""
    root = etree.fromstring(document_xml)
    body = root.find("w:body", NS)
    pending = []
    for child in body:
        if child.tag == _w("tbl"):
            tblw = child.find("w:tblPr/w:tblW", NS)
            if tblw is not None and tblw.get(_w("type")) == "pct" and tblw.get(_w("w")) == "5000":
                pending.append(child)
            continue
        sect = child if child.tag == _w("sectPr") else child.find("w:pPr/w:sectPr", NS)
        if sect is None or not pending:
            continue
        width = _text_width(sect)
        for tbl in pending if width else []:
            cols = tbl.findall("w:tblGrid/w:gridCol", NS)
            total = sum(int(c.get(_w("w"))) for c in cols)
            if total <= 0:
                continue
            new = [int(c.get(_w("w"))) * width // total for c in cols]
            new[-1] += width - sum(new)  # rounding goes to the last column
            for c, w in zip(cols, new):
                c.set(_w("w"), str(w))
        pending = []
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def prefill_toc(document_xml: bytes) -> bytes:
    """Write the headings (levels 1-2) into the empty TOC field as its cached result.

    Word replaces them (with page numbers) when it updates fields on open; readers that do not
    update fields still see the contents.
    """
    root = etree.fromstring(document_xml)
    body = root.find("w:body", NS)
    instr = next((i for i in body.iter(_w("instrText")) if (i.text or "").strip().startswith("TOC")), None)
    if instr is None:
        return document_xml
    field_p = instr.getparent().getparent()
    sep = next((f for f in field_p.iter(_w("fldChar")) if f.get(_w("fldCharType")) == "separate"), None)
    if sep is None:
        return document_xml
    entries = []
    for p in body.iter(_w("p")):
        ps = p.find("w:pPr/w:pStyle", NS)
        if ps is None:
            continue
        m = re.fullmatch(r"Heading([12])", ps.get(_w("val"), ""))
        if m:
            anchor = next(
                (b.get(_w("name")) for b in p.itersiblings(preceding=True) if b.tag == _w("bookmarkStart")),
                None,
            )
            entries.append((int(m.group(1)), _para_text(p), anchor))
    if not entries:
        return document_xml
    # Split the field: begin/instr/separate stay in the first paragraph, each entry is a paragraph,
    # the end fldChar closes the last one.
    end_run = None
    for r in field_p.findall("w:r", NS):
        for f in r.findall("w:fldChar", NS):
            if f.get(_w("fldCharType")) == "end":
                end_run = r
    if end_run is None:
        return document_xml
    sep_run = sep.getparent()
    if end_run is sep_run:  # pandoc puts separate and end in one run: split it
        end_run = etree.Element(_w("r"))
        end_f = sep_run.findall("w:fldChar", NS)[-1]
        sep_run.remove(end_f)
        end_run.append(end_f)
    else:
        end_run.getparent().remove(end_run)
    prev = field_p
    for i, (level, text, _anchor) in enumerate(entries):
        p = etree.Element(_w("p"))
        ppr = etree.SubElement(p, _w("pPr"))
        st = etree.SubElement(ppr, _w("pStyle"))
        st.set(_w("val"), f"TOC{level}")
        r = etree.SubElement(p, _w("r"))
        t = etree.SubElement(r, _w("t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        if i == len(entries) - 1:
            p.append(end_run)
        prev.addnext(p)
        prev = p
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def move_toc(document_xml: bytes) -> bytes:
    """Put pandoc's table of contents (its ``w:sdt`` block) in place of the "[[contents]]" marker."""
    root = etree.fromstring(document_xml)
    body = root.find("w:body", NS)
    marker = next((p for p in body.iter(_w("p")) if _para_text(p).strip() == "[[contents]]"), None)
    if marker is None:
        return document_xml
    toc = next(
        (
            sdt
            for sdt in body.iter(_w("sdt"))
            if any((i.text or "").strip().startswith("TOC") for i in sdt.iter(_w("instrText")))
        ),
        None,
    )
    if toc is not None:
        marker.addprevious(toc)  # addprevious moves the element
    marker.getparent().remove(marker)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_core_dates(core_xml: bytes, when: dt.datetime) -> bytes:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(
        rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp + rb"\g<2>", core_xml
    )


M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def set_compatibility(settings_xml: bytes, mode: int = 15) -> bytes:
    """``w:compat/w:compatSetting compatibilityMode`` = 15 (Word 2013 and later)."""
    root = etree.fromstring(settings_xml)
    compat = root.find("w:compat", NS)
    if compat is None:
        compat = etree.Element(_w("compat"))
        follower = next((c for c in root if etree.QName(c).localname in _AFTER_UPDATE_FIELDS[4:]), None)
        if follower is not None:
            follower.addprevious(compat)
        else:
            root.append(compat)
    for old in compat.findall("w:compatSetting", NS):
        if old.get(_w("name")) == "compatibilityMode":
            compat.remove(old)
    el = etree.SubElement(compat, _w("compatSetting"))
    for k, v in (
        ("name", "compatibilityMode"),
        ("uri", "http://schemas.microsoft.com/office/word"),
        ("val", str(mode)),
    ):
        el.set(_w(k), v)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_chart_alt(document_xml: bytes, rels_xml: bytes, media: dict[str, bytes]) -> bytes:
    """The ``descr`` of every picture whose PNG carries an alternative text (chart_style.save)."""
    from industry_report.publish.figure_alt import read_alt

    targets = {
        r.get("Id"): r.get("Target") for r in etree.fromstring(rels_xml).iter(f"{{{PKG}}}Relationship")
    }
    root = etree.fromstring(document_xml)
    for drawing in root.iter(_w("drawing")):
        pr, blip = drawing.find(f".//{{{WP}}}docPr"), drawing.find(f".//{{{A}}}blip")
        if pr is None or blip is None:
            continue
        data = media.get("word/" + (targets.get(blip.get(f"{{{R}}}embed")) or ""))
        alt = read_alt(data) if data and data.startswith(b"\x89PNG") else None
        if alt:  # the drawing's and the picture's own description (pandoc puts the file name there)
            pr.set("descr", alt)
            for c in drawing.iter("{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr"):
                c.set("descr", alt)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def fix_lists_and_rows(document_xml: bytes) -> bytes:
    """List items outside tables in "Compact List"; rows that do not split."""
    root = etree.fromstring(document_xml)
    for p in root.iter(_w("p")):
        st = p.find("w:pPr/w:pStyle", NS)
        if st is not None and st.get(_w("val")) == "Compact" and p.find("w:pPr/w:numPr", NS) is not None:
            if not any(a.tag == _w("tc") for a in p.iterancestors()):
                st.set(_w("val"), "CompactList")
    for tbl in root.iter(_w("tbl")):
        for tr in tbl.findall("w:tr", NS):  # pandoc marks the header rows (tblHeader) itself
            trpr = tr.find("w:trPr", NS)
            if trpr is None:
                trpr = etree.Element(_w("trPr"))
                ex = tr.find("w:tblPrEx", NS)
                tr.insert(list(tr).index(ex) + 1 if ex is not None else 0, trpr)
            if trpr.find("w:cantSplit", NS) is None:
                trpr.insert(0, etree.Element(_w("cantSplit")))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _style_of(p) -> str:
    st = p.find("w:pPr/w:pStyle", NS) if p.tag == _w("p") else None
    return st.get(_w("val")) if st is not None else ""


def _keep_next(p) -> None:
    ppr = p.find("w:pPr", NS)
    if ppr is None:
        ppr = etree.Element(_w("pPr"))
        p.insert(0, ppr)
    if ppr.find("w:keepNext", NS) is None:
        style = ppr.find("w:pStyle", NS)
        ppr.insert(list(ppr).index(style) + 1 if style is not None else 0, etree.Element(_w("keepNext")))


def _next_block(el):
    """The paragraph or table after ``el``, past the bookmark ends pandoc writes after a captioned
    figure or table (they print nothing)."""
    nxt = el.getnext()
    while nxt is not None and nxt.tag in (_w("bookmarkStart"), _w("bookmarkEnd")):
        nxt = nxt.getnext()
    return nxt


def keep_together(document_xml: bytes) -> bytes:
    """keepNext where a page break would part things that belong together (see the module doc)."""
    root = etree.fromstring(document_xml)
    body = root.find("w:body", NS)
    for el in body:
        nxt = _next_block(el)
        if el.tag == _w("p") and _style_of(el) == "CaptionedFigure":
            _keep_next(el)
        elif (
            el.tag == _w("p")
            and _style_of(el) == "ImageCaption"
            and nxt is not None
            and _style_of(nxt) == "SourceNote"
        ):
            _keep_next(el)
        elif el.tag == _w("tbl"):
            rows = el.findall("w:tr", NS)
            # the last row never alone on a page; with a source note after it, the note stays too
            tail = rows[-2:-1] + (rows[-1:] if nxt is not None and _style_of(nxt) == "SourceNote" else [])
            for row in tail if len(rows) > 2 else []:
                for p in row.iter(_w("p")):
                    _keep_next(p)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_EQ_NUMBER = re.compile(r"^[\s\u2001]*\(([0-9A-Z]+\.[0-9]+)\)$")


def _trailing_number(omath):
    """The runs "\\qquad (n)" that end a formula (pandoc splits them into several m:r) and n."""
    runs = []
    for r in reversed(list(omath)):
        if r.tag != f"{{{M}}}r":
            break
        runs.insert(0, r)
        text = "".join(t.text or "" for t in r.iter(f"{{{M}}}t"))
        if "\u2001" in text:
            m = _EQ_NUMBER.match("".join(t.text or "" for x in runs for t in x.iter(f"{{{M}}}t")))
            return (runs, m.group(1)) if m else None
    return None


def number_equations(document_xml: bytes) -> bytes:
    """Move "(n)" out of a display equation to a right tab stop at the margin: the filter writes
    the number inside the formula (as Quarto does), where Word centres it with the formula."""
    root = etree.fromstring(document_xml)
    body = root.find("w:body", NS)
    final = body.find("w:sectPr", NS)
    width = (_text_width(final) if final is not None else None) or 9355
    for para in list(body.iter(f"{{{M}}}oMathPara")):
        omath, p = para.find(f"{{{M}}}oMath"), para.getparent()
        found = _trailing_number(omath) if omath is not None else None
        if not found or p is None or p.tag != _w("p"):
            continue
        runs, number = found
        for r in runs:
            omath.remove(r)
        ppr = p.find("w:pPr", NS)
        if ppr is None:
            ppr = etree.Element(_w("pPr"))
            p.insert(0, ppr)
        tabs = etree.Element(_w("tabs"))
        for kind, pos in (("center", width // 2), ("right", width)):
            tab = etree.SubElement(tabs, _w("tab"))
            tab.set(_w("val"), kind)
            tab.set(_w("pos"), str(pos))
        style = ppr.find("w:pStyle", NS)
        ppr.insert(list(ppr).index(style) + 1 if style is not None else 0, tabs)
        # tab, the formula (inline, centred on the tab stop), tab, the number at the right margin
        idx = list(p).index(para)
        p.remove(para)
        items = []
        for content in ("tab", omath, "tab", f"({number})"):
            if content == "tab":
                r = etree.Element(_w("r"))
                etree.SubElement(r, _w("tab"))
            elif isinstance(content, str):
                r = etree.Element(_w("r"))
                etree.SubElement(r, _w("t")).text = content
            else:
                r = content
            items.append(r)
        for k, el in enumerate(items):
            p.insert(idx + k, el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def caption_label(word: str) -> str:
    """The SEQ identifier of a caption word: the word as a label, capitalised ("кесте" -> "Кесте")."""
    return word[:1].upper() + word[1:]


def _caption_number(word: str):
    """A matcher of "1.1-кесте …" (number first) or "Таблица 1.1 …" (word first; Quarto joins them
    with a no-break space): its ``n`` group is the number within the chapter (1, Қ1, П1 before it)."""
    num, w = r"[^\s.]+\.(?P<n>\d+)", re.escape(word)
    orders = [re.compile(rf"^{num}-{w}(?=\s|$)", re.I), re.compile(rf"^{w}[ \u00a0]{num}(?=\s|$)", re.I)]
    return lambda text: next((m for m in (o.match(text) for o in orders) if m), None)


def _run(rpr, *, text: str | None = None, fld: str | None = None, instr: str | None = None):
    r = etree.Element(_w("r"))
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    if fld:
        etree.SubElement(r, _w("fldChar")).set(_w("fldCharType"), fld)
    elif instr is not None:
        el = etree.SubElement(r, _w("instrText"))
        el.text = instr
        el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    else:
        el = etree.SubElement(r, _w("t"))
        el.text = text
        el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def caption_fields(document_xml: bytes, words: dict[str, str]) -> bytes:
    """The caption number of every paragraph of a caption style (``words``: style id -> the
    printed caption word, e.g. {"TableCaption": "кесте"}) becomes a ``SEQ <Label> \\* ARABIC \\s 1``
    field (with ``\\r n`` where the count starts again) whose cached result is the printed
    number, as Word and LibreOffice recompute it; the chapter part stays text (the headings'
    numbers are text, not Word list numbering, so STYLEREF has nothing to refer to)."""
    root = etree.fromstring(document_xml)
    patterns = {style: (_caption_number(word), caption_label(word)) for style, word in words.items()}
    last: dict[str, int] = {}  # the previous caption number of each label, in document order
    for p in root.iter(_w("p")):
        found = patterns.get(_style_of(p))
        first = p.find("w:r", NS)
        t = first.find("w:t", NS) if first is not None else None
        if not found or t is None or first.find("w:fldChar", NS) is not None:
            continue
        m = found[0](t.text or "")
        if not m:
            continue
        start, end = m.span("n")
        rpr = first.find("w:rPr", NS)
        label, n = found[1], int(m.group("n"))
        # LibreOffice ignores \\s (it numbers on through the document): where the count starts
        # again (a new chapter), \\r sets it, so both give the printed number.
        reset = f"\\r {n} " if n != last.get(label, 0) + 1 else ""
        last[label] = n
        runs = [_run(rpr, text=t.text[:start])] if start else []
        runs += [
            _run(rpr, fld="begin"),
            _run(rpr, instr=f" SEQ {label} {reset}\\* ARABIC \\s 1 "),
            _run(rpr, fld="separate"),
            _run(rpr, text=m.group("n")),
            _run(rpr, fld="end"),
        ]
        for r in runs:
            first.addprevious(r)
        rest = t.text[end:]
        if rest:  # the rest of the caption stays in its run
            t.text = rest
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        else:
            p.remove(first)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def declare_captions(settings_xml: bytes, labels: dict[str, str]) -> bytes:
    """``w:captions``: the document's caption labels (label -> "above" or "below" its object), so
    that Word offers them in its caption, table-of-figures and cross-reference dialogs."""
    root = etree.fromstring(settings_xml)
    old = root.find("w:captions", NS)
    if old is not None:
        root.remove(old)
    el = etree.Element(_w("captions"))
    for label, pos in labels.items():
        c = etree.SubElement(el, _w("caption"))
        c.set(_w("name"), label)
        c.set(_w("pos"), pos)
    after = _AFTER_UPDATE_FIELDS[_AFTER_UPDATE_FIELDS.index("captions") + 1 :]
    follower = next((c for c in root if etree.QName(c).localname in after), None)
    if follower is not None:
        follower.addprevious(el)
    else:
        root.append(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def strip_id_prefix(document_xml: bytes, prefix: str) -> bytes:
    """Bookmarks and internal links named "<prefix>tbl-…" (the Quarto path: the crossref filter
    prefixes the ids it numbers so that Quarto does not number them again) get the names the
    built-in renderer gives them ("tbl-…"), unless a bookmark of that name exists already."""
    root = etree.fromstring(document_xml)
    names = {b.get(_w("name")) for b in root.iter(_w("bookmarkStart"))}
    renamed = set()
    for b in root.iter(_w("bookmarkStart")):
        name = b.get(_w("name")) or ""
        if name.startswith(prefix) and name[len(prefix) :] not in names:
            b.set(_w("name"), name[len(prefix) :])
            renamed.add(name)
    for h in root.iter(_w("hyperlink")):
        anchor = h.get(_w("anchor"))
        if anchor in renamed:
            h.set(_w("anchor"), anchor[len(prefix) :])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# Caption styles of pandoc's DOCX and where Word puts their caption: tables above, figures below.
CAPTION_STYLES = {"TableCaption": ("tbl", "above"), "ImageCaption": ("fig", "below")}


def finalize(
    raw: str | Path,
    out: str | Path,
    *,
    epoch: int,
    caption_words: dict[str, str] | None = None,
    id_prefix: str | None = None,
    emblem: bytes | None = None,
    emblem_alt: str = "",
) -> None:
    """``caption_words``: the printed caption words by kind, {"tbl": "кесте", "fig": "сурет"}
    (the language file's crossref-tbl-title and crossref-fig-title); none: captions stay text.
    ``id_prefix``: the prefix of the ids of a Quarto DOCX (strip_id_prefix).
    ``emblem``: the title page's emblem as PNG bytes (publish/emblem.py), placed above the title."""
    data = read_zip(raw)
    settings = set_compatibility(set_update_fields(data["word/settings.xml"]))
    by_style = {
        style: caption_words[kind]
        for style, (kind, _pos) in CAPTION_STYLES.items()
        if kind in (caption_words or {})
    }
    if by_style:
        labels = {caption_label(by_style[s]): CAPTION_STYLES[s][1] for s in by_style}
        settings = declare_captions(settings, labels)
    data["word/settings.xml"] = settings
    doc = data["word/document.xml"]
    if id_prefix:
        doc = strip_id_prefix(doc, id_prefix)
    doc = fit_tables(apply_landscape(move_toc(doc)))
    doc = keep_together(number_equations(fix_lists_and_rows(doc)))
    rels = data.get("word/_rels/document.xml.rels")
    if rels:
        doc = set_chart_alt(doc, rels, {k: v for k, v in data.items() if k.startswith("word/media/")})
    if by_style:
        doc = caption_fields(doc, by_style)
    data["word/document.xml"] = prefill_toc(doc)
    if emblem:
        from industry_report.publish.emblem import insert_docx_emblem

        insert_docx_emblem(data, emblem, emblem_alt)
    if "docProps/core.xml" in data:
        data["docProps/core.xml"] = set_core_dates(data["docProps/core.xml"], epoch_datetime(epoch))
    write_zip(data, out, epoch=epoch, first=CONTENT_TYPES_FIRST)


# Word and LibreOffice find the package's part list first, as the OOXML packaging convention has it.
CONTENT_TYPES_FIRST = ("[Content_Types].xml",)
