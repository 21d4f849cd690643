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
    assert "demo" not in set(table.status)
    # every indicator covers the latest ten years at least partly
    for i, g in table.groupby("indicator_id"):
        assert g.year.max() >= 2020, i


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


def test_productivity_2022(built):
    table, _, _ = built
    # 13 929 790,7 / 613,651 / 1000 = 22,70
    emp = raw(INPUTS["employment_section"], "C", 2022)
    assert val(table, "I15", 2022)[0] == pytest.approx(13_929_790.7 / emp / 1000, rel=1e-9)
    assert val(table, "I15", 2022)[0] == pytest.approx(22.70, abs=0.01)


def ddf(path, year, geo="kaz"):
    """Independent reader of a DDF file: the csv module, no pandas, no schema."""
    with open(path, encoding="utf-8") as fh:
        for r in csv.reader(fh):
            if r[0] == geo and r[1] == str(year):
                return float(r[2])
    raise KeyError((path, geo, year))


def test_ipi_2025_manufacturing_is_107_1(built):
    table, values, _ = built
    assert val(table, "I02", 2025) == (107.1, "real")
    assert raw(INPUTS["ipi"], "C", 2025) == 107.1
    assert values["national"]["ipi_last_year"] == 2025 and values["national"]["ipi_complete"]


def test_manufactures_share_of_exports_2023(built):
    table, _, _ = built
    # the 2025 WDI release: 18,98201 %; no 2024 value yet
    assert val(table, "I04", 2023) == (pytest.approx(18.98201), "proxy")
    assert table[(table.indicator_id == "I04") & (table.year > 2023)].empty


def test_mht_export_share_2020_unido_and_carried_values_dropped(built):
    table, values, _ = built
    assert val(table, "I05", 2020) == (pytest.approx(38.68919), "real")
    assert values["notes"]["I05"]["carried_years"] == [1990, 1991, 1992, 1993, 1994, 2021]
    assert table[(table.indicator_id == "I05")].year.tolist()[0] == 1995


def test_share_of_world_mva_2024_current_usd(built):
    table, _, _ = built
    R = RAW / "wdi/wdi-ddf-01a34e8b"
    kaz = ddf(R / "ddf--datapoints--nv_ind_manf_cd--by--geo--time.KAZ.csv", 2024)
    wld = ddf(R / "ddf--datapoints--nv_ind_manf_cd--by--global--time.csv", 2024, "world")
    assert val(table, "I09", 2024) == (pytest.approx(100 * kaz / wld, rel=1e-12), "derived")
    assert val(table, "I09", 2024)[0] == pytest.approx(0.205, abs=5e-4)  # COVERAGE.md: 0,205 %


def test_share_of_world_manufactures_trade_2023(built):
    table, _, _ = built
    R = RAW / "wdi/wdi-ddf-01a34e8b"
    share = lambda g, f: ddf(R / f"ddf--datapoints--tx_val_manf_zs_un--by--{f}", 2023, g)  # noqa: E731
    merch = lambda g, f: ddf(R / f"ddf--datapoints--tx_val_mrch_cd_wt--by--{f}", 2023, g)  # noqa: E731
    kaz = share("kaz", "geo--time.KAZ.csv") * merch("kaz", "geo--time.KAZ.csv")
    wld = share("world", "global--time.csv") * merch("world", "global--time.csv")
    assert val(table, "I10", 2023) == (pytest.approx(100 * kaz / wld, rel=1e-12), "derived")
    assert val(table, "I10", 2023)[0] == pytest.approx(0.091, abs=5e-4)  # COVERAGE.md: 0,091 %


def test_manufactured_exports_per_capita_2023(built):
    table, _, _ = built
    R = RAW / "wdi/wdi-ddf-01a34e8b"
    mx = (
        ddf(R / "ddf--datapoints--tx_val_manf_zs_un--by--geo--time.KAZ.csv", 2023)
        / 100
        * ddf(R / "ddf--datapoints--tx_val_mrch_cd_wt--by--geo--time.KAZ.csv", 2023)
    )
    pop = ddf(R / "ddf--datapoints--sp_pop_totl--by--geo--time.PEERS.csv", 2023)
    assert val(table, "I03", 2023) == (pytest.approx(mx / pop, rel=1e-12), "derived")


def test_goods_exports_per_capita_is_context_not_indicator_3(built):
    _, values, out = built
    ctx = pd.read_csv(out["context"])
    g = ctx[ctx.series_id == "goods_exports_pc"].set_index("year").value
    # 84.6 bn USD / 19 634 983 = 4 308 USD (COVERAGE.md); 2025: 3 885 USD
    assert g[2022] == pytest.approx(4308.3, abs=0.1) and g[2025] == pytest.approx(3885.4, abs=0.1)
    assert values["national"]["goods_exports_pc"] == pytest.approx(3885.4, abs=0.1)


def test_mva_per_capita_usd_2022_through_the_nbk_rate(built):
    _, _, out = built
    ctx = pd.read_csv(out["context"])
    months = []
    with open(INPUTS["usd_rate"], encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["date"].startswith("2022-"):
                months.append(float(r["value"]))
    assert len(months) == 12
    rate = sum(months) / 12  # 460,30 KZT per USD (SOURCES.md: mean of months)
    assert rate == pytest.approx(460.302, abs=1e-3)
    usd = 13_929_790.7e6 / rate / 19_634_983
    got = ctx[(ctx.series_id == "mva_pc_usd") & (ctx.year == 2022)].value.iloc[0]
    assert got == pytest.approx(usd, rel=1e-9)
    assert got == pytest.approx(1541.2, abs=0.1)


def test_world_mva_share_constant_usd_is_one_release(built):
    _, _, out = built
    ctx = pd.read_csv(out["context"])
    R = RAW / "wdi/wdi-ddf-02c2b33f"
    kaz = ddf(R / "ddf--datapoints--nv_ind_manf_kd--by--geo--time.KAZ.csv", 2021)
    wld = ddf(R / "ddf--datapoints--nv_ind_manf_kd--by--global--time.csv", 2021, "world")
    got = ctx[(ctx.series_id == "world_mva_share_kd") & (ctx.year == 2021)].value.iloc[0]
    assert got == pytest.approx(100 * kaz / wld, rel=1e-12)
    assert got == pytest.approx(0.175, abs=5e-4)  # COVERAGE.md


def test_mixing_releases_is_refused():
    from industry_report.indicators.inputs import same_release

    rel = {"mva_usd": "01a34e8b", "mva_kd": "02c2b33f"}
    assert same_release(rel, "mva_usd") == "01a34e8b"
    with pytest.raises(ValueError, match="different WDI releases"):
        same_release(rel, "mva_usd", "mva_kd")


def test_output_is_the_published_proxy_without_back_cast(built):
    table, _, _ = built
    O = INPUTS["output"]
    assert val(table, "I01", 2022) == (pytest.approx(raw(O, "C", 2022)), "proxy")
    assert table[table.indicator_id == "I01"].year.min() == 2022


def test_other_taxes_of_manufacturing_and_the_2023_break(built):
    table, values, _ = built
    T = INPUTS["other_taxes"]
    assert val(table, "I16", 2022) == (pytest.approx(raw(T, "C", 2022)), "proxy")
    assert val(table, "I16", 2022)[0] == pytest.approx(164_300, rel=0.01)  # 164.3 bn KZT
    key = {r["id"]: r for r in values["key_table"]}
    assert key["I16"]["break_5y"] == "‡" and key["I16"]["break_1y"] == ""


def test_compensation_per_employed_person_is_labelled_context(built):
    _, values, out = built
    ctx = pd.read_csv(out["context"])
    c = ctx[(ctx.series_id == "compensation_pc_c") & (ctx.year == 2022)].value.iloc[0]
    C = INPUTS["compensation"]
    E = INPUTS["employment_section"]
    assert c == pytest.approx(raw(C, "C", 2022) * 1e6 / (raw(E, "C", 2022) * 1000) / 12, rel=1e-12)
    assert c == pytest.approx(514_000, rel=0.01)  # SOURCES.md: about 514 k KZT


def test_peer_ranks_of_mva_share_of_gdp(built):
    """Ranks of MVA % of GDP in the benchmark year, worked out from the raw file; ties share a rank."""
    _, values, out = built
    year = values["world"]["year"]
    f = RAW / "wdi/wdi-ddf-01a34e8b/ddf--datapoints--nv_ind_manf_zs--by--geo--time.PEERS.csv"
    geos = ["kaz", "aze", "blr", "chl", "chn", "kgz", "mng", "mys", "pol", "rus", "tur", "uzb"]
    v = {g: ddf(f, year, g) for g in geos}
    order = sorted(v.values(), reverse=True)
    by_hand = {g.upper(): 1 + order.index(x) for g, x in v.items()}
    peers = pd.read_csv(out["peers"])
    got = peers[(peers.measure == "mva_share_gdp") & (peers.year == year)].set_index("country")["rank"]
    assert got.astype(int).to_dict() == by_hand
    row = next(r for r in values["world"]["rows"] if r["measure"] == "mva_share_gdp")
    assert row["rank"] == by_hand["KAZ"] and row["n"] == 12


def test_ranks_keep_ties_as_ties():
    from industry_report.indicators import peers

    w = pd.DataFrame({"a": [3.0, 5.0, 5.0, 1.0]}, index=["KAZ", "X", "Y", "Z"])
    assert w.rank(ascending=False, method="min")["a"].tolist() == [3, 1, 1, 4]
    assert peers.composite_rank(pd.Series([0.2, 0.5, 0.5])).tolist() == [3, 1, 1]


def test_composite_minmax_arithmetic_by_hand():
    from industry_report.indicators import peers

    cols = list(peers.MEASURES)
    w = pd.DataFrame([[1.0] * 8, [3.0] * 8, [2.0] * 8], index=["KAZ", "A", "B"], columns=cols)
    w.loc["B", "mva_share_gdp"] = 1.0  # B is lowest on one of the two intensity indicators
    s = peers.composite(w)
    # B: five components at 0.5, intensity (0 + 0.5) / 2 = 0.25 -> (5 * 0.5 + 0.25) / 6
    assert s["KAZ"] == 0 and s["A"] == 1
    assert s["B"] == pytest.approx((5 * 0.5 + 0.25) / 6)
    g = peers.composite(w, aggregation="geometric")
    assert g["KAZ"] == 0 and g["B"] == pytest.approx((0.5**5 * 0.25) ** (1 / 6))


def test_composite_is_on_complete_countries_only(built):
    _, values, _ = built
    w = values["world"]
    assert w["n_composite"] + len(w["left_out"]) == 12
    assert w["kaz_rank_min"] <= w["kaz_rank"] <= w["kaz_rank_max"]
    assert [r["variant"] for r in w["sensitivity"]] == ["baseline", "geometric", "eight_equal", "zscore"]


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


def test_drop_carried_keeps_the_observations():
    s = pd.Series({1990: 4.0, 1991: 4.0, 1992: 4.0, 1993: 5.0, 1994: 5.0, 1995: 6.0, 1996: 6.0})
    assert derive.drop_carried(s).to_dict() == {1992: 4.0, 1993: 5.0, 1994: 5.0, 1995: 6.0}
    assert derive.drop_carried(pd.Series({2020: 1.0})).to_dict() == {2020: 1.0}


# --- estimate and demo marking ----------------------------------------------------------------


def test_cell_statuses_match_the_catalogue(built):
    table, _, _ = built
    reg = catalogue.load_catalogue(INPUTS["catalogue"])
    allowed = {i["id"]: set(i["cell_statuses"]) for i in reg["indicators"]}
    for i, g in table.groupby("indicator_id"):
        assert set(g.status) == allowed[i], i


def test_gaps_stay_gaps(built):
    table, values, _ = built
    assert val(table, "I14", 2022) == (8892.0, "real")
    assert table[table.indicator_id == "I14"].year.tolist() == [2022]
    for ind, last in (("I03", 2023), ("I04", 2023), ("I05", 2020), ("I09", 2024), ("I10", 2023)):
        assert table[table.indicator_id == ind].year.max() == last, ind
    key = {r["id"]: r for r in values["key_table"]}
    assert key["I05"]["year"] == 2020 and key["I05"]["latest_before"]
    assert key["I02"]["year"] == 2025 and not key["I02"]["latest_before"]
    t = {r["id"]: r for r in values["ten_year"]["rows"]}
    assert {c["value"] is None for c in t["I14"]["cells"] if c["year"] != 2022} == {True}


def test_one_status_function_for_key_table_and_annex(built):
    _, values, _ = built
    key = {r["id"]: r["status"] for r in values["key_table"]}
    annex = {r["id"]: r["status"] for r in values["annex"]}
    ten = {r["id"]: r["status"] for r in values["ten_year"]["rows"]}
    assert key == annex == ten
    assert key["I14"] == "нақты" and key["I16"] == "жанама"


def test_key_table_changes(built):
    table, values, _ = built
    key = {r["id"]: r for r in values["key_table"]}
    # shares change in percentage points, levels in per cent
    assert key["I06"]["change_1y"] == pytest.approx(val(table, "I06", 2025)[0] - val(table, "I06", 2024)[0])
    assert key["I07"]["change_5y"] == pytest.approx(
        100 * (val(table, "I07", 2025)[0] / val(table, "I07", 2020)[0] - 1)
    )
    # the five-year change of MVA per capita spans the 2022 population revision
    assert key["I07"]["break_5y"] == "‡" and key["I07"]["break_1y"] == ""
    assert values["national"]["population_break"] == pytest.approx(0.033, abs=5e-4)


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
            assert (ROOT / src).exists() and "demo" not in src, src


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
    assert mva_pc["ref"] == "7" and 1 <= mva_pc["rank"] <= mva_pc["n"] == 12


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
