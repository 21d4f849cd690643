"""The survey steps run through their entry points: publication tables and values carry no
enterprise identifier or name, the chapters render from the values, and figures are drawn."""

import json
import re
from types import SimpleNamespace as NS

import pandas as pd
import pytest

from conftest import ROOT
from conftest import SURVEY_DEMO as DEMO
from scripts import plot_survey_figures as run_plot_survey_figures


@pytest.fixture(scope="module")
def run(survey_stage):
    return survey_stage


def identifiers():
    reg = pd.read_csv(DEMO / "register.csv", dtype=str)
    return set(reg["enterprise_id"]), set(reg["name"])


def render(values):
    from industry_report.core.regions import load_regions
    from industry_report.publish.templating import make_environment, render_chapter
    from industry_report.sample.design import register_division

    # Chapter 5 also says which administrative division the register follows (the sample stage's
    # values) and how many regions chapter 4 compares (today's division).
    regions = load_regions(ROOT / "config/regions.yaml")
    register = pd.read_csv(ROOT / "data/raw/enterprises/active_manufacturing_2022.csv", dtype=str)
    sample = {"division": register_division(list(register["region_code"].unique()), regions, 2022)}
    today = {"regions": {"n": len(regions.existing(2025))}}
    env = make_environment(ROOT / "chapters/kk")
    return {
        ch: render_chapter(env, ch, {"survey": values, "sample": sample, "indicators": today})
        for ch in ("05-survey.qmd", "92-annex-survey-questionnaire.qmd")
    }


def test_no_identifier_in_publication_outputs(run):
    r, tables = run
    ids, names = identifiers()
    texts = {p: open(p, encoding="utf-8").read() for p in tables.values()}
    texts["values"] = (r / "values/survey.json").read_text(encoding="utf-8")
    texts.update(render(json.loads(texts["values"])))
    pattern = re.compile(r"DEMO\d{5}|«Демо-\d{5}»")
    for where, text in texts.items():
        tokens = set(re.findall(r"[A-Za-z0-9_]+", text))
        assert not (tokens & ids), where
        assert not any(n in text for n in names), where
        assert not pattern.search(text), where
    for p in tables.values():
        cols = set(pd.read_csv(p, nrows=0).columns)
        assert not {"enterprise_id", "name"} & cols, p
        assert not {"w_final", "w_design", "w_nr", "w_sum"} & cols, p  # no weights published
        if "est" in cols:  # shares and means published to 0.001, what the precision supports
            est = pd.read_csv(p)["est"].dropna()
            assert (est.round(3) == est).all(), p
    # The fieldwork outputs (not for publication) do carry them, under fieldwork/.
    fw = pd.read_csv(r / "fieldwork/survey_weights.csv")
    assert fw["enterprise_id"].isin(ids).all() and "fieldwork" in str(r / "fieldwork/survey_weights.csv")


def test_values_and_tables(run):
    r, tables = run
    v = json.loads((r / "values/survey.json").read_text(encoding="utf-8"))
    assert v["demo"] is True and v["sample"] == 568 and v["population"] == 8892
    assert v["respondents"] == v["from_main"] + v["from_reserve"] == len(pd.read_csv(DEMO / "responses.csv"))
    assert len(v["problems"]) == len(v["questionnaire"]["problems"]) >= 15
    assert [p["rank"] for p in v["problems"]] == list(range(1, len(v["problems"]) + 1))
    assert v["n_significant"] == len(v["effects"]) == 5
    prev = pd.read_csv(tables["prevalence"], keep_default_na=False, na_values=[""])
    assert {"est", "se", "lci", "uci", "cv", "n_eff", "quality", "suppressed"} <= set(prev.columns)
    assert set(prev["quality"]) <= {"ok", "caution", "low", "no_df", "suppressed"}
    # a cell with 0 degrees of freedom has an estimate but no interval
    nodf = prev[prev["quality"] == "no_df"]
    assert len(nodf) and nodf["est"].notna().all() and nodf["lci"].isna().all() and (nodf["df"] == 0).all()


def test_chapters_render_and_label_demo_data(run):
    r, _ = run
    out = render(json.loads((r / "values/survey.json").read_text(encoding="utf-8")))
    ch = out["05-survey.qmd"]
    assert "{#tbl-survey-problems}" in ch and "{#fig-survey-risks}" in ch
    # Every figure caption and every source line of the chapter says demonstration data.
    captions = re.findall(r"!\[(.*?)\]\(figures/", ch)
    assert captions and all("демонстрациялық деректер" in c for c in captions)
    sources = [line for line in ch.splitlines() if line.startswith("Дереккөз:")]
    assert sources and all("демонстрациялық деректер" in s for s in sources)
    labels = re.findall(r"\{#(sec-[\w-]+)", ch + out["92-annex-survey-questionnaire.qmd"])
    assert len(labels) == len(set(labels))
    assert not re.search(r"\b(the|and|of|share|problem)\b", ch)  # no English prose slipped in


@pytest.mark.slow
def test_figures_drawn(run, tmp_path):
    r, tables = run
    f = r / "figures"
    outs = NS(
        region=str(f / "survey_prevalence_region.png"),
        size=str(f / "survey_prevalence_size.png"),
        division=str(f / "survey_prevalence_division.png"),
        stage=str(f / "survey_prevalence_stage.png"),
        graphs=[str(f / f"survey_cause_graph_{p}.png") for p in ("demand", "finance_access", "land")],
        effects=str(f / "survey_outcome_effects.png"),
        risks=str(f / "survey_risks.png"),
    )
    run_plot_survey_figures.main(
        NS(
            questionnaire=str(ROOT / "config/survey_questionnaire.yaml"),
            lifecycle=str(ROOT / "config/lifecycle.yaml"),
            regions=str(ROOT / "config/regions.yaml"),
            words=str(ROOT / "report/chart-words-kk.yml"),
            texts=[],
            sizes=str(ROOT / "config/size_classes.yaml"),
            **{k: v for k, v in tables.items() if k != "response"},
        ),
        outs,
        NS(demo=True),
    )
    for p in [outs.region, outs.size, outs.division, outs.stage, outs.effects, outs.risks, *outs.graphs]:
        assert open(p, "rb").read(8) == b"\x89PNG\r\n\x1a\n", p
