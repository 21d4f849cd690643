"""Disclosure control: primary suppression below 3 enterprises and secondary suppression."""

import math

import pandas as pd

from industry_report.survey.disclosure import suppress


def table(ns):
    return pd.DataFrame(
        {
            "var": ["a"] * len(ns),
            "domain": [f"d{i}" for i in range(len(ns))],
            "est": [0.5] * len(ns),
            "se": [0.1] * len(ns),
            "n": ns,
        }
    )


def test_primary_and_secondary():
    out = suppress(table([10, 2, 7, 40]), ["var"])
    assert list(out["suppressed"]) == ["", "primary", "secondary", ""]  # the smallest other cell (7)
    assert math.isnan(out.loc[1, "est"]) and math.isnan(out.loc[2, "est"]) and math.isnan(out.loc[2, "se"])
    assert out.loc[0, "est"] == 0.5 and out.loc[1, "n"] == 2  # counts stay, values go


def test_two_primaries_need_no_secondary():
    out = suppress(table([1, 2, 7, 40]), ["var"])
    assert list(out["suppressed"]) == ["primary", "primary", "", ""]


def test_nothing_below_threshold():
    out = suppress(table([3, 5]), ["var"])
    assert list(out["suppressed"]) == ["", ""]


def test_groups_are_separate():
    t = pd.concat([table([2, 5, 9]), table([4, 5, 9]).assign(var="b")], ignore_index=True)
    out = suppress(t, ["var"])
    assert list(out["suppressed"]) == ["primary", "secondary", "", "", "", ""]
