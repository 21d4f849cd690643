"""Root-cause reach from the answers on a small hand-made graph: E -> A -> B -> C, D alone; the
problem lists A, B, C, D (not E)."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from industry_report.survey import problem_map as pm


def questionnaire():
    problems = [{"id": "p", "causes": ["A", "B", "C", "D"], "stage": "s"}]
    return SimpleNamespace(
        problems=problems,
        links=[("E", "A"), ("A", "B"), ("B", "C")],
        problem=lambda pid: problems[0],
    )


def answers():
    # 40 respondents rating p major (3), each naming a set of causes; weights 1, one stratum.
    named = (
        ["A;B"] * 8  # A and B together: A -> B is supported
        + ["A"] * 2
        + ["B"] * 2
        + ["C"] * 6  # C never with B: B -> C is not supported
        + ["D"] * 10
        + ["D;C"] * 2
        + ["C"] * 10
    )
    n = len(named)
    return pd.DataFrame(
        {
            "w_final": np.ones(n),
            "var_stratum": ["h"] * n,
            "var_pop": [1000] * n,
            "rating_p": [3] * n,
            "causes_p": named,
            "major_p": [1.0] * n,
        }
    )


def test_reach_follows_only_supported_links_of_listed_causes():
    q, a = questionnaire(), answers()
    ind = pm.cause_indicators(a, q, "p")
    assert pm.supported_links(ind, a["w_final"], q.links, ["A", "B", "C", "D"]) == [("A", "B")]
    r = pm.root_cause_reach(a, q).set_index("root_cause")
    # E is not listed for p: no reach; B is driven by A (supported), so it is not a root.
    assert set(r.index) == {"A", "C", "D"}
    # A reaches A and B: named by 8 + 2 + 2 = 12 of 40; C by 6 + 2 + 10 = 18; D by 10 + 2 = 12.
    assert r.loc["A", "est"] == pytest.approx(12 / 40) and r.loc["A", "reached"] == "A;B"
    assert r.loc["C", "est"] == pytest.approx(18 / 40) and r.loc["C", "rank"] == 1
    assert r.loc["D", "est"] == pytest.approx(12 / 40)
    # A and D tie exactly: they share rank 2 and both say so
    assert r.loc["A", "rank"] == r.loc["D", "rank"] == 2 and r.loc["A", "tie"] and r.loc["D", "tie"]
    assert not r.loc["C", "tie"]
