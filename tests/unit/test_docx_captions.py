"""Word captions: the number of a table or figure caption is a SEQ field of its label that Word
recomputes to the printed number, in both caption orders (Kazakh "1.1-кесте", Russian "Таблица 1.1")."""

import zipfile

from docx import Document
from lxml import etree

from industry_report.publish import docx_post

W = docx_post.W
NS = {"w": W}


def _p(style: str, text: str) -> str:
    run = f"<w:r><w:rPr><w:b/></w:rPr><w:t>{text}</w:t></w:r>"
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run}</w:p>'


def _doc(paragraphs: list[tuple[str, str]]) -> bytes:
    body = "".join(_p(s, t) for s, t in paragraphs)
    return f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>'.encode()


def _fields(xml: bytes) -> list[dict]:
    """Every caption paragraph read back: its text, and its SEQ field's code and cached result."""
    out = []
    for p in etree.fromstring(xml).iter(f"{{{W}}}p"):
        style = p.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val")
        instr = "".join(i.text for i in p.iter(f"{{{W}}}instrText"))
        result, state = "", None
        for r in p.findall("w:r", NS):
            f = r.find("w:fldChar", NS)
            if f is not None:
                state = f.get(f"{{{W}}}fldCharType")
            elif state == "separate":
                result += "".join(t.text for t in r.iter(f"{{{W}}}t"))
        text = "".join(t.text for t in p.iter(f"{{{W}}}t"))
        out.append({"style": style, "text": text, "instr": instr.strip(), "result": result})
    return out


def _recompute(fields: list[dict], *, restart_at_chapters: bool) -> list[str]:
    """What an editor computes for each SEQ field on update: ``\\r n`` sets the count of its
    label; Word also restarts it at every Heading 1 (``\\s 1``), LibreOffice does not."""
    counts, values = {}, []
    for f in fields:
        if f["style"] == "Heading1" and restart_at_chapters:
            counts = {}
        elif f["instr"].startswith("SEQ "):
            code = f["instr"].split()
            label = code[1]
            counts[label] = int(code[code.index("\\r") + 1]) if "\\r" in code else counts.get(label, 0) + 1
            values.append(str(counts[label]))
    return values


def _word_update(fields):
    return _recompute(fields, restart_at_chapters=True)


def _libreoffice_update(fields):
    return _recompute(fields, restart_at_chapters=False)


KK = [
    ("Heading1", "Қысқаша мазмұны"),
    ("TableCaption", "Индустрияландырудың 16 негізгі көрсеткіші"),  # not numbered: stays text
    ("Heading1", "1. Өнеркәсіптің жай-күйі"),
    ("TableCaption", "1.1-кесте — Негізгі көрсеткіштер"),
    ("ImageCaption", "1.1-сурет — Үлес, %"),
    ("ImageCaption", "1.2-сурет — Индекс"),
    ("TableCaption", "1.2-кесте — Серіктес елдер"),
    ("Heading1", "1-қосымша. Әдістеме"),
    ("TableCaption", "Қ1.1-кесте — Іріктеме"),
    ("BodyText", "1.3-кесте — мәтін, қолтаңба емес"),
]
RU = [
    ("Heading1", "1. Состояние промышленности"),
    ("TableCaption", "Таблица 1.1 — Основные показатели"),
    ("ImageCaption", "Рисунок 1.1 — Доля, %"),
    ("TableCaption", "Таблица 1.2 — Страны-партнёры"),
    ("Heading1", "Приложение 1. Методика"),
    ("TableCaption", "Таблица П1.1 — Выборка"),
]


def test_kazakh_captions_get_seq_fields_that_word_recomputes_to_the_printed_numbers():
    words = {"TableCaption": "кесте", "ImageCaption": "сурет"}
    out = _fields(docx_post.caption_fields(_doc(KK), words))
    assert [f["text"] for f in out] == [t for _, t in KK]  # the printed text is unchanged
    seq = [f for f in out if f["instr"]]
    assert [f["instr"] for f in seq] == [
        "SEQ Кесте \\* ARABIC \\s 1",
        "SEQ Сурет \\* ARABIC \\s 1",
        "SEQ Сурет \\* ARABIC \\s 1",
        "SEQ Кесте \\* ARABIC \\s 1",
        "SEQ Кесте \\r 1 \\* ARABIC \\s 1",  # the appendix starts the count again
    ]
    # the cached result is the caption's own number, and Word's update gives the same
    printed = [f["text"].split("-")[0].split(".")[1] for f in seq]
    assert [f["result"] for f in seq] == printed == ["1", "1", "2", "2", "1"]
    assert _word_update(out) == printed
    assert _libreoffice_update(out) == printed
    # the unnumbered caption and the body paragraph have no field
    assert out[1]["instr"] == "" and out[-1]["instr"] == ""


def test_russian_captions_word_first():
    words = {"TableCaption": "Таблица", "ImageCaption": "Рисунок"}
    out = _fields(docx_post.caption_fields(_doc(RU), words))
    assert [f["text"] for f in out] == [t for _, t in RU]
    seq = [f for f in out if f["instr"]]
    assert [f["instr"].split()[1] for f in seq] == ["Таблица", "Рисунок", "Таблица", "Таблица"]
    assert [f["result"] for f in seq] == ["1", "1", "2", "1"] == _word_update(out) == _libreoffice_update(out)


def test_the_run_formatting_is_kept_around_the_field():
    out = docx_post.caption_fields(_doc(KK[2:4]), {"TableCaption": "кесте"})
    runs = etree.fromstring(out).findall(".//w:p[2]/w:r", NS)
    assert len(runs) == 7  # "1." | begin | code | separate | "1" | end | "-кесте — …"
    assert all(r.find("w:rPr/w:b", NS) is not None for r in runs)


def test_finalize_declares_the_labels_and_python_docx_reads_the_fields_back(tmp_path):
    d = Document()
    for style, text in KK[2:6]:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().get_or_add_pStyle().set(f"{{{W}}}val", style)
    raw = tmp_path / "raw.docx"
    d.save(str(raw))
    out = tmp_path / "out.docx"
    docx_post.finalize(raw, out, epoch=1767225600, caption_words={"tbl": "кесте", "fig": "сурет"})
    doc = Document(str(out))
    caps = [p for p in doc.paragraphs if p._p.xpath(".//w:instrText")]
    assert [p.text for p in caps] == [t for _, t in KK[3:6]]
    assert ["".join(p._p.xpath(".//w:instrText/text()")).split()[:2] for p in caps] == [
        ["SEQ", "Кесте"],
        ["SEQ", "Сурет"],
        ["SEQ", "Сурет"],
    ]
    with zipfile.ZipFile(out) as z:
        settings = etree.fromstring(z.read("word/settings.xml"))
    labels = {c.get(f"{{{W}}}name"): c.get(f"{{{W}}}pos") for c in settings.iterfind(".//w:caption", NS)}
    assert labels == {"Кесте": "above", "Сурет": "below"}
    # the same input gives the same bytes
    again = tmp_path / "again.docx"
    docx_post.finalize(raw, again, epoch=1767225600, caption_words={"tbl": "кесте", "fig": "сурет"})
    assert again.read_bytes() == out.read_bytes()


def test_the_quarto_docx_gets_the_built_in_bookmark_names():
    body = (
        '<w:p><w:bookmarkStart w:id="1" w:name="ir-tbl-a"/><w:r><w:t>1.1-кесте</w:t></w:r>'
        '<w:bookmarkEnd w:id="1"/></w:p>'
        '<w:p><w:bookmarkStart w:id="2" w:name="sec-x"/><w:bookmarkStart w:id="3" w:name="ir-sec-x"/></w:p>'
        '<w:p><w:hyperlink w:anchor="ir-tbl-a"><w:r><w:t>1.1</w:t></w:r></w:hyperlink>'
        '<w:hyperlink w:anchor="ir-sec-x"/><w:hyperlink w:anchor="sec-x"/></w:p>'
    )
    out = etree.fromstring(docx_post.strip_id_prefix(_wrap(body), "ir-"))
    names = [b.get(f"{{{W}}}name") for b in out.iter(f"{{{W}}}bookmarkStart")]
    anchors = [h.get(f"{{{W}}}anchor") for h in out.iter(f"{{{W}}}hyperlink")]
    # "ir-sec-x" would collide with an existing "sec-x": it and its link keep their names
    assert names == ["tbl-a", "sec-x", "ir-sec-x"]
    assert anchors == ["tbl-a", "ir-sec-x", "sec-x"]


def test_the_prefix_is_the_crossref_filters():
    import re
    from pathlib import Path

    from industry_report.publish.rendering import QUARTO_ID_PREFIX

    lua = (Path(__file__).parents[2] / "report/filters/quarto_crossref.lua").read_text(encoding="utf-8")
    assert re.search(r'^local QUARTO_ID_PREFIX = "([^"]+)"', lua, re.M).group(1) == QUARTO_ID_PREFIX


def _wrap(body: str) -> bytes:
    return f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>'.encode()
