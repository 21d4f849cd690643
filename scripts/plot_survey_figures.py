"""Draw the survey charts from the published (suppressed) tables.

Inputs: prevalence, stage prevalence, causes, root causes, outcome models, risks tables; questionnaire,
life cycle, region list, size classes, chart words. Params: demo.
Outputs: PNGs under results/<year>/figures/, a cause graph for every problem of the questionnaire.
"""

from pathlib import Path

from industry_report.core.step import step


def main(inp, out, params):
    import pandas as pd

    from industry_report.core.codelists import load_sizes, size_labels
    from industry_report.core.regions import load_regions
    from industry_report.core.translations import localise_frame, translation_table
    from industry_report.publish.chart_style import save
    from industry_report.publish.chart_words import load_chart_words
    from industry_report.survey import charts as fig
    from industry_report.survey.questionnaire import load_questionnaire

    # Load inputs.
    words = load_chart_words(inp.words)
    w, lang = words["survey"], words["language"]
    q = load_questionnaire(inp.questionnaire, inp.lifecycle)
    regions = load_regions(inp.regions)
    size_kk = size_labels(load_sizes(inp.sizes), f"name_{lang}")
    prev = pd.read_csv(inp.prevalence, dtype={"domain": str}, keep_default_na=False, na_values=[""])
    stages = pd.read_csv(inp.stages, dtype={"domain": str}, keep_default_na=False, na_values=[""])
    causes = pd.read_csv(inp.causes, keep_default_na=False, na_values=[""])
    roots = pd.read_csv(inp.roots, keep_default_na=False, na_values=[""])
    models = pd.read_csv(inp.models)
    risks = pd.read_csv(inp.risks)
    for t in (prev, stages, causes, roots):
        t["quality"] = t["quality"].fillna("ok")
    # the tables hold the Kazakh texts of the data; the chart speaks the language of its words file
    texts = translation_table(inp.texts, lang)
    prev, stages, causes, roots, models, risks = (
        localise_frame(t, texts) for t in (prev, stages, causes, roots, models, risks)
    )
    # Process data.
    src = w["source_demo"] if params.demo else w["source_survey"]
    tot = prev[prev["dimension"] == "total"].sort_values("est", ascending=False)
    rows = {p: next(x[lang] for x in q.problems if x["id"] == p) for p in tot["problem"]}
    reg_codes = [c for c in regions.codes() if c in set(prev.loc[prev["dimension"] == "region", "domain"])]
    reg_labels = {c: fig.short_name(regions[c].name(lang), w["region_short"]) for c in reg_codes}
    kw = dict(words=w, lang=lang)
    f1 = fig.heatmap(
        prev[prev["dimension"] == "region"],
        rows,
        reg_labels,
        src,
        row_key="problem",
        rotate=60,
        height_cm=14,
        col_wrap=22,
        **kw,
    )
    save(f1, out.region, words)
    size_tab = prev[prev["dimension"].isin(["size", "total"])]
    columns = {"total": size_kk["total"], **{s: n for s, n in size_kk.items() if s != "total"}}
    f2 = fig.heatmap(size_tab, rows, columns, src, row_key="problem", height_cm=12, **kw)
    save(f2, out.size, words)
    divs = sorted(set(prev.loc[prev["dimension"] == "division", "domain"]), key=int)
    f3 = fig.heatmap(
        prev[prev["dimension"] == "division"],
        rows,
        {d: d for d in divs},
        src,
        row_key="problem",
        height_cm=13,
        xlabel=w["division_xlabel"],
        **kw,
    )
    save(f3, out.division, words)
    st_rows = {s["id"]: s[f"name_{lang}"] for s in q.stages}
    st = stages[stages["dimension"].isin(["size", "total"])]
    f4 = fig.heatmap(st, st_rows, columns, src, row_key="stage", height_cm=8.5, **kw)
    save(f4, out.stage, words)
    ck = {c: q.causes[c][lang] for c in q.causes}
    for path in out.graphs:  # one per problem, named survey_cause_graph_<problem id>.png
        pid = Path(path).stem.removeprefix("survey_cause_graph_")
        g = fig.cause_graph(
            rows[pid],
            causes[causes["problem"] == pid],
            q.links,
            ck,
            roots[roots["problem"] == pid],
            src,
            **kw,
        )
        save(g, path, words)
    ok = {o["binary"]["id"]: o["binary"][lang] for o in q.outcomes}
    f5 = fig.effects(models[models["significant"]], ok, ck, src, **kw)
    save(f5, out.effects, words)
    f6 = fig.risks(risks, {r["id"]: r[lang] for r in q.risks}, src, **kw)
    save(f6, out.risks, words)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
