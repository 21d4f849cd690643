"""Entry point of rule compute_idi_sensitivity: scenarios (COINr-style) and the Monte Carlo interval."""

from industry_report.core.step import step


def main(inp, out, params):
    from industry_report.core.io import write_csv
    from industry_report.idi import sensitivity as sens
    from industry_report.idi.codebook import check_mapping, load_codebook_in_order
    from industry_report.idi.scoring import score_files

    cb = load_codebook_in_order(inp.codebook, inp.lifecycle)
    scores = score_files(
        list(inp.answers), [int(y) for y in params.years], cb, rule=params.combine, missing=params.missing
    )
    alt = {
        name: check_mapping(m, f"idi.sensitivity.mappings.{name}")
        for name, m in dict(params.mappings).items()
    }
    F, A, yrs = sens.stack_years(scores, cb.blocks)
    write_csv(sens.scenarios(F, A, yrs, cb.blocks, cb.ternary, alt), out.scenarios)
    mc = dict(params.mc)
    table, _ = sens.monte_carlo(
        F,
        A,
        yrs,
        draws=int(mc["draws"]),
        seed=int(mc["seed"]),
        partial_range=tuple(mc["partial_range"]),
        weight_noise=float(mc["weight_noise"]),
        base_mapping=cb.ternary,
    )
    write_csv(table, out.mc)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
