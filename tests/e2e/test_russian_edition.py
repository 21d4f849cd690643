"""The built Russian edition read as its reader sees it: the text of results/<year>/ru/national-report.pdf
(pdftotext) and of the DOCX (every paragraph and table cell, python-docx) has no letter of the Kazakh
alphabet and no English word, and prints the Russian apparatus: «Таблица 1.1», «Рисунок 1.1»,
«Приложение 1», «Содержание», «Источник:», references declined inside the sentence («в таблице 1.1»,
«на рисунке 2.3»), a space between thousands and a decimal comma. The chapter sources are checked in
tests/unit/test_translations.py; this file checks what the values, captions, charts' alternative
texts, the bibliography and the templates add on the way to the documents."""

import re
import subprocess

import pytest
from docx import Document

from conftest import kazakh_letters

pytestmark = pytest.mark.slow


# Latin words a Russian text of the ministry may print: international abbreviations (UNIDO's CIP, the
# EBRD's BEEPS, the response rate AAPOR RR1), the statistics' symbols and the heads of the regression
# diagnostics (SE, DW, BG, JB, BP, BH), the symbols of the formulas (N_h/n_h of a stratum, S_max), and
# Roman numerals of law numbers (№ 375-V). Addresses of the sources (https://stat.gov.kz) and the codes
# of the questionnaires' questions (ENT01, in the annexes' tables) are not words. Anything else in
# Latin letters is an untranslated word.
ALLOWED_LATIN = {"CIP", "BEEPS", "AAPOR", "RR", "SE", "DW", "BG", "JB", "BP", "BH", "Nh", "nh", "max", "min"}
ROMAN = re.compile(r"^[IVXLC]+$")
URL = re.compile(r"(https?://|www\.)\S+|\b[\w.-]+\.(?:kz|org|com|int|net)(?:/\S*)?")
CODE = re.compile(r"(?<![\w-])[A-Z]{1,3}[0-9]{2}(?![\w])")


def _pdf_text(path):
    # Reading order (no -layout): a phrase broken between table columns would not be a phrase.
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout


def _docx_text(path):
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def texts(built_report, report_year):
    ru = built_report / f"results/{report_year}/ru"
    return {"PDF": _pdf_text(ru / "national-report.pdf"), "DOCX": _docx_text(ru / "national-report.docx")}


def _around(text, m, width=50):
    return text[max(0, m.start() - width) : m.end() + width].replace("\n", " ")


@pytest.mark.parametrize("fmt", ["PDF", "DOCX"])
def test_no_kazakh_letter_in_the_russian_edition(texts, fmt):
    found = [_around(texts[fmt], m) for m in kazakh_letters(texts[fmt])]
    assert not found, f"{len(found)} Kazakh letters in the Russian {fmt}, e.g. {found[:5]}"


@pytest.mark.parametrize("fmt", ["PDF", "DOCX"])
def test_no_english_word_in_the_russian_edition(texts, fmt):
    # An address broken at a slash continues on the next line of the PDF text.
    text = CODE.sub(" ", URL.sub(" ", re.sub(r"/\s*\n\s*", "/", texts[fmt])))
    words = {w for w in re.findall(r"(?<![A-Za-z])[A-Za-z]{2,}(?![A-Za-z])", text)}
    bad = sorted(w for w in words if w not in ALLOWED_LATIN and not ROMAN.match(w))
    where = {w: _around(text, re.search(rf"(?<![A-Za-z]){w}(?![A-Za-z])", text), 40) for w in bad[:8]}
    assert not bad, f"Latin words in the Russian {fmt}: {where}"


@pytest.mark.parametrize("fmt", ["PDF", "DOCX"])
def test_russian_captions_references_and_contents(texts, fmt):
    t = re.sub(r"[\u00a0\u202f\u2060]", " ", texts[fmt])
    for rx, what in [
        (r"Таблица \d+\.\d+", "table caption «Таблица 1.1»"),
        (r"Рисунок \d+\.\d+", "figure caption «Рисунок 1.1»"),
        (r"Приложение \d+", "appendix heading «Приложение 1»"),
        (r"Источник:", "source note «Источник:»"),
        (r"в таблице \d+\.\d+", "reference «в таблице 1.1»"),
        (r"на рисунке \d+\.\d+", "reference «на рисунке 2.3»"),
    ]:
        assert re.search(rx, t), f"no {what} in the Russian {fmt}"
    assert "Содержание" in t or fmt == "DOCX"  # the DOCX's contents is a Word field, filled on opening
    # A reference inside a sentence is declined and in lower case: «в таблице 1.1», not «в Таблица 1.1».
    wrong = re.compile(r"(?<![А-Яа-яё])(в|на|из|по|к|см\.)\s+(Таблиц|Рисун|таблица\s+\d|рисунок\s+\d)")
    found = [_around(t, m) for m in wrong.finditer(t)]
    assert not found, found[:5]
    # The apparatus words of the other languages are not printed.
    other = re.compile(r"(?<![А-Яа-яё])(Кесте|Сурет)(?![а-я])|\b(Table|Figure|Appendix|Source)\b")
    assert not other.search(t), _around(t, other.search(t))


@pytest.mark.parametrize("fmt", ["PDF", "DOCX"])
def test_russian_number_format(texts, fmt):
    t = re.sub(r"[\u00a0\u202f]", " ", texts[fmt])
    # A decimal comma: a percentage or an amount is never written with a decimal point or a comma
    # between thousands.
    point = re.compile(r"(?<![\d.,])\d+\.\d+\s?(%|млрд|млн|тыс|тенге|долл|балл|п\. п\.)")
    found = [_around(t, m) for m in point.finditer(t)]
    assert not found, f"decimal points in the Russian {fmt}: {found[:5]}"
    comma_thousands = re.compile(r"(?<![\d,])\d{1,3}(,\d{3}){2,}(?![\d,])")
    assert not comma_thousands.search(t), _around(t, comma_thousands.search(t))
    # ... and the Russian forms are there.
    assert re.search(r"\d,\d+\s?%", t), "no percentage with a decimal comma"
    assert re.search(r"(?<![\d,])\d{1,3} \d{3}(?![\d])", t), "no number with a space between thousands"
