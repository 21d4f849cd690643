"""Stage 1: the 16 key indicators - derivations against values worked out by hand from the raw files,
region-history rules, estimate/demo marking, and the catalogue."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from conftest import INDICATOR_INPUTS as INPUTS
from conftest import INDICATOR_OUTPUTS as OUT_KEYS
from industry_report.core.regions import load_regions
from industry_report.indicators import catalogue, derive, regional, sources
from industry_report.indicators.inputs import load_inputs
from scripts.compute_indicators import main

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data/raw"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Run the compute_indicators entry point on the real raw files once."""
    d = tmp_path_factory.mktemp("ind")
    out = {k: d / (f"{k}.json" if k == "values" else f"{k}.csv") for k in OUT_KEYS}
    main(INPUTS, out, {"year": 2025})
    table = pd.read_csv(out["table"], dtype={"indicator_id": str})
    values = json.loads(out["values"].read_text(encoding="utf-8"))
    return table, values, out


def val(table, i, y):
    r = table[(table.indicator_id == i) & (table.year == y)]
    assert len(r) == 1, (i, y)
    return float(r.value.iloc[0]), r.status.iloc[0]


def raw(path, item, year, region="national"):
    """Independent reader: the csv module, no pandas, no schema."""
    with open(path, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["item_code"] == item and r["date"][:4] == str(year) and r["region"] == region:
                return float(r["value"])
    raise KeyError((item, year))


# --- the output table -------------------------------------------------------------------------


def test_table_has_all_16_indicators_and_exact_columns(built):
    table, _, out = built
    assert list(table.columns) == ["indicator_id", "year", "value", "unit", "status"]
    assert sorted(table.indicator_id.unique()) == [f"I{n:02d}" for n in range(1, 17)]
    assert set(table.status) <= set(catalogue.STATUSES)
    assert not table.duplicated(["indicator_id", "year"]).any()
    assert table.value.notna().all()
    # every indicator covers the latest ten years at least partly
    for i, g in table.groupby("indicator_id"):
        assert g.year.max() >= 2023, i


# --- derivations against hand-worked values ---------------------------------------------------


def test_manufacturing_share_of_gdp_2015_and_2022(built):
    table, _, _ = built
    # 4 201 012,1 / 40 884 133,6 = 10,2754 %;  13 929 790,7 / 103 765 518,2 = 13,4243 %
    assert val(table, "I06", 2015)[0] == pytest.approx(10.2754, abs=1e-4)
    assert val(table, "I06", 2022)[0] == pytest.approx(13.4243, abs=1e-4)
    assert val(table, "I06", 2022)[1] == "derived"


def test_mva_per_capita_2022(built):
    table, _, _ = built
    # 13 929 790,7 million KZT / 19 634 983 persons = 709 437,4 KZT
    assert val(table, "I07", 2022)[0] == pytest.approx(709_437.4, abs=0.1)


def test_mht_share_2013_two_ways(built):
    table, _, _ = built
    # Single lines: 20 + 21 + 26 + 27 + 28 + 29 + 30 = 152 175,6 + 90 257,9 + 10 325,4 + 44 730,0
    # + 75 325,0 + 66 330,8 + 45 720,3 = 484 865,0; / C 3 828 486,9 = 12,6647 %
    assert val(table, "I08", 2013)[0] == pytest.approx(100 * 484_865.0 / 3_828_486.9, abs=1e-3)
    assert val(table, "I08", 2013)[0] == pytest.approx(12.6647, abs=1e-3)


def test_mht_uses_machine_building_aggregate_where_lines_fall_short():
    regions = load_regions(INPUTS["regions"])
    div = sources.division_matrix(sources.read_bns_dims(INPUTS["divisions"], regions))
    lines = div[["20", "21", "26", "27", "28", "29", "30"]].sum(axis=1)
    mht = derive.mht_value_added(div)
    # equal in the years the lines add up, larger by the confidential gap in 2018-2019
    for y in (2013, 2016, 2022, 2025):
        assert mht[y] == pytest.approx(lines[y], abs=0.5)
    assert mht[2018] - lines[2018] == pytest.approx(25_500, rel=0.02)  # 25.5 bn KZT (SOURCES.md)
    assert mht[2019] - lines[2019] == pytest.approx(28_900, rel=0.02)


def test_exports_per_capita_and_productivity_2022(built):
    table, _, _ = built
    # 84.6 bn USD / 19 634 983 = 4 308 USD (COVERAGE.md); 13 929 790,7 / 613,651 / 1000 = 22,70
    assert val(table, "I03", 2022)[0] == pytest.approx(4308.3, abs=0.1)
    assert val(table, "I03", 2025)[0] == pytest.approx(3885.4, abs=0.1)
    emp = raw(INPUTS["employment_section"], "C", 2022)
    assert val(table, "I15", 2022)[0] == pytest.approx(13_929_790.7 / emp / 1000, rel=1e-9)
    assert val(table, "I15", 2022)[0] == pytest.approx(22.70, abs=0.01)


def test_world_shares_real_years(built):
    table, _, _ = built
    # KAZ MVA 2021 26 824 523 400 / WLD 1,60e13 = 0,16765 %; COVERAGE: 0,049 % (2000), 0,158 % (2010)
    assert val(table, "I09", 2021) == (pytest.approx(100 * 26_824_523_400 / 1.60e13), "derived")
    assert val(table, "I09", 2000)[0] == pytest.approx(0.049, abs=5e-4)
    assert val(table, "I09", 2010)[0] == pytest.approx(0.158, abs=5e-4)
    # trade: 0,035 % (2000), 0,070 % (2010), 0,094 % (2012)
    for y, v in ((2000, 0.035), (2010, 0.070), (2012, 0.094)):
        assert val(table, "I10", y) == (pytest.approx(v, abs=5e-4), "derived")


def test_world_mva_share_estimate_2022_by_hand(built):
    table, values, _ = built
    gdp = {
        (r["Country Code"], int(r["Year"])): float(r["Value"])
        for r in csv.DictReader(open(INPUTS["gdp_usd"], encoding="utf-8"))
    }
    G = INPUTS["gva"]
    share = {y: raw(G, "C", y) / raw(G, "GDP", y) for y in (2021, 2022)}
    k = 26_824_523_400 / (gdp["KAZ", 2021] * share[2021])  # ratio adjustment to WDI 2021
    kaz = gdp["KAZ", 2022] * share[2022] * k
    wld = gdp["WLD", 2022] * (1.60e13 / gdp["WLD", 2021])
    assert val(table, "I09", 2022) == (pytest.approx(100 * kaz / wld, rel=1e-9), "estimate")
    assert values["notes"]["I09"]["anchor_year"] == 2021


def test_output_estimate_is_ratio_adjusted_backwards(built):
    table, values, _ = built
    G, O = INPUTS["gva"], INPUTS["output"]
    ratio = raw(O, "C", 2022) / raw(G, "C", 2022)
    assert values["notes"]["I01"]["ratio"] == pytest.approx(ratio)
    assert val(table, "I01", 2021) == (pytest.approx(raw(G, "C", 2021) * ratio), "estimate")
    assert val(table, "I01", 2022) == (pytest.approx(raw(O, "C", 2022)), "proxy")


def test_tax_is_pro_rata_estimate(built):
    table, _, _ = built
    G = INPUTS["gva"]
    tax2025 = 14_463_081.1377124
    assert val(table, "I16", 2025) == (
        pytest.approx(tax2025 * raw(G, "C", 2025) / raw(G, "GVA", 2025)),
        "estimate",
    )


def test_chain_index_by_hand():
    s = pd.Series({2020: 110.0, 2021: 90.0, 2022: 105.0})
    idx = derive.chain_index(s, 2020)
    assert idx[2020] == 100.0
    assert idx[2021] == pytest.approx(90.0)
    assert idx[2022] == pytest.approx(94.5)
    assert idx[2019] == pytest.approx(100 / 1.1)


def test_annual_sum_leaves_out_incomplete_years():
    m = pd.DataFrame(
        {
            "year": [2024] * 12 + [2025] * 6,
            "month": list(range(1, 13)) + list(range(1, 7)),
            "value": [1.0] * 18,
        }
    )
    sums, incomplete = derive.annual_sum(m)
    assert sums.to_dict() == {2024: 12.0}
    assert incomplete == [2025]


def test_ratio_extend_only_fills_missing_years():
    target = pd.Series({2022: 20.0, 2023: 22.0})
    proxy = pd.Series({2020: 8.0, 2021: 9.0, 2022: 10.0, 2023: 99.0})
    est = derive.ratio_extend(target, proxy, 2022, [2020, 2021, 2023])
    assert est.to_dict() == {2020: 16.0, 2021: 18.0}


# --- estimate and demo marking ----------------------------------------------------------------


def test_cell_statuses_match_the_catalogue(built):
    table, _, _ = built
    reg = catalogue.load_catalogue(INPUTS["catalogue"])
    allowed = {i["id"]: set(i["cell_statuses"]) for i in reg["indicators"]}
    for i, g in table.groupby("indicator_id"):
        assert set(g.status) == allowed[i], i


def test_demo_never_replaces_a_real_value(built):
    table, _, _ = built
    assert val(table, "I14", 2022) == (8892.0, "real")
    assert {val(table, "I14", y)[1] for y in (2016, 2021, 2023, 2025)} == {"demo"}
    assert val(table, "I04", 2012)[1] == "proxy" and val(table, "I04", 2013)[1] == "demo"
    assert val(table, "I05", 2020)[1] == "proxy" and val(table, "I05", 2021)[1] == "demo"
    # gaps stay gaps: no IPI after 2023, no world MVA share after 2023, no exports per capita before 2019
    assert table[(table.indicator_id == "I02") & (table.year > 2023)].empty
    assert table[(table.indicator_id == "I09") & (table.year > 2023)].empty
    assert table[(table.indicator_id == "I03") & (table.year < 2019)].empty


def test_ten_year_table_marks_estimates_and_demo(built):
    _, values, _ = built
    t = values["ten_year"]
    assert t["years"] == list(range(2016, 2026))
    rows = {r["id"]: r for r in t["rows"]}
    marks = {c["year"]: c["mark"] for c in rows["I01"]["cells"]}
    assert marks[2021] == "*" and marks[2022] == ""
    marks = {c["year"]: c["mark"] for c in rows["I14"]["cells"]}
    assert marks[2022] == "" and marks[2021] == "†"
    assert {c["value"] is None for c in rows["I02"]["cells"] if c["year"] > 2023} == {True}
    assert values["key_numbers"]["demo"] == "4, 5, 10, 14"


def test_key_table_changes(built):
    table, values, _ = built
    key = {r["id"]: r for r in values["key_table"]}
    # shares change in percentage points, levels in per cent
    assert key["I06"]["change_1y"] == pytest.approx(val(table, "I06", 2025)[0] - val(table, "I06", 2024)[0])
    assert key["I07"]["change_5y"] == pytest.approx(
        100 * (val(table, "I07", 2025)[0] / val(table, "I07", 2020)[0] - 1)
    )
    assert key["I02"]["year"] == 2023  # latest available, not the report year
    assert key["I09"]["statuses"] == ["estimate", "derived"]


# --- regions ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def regions():
    return load_regions(INPUTS["regions"])


def test_south_kazakhstan_is_never_added_to_its_parts(regions):
    codes = ["YKO", "TRK", "SHM", "AKM", "national"]
    assert regional.units_to_sum(codes, 2015, regions, 2021) == ["YKO", "AKM"]
    assert regional.units_to_sum(["TRK", "SHM", "AKM"], 2019, regions, 2021) == ["TRK", "SHM", "AKM"]


def test_2022_regions_follow_the_files_border_year(regions):
    codes = ["VKO", "ABY", "ALM", "ZHT", "KRG", "ULT"]
    # GVA/GRP publish the new regions (and parents on the new borders) from 2021
    assert regional.units_to_sum(codes, 2021, regions, new_borders_from=2021) == codes
    # a file switching in 2022 must not count a back-calculated new region in 2021
    assert regional.units_to_sum(codes, 2021, regions, new_borders_from=2022) == ["VKO", "ALM", "KRG"]


def test_regional_sums_equal_national_on_the_real_files(regions):
    gva = sources.read_bns_dims(INPUTS["gva_region"], regions)
    for y in range(2010, 2026):
        regional.check_total(gva, y, regions, 2021, INPUTS["gva_region"])
    # and the naive sum of every row would be wrong in the overlap years
    d = gva[gva.year == 2015]
    assert d[d.region != "national"].value.sum() > 1.1 * d[d.region == "national"].value.iloc[0]


def test_growth_not_comparable_across_border_changes(regions):
    assert not regional.comparable("VKO", 2020, 2025, regions, 2021)
    assert not regional.comparable("ABY", 2020, 2025, regions, 2021)
    assert regional.comparable("ABY", 2021, 2025, regions, 2021)
    assert regional.comparable("TRK", 2020, 2025, regions, 2021)  # recalculated back by BNS
    assert regional.comparable("AKM", 2020, 2025, regions, 2021)


def test_regional_table(built):
    _, values, _ = built
    rows = values["regions"]["rows"]
    assert len(rows) == 20 and "YKO" not in {r["code"] for r in rows}
    assert sum(r["mva_share_national"] for r in rows) == pytest.approx(1.0, abs=1e-6)
    krg = next(r for r in rows if r["code"] == "KRG")
    G = INPUTS["gva_region"]
    assert krg["mva_bn"] == pytest.approx(raw(G, "C", 2025, "KRG") / 1000)
    assert krg["cagr_5y"] is None and krg["growth_1y"] == pytest.approx(
        raw(G, "C", 2025, "KRG") / raw(G, "C", 2024, "KRG") - 1
    )
    assert values["regions"]["n_no_growth_5y"] == 6
    assert [r["rank"] for r in rows] == list(range(1, 21))


def test_sector_table(built):
    _, values, _ = built
    rows = values["sectors"]["rows"]
    assert [r["code"] for r in rows if r["mht"]] and len(rows) == 24
    assert sum(r["share"] for r in rows) == pytest.approx(1.0, abs=1e-6)  # 2025 lines add up to C
    assert values["sectors"]["gap_years"] == [2018, 2019]


# --- catalogue --------------------------------------------------------------------------------


def test_catalogue_is_complete_and_defines_indicator_14():
    reg = catalogue.load_catalogue(INPUTS["catalogue"])
    i14 = reg["indicators"][13]
    assert "active" in i14["definition_en"] and "manufacturing" in i14["definition_en"]
    for i in reg["indicators"]:
        for src in i["sources"]:
            assert (ROOT / src).exists(), src
        assert i["status"] in ("real", "derived", "proxy", "estimate")


def test_sector_names_come_from_the_division_code_list(built):
    """One definition of the divisions: the sector table names them as config/divisions.yaml does."""
    from industry_report.core.codelists import load_divisions

    _, values, out = built
    divisions = load_divisions(INPUTS["division_list"])
    rows = values["sectors"]["rows"]
    assert {r["code"] for r in rows} == set(divisions.codes)
    assert all(r["name"] == divisions.name(r["code"], "name_kk") for r in rows)
    assert "divisions" not in catalogue.load_catalogue(INPUTS["catalogue"])


def test_world_rows_follow_the_catalogue(built):
    _, values, _ = built
    spec = catalogue.load_catalogue(INPUTS["catalogue"])["world_comparison"]
    rows = values["world"]["rows"]
    assert [(r["name"], r["ref"], r["decimals"]) for r in rows] == [
        (w["name_kk"], str(int(w["indicator"][1:])), w["decimals"]) for w in spec
    ]
    mva_pc = rows[0]
    assert mva_pc["ref"] == "7" and mva_pc["world"] > mva_pc["kaz"] > 0


def test_load_inputs_checks_regional_totals(tmp_path, regions):
    """A national row that does not equal its regions stops the build, naming file, row, column."""
    from industry_report.core.errors import InputError

    src = INPUTS["investment_region"].read_text(encoding="utf-8").splitlines()
    line = next(i for i, ln in enumerate(src) if ln.startswith("2020-12-31,national,"))
    parts = src[line].split(",")
    parts[4] = str(float(parts[4]) + 1000.0)
    src[line] = ",".join(parts)
    bad = tmp_path / "investment_by_region.csv"
    bad.write_text("\n".join(src) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_inputs({**INPUTS, "investment_region": bad}, regions)
    msg = str(e.value)
    assert str(bad) in msg and f"row {line + 1}" in msg and "column 'value'" in msg
