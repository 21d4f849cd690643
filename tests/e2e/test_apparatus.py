"""The apparatus of the built report (issue 13): title page and its reverse from config, the order of
the front and back matter in both documents, the list of abbreviations against the text, the key
messages' numbers against the chapters', and the Kazakh caption and appendix convention."""

import json
import re

import pytest
import yaml
from docx import Document
from pypdf import PdfReader

from conftest import CONFIG, ROOT

pytestmark = pytest.mark.slow

# Two or more Cyrillic capitals not inside a word: an abbreviation ("ИДИ-дің" -> ИДИ).
CAPS = "А-ЯЁӘҒҚҢӨҰҮҺІ"
ABBR = re.compile(rf"(?<![{CAPS}а-яёәғқңөұүһі\w])[{CAPS}]{{2,}}(?![а-яёәғқңөұүһі])")
LANGUAGE = yaml.safe_load((ROOT / "report/_language-kk.yml").read_text(encoding="utf-8"))


def outputs(work, year):
    base = work / f"results/{year}/kk"
    return base / "national-report.docx", base / "national-report.pdf"


def pdf_pages(path):
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(path).pages]


def docx_paragraphs(path):
    return [p.text for p in Document(str(path)).paragraphs]


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_body_paragraphs(path):
    """(style id, text) of every paragraph in body order, the table of contents' (a w:sdt) included."""
    body = Document(str(path)).element.body
    out = []
    for p in body.iter(f"{W}p"):
        st = p.find(f"{W}pPr/{W}pStyle")
        out.append(
            (st.get(f"{W}val") if st is not None else "", "".join(t.text or "" for t in p.iter(f"{W}t")))
        )
    return out


def demo_edition():
    return CONFIG["survey"]["demo"] or CONFIG["idi"]["demo"]


def test_title_page_and_reverse_from_config(built_report, report_year):
    docx, pdf = outputs(built_report, report_year)
    pub = CONFIG["publication"]
    pages = pdf_pages(pdf)
    title, reverse = pages[0], pages[1]
    assert pub["authority"] in title and f"{pub['place']}, {pub['year']}" in title
    assert "Уәкілетті орган" not in title and "уәкілетті орган" not in title  # no placeholder
    # The notice is on the reverse, never on the cover, and only in an edition with demonstration data.
    assert "демонстрациялық" not in title
    assert ("демонстрациялық" in reverse) == demo_edition()
    assert "№ 260" in reverse  # the annotation names the Order
    paras = docx_paragraphs(docx)
    assert pub["authority"] in paras and f"{pub['place']}, {pub['year']}" in paras
    doc = Document(str(docx))
    styles = {p.text: p.style.name for p in doc.paragraphs if p.text}
    notice = [t for t, s in styles.items() if s == "Abstract" and "демонстрациялық" in t]
    assert bool(notice) == demo_edition()
    assert doc.styles["Abstract Title"].paragraph_format.page_break_before  # the reverse is its own page


FRONT = ["Алғы сөз", "Негізгі тұжырымдар", "Мазмұны", "Қысқаша мазмұны", "Кіріспе"]
BACK = ["Қорытынды", "Қысқартулар тізімі", "Глоссарий", "Пайдаланылған дереккөздер тізімі", "1-қосымша."]


def _order(headings, wanted):
    pos = []
    for w in wanted:
        hits = [i for i, h in enumerate(headings) if h.startswith(w)]
        assert hits, f"{w!r} not among the headings"
        pos.append(hits[0])
    assert pos == sorted(pos), f"out of order: {list(zip(wanted, pos))}"
    return pos


def test_front_and_back_matter_in_order(built_report, report_year):
    docx, pdf = outputs(built_report, report_year)
    heads = [t for st, t in docx_body_paragraphs(docx) if st in ("Heading1", "TOCHeading")]
    front = _order(heads, FRONT)
    back = _order(heads, BACK)
    assert front[-1] < back[0]
    # PDF: each opening page starts with its heading; the TOC follows the key messages.
    pages = pdf_pages(pdf)
    starts = [next(i for i, p in enumerate(pages) if p.strip().startswith(w)) for w in FRONT[:3]]
    assert starts == sorted(starts) and starts[0] == 2  # after the title page and its reverse
    ends = [max(i for i, p in enumerate(pages) if p.strip().startswith(w)) for w in BACK[:4]]
    assert ends == sorted(ends)


def _abbreviation_section(paras):
    start = paras.index("Қысқартулар тізімі")
    end = paras.index("Глоссарий", start)
    listed = {}
    for p in paras[start + 1 : end]:
        if " — " in p:
            a, _, expansion = p.partition(" — ")
            listed[a.strip()] = expansion.strip()
    return listed, paras[:start] + paras[end:]


def test_abbreviations_listed_are_those_used(built_report, report_year):
    docx, _ = outputs(built_report, report_year)
    doc = Document(str(docx))
    paras = [p.text for p in doc.paragraphs]
    listed, rest = _abbreviation_section(paras)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    text = "\n".join(rest + cells)
    used = set(ABBR.findall(text)) | {a for a in LANGUAGE["abbreviations"] if "." in a and a in text}
    assert listed, "the list of abbreviations is empty"
    assert used - set(listed) == set(), "used but not listed"
    assert set(listed) - used == set(), "listed but not used"
    for a, expansion in listed.items():
        assert expansion == LANGUAGE["abbreviations"][a]


def test_key_messages_numbers_are_the_chapters_numbers(built_report, report_year):
    """Every value the key messages print is printed, the same way, in a chapter or annex."""
    reg = json.loads((built_report / f"results/{report_year}/kk/numbers.json").read_text(encoding="utf-8"))
    in_messages = {  # the numbers (a name or a title is text, not a number)
        k: v
        for k, v in reg["values"].items()
        if v["formatted"] and any(u.startswith("00-key-messages") for u in v["used_in"])
    }
    assert len(in_messages) >= 10
    book = built_report / f"results/{report_year}/kk/book"
    numbered = [p for p in book.glob("*.qmd") if re.match(r"0[2-8]|9[1-5]", p.name)]
    body = "\n".join(p.read_text(encoding="utf-8") for p in numbered)
    missing = []
    for key, v in in_messages.items():
        elsewhere = [u for u in v["used_in"] if re.match(r"0[2-8]|9[1-5]", u)]
        if not elsewhere and not any(f in body for f in v["formatted"]):
            missing.append((key, v["formatted"]))
    assert not missing, f"key-message numbers no chapter prints: {missing}"
    messages = (book / "00-key-messages.qmd").read_text(encoding="utf-8")
    assert 5 <= len(re.findall(r"^\d\. \*\*", messages, flags=re.M)) <= 7


def test_caption_and_appendix_convention(built_report, report_year):
    docx, pdf = outputs(built_report, report_year)
    paras = docx_paragraphs(docx)
    for what, text in (("PDF", "\n".join(pdf_pages(pdf))), ("DOCX", "\n".join(paras))):
        assert re.search(r"\b\d\.\d+-кесте — ", text) and re.search(r"\b\d\.\d+-сурет — ", text)
        assert re.search(r"Қ1\.\d+-кесте — ", text), what
        assert re.search(r"1-қосымша\.\s", text) and re.search(r"2-қосымша\.\s", text), what
        assert not re.search(r"Кесте\s\d|Сурет\s\d|Қосымша\s[A-Z]\b", text), what
    # The table of contents names the appendices the same way.
    toc = [t for st, t in docx_body_paragraphs(docx) if st in ("TOC1", "TOC2")]
    assert any(t.startswith("1-қосымша. ") for t in toc)


def test_list_of_sources_cites_the_order(built_report, report_year):
    docx, pdf = outputs(built_report, report_year)
    paras = docx_paragraphs(docx)
    start = paras.index("Пайдаланылған дереккөздер тізімі")
    entries = [p for p in paras[start + 1 :] if re.match(r"\d+\.\s", p)]
    refs = yaml.safe_load((ROOT / "report/references.yaml").read_text(encoding="utf-8"))["references"]
    assert len(entries) >= len(refs)
    assert any(re.search(r"2022 жылғы 11 мамырдағы №\s260", e) for e in entries)
    intro = paras[paras.index("Кіріспе") : paras.index("Кіріспе") + 40]
    assert any(re.search(r"\[\d+\]", p) for p in intro)  # the introduction cites its sources
