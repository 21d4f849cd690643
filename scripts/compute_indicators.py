"""Entry point of rule compute_indicators: raw files -> indicator table, sector/region tables, values.

Reads every input (industry_report.indicators.inputs), builds the 16 indicators, the sectoral and the
regional review (industry_report.indicators.values), and writes results/<year>/tables/{indicators,
indicators_sectors,indicators_regions,indicators_world,indicators_mht,indicators_ipi_total}.csv and
results/<year>/values/indicators.json (namespace ``indicators``).
"""

from industry_report.core.codelists import load_divisions
from industry_report.core.io import write_csv, write_json
from industry_report.core.regions import load_regions
from industry_report.core.step import step
from industry_report.indicators import values
from industry_report.indicators.catalogue import load_catalogue
from industry_report.indicators.inputs import load_inputs

TABLES = ("table", "context", "sectors", "regions", "world", "peers", "mht", "ipi_total")


def main(inp, out, params):
    regions = load_regions(inp["regions"])
    catalogue = load_catalogue(inp["catalogue"])
    divisions = load_divisions(inp["division_list"])
    data = load_inputs(inp, regions, params.get("checks"), int(params["year"]))
    result = values.build(data, catalogue, divisions, regions, int(params["year"]))
    for key in TABLES:
        write_csv(result[key], out[key])
    write_json(result["values"], out["values"])


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
