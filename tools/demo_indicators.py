"""Demonstration (invented) values for the indicator cells that have no real basis at all.

Only these cells are invented (see data/raw/COVERAGE notes in data/raw/SOURCES.md and the catalogue
config/indicators.yaml):

* I04 share of manufactures in merchandise exports, 2013-2025 (WDI stops in 2012);
* I05 share of high-technology exports in manufactured exports, 2021-2025 (WDI stops in 2020);
* I10 share in world manufactures exports, 2013-2025 (WDI stops in 2012);
* I14 number of active manufacturing enterprises, 2010-2025 except 2022 (only the 2022
  cross-section of Appendix 1 of Order No. 260 is real).

Method: a seeded log-normal random walk that starts from the last (or only) real value, the anchor,
and moves one year at a time away from it (forward, and for I14 also backward), with a small drift
and year-to-year volatility. Anchors are the real values of the raw files (given below with their
source) so the invented cells join the real ones without a jump. Units are those of
results/<year>/tables/indicators.csv. The values carry no information: they exist only so the
pipeline, tables and charts can be demonstrated end to end, and the report labels them
"демонстрациялық деректер" wherever they appear.

CLI: ``python -m tools.demo_indicators [--out DIR] [--seed N]`` writes
``DIR/indicators_demo.csv`` (default DIR = data/demo/indicators).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 260

# indicator_id: anchor year, anchor value (real), unit, years to generate, annual drift (log),
# annual volatility (log sd), decimals kept.
SPECS = {
    # WDI 2013 vintage TX.VAL.MANF.ZS.UN, KAZ 2012 = 12.9224320779108 %
    "I04": dict(
        anchor_year=2012,
        anchor=12.9224320779108,
        unit="%",
        years=range(2013, 2026),
        drift=0.01,
        sd=0.06,
        decimals=2,
    ),
    # WDI 2022-12 vintage TX.VAL.TECH.MF.ZS, KAZ 2020 = 32.9630949636801 %
    "I05": dict(
        anchor_year=2020,
        anchor=32.9630949636801,
        unit="%",
        years=range(2021, 2026),
        drift=0.0,
        sd=0.08,
        decimals=2,
    ),
    # Derived from the WDI 2013 vintage (TX.VAL.MANF.ZS.UN x TX.VAL.MRCH.CD.WT), 2012 = 0.0939 %
    "I10": dict(
        anchor_year=2012, anchor=0.0939, unit="%", years=range(2013, 2026), drift=0.0, sd=0.07, decimals=4
    ),
    # Appendix 1 of Order No. 260: 8,892 active manufacturing enterprises (2022)
    "I14": dict(
        anchor_year=2022,
        anchor=8892,
        unit="enterprises",
        years=[y for y in range(2010, 2026) if y != 2022],
        drift=0.025,
        sd=0.03,
        decimals=0,
    ),
}

COLUMNS = ["indicator_id", "year", "value", "unit"]


def generate(seed: int = SEED) -> pd.DataFrame:
    """All demonstration cells as a long table (indicator_id, year, value, unit), sorted."""
    rng = np.random.default_rng(seed)
    rows = []
    for ind, s in SPECS.items():
        years = sorted(s["years"])
        fwd = [y for y in years if y > s["anchor_year"]]
        back = sorted((y for y in years if y < s["anchor_year"]), reverse=True)
        for direction, seq in ((1, fwd), (-1, back)):
            level = np.log(s["anchor"])
            for y in seq:
                level += direction * s["drift"] + rng.normal(0.0, s["sd"])
                value = round(float(np.exp(level)), s["decimals"])
                rows.append(
                    {
                        "indicator_id": ind,
                        "year": y,
                        "value": int(value) if s["decimals"] == 0 else value,
                        "unit": s["unit"],
                    }
                )
    return pd.DataFrame(rows, columns=COLUMNS).sort_values(["indicator_id", "year"]).reset_index(drop=True)


def write(out_dir: str | Path, seed: int = SEED) -> Path:
    out = Path(out_dir) / "indicators_demo.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    generate(seed).to_csv(out, index=False, lineterminator="\n")
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="data/demo/indicators")
    ap.add_argument("--seed", type=int, default=SEED)
    a = ap.parse_args()
    print(write(a.out, a.seed))
