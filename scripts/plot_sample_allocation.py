"""Entry point of rule plot_sample_allocation: allocation table -> chart of the sample by region."""

from industry_report.core.step import step


def main(inp, out, params):
    import pandas as pd

    from industry_report.core.codelists import load_sizes
    from industry_report.core.regions import load_regions
    from industry_report.publish.chart_style import save
    from industry_report.publish.chart_words import load_chart_words
    from industry_report.sample import charts as fig_sample

    # Load inputs.
    alloc = pd.read_csv(inp.allocation)
    regions = load_regions(inp.regions)
    sizes = load_sizes(inp.sizes)
    words = load_chart_words(inp.words)
    lang = words["language"]

    # Process data.
    year = int(params.population_year)
    names = {c: regions[c].name(lang, year) for c in alloc["region_code"].unique()}
    fig = fig_sample.sample_by_region(
        alloc, names, sizes.names(f"name_{lang}"), words["sample_by_region"], lang
    )

    # Save outputs.
    save(fig, out.figure, words)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
