"""Entry point of rule plot_sample_allocation: allocation table -> chart of the sample by region."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.errors import main_guard  # noqa: E402


def main(inp, out, params, lang="kk"):
    import pandas as pd
    import yaml

    from scripts.figures import sample as fig_sample
    from scripts.figures.style import save
    from scripts.regions import load_regions

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
    snakemake = globals()["snakemake"]
    with main_guard(snakemake.log):
        main(snakemake.input, snakemake.output, snakemake.params)
