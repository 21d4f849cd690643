"""Entry point of rule score_idi: codebook + yearly answers -> IDI tables, change, gap register."""

from industry_report.core.step import step


def main(inp, out, params):
    from industry_report.core.io import write_csv
    from industry_report.idi.change import explain_change, gap_register
    from industry_report.idi.codebook import load_codebook_in_order
    from industry_report.idi.scoring import agreement_table, idi_table, questions_table, score_files

    cb = load_codebook_in_order(inp.codebook, inp.lifecycle)
    scores = score_files(
        list(inp.answers), [int(y) for y in params.years], cb, rule=params.combine, missing=params.missing
    )
    write_csv(idi_table(scores), out.idi)
    write_csv(questions_table(scores, cb), out.questions)
    write_csv(agreement_table(scores), out.agreement)
    q, acts = explain_change(scores[-2], scores[-1], cb)
    write_csv(q, out.change_questions)
    write_csv(acts, out.change_acts)
    write_csv(gap_register(scores[-1], cb), out.gaps)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
