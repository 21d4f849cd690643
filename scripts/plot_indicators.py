"""Entry point of rule plot_indicators: stage-1 tables -> the charts of chapters 02-04."""

import pandas as pd

from industry_report.core.step import step
from industry_report.core.translations import localise_frame, translation_table
from industry_report.indicators import charts as figs
from industry_report.indicators.catalogue import load_catalogue
from industry_report.indicators.tables import TEN_YEARS, cell
from industry_report.publish.chart_style import save
from industry_report.publish.chart_words import load_chart_words


def main(inp, out, params):
    # Load inputs.
    catalogue = load_catalogue(inp["catalogue"])
    words = load_chart_words(inp["words"])
    labels, lang = words["indicators"], words["language"]
    table = pd.read_csv(inp["table"])
    sectors = pd.read_csv(inp["sectors"], dtype={"code": str})
    regions = pd.read_csv(inp["regions"])
    mht = pd.read_csv(inp["mht"])
    peers = pd.read_csv(inp["peers"])
    ipi_total = pd.read_csv(inp["ipi_total"]).set_index("year")["value"]
    # the tables hold the Kazakh names of the data; the chart speaks the language of its words file
    texts = translation_table(inp["texts"], lang)
    frames = (table, sectors, regions, mht, peers)
    table, sectors, regions, mht, peers = (localise_frame(t, texts) for t in frames)
    year = int(params["year"])
    first = year - TEN_YEARS + 1
    world_from = int(params["world_from"])
    nat_share = cell(table, "I06", year)[0] / 100

    # Draw and save.
    save(figs.structure(table, 2010, year, labels["ind_structure"], labels, lang), out["structure"], words)
    save(figs.ipi(table, ipi_total, first, year, labels["ind_ipi"], labels, lang), out["ipi"], words)
    save(figs.levels(table, first, year, labels["ind_levels"], catalogue, lang), out["levels"], words)
    save(figs.world(table, world_from, year, labels["ind_world"], labels, lang), out["world"], words)
    save(
        figs.peers_trend(peers, "mva_per_capita", world_from, year, labels["ind_peers"], lang),
        out["peers"],
        words,
    )
    save(figs.divisions(sectors, labels["sec_divisions"], lang), out["divisions"], words)
    save(figs.mht_stack(mht, int(mht["year"].min()), year, labels["sec_mht"], lang), out["mht"], words)
    save(figs.regions_overview(regions, nat_share, labels["reg_overview"], lang), out["regions"], words)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)  # noqa: F821
