"""Disclosure control: primary and attribute suppression, and secondary suppression that survives an
attack on the published margins (linear programming over the suppressed cells)."""

import math

import numpy as np
import pandas as pd

from industry_report.survey.disclosure import feasible_interval, suppress


def table(ns, est=None, w=None):
    k = len(ns)
    return pd.DataFrame(
        {
            "var": ["a"] * k,
            "domain": [f"d{i}" for i in range(k)],
            "est": est if est is not None else [0.5] * k,
            "se": [0.1] * k,
            "n": ns,
            "w_sum": w if w is not None else [10.0 * x for x in ns],
        }
    )


def attack(original: pd.DataFrame, published: pd.DataFrame) -> dict[int, tuple[float, float]]:
    """What an attacker recovers: for each suppressed cell, the feasible interval of its share
    from the published cells, the weights and the published total Σ W p."""
    w = original["w_sum"].to_numpy(float)
    total = float(w @ original["est"].to_numpy(float))  # published as the overall estimate
    hidden = published["est"].isna().to_numpy()
    v = published["est"].fillna(0).to_numpy(float)
    rhs_v = v.copy()
    # feasible_interval needs values only through W·v (total) and the published cells
    out = {}
    for i in np.flatnonzero(hidden):
        fake = rhs_v.copy()
        fake[hidden] = 0.0
        fake[i] = (total - w[~hidden] @ v[~hidden]) / w[i]
        out[i] = feasible_interval(w, fake, hidden, i)
    return out


def test_primary_cell_is_suppressed_and_values_go():
    out = suppress(table([10, 2, 7, 40]), ["var"])
    assert out.loc[1, "suppressed"] == "primary"
    assert math.isnan(out.loc[1, "est"]) and math.isnan(out.loc[1, "se"])
    assert out.loc[3, "est"] == 0.5 and out.loc[1, "n"] == 2  # counts stay, values go


def test_next_smallest_cell_is_not_enough_and_the_audit_finds_that():
    # The old rule hid the primary (n=2, W=40) with the smallest other cell (n=4, W=10): then
    # 40 p1 + 10 p2 = 42 is known and p1 lies in [0.8; 1]. The audit picks another cell.
    t = table([10, 2, 4, 40], est=[0.5, 1.0, 0.2, 0.3], w=[100.0, 40.0, 10.0, 400.0])
    w = t["w_sum"].to_numpy(float)
    v = t["est"].to_numpy(float)
    old = np.array([False, True, True, False])
    lo, hi = feasible_interval(w, v, old, 1)
    assert (lo, hi) == (0.8, 1.0)  # the old pair: recoverable to within a fifth of the range
    out = suppress(t, ["var"])
    rec = attack(t, out)
    assert all(
        hi - lo >= 0.5 - 1e-9 for lo, hi in (rec[i] for i in rec if out.loc[i, "suppressed"] == "primary")
    )


def test_attribute_disclosure_of_zero_and_hundred_percent_in_small_domains():
    out = suppress(table([3, 20, 30], est=[1.0, 0.4, 0.0]), ["var"])
    assert out.loc[0, "suppressed"] == "attribute"  # 100% of 3 tells each answer
    assert out.loc[2, "suppressed"] in ("", "secondary")  # 0% of 30 is not an attribute disclosure


def test_attack_on_random_tables_recovers_no_protected_cell():
    rng = np.random.default_rng(7)
    for _ in range(40):
        k = int(rng.integers(3, 12))
        ns = rng.integers(1, 40, k)
        ests = np.round(rng.uniform(0, 1, k), 3)
        t = table(list(ns), est=list(ests), w=list(ns * rng.uniform(3, 30, k)))
        out = suppress(t, ["var"])
        rec = attack(t, out)
        for i, (lo, hi) in rec.items():
            if out.loc[i, "suppressed"] in ("primary", "attribute") and not out["est"].isna().all():
                assert hi - lo >= 0.5 - 1e-9, (i, lo, hi)


def test_nothing_below_threshold():
    out = suppress(table([3, 5]), ["var"])
    assert list(out["suppressed"]) == ["", ""]


def test_groups_are_separate():
    t = pd.concat([table([2, 5, 9]), table([4, 5, 9]).assign(var="b")], ignore_index=True)
    out = suppress(t, ["var"])
    assert out.loc[0, "suppressed"] == "primary" and (out.loc[3:, "suppressed"] == "").all()
