"""House style of the whole report, checked on the real build: every numbered table and figure has a
caption and a source note under it, ids are unique, every heading has a label, and the Kazakh edition
has no English words outside a short list of proper names and file formats."""
import json
import re
import subprocess

import pytest
import yaml
from pypdf import PdfReader

from scripts.rendering import pandoc_path

pytestmark = pytest.mark.slow

# Proper names and format names that stay in Latin letters in a Kazakh text; math operators.
ALLOWED_LATIN = {"CIP", "Enterprise", "Surveys", "BEEPS", "CSV", "XLSX", "max", "min", "ln", "exp", "log"}


def book_chapters(work, year):
    book = work / f"results/{year}/kk/book"
    cfg = yaml.safe_load((book / "_quarto.yml").read_text(encoding="utf-8"))["book"]
    return [book / f for f in cfg["chapters"] + cfg.get("appendices", [])]


def ast(path):
    out = subprocess.run([pandoc_path(), "-f", "markdown", "-t", "json", str(path)], capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)["blocks"]


def flatten(blocks):
    """Top-level sequence with divs other than source notes and landscape opened up."""
    out = []
    for b in blocks:
        if b["t"] == "Div" and not {"source-note"} & set(b["c"][0][1]):
            out.extend(flatten(b["c"][1]))
        else:
            out.append(b)
    return out


def test_every_table_and_figure_has_caption_and_source(built_report, report_year):
    problems, ids = [], []
    for chapter in book_chapters(built_report, report_year):
        blocks = flatten(ast(chapter))
        for i, b in enumerate(blocks):
            if b["t"] not in ("Table", "Figure"):
                continue
            ident = b["c"][0][0]
            caption = b["c"][1][1]
            where = f"{chapter.name}: {b['t']} {ident or '(no id)'}"
            if not ident.startswith(("tbl-", "fig-")):
                problems.append(f"{where}: no tbl-/fig- id, so no number")
            if not caption:
                problems.append(f"{where}: no caption")
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if not (nxt and nxt["t"] == "Div" and "source-note" in nxt["c"][0][1]):
                problems.append(f"{where}: no source note (::: {{.source-note}}) right after it")
            ids.append(ident)
    assert not problems, "\n".join(problems)
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert len(ids) > 10


def test_every_heading_has_a_unique_label(built_report, report_year):
    labels, problems = [], []
    for chapter in book_chapters(built_report, report_year):
        for line in chapter.read_text(encoding="utf-8").splitlines():
            if re.match(r"^#{1,3} ", line):
                m = re.search(r"\{[^}]*#(sec-[\w-]+)", line)
                if not m:
                    problems.append(f"{chapter.name}: heading without {{#sec-…}}: {line}")
                else:
                    labels.append(m.group(1))
    assert not problems, "\n".join(problems)
    assert len(labels) == len(set(labels))


def test_no_english_words_in_kazakh_edition(built_report, report_year):
    pdf = built_report / f"results/{report_year}/kk/national-report.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    words = set(re.findall(r"\b[A-Za-z]{3,}\b", text))  # codes such as ENT01 are identifiers, not words
    assert not words - ALLOWED_LATIN, sorted(words - ALLOWED_LATIN)
