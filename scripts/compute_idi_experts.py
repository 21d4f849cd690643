"""Entry point of rule compute_idi_experts: the IDI without each expert, a bootstrap over experts and
the index of the constant panel (industry_report.idi.experts)."""

from industry_report.core.step import step


def main(inp, out, params):
    from industry_report.core.io import write_csv
    from industry_report.idi.answers import read_answers
    from industry_report.idi.codebook import load_codebook_in_order
    from industry_report.idi.experts import expert_table

    cb = load_codebook_in_order(inp.codebook, inp.lifecycle)
    answers = {
        int(y): read_answers(p, cb, missing=params.missing, year=int(y))
        for p, y in zip(inp.answers, params.years)
    }
    table = expert_table(answers, cb, rule=params.combine)
    write_csv(table, out.table)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
