"""Stage 1 inputs: every kind of bad input gives an InputError naming the file, the row and the column
(the line and the key path for the catalogue config/indicators.yaml).

Each test copies a real input file, damages one line, and checks the message."""

from __future__ import annotations

from pathlib import Path

import pytest

from industry_report.core.errors import InputError
from industry_report.core.regions import load_regions
from industry_report.indicators import sources as ind
from industry_report.indicators.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data/raw"
REGIONS = load_regions(ROOT / "config/regions.yaml")


def damaged(tmp_path, src: Path, edit) -> tuple[Path, int]:
    """Copy ``src`` with ``edit(lines) -> 1-based line number changed`` applied."""
    lines = src.read_text(encoding="utf-8").splitlines()
    row = edit(lines)
    out = tmp_path / src.name
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out, row


def expect(fn, path, row, column, *words):
    with pytest.raises(InputError) as e:
        fn(path)
    msg = str(e.value)
    assert str(path) in msg
    if row is not None:
        assert f"row {row}" in msg, msg
    if column is not None:
        assert f"column '{column}'" in msg, msg
    for w in words:
        assert w in msg, msg
    return msg


def _set(lines, i, col, value, sep=","):
    parts = lines[i].split(sep)
    parts[col] = value
    lines[i] = sep.join(parts)
    return i + 1


# --- BNS national series ----------------------------------------------------------------------


def test_national_value_not_a_number(tmp_path):
    p, row = damaged(tmp_path, RAW / "bns/national/avg_wage.csv", lambda L: _set(L, 3, 1, "n/a"))
    expect(ind.read_bns_annual, p, row, "value", "expected a number", "'n/a'")


def test_national_annual_date_not_year_end(tmp_path):
    p, row = damaged(tmp_path, RAW / "bns/national/ind_prod.csv", lambda L: _set(L, 5, 0, "2013-06-30"))
    expect(ind.read_bns_annual, p, row, "date", "year-end date YYYY-12-31", "2013-06-30")


def test_national_duplicate_year(tmp_path):
    def dup(L):
        L.append(L[2])
        return len(L)

    p, row = damaged(tmp_path, RAW / "bns/national/tax_revenue.csv", dup)
    expect(ind.read_bns_annual, p, row, "date", "unique", "repeats row 3")


def test_national_missing_column(tmp_path):
    def drop(L):
        for i in range(len(L)):
            L[i] = ",".join(L[i].split(",")[:2])
        return 1

    p, row = damaged(tmp_path, RAW / "bns/national/ind_prod_manufacturing.csv", drop)
    expect(ind.read_bns_annual, p, 1, "transformation", "required column is missing")


def test_national_negative_value(tmp_path):
    p, row = damaged(tmp_path, RAW / "bns/national/avg_wage.csv", lambda L: _set(L, 2, 1, "-5"))
    expect(ind.read_bns_annual, p, row, "value", "≥ 0")


def test_monthly_date_not_first_of_month(tmp_path):
    p, row = damaged(tmp_path, RAW / "bns/national/exports.csv", lambda L: _set(L, 7, 0, "2019-07-15"))
    expect(ind.read_bns_monthly, p, row, "date", "first day of a month", "2019-07-15")


def test_not_utf8(tmp_path):
    src = (RAW / "bns/national/avg_wage.csv").read_text(encoding="utf-8")
    p = tmp_path / "avg_wage.csv"
    p.write_bytes((src + "2026-12-31,1.0,уровень\n").encode("cp1251"))
    expect(ind.read_bns_annual, p, src.count("\n") + 1, None, "not valid UTF-8", "cp1251")


# --- BNS dimension tables ---------------------------------------------------------------------


def read_dims(p):
    return ind.read_bns_dims(p, REGIONS)


def test_dims_unknown_region(tmp_path):
    p, row = damaged(tmp_path, RAW / "bns/dims/investment_by_region.csv", lambda L: _set(L, 10, 1, "XYZ"))
    expect(read_dims, p, row, "region", "'XYZ'")


def test_dims_region_after_it_ceased_to_exist(tmp_path):
    # YKO reported for 2019: South Kazakhstan exists only until 2017
    def edit(L):
        i = next(i for i, ln in enumerate(L) if ln.startswith("2019-12-31,SHM,"))
        return _set(L, i, 1, "YKO")

    p, row = damaged(tmp_path, RAW / "bns/dims/grp_nominal_by_region.csv", edit)
    expect(read_dims, p, row, "region", "exists only until 2017", "TRK and SHM")


def test_dims_duplicate_key(tmp_path):
    def dup(L):
        L.append(L[5])
        return len(L)

    p, row = damaged(tmp_path, RAW / "bns/dims/employed_by_section.csv", dup)
    expect(read_dims, p, row, "date, region, item_code", "repeats row 6")


def test_dims_value_not_a_number(tmp_path):
    p, row = damaged(
        tmp_path, RAW / "bns/dims/gva_nominal_by_region_section.csv", lambda L: _set(L, 20, 4, "abc")
    )
    expect(read_dims, p, row, "value", "expected a number", "'abc'")


def test_dims_broken_csv_row(tmp_path):
    def edit(L):
        parts = L[20].rsplit(",", 2)
        L[20] = f"{parts[0]},12,5.0,{parts[2]}"  # "12,5.0": a decimal comma splits the cell in two
        return 21

    p, row = damaged(tmp_path, RAW / "bns/dims/gva_nominal_by_section.csv", edit)
    expect(read_dims, p, row, None, "CSV structure is broken")


def test_dims_bad_transformation(tmp_path):
    def edit(L):
        L[4] = L[4].rsplit(",", 1)[0] + ",yoy"
        return 5

    p, row = damaged(tmp_path, RAW / "bns/dims/population_avg_by_region.csv", edit)
    expect(read_dims, p, row, "transformation", "'yoy'")


# --- World Bank files -------------------------------------------------------------------------

WDI_MVA = RAW / "wdi/wdi-2023/API_NV.IND.MANF.CD_DS2_en_csv_v2_5363423.csv"
WDI_TECH = RAW / "wdi/wdi-2023/API_TX.VAL.TECH.MF.ZS_DS2_en_csv_v2_4771883.csv"


def test_wdi_wrong_indicator_code(tmp_path):
    p, row = damaged(
        tmp_path,
        WDI_MVA,
        lambda L: (L.__setitem__(1, L[1].replace("NV.IND.MANF.CD", "NV.IND.MANF.KD")), 2)[1],
    )
    expect(lambda q: ind.read_wdi_wide(q, "NV.IND.MANF.CD"), p, row, "Indicator Code", "NV.IND.MANF.KD")


def test_wdi_bad_number_in_year_column(tmp_path):
    # the API file has a 4-line preamble: line numbers are those of the file
    def edit(L):
        i = next(i for i, ln in enumerate(L) if ln.startswith('"Kazakhstan"'))
        L[i] = L[i].replace('"31.680168762474"', '"31,7"')
        return i + 1

    p, row = damaged(tmp_path, WDI_TECH, edit)
    assert row == 6
    expect(lambda q: ind.read_wdi_wide(q, "TX.VAL.TECH.MF.ZS"), p, row, "2009", "expected a number")


def test_wdi_other_country(tmp_path):
    p, row = damaged(tmp_path, WDI_MVA, lambda L: (L.__setitem__(2, L[2].replace("WLD", "EUU")), 3)[1])
    expect(lambda q: ind.read_wdi_wide(q, "NV.IND.MANF.CD"), p, row, "Country Code", "EUU")


def test_wdi_no_header(tmp_path):
    p, _ = damaged(
        tmp_path, WDI_MVA, lambda L: (L.__setitem__(0, L[0].replace("Country Name", "Name")), 1)[1]
    )
    expect(lambda q: ind.read_wdi_wide(q, "NV.IND.MANF.CD"), p, 1, None, "Country Name")


def test_datahub_year_not_whole(tmp_path):
    p, row = damaged(tmp_path, RAW / "datahub/gdp.csv", lambda L: _set(L, 4, 2, "1993.5"))
    expect(ind.read_datahub, p, row, "Year", "whole number")


# --- Order 260 Appendix 1 and the demonstration file ------------------------------------------


def test_annex1_regions_do_not_add_up(tmp_path):
    p, row = damaged(
        tmp_path,
        RAW / "order-260-annex1/active_manufacturing_enterprises_2022.csv",
        lambda L: _set(L, 1, 3, "280"),
    )
    msg = expect(ind.read_annex1_total, p, None, "population_total", "add up to the total 8892")
    assert f"row {len(p.read_text(encoding='utf-8').splitlines())}" in msg  # the total row


def test_demo_bad_indicator_id(tmp_path):
    p, row = damaged(
        tmp_path, ROOT / "data/demo/indicators/indicators_demo.csv", lambda L: _set(L, 3, 0, "I17")
    )
    expect(ind.read_demo, p, row, "indicator_id", "I01..I16", "'I17'")


# --- the catalogue config/indicators.yaml -----------------------------------------------------

CATALOGUE = ROOT / "config/indicators.yaml"


def _line_of(lines, start, text):
    return next(i for i in range(start, len(lines)) if lines[i].strip().startswith(text))


def test_catalogue_status_not_allowed(tmp_path):
    def edit(L):
        i = _line_of(L, _line_of(L, 0, "- id: I05"), "status: proxy")
        L[i] = L[i].replace("status: proxy", "status: guess")
        return i + 1

    p, row = damaged(tmp_path, CATALOGUE, edit)
    msg = expect(load_catalogue, p, None, None, "'guess'", "'real', 'derived', 'proxy', 'estimate'")
    assert f"line {row}, key 'indicators[4].status'" in msg, msg


def test_catalogue_wrong_type_names_line_and_key(tmp_path):
    def edit(L):
        i = _line_of(L, _line_of(L, 0, "- id: I07"), "display:")
        L[i] = L[i].replace("decimals: 1", "decimals: one")
        return i + 1

    p, row = damaged(tmp_path, CATALOGUE, edit)
    msg = expect(load_catalogue, p, None, None, "expected a whole number", "'one'")
    assert f"line {row}, key 'indicators[6].display.decimals'" in msg, msg


def test_catalogue_unknown_key_suggests_the_right_one(tmp_path):
    def edit(L):
        i = _line_of(L, _line_of(L, 0, "- id: I02"), "source_kk:")
        L[i] = L[i].replace("source_kk:", "sourse_kk:")
        return i + 1

    p, row = damaged(tmp_path, CATALOGUE, edit)
    msg = expect(load_catalogue, p, None, None, "unknown key 'sourse_kk'", "did you mean 'source_kk'?")
    assert f"line {row}, key 'indicators[1].sourse_kk'" in msg, msg
    assert "'source_kk' is required but missing" in msg, msg


def test_catalogue_indicators_out_of_order(tmp_path):
    def edit(L):
        i = _line_of(L, 0, "- id: I03")
        L[i] = L[i].replace("I03", "I13")
        return i + 1

    p, row = damaged(tmp_path, CATALOGUE, edit)
    msg = expect(load_catalogue, p, None, None, "expected I03 here", "'I13'")
    assert f"line {row}, key 'indicators[2].id'" in msg, msg


def test_catalogue_status_missing_from_cell_statuses(tmp_path):
    def edit(L):
        i = _line_of(L, _line_of(L, 0, "- id: I14"), "cell_statuses:")
        L[i] = L[i].replace("[real, demo]", "[demo]")
        return i + 1

    p, row = damaged(tmp_path, CATALOGUE, edit)
    msg = expect(load_catalogue, p, None, None, "status 'real' among its cell statuses")
    assert f"line {row}, key 'indicators[13].cell_statuses'" in msg, msg


def test_catalogue_world_measure_twice(tmp_path):
    def edit(L):
        first = _line_of(L, 0, "- measure: mva_per_capita")
        i = _line_of(L, first + 1, "- measure: manufactures_exports_per_capita")
        L[i] = L[i].replace("manufactures_exports_per_capita", "mva_per_capita")
        return i + 1

    p, row = damaged(tmp_path, CATALOGUE, edit)
    msg = expect(load_catalogue, p, None, None, "'mva_per_capita' is listed twice")
    assert f"line {row}, key 'world_comparison[1].measure'" in msg, msg


def test_catalogue_no_longer_carries_the_divisions(tmp_path):
    """The division names live in config/divisions.yaml only: a copy here is an unknown key."""

    def edit(L):
        i = _line_of(L, 0, "labels:")
        L[i:i] = ["divisions:", '  "10": Тамақ өнімдерін өндіру']
        return i + 1

    p, row = damaged(tmp_path, CATALOGUE, edit)
    msg = expect(load_catalogue, p, None, None, "unknown key 'divisions'")
    assert f"line {row}, key 'divisions'" in msg, msg
