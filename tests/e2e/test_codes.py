"""No internal code (INN02, R15, I08, FIN01) anywhere in the printed book, tables and annexes
included, in either edition: a publication names a question by its printed number (block.question
of the IDI codebook, section.question of the survey questionnaire) and an indicator by its name or
its number in Appendix 2 of the Order. The running-text test (test_house_style) is the narrower
check on the chapters' sources; this one reads the documents as printed."""

import re
import subprocess

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.slow

# An upper-case Latin prefix and two digits, a word of its own: the codes' shape (I08, FIN01).
CODE = re.compile(r"\b[A-Z]{1,4}\d{2}\b")


def pdf_text(path, layout=True) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_code_anywhere_in_the_printed_book(built_report, report_year, lang):
    text = pdf_text(built_report / f"results/{report_year}/{lang}/national-report.pdf")
    codes = sorted(set(CODE.findall(text)))
    assert not codes, f"{len(codes)} codes in the {lang} PDF: {codes[:20]}"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_questions_are_printed_by_their_numbers(built_report, report_year, lang):
    """The IDI questionnaire annex prints every question as "b.q. text" (b the block's place in the
    codebook, q the question's place in its block), worked out here from the codebook itself."""
    codebook = yaml.safe_load((ROOT / "config/idi_codebook.yaml").read_text(encoding="utf-8"))
    # reading order (a table's cells one after another), words hyphenated at a line end joined
    text = pdf_text(built_report / f"results/{report_year}/{lang}/national-report.pdf", layout=False)
    flat = re.sub(r"-\n", "", text).replace("\u00ad", "")
    flat = re.sub(r"\s+", "", flat)
    missing = []
    for b, block in enumerate(codebook["blocks"], 1):
        for q, question in enumerate(block["questions"], 1):
            # the start of the question's words (a table cell wraps; hyphenation splits late words)
            head = "".join(question[lang].split())[:20]
            if f"{b}.{q}.{head}" not in flat:
                missing.append(f"{b}.{q} {question[lang][:40]}")
    assert not missing, missing
