"""Entry point of rule score_idi: codebook + yearly answers -> IDI tables, change, gap register."""

from industry_report.core.step import step  # noqa: E402


def main(inp, out, params):
    from industry_report.idi import scoring as idi
    from industry_report.core.io import write_csv

    cb = idi.load_codebook_in_order(inp.codebook, inp.lifecycle)
    years = [int(y) for y in params.years]
    scores = idi.score_files(list(inp.answers), years, cb, rule=params.combine, missing=params.missing)

    write_csv(idi.idi_table(scores), out.idi)
    write_csv(idi.questions_table(scores, cb), out.questions)
    write_csv(idi.agreement_table(scores), out.agreement)
    q, acts = idi.explain_change(scores[-2], scores[-1], cb)
    write_csv(q, out.change_questions)
    write_csv(acts, out.change_acts)
    write_csv(idi.gap_register(scores[-1], cb), out.gaps)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
