"""Entry point of rule compute_idi_regression: IDI series + key indicators -> correlations and OLS table."""

from industry_report.core.step import step


def main(inp, out, params):
    import pandas as pd

    from industry_report.core.io import write_csv
    from industry_report.core.validation import read_csv
    from industry_report.idi import regression as reg
    from industry_report.indicators.catalogue import load_catalogue

    idi = reg.idi_series(pd.read_csv(inp.idi))  # written by rule score_idi
    long = read_csv(inp.indicators, reg.INDICATOR_VALUES_SCHEMA)
    registry = load_catalogue(inp.registry)
    kinds = {i["id"]: i.get("change", "pct") for i in registry["indicators"]}
    families = {i["id"]: i.get("family", i["id"]) for i in registry["indicators"]}
    table = reg.regression_table(
        idi,
        reg.wide_indicators(reg.without_demo(long).dropna(subset=["value"])),
        kinds,
        families,
        lags=tuple(params.lags),
        alpha=float(params.alpha),
        exact_max_n=int(params.exact_max_n),
        permutations=int(params.permutations),
        seed=int(params.seed),
        min_n=int(params.min_n),
        hac_lags=int(params.hac_lags),
        hac_min_n=int(params.hac_min_n),
    )
    write_csv(table, out.table)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
