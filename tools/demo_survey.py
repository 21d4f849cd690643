"""Demonstration (invented) enterprise survey: register and responses with a planted structure.

``python -m tools.demo_survey [--out data/demo/survey]`` writes ``register.csv`` and
``responses.csv``. Everything is drawn from fixed seeds, so the files are reproducible byte for byte
(a test regenerates them and compares with the committed copies). The assumptions are documented in
``data/demo/survey/README.md``; the planted effects are in :data:`PLANTED` so tests can check that the
analysis recovers them.

Steps:
1. register: :func:`make_demo_register` on the population table (counts by region and size equal the
   table; the divisions of config/divisions.yaml drawn with the size-specific shares of
   :data:`DIVISION_WEIGHTS`);
2. sample: the allocation rule of paragraph 10 (:func:`industry_report.sample.design.allocate`,
   Appendix 1) and the
   build's selection (:func:`industry_report.sample.selection.select_sample`) with ``SELECTION_SEED`` — the
   default of the config key ``survey.selection_seed``; a different seed needs regenerated responses;
3. unit non-response: main-sample units respond with probability 0.66 (small), 0.72 (medium),
   0.78 (large); for a refusal the next reserve unit of the stratum is tried with probability 0.6 and
   responds with the same probability;
4. each respondent is exposed to causes: root causes with cause-specific rates, a driven cause with its
   own rate plus 0.35 when any of its drivers is present (the questionnaire's cause_links);
5. problem ratings 0-4: a latent score = problem baseline + 1.1 per exposed cause of the problem +
   logistic noise, cut at fixed thresholds; 3% item non-response;
6. causes named for a problem rated 1-4: each exposed cause of the problem with probability 0.85, an
   unexposed one with 0.04; 5% leave the cause question empty;
7. outcomes: logistic models with size effects and the planted cause effects of :data:`PLANTED`
   acting on "the cause was named for at least one problem"; no other cause has an effect; 3% item
   non-response;
8. risks: likelihood and impact 1-5 around risk-specific means; 4% item non-response.
"""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from industry_report.core.codelists import load_divisions
from industry_report.core.io import write_csv
from industry_report.sample.design import SampleDesign, allocate
from industry_report.sample.frame import REGISTER_SCHEMA
from industry_report.sample.selection import select_sample
from industry_report.survey.questionnaire import load_questionnaire

ROOT = Path(__file__).resolve().parents[1]
REGISTER_SEED = 20221
SELECTION_SEED = 20250
RESPONSE_SEED = 20252
RESERVE_RATIO = 0.5

# Planted effects on the logit scale: outcome indicator -> {cause: coefficient}.
PLANTED = {
    "output_decline": {"old_equipment": 1.6},
    "no_investment": {"lack_investment_funds": 1.6},
    "employment_decline": {"labour_outflow": 1.6},
    "exporter": {"border_delays": -1.6},
    "plans_reduce": {"cheap_imports": 1.7},
}
INTERCEPTS = {
    "output_decline": -1.4,
    "no_investment": -0.7,
    "employment_decline": -1.5,
    "exporter": -1.1,
    "plans_reduce": -2.1,
}
SIZE_EFFECTS = {
    "exporter": {"medium": 0.7, "large": 1.4},
    "no_investment": {"medium": -0.4, "large": -0.9},
    "employment_decline": {"large": -0.3},
}

ROOT_RATES = {
    "collateral": 0.28,
    "weak_financials": 0.22,
    "rule_changes": 0.35,
    "weak_digital": 0.20,
    "lab_capacity": 0.18,
    "low_wages": 0.35,
    "weak_vocational": 0.30,
    "weak_suppliers": 0.30,
    "grid_deficit": 0.22,
    "transport_costs": 0.35,
    "border_delays": 0.22,
    "low_purchasing_power": 0.35,
    "informal_competitors": 0.25,
    "price_only_procurement": 0.18,
    "exchange_rate": 0.40,
    "no_hedging": 0.20,
    "support_info": 0.30,
}
DRIVEN_RATES = {
    "high_interest": 0.20,
    "lack_investment_funds": 0.15,
    "old_equipment": 0.15,
    "complex_procedures": 0.15,
    "official_discretion": 0.10,
    "land_opacity": 0.08,
    "labour_outflow": 0.12,
    "import_dependence": 0.18,
    "tariff_growth": 0.20,
    "cheap_imports": 0.15,
}
LINK_LIFT = 0.35
PROBLEM_BASE = {
    "finance_access": -0.2,
    "state_support": -0.9,
    "currency": 0.0,
    "tax_admin": -0.6,
    "permits": -0.9,
    "corruption": -1.4,
    "land": -1.4,
    "energy": -0.5,
    "tech_regulation": -1.0,
    "raw_materials": -0.4,
    "skilled_labour": 0.0,
    "demand": -0.2,
    "competition": -0.3,
    "procurement": -1.0,
    "logistics": -0.6,
    "export_markets": -1.2,
    "equipment_wear": -0.3,
    "restructuring": -1.8,
}
THRESHOLDS = (-0.8, 0.3, 1.2, 2.3)  # latent score cut points for ratings 1..4
RISK_MEANS = {
    "supply_disruption": (3.1, 3.4),
    "devaluation": (3.7, 3.6),
    "power_outage": (2.7, 3.2),
    "customer_loss": (2.4, 3.5),
    "staff_loss": (3.0, 2.9),
    "regulation_shock": (2.6, 2.7),
    "input_price_spike": (3.8, 3.3),
    "carbon_border": (1.9, 2.2),
    "cyber_attack": (2.0, 2.4),
}
RESPONSE_RATE = {"small": 0.66, "medium": 0.72, "large": 0.78}

# Relative weights of divisions by size class (demonstration assumptions, see data/demo/survey/README.md):
# many small food, metal-product, furniture, printing and building-material firms; large firms
# concentrated in metallurgy, food, refining and building materials.
DIVISION_WEIGHTS = {
    "small": {
        10: 22,
        11: 3,
        12: 0.1,
        13: 3,
        14: 6,
        15: 1.5,
        16: 5,
        17: 1.5,
        18: 7,
        19: 1,
        20: 3,
        21: 1,
        22: 6,
        23: 10,
        24: 1.5,
        25: 11,
        26: 1,
        27: 2,
        28: 3,
        29: 1,
        30: 0.5,
        31: 6,
        32: 3,
        33: 5,
    },
    "medium": {
        10: 24,
        11: 5,
        12: 0.3,
        13: 2,
        14: 3,
        15: 1,
        16: 3,
        17: 2,
        18: 3,
        19: 3,
        20: 5,
        21: 2,
        22: 6,
        23: 12,
        24: 5,
        25: 8,
        26: 1,
        27: 3,
        28: 4,
        29: 2,
        30: 1,
        31: 2,
        32: 1,
        33: 4,
    },
    "large": {
        10: 20,
        11: 6,
        12: 1,
        13: 1,
        14: 1,
        15: 0.5,
        16: 1,
        17: 2,
        18: 1,
        19: 7,
        20: 6,
        21: 2,
        22: 4,
        23: 12,
        24: 15,
        25: 5,
        26: 1,
        27: 3,
        28: 4,
        29: 4,
        30: 2,
        31: 1,
        32: 0.5,
        33: 3,
    },
}


def make_demo_register(population: pd.DataFrame, seed: int, divisions) -> pd.DataFrame:
    """Invent a register whose counts equal ``population`` (region_code, size, population).

    ``divisions``: the division codes (config/divisions.yaml). Divisions are drawn per stratum as a
    multinomial with the size class's weights, so every stratum's count is exact and the divisions
    vary realistically between regions. Identifiers are ``DEMO00001`` ...; names are invented labels.
    """
    rng = np.random.default_rng(seed)
    divs = np.array(sorted(int(d) for d in divisions))
    rows = []
    k = 0
    for rec in population.to_dict("records"):
        w = np.array([DIVISION_WEIGHTS[rec["size"]][d] for d in divs], dtype=float)
        counts = rng.multinomial(int(rec["population"]), w / w.sum())
        for d, c in zip(divs, counts):
            for _ in range(int(c)):
                k += 1
                eid = f"DEMO{k:05d}"
                rows.append(
                    {
                        "enterprise_id": eid,
                        "name": f"«Демо-{k:05d}» ЖШС",
                        "region_code": rec["region_code"],
                        "size": rec["size"],
                        "oked_division": int(d),
                    }
                )
    return pd.DataFrame(rows, columns=list(REGISTER_SCHEMA.columns))


def respondents(sample: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Unit non-response with replacement from the reserve list (in rank order)."""
    chosen = []
    for _, part in sample.groupby(["region_code", "size"], sort=False):
        main = part[part["role"] == "main"]
        reserve = list(part[part["role"] == "reserve"].sort_values("rank").index)
        for idx, rec in main.iterrows():
            p = RESPONSE_RATE[rec["size"]]
            if rng.random() < p:
                chosen.append(idx)
            elif reserve and rng.random() < 0.6:
                r = reserve.pop(0)
                if rng.random() < p:
                    chosen.append(r)
    return sample.loc[chosen].sort_values("enterprise_id").reset_index(drop=True)


def make_responses(q, resp: pd.DataFrame, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = len(resp)
    parents = {c: [a for a, b in q.links if b == c] for c in q.causes}
    order = _topological(list(q.causes), q.links)
    exposed = {}
    for c in order:
        if parents[c]:
            driven = np.any([exposed[p] for p in parents[c]], axis=0)
            prob = DRIVEN_RATES[c] + LINK_LIFT * driven
        else:
            prob = np.full(n, ROOT_RATES[c])
        exposed[c] = rng.random(n) < prob
    out = pd.DataFrame({"enterprise_id": resp["enterprise_id"]})
    start = date(2026, 2, 2)
    out["interview_date"] = [(start + timedelta(days=int(d))).isoformat() for d in rng.integers(0, 54, n)]
    named = {c: np.zeros(n, dtype=bool) for c in q.causes}
    for p in q.problems:
        k = sum(exposed[c].astype(float) for c in p["causes"])
        latent = PROBLEM_BASE[p["id"]] + 1.1 * k + rng.logistic(0, 0.8, n)
        rating = np.searchsorted(np.array(THRESHOLDS), latent).astype(float)
        rating[rng.random(n) < 0.03] = np.nan
        texts = []
        skip = rng.random(n) < 0.05
        for i in range(n):
            if np.isnan(rating[i]) or rating[i] < 1 or skip[i]:
                texts.append("")
                continue
            cited = [c for c in p["causes"] if rng.random() < (0.85 if exposed[c][i] else 0.04)]
            for c in cited:
                named[c][i] = True
            texts.append(";".join(cited))
        out[f"rating_{p['id']}"] = pd.array([None if np.isnan(r) else int(r) for r in rating], dtype="Int64")
        out[f"causes_{p['id']}"] = texts
    for o in q.outcomes:
        b = o["binary"]["id"]
        eta = np.full(n, INTERCEPTS[b])
        for s, eff in SIZE_EFFECTS.get(b, {}).items():
            eta += eff * (resp["size"].to_numpy() == s)
        for c, eff in PLANTED.get(b, {}).items():
            eta += eff * named[c]
        y = rng.random(n) < 1 / (1 + np.exp(-eta))
        other = rng.random(n)
        if o["kind"] == "change":
            val = np.where(y, -1, np.where(other < 0.5, 0, 1))
        elif o["kind"] == "yesno":
            val = np.where(y, 1, 0) if o["binary"]["values"] == [1] else np.where(y, 0, 1)
        else:
            val = np.where(y, np.where(other < 0.85, 3, 4), np.where(other < 0.45, 1, 2))
        missing = rng.random(n) < 0.03
        out[o["id"]] = pd.array([None if m else int(v) for v, m in zip(val, missing)], dtype="Int64")
    for r in q.risks:
        for part, mean in zip(("likelihood", "impact"), RISK_MEANS[r["id"]]):
            v = np.clip(np.rint(rng.normal(mean, 1.0, n)), 1, 5).astype(int)
            missing = rng.random(n) < 0.04
            out[f"risk_{r['id']}_{part}"] = pd.array(
                [None if m else int(x) for x, m in zip(v, missing)], dtype="Int64"
            )
    return out[q.response_columns()]


def _topological(nodes, links):
    done, order = set(), []
    while len(order) < len(nodes):
        for nd in nodes:
            if nd not in done and all(a in done for a, b in links if b == nd):
                done.add(nd)
                order.append(nd)
    return order


def generate(out_dir: Path, root: Path = ROOT) -> None:
    pop = pd.read_csv(root / "data/raw/enterprises/active_manufacturing_2022.csv")
    q = load_questionnaire(root / "config/survey_questionnaire.yaml", root / "config/lifecycle.yaml")
    register = make_demo_register(pop, REGISTER_SEED, load_divisions(root / "config/divisions.yaml").codes)
    alloc = allocate(pop, SampleDesign())
    alloc.index = pd.RangeIndex(2, len(alloc) + 2)
    sample = select_sample(register, alloc, SELECTION_SEED, RESERVE_RATIO)
    resp = respondents(sample, np.random.default_rng(RESPONSE_SEED))
    responses = make_responses(q, resp, RESPONSE_SEED + 1)
    write_csv(register, out_dir / "register.csv")
    write_csv(responses, out_dir / "responses.csv")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "data/demo/survey"))
    args = ap.parse_args(argv)
    generate(Path(args.out))


if __name__ == "__main__":
    main()
