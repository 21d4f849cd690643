"""Register generator and sample selection: counts, reproducibility, reserve lists, fieldwork XLSX."""

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from conftest import ROOT
from industry_report.core.codelists import load_divisions
from industry_report.core.errors import InputError
from industry_report.core.validation import read_csv
from industry_report.sample.design import SampleDesign, allocate, round_half_up
from industry_report.sample.frame import REGISTER_SCHEMA, check_register_against_population
from industry_report.sample.selection import fieldwork_xlsx_bytes, select_sample
from tools.demo_survey import make_demo_register

DIVISIONS = {int(c): n for c, n in load_divisions(ROOT / "config/divisions.yaml").names("short_kk").items()}


@pytest.fixture(scope="module")
def pop():
    return pd.read_csv(ROOT / "data/raw/enterprises/active_manufacturing_2022.csv")


@pytest.fixture(scope="module")
def alloc(pop):
    a = pop.copy()
    a["sample"] = [max(1, round_half_up(0.063 * n)) for n in a["population"]]  # Appendix 1 rule
    a.index = pd.RangeIndex(2, len(a) + 2)
    return a


@pytest.fixture(scope="module")
def register(pop):
    return make_demo_register(pop, 7, DIVISIONS)


def test_allocation_rule_matches_lead_function(pop, alloc):
    assert int(alloc["sample"].sum()) == 568
    assert list(allocate(pop, SampleDesign())["sample"]) == list(alloc["sample"])


def test_register_counts_equal_population(pop, register):
    got = register.groupby(["region_code", "size"]).size()
    for rec in pop.to_dict("records"):
        assert got[(rec["region_code"], rec["size"])] == rec["population"]
    assert register["enterprise_id"].is_unique
    assert set(register["oked_division"]) <= set(DIVISIONS)
    assert register["oked_division"].nunique() >= 20  # spread over the divisions 10-33
    # Food (10) is the largest division among small firms, metallurgy (24) is big among large ones.
    small = register[register["size"] == "small"]["oked_division"].value_counts(normalize=True)
    large = register[register["size"] == "large"]["oked_division"].value_counts(normalize=True)
    assert small.idxmax() == 10 and large[24] > small[24] * 3


def test_committed_register_reads_and_matches_population(pop):
    reg = read_csv(ROOT / "data/demo/survey/register.csv", REGISTER_SCHEMA)
    p = pop.copy()
    p.index = pd.RangeIndex(2, len(p) + 2)
    check_register_against_population(reg, p, "register.csv", "population.csv")  # no error


def test_selection_counts_equal_allocation(register, alloc):
    s = select_sample(register, alloc, seed=11, reserve_ratio=0.5)
    main = s[s["role"] == "main"].groupby(["region_code", "size"]).size()
    res = s[s["role"] == "reserve"].groupby(["region_code", "size"]).size()
    for rec in alloc.to_dict("records"):
        k = (rec["region_code"], rec["size"])
        assert main[k] == rec["sample"]
        assert res[k] == min(rec["population"] - rec["sample"], max(1, -(-rec["sample"] // 2)))
    assert int((s["role"] == "main").sum()) == 568
    assert s["enterprise_id"].is_unique  # reserve units are never main units
    # Every selected unit belongs to the stratum it was drawn for.
    m = s.merge(register, on="enterprise_id", suffixes=("", "_reg"))
    assert (m["region_code"] == m["region_code_reg"]).all() and (m["size"] == m["size_reg"]).all()


def test_selection_reproducible_with_seed(register, alloc):
    a = select_sample(register, alloc, seed=11)
    b = select_sample(register, alloc, seed=11)
    c = select_sample(register, alloc, seed=12)
    pd.testing.assert_frame_equal(a, b)
    assert set(a["enterprise_id"]) != set(c["enterprise_id"])


def test_sample_larger_than_stratum_is_an_error(register, alloc):
    bad = alloc.copy()
    bad.loc[5, "sample"] = 10_000
    with pytest.raises(InputError) as e:
        select_sample(register, bad, seed=1, allocation_file="alloc.csv")
    assert "alloc.csv" in str(e.value) and "row 5" in str(e.value) and "column 'sample'" in str(e.value)


def test_fieldwork_xlsx_is_byte_deterministic(register, alloc):
    s = select_sample(register, alloc, seed=11)
    a = fieldwork_xlsx_bytes(s, {"AKM": "Ақмола облысы"}, DIVISIONS)
    b = fieldwork_xlsx_bytes(s, {"AKM": "Ақмола облысы"}, DIVISIONS)
    assert a == b
    wb = load_workbook(io.BytesIO(a))
    assert wb.sheetnames == ["main_sample", "reserve_list"]
    rows = list(wb["main_sample"].values)
    assert rows[0][:3] == ("enterprise_id", "name", "region_code") and len(rows) == 1 + 568
    assert wb.properties.created.year == 2000
    # save() would stamp the wall clock here, and two builds a second apart would differ
    assert wb.properties.modified == wb.properties.created
