"""Entry point of rule build_questionnaire: the printable enterprise questionnaire, DOCX and PDF.

Inputs: questionnaire, life cycle, instrument words, the report's reference DOCX. Params: languages.
SOURCE_DATE_EPOCH fixes the DOCX times (a fixed date when unset).
Outputs: one DOCX and one PDF per language of the questionnaire (kk, ru) and the Markdown source.
"""

from industry_report.core.step import step


def main(inp, out, params):
    import os
    from pathlib import Path

    from industry_report.core.errors import InputError
    from industry_report.core.io import write_text
    from industry_report.instruments import questionnaire_doc as qd
    from industry_report.instruments.texts import load_texts
    from industry_report.survey.questionnaire import load_questionnaire

    q = load_questionnaire(inp.questionnaire, inp.lifecycle)
    texts = load_texts(inp.texts)
    for lang in params.languages:
        if not qd.has_language(q, lang):
            raise InputError(
                inp.questionnaire,
                f"expected a '{lang}' text for every problem, cause, outcome, risk and scale label",
            )
        md = qd.questionnaire_markdown(q, texts, lang, str(q.raw["version"]))
        write_text(md, getattr(out, f"md_{lang}"))
        qd.render_docx(
            md,
            Path(getattr(out, f"docx_{lang}")),
            Path(inp.reference),
            int(os.environ.get("SOURCE_DATE_EPOCH", 946684800)),
        )
        qd.render_pdf(md, Path(getattr(out, f"pdf_{lang}")))


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
