"""The printable questionnaire (DOCX and PDF, Kazakh and Russian) and production mode."""

import json
import re
import shutil
from types import SimpleNamespace as NS

import pytest

from conftest import ROOT
from industry_report.core.errors import InputError
from industry_report.instruments import questionnaire_doc as qd
from industry_report.instruments.production import read_checksums, sha256
from industry_report.instruments.texts import load_texts
from industry_report.survey.questionnaire import load_questionnaire
from tools.record_demo_checksums import DEMO, OUT, demo_files


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """The questionnaire built by its entry point (rule build_questionnaire) in both languages."""
    from scripts import build_questionnaire, build_reference_docx

    tmp = tmp_path_factory.mktemp("questionnaire")
    build_reference_docx.main(
        NS(page=str(ROOT / "report/page.yml")), [str(tmp / "reference.docx")], NS(lang="kk")
    )
    out = {
        f"{k}_{lang}": str(tmp / f"questionnaire_{lang}.{k}")
        for lang in qd.LANGS
        for k in ("md", "docx", "pdf")
    }
    build_questionnaire.main(
        NS(
            questionnaire=str(ROOT / "config/survey_questionnaire.yaml"),
            lifecycle=str(ROOT / "config/lifecycle.yaml"),
            texts=str(ROOT / "config/instruments.yaml"),
            reference=str(tmp / "reference.docx"),
        ),
        NS(**out),
        NS(languages=list(qd.LANGS)),
    )
    return out


def _docx_text(path):
    import docx

    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return " ".join(" ".join(parts).split())


def _pdf_text(path):
    import pypdf

    text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return " ".join(text.replace("\xad", "-").split())  # pypdf reads typst's hyphen as U+00AD


@pytest.mark.parametrize("lang", qd.LANGS)
def test_every_problem_cause_and_scale_label(documents, lang):
    q = load_questionnaire(ROOT / "config/survey_questionnaire.yaml", ROOT / "config/lifecycle.yaml")
    texts = load_texts(ROOT / "config/instruments.yaml")
    words = [p[lang] for p in q.problems] + [q.causes[c][lang] for p in q.problems for c in p["causes"]]
    words += [lab[lang] for lab in q.raw["scales"]["rating"]["labels"]]
    words += [o[lang] for o in q.outcomes] + [r[lang] for r in q.risks]
    words += [texts["questionnaire"]["confidentiality"][lang]]
    docx_text = _docx_text(documents[f"docx_{lang}"])
    pdf_text = _pdf_text(documents[f"pdf_{lang}"])
    for w in words:
        w = " ".join(w.split())
        assert w in docx_text, f"{w!r} missing from the {lang} DOCX"
        # PDF text extraction may break a long table cell over lines: compare without spaces.
        assert w.replace(" ", "") in pdf_text.replace(" ", ""), f"{w!r} missing from the {lang} PDF"
    # The skip instruction of every problem.
    t = texts["questionnaire"]
    for n, p in enumerate(q.problems, 1):
        # The causes of problem n are question 2.n of section 2: the skip leads to 2.(n + 1).
        nxt = t["skip_next_problem"][lang].format(number=f"2.{n + 1}") if n < len(q.problems) else None
        skip = t["skip"][lang].format(problem=p[lang], next=nxt or t["skip_next_section"][lang])
        assert " ".join(skip.split()) in docx_text, skip
        assert f"1.{n} {' '.join(p[lang].split())}" in docx_text  # the rating row
        assert f"2.{n}. {' '.join(p[lang].split())}" in docx_text  # the heading of its causes
    for n, o in enumerate(q.outcomes, 1):
        assert f"3.{n}. {' '.join(o[lang].split())}" in docx_text
    for n, r in enumerate(q.risks, 1):
        assert f"4.{n} {' '.join(r[lang].split())}" in docx_text
    # Questions are numbered, never coded (A1, B12): no Latin letter before a number.
    assert not re.findall(r"\b[A-Z]{1,4}\d{1,2}\b", docx_text + " " + pdf_text)


def test_checksums_record_every_demonstration_file():
    recorded = read_checksums(OUT)
    files = demo_files()
    assert files, "no demonstration files found"
    assert {sha256(f): f.relative_to(ROOT).as_posix() for f in files} == recorded, (
        "data/demo/checksums.sha256 is stale: run python -m tools.record_demo_checksums"
    )


def _check(tmp_path, survey_demo, idi_demo, responses=None):
    from scripts import check_edition_inputs

    out = tmp_path / "edition.json"
    check_edition_inputs.main(
        NS(
            register=str(ROOT / "data/demo/survey/register.csv"),
            responses=str(responses or ROOT / "data/demo/survey/responses.csv"),
            answers=[str(ROOT / "data/demo/idi_answers/answers_2025.csv")],
            checksums=str(OUT),
        ),
        NS(record=str(out)),
        NS(survey_demo=survey_demo, idi_demo=idi_demo),
    )
    return json.loads(out.read_text())


def test_demo_mode_accepts_and_records_the_demonstration_files(tmp_path):
    record = _check(tmp_path, True, True)
    assert all(f["demonstration_file"] for f in record["files"])


def test_production_mode_refuses_the_demonstration_files(tmp_path):
    with pytest.raises(InputError) as e:
        _check(tmp_path, False, True)
    msg = str(e.value)
    assert "survey.demo is false" in msg and "data/demo/survey/responses.csv" in msg, msg
    # A copy under another name is still recognised (by content).
    copy = tmp_path / "real_answers.csv"
    shutil.copy(DEMO / "idi_answers/answers_2025.csv", copy)
    from scripts import check_edition_inputs

    with pytest.raises(InputError) as e:
        check_edition_inputs.main(
            NS(
                register=str(DEMO / "survey/register.csv"),
                responses=str(DEMO / "survey/responses.csv"),
                answers=[str(copy)],
                checksums=str(OUT),
            ),
            NS(record=str(tmp_path / "e.json")),
            NS(survey_demo=True, idi_demo=False),
        )
    assert "idi.demo is false" in str(e.value) and "answers_2025.csv" in str(e.value)
