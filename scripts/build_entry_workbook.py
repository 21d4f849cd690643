"""Entry point of rule build_entry_workbook: the survey team's entry workbook for the fieldwork sample.

Inputs: fieldwork sample, questionnaire, life cycle, instrument words. Output: XLSX (identifiers:
not for publication).
"""

from industry_report.core.step import step


def main(inp, out, params):
    from industry_report.core.validation import read_csv
    from industry_report.instruments.entry_workbook import entry_workbook_bytes
    from industry_report.instruments.texts import load_texts
    from industry_report.instruments.xlsx import write_bytes
    from industry_report.sample.schemas import SAMPLE_SCHEMA
    from industry_report.survey.questionnaire import load_questionnaire

    q = load_questionnaire(inp.questionnaire, inp.lifecycle)
    sample = read_csv(inp.sample, SAMPLE_SCHEMA)
    write_bytes(entry_workbook_bytes(sample, q, load_texts(inp.texts)), out.workbook)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
