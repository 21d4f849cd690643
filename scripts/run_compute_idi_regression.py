"""Entry point of rule compute_idi_regression: IDI series + key indicators -> correlations and OLS table."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.errors import main_guard  # noqa: E402


def main(inp, out, params):
    import pandas as pd
    import pandera.pandas as pa
    import yaml

    from scripts import idi_regression as reg
    from scripts.io import write_csv
    from scripts.validation import read_csv

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
    snakemake = globals()["snakemake"]  # provided by Snakemake's script: directive
    with main_guard(snakemake.log):
        main(snakemake.input, snakemake.output, snakemake.params)
