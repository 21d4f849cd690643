"""The fieldwork report by size class and region, response rate AAPOR RR1: a hand-worked case."""

import pandas as pd
import pytest

from industry_report.instruments.fieldwork import (
    fieldwork_by_domain,
    fieldwork_domain_records,
    fieldwork_table,
)

ALLOC = pd.DataFrame(
    {"region_code": ["AKM", "AKM", "ALA"], "size": ["small", "medium", "small"], "sample": [3, 1, 2]}
)
# AKM small: e1 completed, e2 refused, e3 replaced, reserve r1 completed, r2 never used;
# AKM medium: e4 not reached, reserve r3 refused; ALA small: e5 completed, e6 left without a status.
STATUS = pd.DataFrame(
    [
        ("e1", "AKM", "small", "main", "completed"),
        ("e2", "AKM", "small", "main", "refused"),
        ("e3", "AKM", "small", "main", "replaced_by_reserve"),
        ("r1", "AKM", "small", "reserve", "completed"),
        ("r2", "AKM", "small", "reserve", ""),
        ("e4", "AKM", "medium", "main", "not_reached"),
        ("r3", "AKM", "medium", "reserve", "refused"),
        ("e5", "ALA", "small", "main", "completed"),
        ("e6", "ALA", "small", "main", ""),
    ],
    columns=["enterprise_id", "region_code", "size", "role", "status"],
)


def test_by_size_and_region_with_rr1_worked_by_hand():
    t = fieldwork_by_domain(STATUS, ALLOC, ["small", "medium", "large"]).set_index(["dimension", "domain"])
    assert list(t.index) == [
        ("size", "small"),
        ("size", "medium"),
        ("region", "AKM"),
        ("region", "ALA"),
        ("total", "total"),
    ]
    small = t.loc[("size", "small")]
    assert (small.planned, small.main_completed, small.main_refused, small.main_replaced_by_reserve) == (
        5,
        2,
        1,
        1,
    )
    assert (small.reserve_contacted, small.reserve_completed, small.achieved) == (1, 1, 3)
    # RR1 = I / released: 3 / (5 main + 1 reserve contacted); the unused reserve r2 is not released
    assert small.response_rate == pytest.approx(3 / 6)
    assert t.loc[("size", "medium"), "response_rate"] == 0  # e4 not reached, r3 refused
    assert t.loc[("region", "AKM"), "response_rate"] == pytest.approx(2 / 6)  # 4 main + 2 reserve
    # e6 has no status: unknown eligibility, counted as eligible (RR1), so it stays in the denominator
    assert t.loc[("region", "ALA"), "response_rate"] == pytest.approx(1 / 2)
    total = t.loc[("total", "total")]
    assert (total.planned, total.achieved, total.contacted) == (6, 3, 7)
    assert total.response_rate == pytest.approx(3 / 8)  # not 3 / 7 (contacted only)


def test_the_stratum_table_uses_the_same_rate():
    t = fieldwork_table(STATUS, ALLOC)
    assert t.loc[t["region_code"] == "total", "response_rate"].item() == pytest.approx(3 / 8)


def test_records_carry_names_and_no_nan():
    t = fieldwork_by_domain(STATUS, ALLOC, ["small", "medium", "large"])
    names = {"small": "Шағын", "medium": "Орта", "AKM": "Ақмола облысы", "ALA": "Алматы", "total": "Барлығы"}
    recs = fieldwork_domain_records(t, names)
    assert [r["name"] for r in recs] == ["Шағын", "Орта", "Ақмола облысы", "Алматы", "Барлығы"]
    assert recs[-1]["planned"] == 6 and isinstance(recs[-1]["planned"], int)
    empty = fieldwork_domain_records(fieldwork_by_domain(STATUS.iloc[:0], ALLOC, ["small"]), names)
    assert empty[0]["response_rate"] is None  # no unit released in a domain: no rate, not 0
