"""Entry point of rule plot_sample_allocation: allocation table -> chart of the sample by region."""
from pathlib import Path

from industry_report.core.step import step  # noqa: E402


def main(inp, out, params, lang="kk"):
    import pandas as pd
    import yaml

    from industry_report.sample import charts as fig_sample
    from industry_report.publish.chart_style import save
    from industry_report.core.regions import load_regions

    # Load inputs.
    alloc = pd.read_csv(inp.allocation)
    regions = load_regions(inp.regions)
    sizes = yaml.safe_load(Path(inp.sizes).read_text(encoding="utf-8"))["sizes"]
    labels = yaml.safe_load(Path(inp.labels).read_text(encoding="utf-8"))["sample_by_region"][lang]

    # Process data.
    year = int(params.population_year)
    names = {c: regions[c].name(lang, year) for c in alloc["region_code"].unique()}
    fig = fig_sample.sample_by_region(alloc, names, {s["id"]: s[f"name_{lang}"] for s in sizes}, labels)

    # Save outputs.
    save(fig, out.figure)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
