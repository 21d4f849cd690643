"""The printable enterprise questionnaire: Markdown from config/survey_questionnaire.yaml and the
words of config/instruments.yaml, rendered to DOCX (pandoc, the report's reference document) and PDF
(pandoc -> typst, the report's PT fonts), one document per language.

The questions are numbered as the entry workbook numbers them (A1.. problems, B1.. outcomes, C1..
risks), so an interviewer types a paper form into the workbook column by column.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from industry_report.core.errors import RenderError
from industry_report.survey.questionnaire import Questionnaire

BOX = "[   ]"  # the report's fonts have no ballot-box glyph
LANGS = ("kk", "ru")


def has_language(q: Questionnaire, lang: str) -> bool:
    """Whether every problem, cause, outcome, risk and scale label has a text in ``lang``."""
    items = q.problems + list(q.causes.values()) + q.outcomes + q.risks + q.raw["scales"]["rating"]["labels"]
    return all(str(x.get(lang, "")).strip() for x in items)


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def questionnaire_markdown(q: Questionnaire, texts: dict, lang: str, version: str) -> str:
    t = texts["questionnaire"]
    w = {k: (v[lang] if isinstance(v, dict) and lang in v else v) for k, v in t.items()}
    sec = {k: v[lang] for k, v in t["sections"].items()}
    out = [f'---\ntitle: "{w["title"]}"\nlang: {lang}\n---\n']
    out += [p + "\n" for p in t["introduction"][lang]]
    out.append(f"**{w['confidentiality']}**\n")
    out.append(f"## {t['identification']['heading'][lang]}\n")
    out.append("| | |\n|:------------------|:----------------------|")
    for f in t["identification"]["fields"]:
        out.append(f"| {_cell(f[lang])} | |")
    out.append("")
    # Section A: problems on the 0-4 scale.
    labels = q.raw["scales"]["rating"]["labels"]
    out.append(f"## {sec['problems']}\n")
    out.append(w["problems_question"] + "\n")
    out.append(
        f"{w['scale_legend']}: " + "; ".join(f"**{lab['value']}** — {lab[lang]}" for lab in labels) + ".\n"
    )
    # The scale's words stand in the legend above: a narrow column takes the number only.
    out.append(f"| № | {w['problem']} | " + " | ".join(str(lab["value"]) for lab in labels) + " |")
    out.append("|:--|:--------------------|" + "|".join(":--:" for _ in labels) + "|")
    for n, p in enumerate(q.problems, 1):
        out.append(
            f"| {q.number('problems', n)} | {_cell(p[lang])} | "
            + " | ".join(str(lab["value"]) for lab in labels)
            + " |"
        )
    out.append("")
    # Section B of the paper form: causes per problem, with the skip instruction.
    out.append(f"## {sec['causes']}\n")
    out.append(w["causes_question"] + "\n")
    for n, p in enumerate(q.problems, 1):
        nxt = (
            t["skip_next_problem"][lang].format(number=q.number("causes", n + 1))
            if n < len(q.problems)
            else t["skip_next_section"][lang]
        )
        out.append(f"### {q.number('causes', n)}. {p[lang]}\n")
        out.append("*" + t["skip"][lang].format(problem=p[lang], next=nxt) + "*\n")
        for c in p["causes"]:
            out.append(f"- {BOX} {q.causes[c][lang]}")
        out.append("")
    # Outcomes.
    out.append(f"## {sec['outcomes']}\n")
    out.append(w["outcomes_question"] + "\n")
    for n, o in enumerate(q.outcomes, 1):
        opts = o["options"] if o["kind"] == "choice" else texts["answer_labels"][o["kind"]]
        out.append(f"**{q.number('outcomes', n)}. {o[lang]}**\n")
        out.append("   ".join(f"{BOX} {opt[lang]}" for opt in opts) + "\n")
    # Risks.
    rs = q.raw["scales"]["risk"]
    out.append(f"## {sec['risks']}\n")
    out.append(w["risks_question"] + "\n")
    for part in ("likelihood_labels", "impact_labels"):
        head = w["likelihood"] if part.startswith("likelihood") else w["impact"]
        out.append(f"{head}: " + "; ".join(f"**{lab['value']}** — {lab[lang]}" for lab in rs[part]) + ".\n")
    scale = " ".join(str(v) for v in range(q.risk_min, q.risk_max + 1))
    out.append(f"| № | {w['risk']} | {w['likelihood']} | {w['impact']} |")
    out.append("|:--|:--------------------|:-------:|:-------:|")
    for n, r in enumerate(q.risks, 1):
        out.append(f"| {q.number('risks', n)} | {_cell(r[lang])} | {scale} | {scale} |")
    out.append("")
    out.append(f"*{w['thanks']}*\n")
    return "\n".join(out)


def _pandoc() -> str:
    from industry_report.publish.rendering import pandoc_path

    return pandoc_path()


def render_docx(markdown: str, out: Path, reference_doc: Path, epoch: int) -> None:
    from industry_report.publish import docx_post

    with tempfile.TemporaryDirectory(prefix="questionnaire-") as tmp:
        src, raw = Path(tmp) / "q.md", Path(tmp) / "raw.docx"
        src.write_text(markdown, encoding="utf-8")
        cmd = [
            _pandoc(),
            "-f",
            "markdown",
            "-t",
            "docx",
            "--columns=40",
            "--reference-doc",
            str(reference_doc),
            str(src),
            "-o",
            str(raw),
        ]
        proc = subprocess.run(
            cmd, capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
        )
        if proc.returncode != 0:
            raise RenderError("pandoc (DOCX) failed:\n" + (proc.stderr or proc.stdout).strip())
        docx_post.finalize(raw, out, epoch=epoch)


def render_pdf(markdown: str, out: Path) -> None:
    import typst

    from industry_report.core.io import atomic_path
    from industry_report.publish.rendering import font_dirs

    with tempfile.TemporaryDirectory(prefix="questionnaire-") as tmp:
        src, typ = Path(tmp) / "q.md", Path(tmp) / "q.typ"
        src.write_text(markdown, encoding="utf-8")
        cmd = [
            _pandoc(),
            "-f",
            "markdown",
            "-t",
            "typst",
            "-s",
            str(src),
            "-o",
            str(typ),
            "-V",
            "mainfont=PT Serif",
            "-V",
            "papersize=a4",
            "-V",
            "fontsize=10pt",
            "-V",
            "margin.x=2cm",
            "-V",
            "margin.y=2cm",
            # A form is read item by item: no word broken over lines.
            "-V",
            "header-includes=#set text(hyphenate: false)",
            # Ruled cells: the respondent writes and circles inside them.
            "-V",
            "header-includes=#set table(stroke: 0.5pt + gray, inset: 5pt)",
            "-V",
            "header-includes=#show table: set par(justify: false)",
            "--columns=40",
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RenderError("pandoc (typst) failed:\n" + (proc.stderr or proc.stdout).strip())
        try:
            with atomic_path(out) as tmp_pdf:
                typst.compile(str(typ), output=str(tmp_pdf), font_paths=font_dirs(), ignore_system_fonts=True)
        except Exception as exc:  # the typst binding raises its own error types
            raise RenderError(f"typst failed on the questionnaire:\n{exc}") from None
