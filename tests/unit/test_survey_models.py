"""The problem map on the demonstration survey: planted effects recovered, AMEs checked against an
independent computation (statsmodels weighted GLM + hand-computed discrete-change AME), root causes."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from conftest import CONFIG, ROOT, sample_design
from industry_report.core.validation import read_csv
from industry_report.sample.design import allocate
from industry_report.sample.frame import REGISTER_SCHEMA
from industry_report.sample.selection import select_sample
from industry_report.survey import problem_map as pm
from industry_report.survey.questionnaire import load_questionnaire
from industry_report.survey.responses import read_responses
from industry_report.survey.weights import compute_weights, respondent_frame
from tools.demo_survey import PLANTED

DEMO = ROOT / "data/demo/survey"


@pytest.fixture(scope="module")
def q():
    return load_questionnaire(ROOT / "config/survey_questionnaire.yaml", ROOT / "config/lifecycle.yaml")


@pytest.fixture(scope="module")
def analysis(q):
    register = read_csv(DEMO / "register.csv", REGISTER_SCHEMA)
    pop = pd.read_csv(ROOT / CONFIG["sample"]["population_file"])
    alloc = allocate(pop, sample_design())
    alloc.index = pd.RangeIndex(2, len(alloc) + 2)
    survey = CONFIG["survey"]
    sample = select_sample(register, alloc, survey["selection_seed"], survey["reserve_ratio"])
    resp = read_responses(DEMO / "responses.csv", q, register, sample)
    w = compute_weights(respondent_frame(resp, sample), alloc)
    return pm.analysis_frame(w, q), alloc


@pytest.fixture(scope="module")
def models(analysis, q):
    return pm.outcome_models(analysis[0], q)


def test_weights_sum_to_population(analysis):
    a, alloc = analysis
    assert a["w_final"].sum() == pytest.approx(alloc["population"].sum())
    by_region = a.groupby("region_code")["w_final"].sum()
    for reg, tot in alloc.groupby("region_code")["population"].sum().items():
        assert by_region[reg] == pytest.approx(tot)
    by_size = a.groupby("size")["w_final"].sum()
    for size, tot in alloc.groupby("size")["population"].sum().items():
        assert by_size[size] == pytest.approx(tot)
    # Strata without respondents exist in the demo data (merged, then raked): the calibration keeps
    # every stratum close to its register count.
    st = a.groupby(["region_code", "size"]).agg(w=("w_final", "sum"), N=("N_h", "first"))
    assert (abs(st["w"] / st["N"] - 1) < 0.6).all()


def test_planted_effects_recovered(models):
    sig = models[models["significant"]]
    found = {(r["outcome"], r["cause"]): r["ame"] for r in sig.to_dict("records")}
    planted = {(o, c): b for o, d in PLANTED.items() for c, b in d.items()}
    assert set(found) == set(planted)  # every planted effect, and nothing else, after BH correction
    for k, beta in planted.items():
        assert np.sign(found[k]) == np.sign(beta)
        row = models[(models["outcome"] == k[0]) & (models["cause"] == k[1])].iloc[0]
        assert row["lci"] * row["uci"] > 0 and abs(row["ame"]) > 0.1


def test_multiple_testing_correction(models):
    from statsmodels.stats.multitest import multipletests

    p = models["p_value"].to_numpy()
    assert np.allclose(models["p_adjusted"], multipletests(p, method="fdr_bh")[1])
    assert (models["p_adjusted"] >= models["p_value"] - 1e-15).all()


def test_ame_matches_independent_computation(analysis, q, models):
    """Weighted logistic MLE by statsmodels and the discrete-change AME written out by hand."""
    a = analysis[0]
    y = "y_output_decline"
    causes = sorted(models["cause"].unique(), key=list(q.causes).index)
    d = a[[y, "w_final", "size", "region_code", "sector_group"] + [f"cause_{c}" for c in causes]].dropna()
    X = pd.concat(
        [
            d[[f"cause_{c}" for c in causes]],
            pd.get_dummies(d["size"], prefix="size").drop(columns="size_small"),
            pd.get_dummies(d["region_code"], prefix="r", drop_first=True),
            pd.get_dummies(d["sector_group"], prefix="g", drop_first=True),
        ],
        axis=1,
    ).astype(float)
    X.insert(0, "const", 1.0)
    fit = sm.GLM(d[y], X, family=sm.families.Binomial(), var_weights=d["w_final"]).fit()
    w = d["w_final"].to_numpy()
    for c in ("old_equipment", "high_interest"):
        x1, x0 = X.copy(), X.copy()
        x1[f"cause_{c}"], x0[f"cause_{c}"] = 1.0, 0.0
        ame = np.average(fit.predict(x1) - fit.predict(x0), weights=w)
        got = models[(models["outcome"] == "output_decline") & (models["cause"] == c)].iloc[0]["ame"]
        assert got == pytest.approx(ame, abs=2e-4)


def test_root_causes_and_reach(analysis, q):
    a = analysis[0]
    roots = pm.root_causes(q)
    assert "exchange_rate" in roots and "high_interest" not in roots
    assert pm.descendants(q, "exchange_rate") == {
        "exchange_rate",
        "high_interest",
        "lack_investment_funds",
        "old_equipment",
    }
    tab = pm.root_cause_reach(a, q)
    ew = tab[tab["problem"] == "equipment_wear"].set_index("root_cause")
    listed = q.problem("equipment_wear")["causes"]
    # Only listed causes have a reach (exchange_rate drives equipment wear in the graph but is not
    # one of its listed causes), and each reaches only along links the answers support.
    assert set(ew.index) <= set(listed) and ("exchange_rate" in ew.index) == ("exchange_rate" in listed)
    ind = pm.cause_indicators(a, q, "equipment_wear")
    links = pm.supported_links(ind, a["w_final"], q.links, listed)
    dom = (a["major_equipment_wear"] == 1) & ind.notna().all(axis=1)
    for root, rec in ew.iterrows():
        reached = rec["reached"].split(";")
        assert root in reached and all(b in listed for b in reached)
        assert not any(b == root for _, b in links)  # a root has no supported incoming link
        hit = ind.loc[dom, reached].max(axis=1)
        assert rec["est"] == pytest.approx(np.average(hit, weights=a.loc[dom, "w_final"]))
    assert ew["est"].is_monotonic_decreasing and ew["rank"].is_monotonic_increasing


def test_prevalence_total_matches_weighted_share(analysis, q):
    a = analysis[0]
    prev = pm.prevalence(a, q)
    row = prev[(prev["problem"] == "energy") & (prev["dimension"] == "total")].iloc[0]
    m = a["major_energy"].notna()
    assert row["est"] == pytest.approx(np.average(a.loc[m, "major_energy"], weights=a.loc[m, "w_final"]))
    assert set(prev["dimension"]) == {"total", "region", "size", "division"}
    sup = prev[prev["suppressed"] != ""]
    assert sup["est"].isna().all() and (prev.loc[prev["suppressed"] == "primary", "n"] < 3).all()
    assert (prev.loc[prev["suppressed"] == "", "n"] >= 3).all()
