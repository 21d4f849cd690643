"""Entry point of rule compute_idi_regression: IDI series + key indicators -> correlations and OLS table."""
from pathlib import Path

from industry_report.core.step import step  # noqa: E402


def main(inp, out, params):
    import pandas as pd
    import pandera.pandas as pa
    import yaml

    from industry_report.idi import regression as reg
    from industry_report.core.io import write_csv
    from industry_report.core.validation import read_csv

    idi_tab = pd.read_csv(inp.idi)  # written by rule score_idi
    idi = idi_tab[idi_tab["block"] == "IDI"].set_index("year")["d"]
    schema = pa.DataFrameSchema({"indicator_id": pa.Column(str), "year": pa.Column(int),
                                 "value": pa.Column(float, nullable=True),
                                 "unit": pa.Column(str, nullable=True),
                                 "status": pa.Column(str, nullable=True)},
                                unique=["indicator_id", "year"])
    long = read_csv(inp.indicators, schema)
    registry = yaml.safe_load(Path(inp.registry).read_text(encoding="utf-8"))
    kinds = {i["id"]: i.get("change", "pct") for i in registry["indicators"]}
    table = reg.regression_table(idi, reg.wide_indicators(long.dropna(subset=["value"])), kinds,
                                 lags=tuple(params.lags), alpha=float(params.alpha),
                                 exact_max_n=int(params.exact_max_n),
                                 permutations=int(params.permutations), seed=int(params.seed),
                                 min_n=int(params.min_n), hac_lags=int(params.hac_lags))
    write_csv(table, out.table)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
