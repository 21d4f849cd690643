"""Entry point of rule plot_indicators: stage-1 tables -> the charts of chapters 02-04."""

from industry_report.core.step import step  # noqa: E402


def _get(obj, key):
    return obj[key] if isinstance(obj, dict) else getattr(obj, key)


def main(inp, out, params, lang="kk"):
    import pandas as pd

    from industry_report.indicators import charts as figs
    from industry_report.publish.chart_style import save
    from industry_report.indicators.key_indicators import load_registry

    # Load inputs.
    g = lambda k: _get(inp, k)  # noqa: E731
    registry = load_registry(g("registry"))
    labels = registry["figure_labels"][lang]
    table = pd.read_csv(g("table"))
    sectors = pd.read_csv(g("sectors"), dtype={"code": str})
    regions = pd.read_csv(g("regions"))
    mht = pd.read_csv(g("mht"))
    ipi_total = pd.read_csv(g("ipi_total")).set_index("year")["value"]
    year = int(_get(params, "year"))
    first = year - 9
    world_from = int(_get(params, "world_from"))
    nat_share = float(table[(table["indicator_id"] == "I06") & (table["year"] == year)]["value"].iloc[0]) / 100

    # Draw and save.
    save(figs.structure(table, 2010, year, labels["ind_structure"], labels), g_out(out, "structure"))
    save(figs.ipi(table, ipi_total, first, year, labels["ind_ipi"], labels), g_out(out, "ipi"))
    save(figs.levels(table, first, year, labels["ind_levels"], registry), g_out(out, "levels"))
    save(figs.world(table, world_from, year, labels["ind_world"], labels), g_out(out, "world"))
    save(figs.divisions(sectors, labels["sec_divisions"]), g_out(out, "divisions"))
    save(figs.mht_stack(mht, int(mht["year"].min()), year, labels["sec_mht"]), g_out(out, "mht"))
    save(figs.regions_overview(regions, nat_share, labels["reg_overview"]), g_out(out, "regions"))


def g_out(out, key):
    return _get(out, key)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
