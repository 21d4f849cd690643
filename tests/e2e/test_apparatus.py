"""The apparatus of the built report (issue 13): title page and its reverse from config, the order of
the front and back matter in both documents, the list of abbreviations against the text, the key
messages' numbers against the chapters', and the caption and appendix convention of each edition
(Kazakh "1.1-кесте — …", Russian "Таблица 1.1 — …"). Every test runs on every edition of the build."""

import json
import re

import pytest
import yaml
from docx import Document

from conftest import CONFIG, ROOT, pdf_page_texts

pytestmark = pytest.mark.slow

# Two or more Cyrillic capitals not inside a word: an abbreviation ("ИДИ-дің" -> ИДИ).
CAPS = "А-ЯЁӘҒҚҢӨҰҮҺІ"
ABBR = re.compile(rf"(?<![{CAPS}а-яёәғқңөұүһі\w])[{CAPS}]{{2,}}(?![а-яёәғқңөұүһі])")
LANGS = CONFIG["languages"]


def language(lang):
    return yaml.safe_load((ROOT / f"report/_language-{lang}.yml").read_text(encoding="utf-8"))


# The words each test looks for, by edition (the same apparatus in each language).
WORDS = {
    "kk": {
        "authority": "authority",
        "place": "place",
        "placeholder": "уәкілетті орган",
        "demo": "демонстрациялық",
        "front": ["Алғы сөз", "Негізгі тұжырымдар", "Мазмұны", "Қысқаша мазмұны", "Кіріспе"],
        "back": [
            "Қорытынды",
            "Қысқартулар тізімі",
            "Глоссарий",
            "Пайдаланылған дереккөздер тізімі",
            "1-қосымша.",
        ],
        "abbreviations": "Қысқартулар тізімі",
        "glossary": "Глоссарий",
        "table": r"\b\d\.\d+-кесте — ",
        "figure": r"\b\d\.\d+-сурет — ",
        "annex_table": r"Қ1\.\d+-кесте — ",
        "annex": r"{n}-қосымша\.\s",
        "not": r"Кесте\s\d|Сурет\s\d|Қосымша\s[A-Z]\b",
        "toc_annex": "1-қосымша. ",
        "sources": "Пайдаланылған дереккөздер тізімі",
        "references": "report/references.yaml",
        "order": r"2022 жылғы 11 мамырдағы №\s260",
        "introduction": "Кіріспе",
    },
    "ru": {
        "authority": "authority_ru",
        "place": "place_ru",
        "placeholder": "уполномоченный орган",
        "demo": "демонстрацион",
        "front": ["Предисловие", "Основные выводы", "Содержание", "Краткое содержание", "Введение"],
        "back": [
            "Заключение",
            "Список сокращений",
            "Глоссарий",
            "Список использованных источников",
            "Приложение\u00a01.",
        ],
        "abbreviations": "Список сокращений",
        "glossary": "Глоссарий",
        "table": r"Таблица\s\d\.\d+ — ",
        "figure": r"Рисунок\s\d\.\d+ — ",
        "annex_table": r"Таблица\sП1\.\d+ — ",
        "annex": r"Приложение\s{n}\.\s",
        "not": r"\d\.\d+-кесте|\d\.\d+-сурет|Таблица\s\d\.\d+:|Приложение\s[A-Z]\b",
        "toc_annex": "Приложение\u00a01. ",
        "sources": "Список использованных источников",
        "references": "report/references-ru.yaml",
        "order": r"от 11 мая 2022 года №\s260",
        "introduction": "Введение",
    },
}


def outputs(work, year, lang="kk"):
    base = work / f"results/{year}/{lang}"
    return base / "national-report.docx", base / "national-report.pdf"


def pdf_pages(path):
    return [re.sub(r"\s+", " ", t) for t in pdf_page_texts(path)]


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


@pytest.mark.parametrize("lang", LANGS)
def test_title_page_and_reverse_from_config(built_report, report_year, lang):
    docx, pdf = outputs(built_report, report_year, lang)
    w, pub = WORDS[lang], CONFIG["publication"]
    authority, place = pub[w["authority"]], pub[w["place"]]
    pages = pdf_pages(pdf)
    title, reverse = pages[0], pages[1]
    assert authority in title and f"{place}, {pub['year']}" in title
    assert w["placeholder"] not in title.lower()  # no placeholder
    # The notice is on the reverse, never on the cover, and only in an edition with demonstration data.
    assert w["demo"] not in title
    assert (w["demo"] in reverse) == demo_edition()
    assert "№ 260" in reverse  # the annotation names the Order
    paras = docx_paragraphs(docx)
    assert authority in paras and f"{place}, {pub['year']}" in paras
    doc = Document(str(docx))
    styles = {p.text: p.style.name for p in doc.paragraphs if p.text}
    notice = [t for t, s in styles.items() if s == "Abstract" and w["demo"] in t]
    assert bool(notice) == demo_edition()
    assert doc.styles["Abstract Title"].paragraph_format.page_break_before  # the reverse is its own page


def _order(headings, wanted):
    pos = []
    for w in wanted:
        hits = [i for i, h in enumerate(headings) if h.startswith(w)]
        assert hits, f"{w!r} not among the headings"
        pos.append(hits[0])
    assert pos == sorted(pos), f"out of order: {list(zip(wanted, pos))}"
    return pos


@pytest.mark.parametrize("lang", LANGS)
def test_front_and_back_matter_in_order(built_report, report_year, lang):
    docx, pdf = outputs(built_report, report_year, lang)
    FRONT, BACK = WORDS[lang]["front"], WORDS[lang]["back"]
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


def _abbreviation_section(paras, lang):
    start = paras.index(WORDS[lang]["abbreviations"])
    end = paras.index(WORDS[lang]["glossary"], start)
    listed = {}
    for p in paras[start + 1 : end]:
        if " — " in p:
            a, _, expansion = p.partition(" — ")
            listed[a.strip()] = expansion.strip()
    return listed, paras[:start] + paras[end:]


@pytest.mark.parametrize("lang", LANGS)
def test_abbreviations_listed_are_those_used(built_report, report_year, lang):
    docx, _ = outputs(built_report, report_year, lang)
    doc = Document(str(docx))
    paras = [p.text for p in doc.paragraphs]
    listed, rest = _abbreviation_section(paras, lang)
    LANGUAGE = language(lang)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    text = "\n".join(rest + cells)
    used = set(ABBR.findall(text)) | {a for a in LANGUAGE["abbreviations"] if "." in a and a in text}
    assert listed, "the list of abbreviations is empty"
    assert used - set(listed) == set(), "used but not listed"
    assert set(listed) - used == set(), "listed but not used"
    for a, expansion in listed.items():
        assert expansion == LANGUAGE["abbreviations"][a]


@pytest.mark.parametrize("lang", LANGS)
def test_key_messages_numbers_are_the_chapters_numbers(built_report, report_year, lang):
    """Every value the key messages print is printed, the same way, in a chapter or annex."""
    reg = json.loads(
        (built_report / f"results/{report_year}/{lang}/numbers.json").read_text(encoding="utf-8")
    )
    in_messages = {  # the numbers (a name or a title is text, not a number)
        k: v
        for k, v in reg["values"].items()
        if v["formatted"] and any(u.startswith("00-key-messages") for u in v["used_in"])
    }
    assert len(in_messages) >= 10
    book = built_report / f"results/{report_year}/{lang}/book"
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


@pytest.mark.parametrize("lang", LANGS)
def test_caption_and_appendix_convention(built_report, report_year, lang):
    docx, pdf = outputs(built_report, report_year, lang)
    w = WORDS[lang]
    paras = docx_paragraphs(docx)
    for what, text in (("PDF", "\n".join(pdf_pages(pdf))), ("DOCX", "\n".join(paras))):
        assert re.search(w["table"], text) and re.search(w["figure"], text), what
        assert re.search(w["annex_table"], text), what
        assert re.search(w["annex"].format(n=1), text) and re.search(w["annex"].format(n=2), text), what
        assert not re.search(w["not"], text), what
    # The table of contents names the appendices the same way.
    toc = [t for st, t in docx_body_paragraphs(docx) if st in ("TOC1", "TOC2")]
    assert any(t.startswith(w["toc_annex"]) for t in toc)


@pytest.mark.parametrize("lang", LANGS)
def test_list_of_sources_cites_the_order(built_report, report_year, lang):
    docx, pdf = outputs(built_report, report_year, lang)
    w = WORDS[lang]
    paras = docx_paragraphs(docx)
    start = paras.index(w["sources"])
    entries = [p for p in paras[start + 1 :] if re.match(r"\d+\.\s", p)]
    refs = yaml.safe_load((ROOT / w["references"]).read_text(encoding="utf-8"))["references"]
    assert len(entries) >= len(refs)
    assert any(re.search(w["order"], e) for e in entries)
    intro = paras[paras.index(w["introduction"]) : paras.index(w["introduction"]) + 40]
    assert any(re.search(r"\[\d+\]", p) for p in intro)  # the introduction cites its sources
