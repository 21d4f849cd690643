"""Kazakhstan against its 11 peers on the eight indicators of UNIDO's Competitive Industrial
Performance (CIP) index, and a CIP-style composite computed openly on the peer group.

The indicators (UNIDO's definitions; each from one WDI release, data/raw/SOURCES.md):
MVA per capita and manufactured exports per capita (current USD), MVA share of GDP, the MHT share of
MVA (UNIDO), the manufactures share of merchandise exports, the MHT share of manufactured exports
(UNIDO), the share of world MVA and of world manufactures exports (current USD). UNIDO's carried-
forward values are dropped at the ends of a series (derive.drop_carried), so they never count as a
year's observation.

The composite follows the construction UNIDO describes for the CIP index: each indicator is
normalised by min-max over the countries compared in the year (0 = the lowest, 1 = the highest);
the two intensity indicators (MVA share of GDP, MHT share of MVA) and the two export-quality
indicators (manufactures share of exports, MHT share of manufactured exports) are averaged into one
component each, and the six components are aggregated with equal weights. The baseline aggregates
them by the arithmetic mean (UNIDO, Industrial Development Report 2002/2003, the first edition of
the index); the sensitivity rows use the geometric mean (the aggregation of the later CIP reports),
the plain mean of the eight indicators, and z-scores in place of min-max. It is the report's own
computation on 12 countries, not UNIDO's ranking, which covers some 150 economies.
"""

from __future__ import annotations

import pandas as pd

from industry_report.indicators.derive import drop_carried, ratio
from industry_report.indicators.files import PEERS
from industry_report.indicators.inputs import same_release
from industry_report.indicators.sources import wdi_series

COUNTRIES = ("KAZ",) + tuple(p.upper() for p in PEERS)
# The eight CIP indicators, in the order of the table; the components group them (CIP structure).
MEASURES = (
    "mva_per_capita",
    "manufactures_exports_per_capita",
    "mva_share_gdp",
    "mht_share_mva",
    "manufactures_share_exports",
    "mht_share_exports",
    "share_world_mva",
    "share_world_manufactures_trade",
)
COMPONENTS = {
    "mva_per_capita": ("mva_per_capita",),
    "manufactures_exports_per_capita": ("manufactures_exports_per_capita",),
    "intensity": ("mva_share_gdp", "mht_share_mva"),
    "export_quality": ("manufactures_share_exports", "mht_share_exports"),
    "share_world_mva": ("share_world_mva",),
    "share_world_manufactures_trade": ("share_world_manufactures_trade",),
}


def peer_indicators(data: dict) -> pd.DataFrame:
    """Long table ``country, measure, year, value`` for Kazakhstan and the peers."""
    rel = data["releases"]
    same_release(rel, "mva_usd", "pop_wdi", "manf_share", "merch", "mva_gdp")
    ws = wdi_series
    mva_w = ws(data["mva_usd"], "WLD")
    mx_w = ratio(ws(data["manf_share"], "WLD"), 100.0 / ws(data["merch"], "WLD"))
    rows = []
    for c in COUNTRIES:
        mva, pop = ws(data["mva_usd"], c), ws(data["pop_wdi"], c)
        mx = ratio(ws(data["manf_share"], c), 100.0 / ws(data["merch"], c))
        series = {
            "mva_per_capita": ratio(mva, pop),
            "manufactures_exports_per_capita": ratio(mx, pop),
            "mva_share_gdp": ws(data["mva_gdp"], c),
            "mht_share_mva": drop_carried(ws(data["mht_va"], c)),
            "manufactures_share_exports": ws(data["manf_share"], c),
            "mht_share_exports": drop_carried(ws(data["mht_exports"], c)),
            "share_world_mva": ratio(mva, mva_w, 100.0),
            "share_world_manufactures_trade": ratio(mx, mx_w, 100.0),
        }
        for m, s in series.items():
            rows += [
                {"country": c, "measure": m, "year": int(y), "value": float(v)} for y, v in s.dropna().items()
            ]
    return pd.DataFrame(rows)


def complete_countries(long: pd.DataFrame, year: int) -> list[str]:
    """The countries with all eight indicators observed in ``year``."""
    y = long[long["year"] == year]
    n = y.groupby("country")["measure"].nunique()
    return [c for c in COUNTRIES if n.get(c, 0) == len(MEASURES)]


def latest_common_year(long: pd.DataFrame) -> int:
    """The year the most countries have all eight indicators for, Kazakhstan among them (the latest
    such year on a tie). No country has a value filled in: the others are left out of the composite."""
    best = None
    for y in sorted(long["year"].unique()):
        cs = complete_countries(long, int(y))
        if "KAZ" in cs and (best is None or len(cs) >= best[1]):
            best = (int(y), len(cs))
    if best is None:
        raise ValueError("no year has all eight indicators for Kazakhstan")
    return best[0]


def wide(long: pd.DataFrame, year: int) -> pd.DataFrame:
    """country x measure for one year."""
    y = long[long["year"] == year]
    return y.pivot(index="country", columns="measure", values="value").reindex(index=list(COUNTRIES))[
        list(MEASURES)
    ]


def normalise(w: pd.DataFrame, method: str = "minmax") -> pd.DataFrame:
    """Min-max (0..1 within the group) or z-scores (mean 0, sd 1 within the group)."""
    if method == "minmax":
        return (w - w.min()) / (w.max() - w.min())
    if method == "zscore":
        return (w - w.mean()) / w.std(ddof=0)
    raise ValueError(f"unknown normalisation {method!r}")


def composite(
    w: pd.DataFrame, normalisation: str = "minmax", aggregation: str = "arithmetic", components: bool = True
) -> pd.Series:
    """The CIP-style composite of every country (see the module docstring for the method)."""
    z = normalise(w, normalisation)
    if components:
        parts = pd.DataFrame({k: z[list(v)].mean(axis=1) for k, v in COMPONENTS.items()})
    else:
        parts = z
    if aggregation == "arithmetic":
        return parts.mean(axis=1)
    if aggregation == "geometric":
        if normalisation != "minmax":
            raise ValueError("the geometric mean needs non-negative scores (min-max)")
        # a country lowest on any component scores 0 (min-max), as the geometric mean implies
        return parts.prod(axis=1) ** (1 / parts.shape[1])
    raise ValueError(f"unknown aggregation {aggregation!r}")


# The method variants of the sensitivity table: (key, normalisation, aggregation, components).
VARIANTS = (
    ("baseline", "minmax", "arithmetic", True),
    ("geometric", "minmax", "geometric", True),
    ("eight_equal", "minmax", "arithmetic", False),
    ("zscore", "zscore", "arithmetic", True),
)


def composite_rank(score: pd.Series) -> pd.Series:
    return score.rank(ascending=False, method="min").astype(int)


def benchmark(data: dict) -> dict:
    """The peer table (latest common year, values and ranks), the composite and its sensitivity."""
    long = peer_indicators(data)
    year = latest_common_year(long)
    w = wide(long, year)
    rk = w.rank(ascending=False, method="min")  # ties as ties; a missing value gets no rank
    members = complete_countries(long, year)
    wc = w.loc[members]
    scores = {k: composite(wc, n, a, c) for k, n, a, c in VARIANTS}
    base_rank = composite_rank(scores["baseline"])
    sens = []
    for k, *_ in VARIANTS:
        r = composite_rank(scores[k])
        sens.append(
            {
                "variant": k,
                "kaz_score": float(scores[k]["KAZ"]),
                "kaz_rank": int(r["KAZ"]),
                "spearman_vs_baseline": float(base_rank.corr(r, method="spearman")),
                "max_rank_shift": int((r - base_rank).abs().max()),
            }
        )
    left_out = [c for c in COUNTRIES if c not in members]
    return {
        "long": long,
        "year": year,
        "wide": w,
        "ranks": rk,
        "members": members,
        "left_out": left_out,
        "scores": scores,
        "sensitivity": sens,
    }
