"""Entry point of rule plot_idi: the IDI tables -> the chapter's charts (PNG)."""

from industry_report.core.step import step  # noqa: E402


def main(inp, out, params):
    import pandas as pd

    from industry_report.core.io import read_json
    from industry_report.core.translations import localise, translation_table
    from industry_report.idi import charts as fig
    from industry_report.indicators.tables import wide_indicators
    from industry_report.publish.chart_style import save
    from industry_report.publish.chart_words import load_chart_words

    words = load_chart_words(inp.words)
    # the stage's own values (rule collect_idi_values), their Kazakh texts in the words' language
    v = localise(read_json(inp.values), translation_table(inp.texts, words["language"]))
    demo = bool(params.demo)
    kw = dict(words=words["idi"], lang=words["language"])
    blocks = pd.DataFrame(v["blocks"]).astype({"d": float, "d_prev": float})
    save(fig.block_profile(blocks, v["idi"], v["year"], v["prev_year"], demo, **kw), out.blocks, words)
    series = pd.DataFrame(v["series"])
    save(fig.trend(series, demo, v["mc"]["draws"], **kw), out.trend, words)
    acts = pd.DataFrame(v["change_acts"], columns=["act", "contribution"])
    save(fig.change_by_act(acts, demo, **kw), out.change, words)
    save(fig.gaps(pd.DataFrame(v["gaps"]), demo, **kw), out.gaps, words)
    save(
        fig.sensitivity(pd.DataFrame(v["sensitivity"]), v["mc"]["idi_p05"], v["mc"]["idi_p95"], demo, **kw),
        out.sensitivity,
        words,
    )
    reg = pd.read_csv(inp.regression)
    from industry_report.indicators.catalogue import load_catalogue

    registry = load_catalogue(inp.registry)["indicators"]
    demo_ids = set(v["reg"].get("demo_indicator_ids", []))
    lang = words["language"]
    names = {
        i["id"]: i[f"name_{lang}"] + (" " + words["idi"]["demo_values"] if i["id"] in demo_ids else "")
        for i in registry
    }
    save(
        fig.correlation_heatmap(reg[reg["analysis"] != "ols"], names, v["reg"]["alpha"], demo, **kw),
        out.heatmap,
        words,
    )
    long = pd.read_csv(inp.indicators)
    scale = {i["id"]: float(i.get("display", {}).get("scale", 1)) for i in registry}
    long["value"] = long["value"] * long["indicator_id"].map(scale).fillna(1.0)
    wide = wide_indicators(long.dropna(subset=["value"]))
    units = {i["id"]: i.get("display", {}).get(f"unit_{lang}", "") for i in registry}
    idi_tab = pd.read_csv(inp.idi)
    idi = idi_tab[idi_tab["block"] == "IDI"].set_index("year")["d"]
    top = [r["id"] for r in v["scatter"]]
    save(fig.scatter_top(idi, wide, top, names, units, demo, **kw), out.scatter, words)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
