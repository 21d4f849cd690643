"""Survey weights: design weight, non-response adjustment, raking, and the variance strata.

Units: enterprises; each respondent's final weight is the number of register enterprises it
represents.

1. design weight d_i = N_h / n_h (register count / allocated sample of stratum h = region x size);
2. non-response adjustment within cells: w_i = d_i * sum_{h in c} N_h / sum_{j resp in c} d_j.
   The cell c is the stratum; a stratum without respondents is merged with the nearest size class
   of the same region that has respondents (small<->medium<->large). With reserve replacements the
   same formula holds (respondents from the reserve list count in their stratum);
3. calibration by raking (iterative proportional fitting) to the register margins by region and by
   size (Deville-Särndal raking ratio); when every stratum has respondents the weights already hit
   the margins and raking changes nothing.

Single-respondent rule (variance only): a stratum with fewer than two respondents is merged with the
other such strata of its region; if that group still has one respondent it is merged with the
region's largest stratum (R ``survey``'s collapse approach; conservative). The variance itself is in
:mod:`industry_report.survey.estimation`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from industry_report.core.codelists import SIZES
from industry_report.core.errors import InputError

# The columns of the weights file (fieldwork output, with identifiers: not for publication).
WEIGHT_COLUMNS = [
    "enterprise_id",
    "region_code",
    "size",
    "oked_division",
    "role",
    "N_h",
    "n_h",
    "r_h",
    "w_design",
    "w_nr",
    "w_final",
    "var_stratum",
    "var_pop",
]


def respondent_frame(responses: pd.DataFrame, sample: pd.DataFrame) -> pd.DataFrame:
    """Respondents with their stratum, division and sample role (main|reserve)."""
    keep = ["enterprise_id", "region_code", "size", "oked_division", "role"]
    m = responses.reset_index(names="line").merge(
        sample[keep], on="enterprise_id", how="left", validate="one_to_one"
    )
    return m


def nonresponse_cells(allocation: pd.DataFrame, resp_counts: dict) -> dict:
    """Map each stratum (region, size) to its non-response adjustment cell (a tuple of strata)."""
    cells = {}
    for reg, part in allocation.groupby("region_code", sort=False):
        sizes = [s for s in SIZES if s in set(part["size"])]
        has = [s for s in sizes if resp_counts.get((reg, s), 0) > 0]
        if not has:
            continue  # handled by the caller (region without respondents)
        for s in sizes:
            if s in has:
                cells[(reg, s)] = [(reg, s)]
        for s in sizes:
            if s not in has:
                i = SIZES.index(s)
                target = min(has, key=lambda t: (abs(SIZES.index(t) - i), -SIZES.index(t)))
                cells[(reg, target)].append((reg, s))
        for s in sizes:
            if s not in has:
                i = SIZES.index(s)
                target = min(has, key=lambda t: (abs(SIZES.index(t) - i), -SIZES.index(t)))
                cells[(reg, s)] = cells[(reg, target)]
    return {k: tuple(v) for k, v in cells.items()}


def rake(
    weights: np.ndarray,
    groups: list[np.ndarray],
    targets: list[dict],
    tol: float = 1e-10,
    max_iter: int = 200,
) -> np.ndarray:
    """Raking ratio (iterative proportional fitting) of ``weights`` to margin totals.

    ``groups[k]`` gives each unit's category in margin k and ``targets[k]`` the category totals.
    """
    w = weights.astype(float).copy()
    for _ in range(max_iter):
        worst = 0.0
        for g, t in zip(groups, targets):
            for cat, total in t.items():
                mask = g == cat
                cur = w[mask].sum()
                if cur <= 0:
                    raise ValueError(f"no respondent in margin category {cat!r}: cannot calibrate")
                worst = max(worst, abs(cur - total) / total)
                w[mask] *= total / cur
        if worst < tol:
            return w
    raise ValueError(f"raking did not converge in {max_iter} iterations")


def compute_weights(
    resp: pd.DataFrame, allocation: pd.DataFrame, responses_file: str = "responses"
) -> pd.DataFrame:
    """Add weight columns to the respondent frame (the method is in the module docstring).

    Adds N_h, n_h, r_h, w_design, w_nr, w_final, var_stratum, var_pop (population of the variance
    stratum, for the finite-population correction).
    """
    out = resp.copy()
    alloc = allocation.set_index(["region_code", "size"])
    counts = out.groupby(["region_code", "size"]).size().to_dict()
    for reg in allocation["region_code"].unique():
        if not any(counts.get((reg, s), 0) for s in SIZES):
            raise InputError(
                responses_file,
                f"no respondent in region {reg}: weights cannot represent "
                "it; add respondents (e.g. from the reserve list)",
            )
    # Raking calibrates to the size-class totals too: each size class with enterprises needs one.
    pop_by_size = allocation.groupby("size")["population"].sum()
    for s in SIZES:
        if pop_by_size.get(s, 0) > 0 and not any(n for (_, sz), n in counts.items() if sz == s):
            raise InputError(
                responses_file,
                f"no respondent of size class {s}: the weights cannot be calibrated to the size-class "
                "totals; add respondents of this size (e.g. from the reserve list)",
                column="size",
            )
    key = list(zip(out["region_code"], out["size"]))
    # plain dicts of the strata: a DataFrame look-up per respondent dominated at 100x the survey
    pop = {k: int(v) for k, v in alloc["population"].items()}
    n_sample = {k: int(v) for k, v in alloc["sample"].items()}
    out["N_h"] = [pop[k] for k in key]
    out["n_h"] = [n_sample[k] for k in key]
    out["r_h"] = [counts[k] for k in key]
    out["w_design"] = out["N_h"] / out["n_h"]
    cells = nonresponse_cells(allocation, counts)
    cell_pop = {c: sum(pop[s] for s in c) for c in set(cells.values())}
    cell_id = [cells[k] for k in key]
    dsum = (
        pd.Series(out["w_design"].values, index=range(len(out)))
        .groupby(pd.Series([str(c) for c in cell_id]))
        .transform("sum")
        .values
    )
    out["w_nr"] = out["w_design"].values * np.array([cell_pop[c] for c in cell_id]) / dsum
    reg_t = allocation.groupby("region_code", sort=False)["population"].sum().to_dict()
    size_t = allocation.groupby("size", sort=False)["population"].sum().to_dict()
    size_t = {k: v for k, v in size_t.items() if v > 0}
    out["w_final"] = rake(
        out["w_nr"].values, [out["region_code"].values, out["size"].values], [reg_t, size_t]
    )
    vs = variance_strata(counts, allocation)
    out["var_stratum"] = [vs[k] for k in key]
    pop_vs = {}
    for k, v in vs.items():
        pop_vs[v] = pop_vs.get(v, 0) + pop[k]
    out["var_pop"] = out["var_stratum"].map(pop_vs)
    return out


def variance_strata(counts: dict, allocation: pd.DataFrame) -> dict:
    """Variance strata after the single-respondent rule (see the module docstring)."""
    out = {}
    for reg, part in allocation.groupby("region_code", sort=False):
        strata = [(reg, s) for s in part["size"] if counts.get((reg, s), 0) > 0]
        multi = [k for k in strata if counts[k] >= 2]
        few = [k for k in strata if counts[k] < 2]
        for k in multi:
            out[k] = f"{reg}-{k[1]}"
        if few:
            if sum(counts[k] for k in few) >= 2 or not multi:
                for k in few:
                    out[k] = f"{reg}-collapsed"
            else:
                biggest = max(multi, key=lambda k: counts[k])
                for k in few:
                    out[k] = out[biggest]
    return out
