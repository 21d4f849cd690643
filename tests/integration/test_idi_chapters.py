"""Stage 3 (IDI): the chapter templates render from the values the stage writes (every name they use
exists, every number is formatted), headings carry unique labels, and the text is Kazakh."""

import json
import re
from pathlib import Path
from types import SimpleNamespace as NS

import pandas as pd
import pytest
import yaml

from industry_report.publish.templating import make_environment, render_chapter

ROOT = Path(__file__).resolve().parents[2]
FIX = Path(__file__).resolve().parents[1] / "fixtures" / "idi"
CHAPTERS = [
    "06-idi.qmd",
    "07-idi-indicators.qmd",
    "93-annex-idi-questionnaire.qmd",
    "94-annex-idi-diagnostics.qmd",
]
CONFIG = {
    "mc": {"draws": 2000, "seed": 1, "partial_range": [0.25, 0.75], "weight_noise": 0.25},
    "mappings": {"strict": {"favourable": 1.0, "partial": 0.0, "unfavourable": 0.0}},
}


@pytest.fixture(scope="module")
def values(tmp_path_factory):
    """Run the stage's entry points on the demo answers and the real-series fixture."""
    from scripts import collect_idi_values as run_collect_idi_values
    from scripts import compute_idi_experts as run_compute_idi_experts
    from scripts import compute_idi_regression as run_compute_idi_regression
    from scripts import compute_idi_sensitivity as run_compute_idi_sensitivity
    from scripts import score_idi as run_score_idi

    out = tmp_path_factory.mktemp("idi")
    years = list(range(2016, 2026))
    base = dict(
        codebook=str(ROOT / "config/idi_codebook.yaml"),
        lifecycle=str(ROOT / "config/lifecycle.yaml"),
        answers=[str(ROOT / f"data/demo/idi_answers/answers_{y}.csv") for y in years],
    )
    t = {
        k: str(out / f"{k}.csv")
        for k in (
            "idi",
            "questions",
            "agreement",
            "change_questions",
            "change_acts",
            "gaps",
            "scenarios",
            "mc",
            "regression",
            "experts",
        )
    }
    common = dict(years=years, combine="median", missing="error")
    run_score_idi.main(
        NS(**base),
        NS(**{k: t[k] for k in ("idi", "questions", "agreement", "change_questions", "change_acts", "gaps")}),
        NS(**common),
    )
    run_compute_idi_sensitivity.main(
        NS(**base), NS(scenarios=t["scenarios"], mc=t["mc"]), NS(**common, **CONFIG)
    )
    run_compute_idi_experts.main(NS(**base), NS(table=t["experts"]), NS(**common))
    run_compute_idi_regression.main(
        NS(
            idi=t["idi"],
            indicators=str(FIX / "indicators_real.csv"),
            registry=str(ROOT / "config/indicators.yaml"),
        ),
        NS(table=t["regression"]),
        NS(
            lags=[0, 1, 2],
            alpha=0.05,
            exact_max_n=8,
            permutations=999,
            seed=1,
            min_n=5,
            hac_lags=1,
            hac_min_n=20,
        ),
    )
    # Mark one indicator's cells as demonstration values: the chapter must say so.
    ind = pd.read_csv(FIX / "indicators_real.csv")
    ind.loc[(ind.indicator_id == "I12") & (ind.year >= 2020), "status"] = "demo"
    ind.to_csv(out / "indicators.csv", index=False)
    run_collect_idi_values.main(
        NS(
            codebook=base["codebook"],
            lifecycle=base["lifecycle"],
            registry=str(ROOT / "config/indicators.yaml"),
            labels=str(ROOT / "config/idi_labels.yaml"),
            indicators=str(out / "indicators.csv"),
            **t,
        ),
        NS(values=str(out / "idi.json")),
        NS(**CONFIG, alpha=0.05, demo=True, hac_min_n=20),
    )
    return json.loads((out / "idi.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_renders_and_is_kazakh(values, chapter):
    text = render_chapter(make_environment(ROOT / "chapters/kk"), chapter, {"idi": values})
    headings = re.findall(r"^#+ .*$", text, flags=re.M)
    assert headings and all(re.search(r"\{#sec-[a-z0-9-]+\}$", h) for h in headings), headings
    labels = re.findall(r"\{#((?:sec|tbl|fig|eq)-[a-z0-9-]+)\}", text)
    assert len(labels) == len(set(labels))
    prose = re.sub(r"\$\$.*?\$\$|\$[^$]*\$", "", text, flags=re.S)  # formulas
    prose = re.sub(r"\(figures/[^)]*\)|\{#[^}]*\}|\[-?@[^\]]*\]", "", prose)  # paths, labels, refs
    latin = set(re.findall(r"\b[A-Za-z]{3,}\b", prose))
    allowed = {"HAC", "callout", "note", "landscape", "source", "box"}  # div classes
    assert latin <= allowed, latin - allowed
    if chapter.startswith(("06", "07")):
        assert "демонстрациялық деректер" in text


def test_values_carry_what_the_chapter_prints(values):
    assert 0 <= values["idi"] <= 1
    assert values["change"] == pytest.approx(values["idi"] - values["idi_prev"])
    assert len(values["blocks"]) == 10 and len(values["series"]) == 10
    assert values["codebook"]["n_questions"] >= 40
    ds = [b["d"] for b in values["blocks"]]
    assert min(ds) <= values["idi"] <= max(ds)
    assert values["reg"]["r_crit_level"] == pytest.approx(0.6319, abs=1e-4)  # n = 10
    assert values["mc"]["idi_p05"] <= values["idi"] <= values["mc"]["idi_p95"]
    # the name of Appendix 2 (config/indicators.yaml), of the indicator made demonstration above
    catalogue = yaml.safe_load((ROOT / "config/indicators.yaml").read_text(encoding="utf-8"))
    i12_name = next(i["name_kk"] for i in catalogue["indicators"] if i["id"] == "I12")
    assert values["reg"]["demo_indicators"] == [i12_name] == ["Жұмыспен қамту (өңдеу өнеркәсібі)"]
    i12 = next(r for r in values["reg"]["correlations"] if r["id"] == "I12")
    assert i12["name"].endswith("(демонстрациялық мәндер бар)")


def test_the_list_of_legal_acts_names_every_act_with_date_number_and_articles(values):
    text = render_chapter(make_environment(ROOT / "chapters/kk"), "99-legal-acts.qmd", {"idi": values})
    assert "{#sec-legal-acts .unnumbered}" in text
    acts = values["codebook"]["legal_acts"]
    assert len(acts) == values["codebook"]["n_acts"]
    # "№" and the number, and the parts of "43-1-бап", are kept on one line by invisible characters
    assert "№\u00a0" in text and "-\u2060" in text
    plain = text.replace("\u2060", "").replace("\u00a0", " ")
    items = re.findall(r"^1\. (.+)$", plain, flags=re.M)
    assert len(items) == len(acts)
    for a, item in zip(acts, items):
        assert item.startswith(a["kk"]) and f"№ {a['number']}" in item
        assert all(art in item for art in a["articles"])


def test_the_questionnaire_annex_is_not_called_a_draft(values):
    text = render_chapter(
        make_environment(ROOT / "chapters/kk"), "93-annex-idi-questionnaire.qmd", {"idi": values}
    )
    assert (
        "жоба болып" not in text
        and "тексеруі тиіс" not in text
        and "заңгер-сарапшы" in text
        and "«Нормативтік құқықтық актілер тізімінде»" in text
    )
