"""Entry point of rule merge_idi_intake: the returned expert workbooks of a year -> the answers file.

Inputs: the workbooks (any number), codebook, life cycle, instrument words. Params: year, folder.
Output: answers CSV in the format industry_report.idi.answers reads (checked by it once more).
"""

from industry_report.core.step import step


def main(inp, out, params):
    from industry_report.core.io import write_csv
    from industry_report.idi.answers import read_answers
    from industry_report.idi.codebook import load_codebook_in_order
    from industry_report.instruments.expert_workbook import merge_expert_workbooks
    from industry_report.instruments.texts import load_texts

    cb = load_codebook_in_order(inp.codebook, inp.lifecycle)
    merged = merge_expert_workbooks(
        list(inp.workbooks), cb, load_texts(inp.texts), int(params.year), params.folder
    )
    write_csv(merged, out.answers)
    read_answers(out.answers, cb)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
