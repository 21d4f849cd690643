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
    p, row = damaged(tmp_path, RAW / "bns/national/avg_wage.csv", lambda L: _set(L, 5, 0, "2013-06-30"))
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

    p, row = damaged(tmp_path, RAW / "bns/national/avg_wage.csv", drop)
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


# --- WDI / UNIDO DDF files and the NBK rate -----------------------------------------------------

DDF = RAW / "wdi/wdi-ddf-01a34e8b"
MVA_KAZ = DDF / "ddf--datapoints--nv_ind_manf_cd--by--geo--time.KAZ.csv"
SHARE_PEERS = DDF / "ddf--datapoints--tx_val_manf_zs_un--by--geo--time.PEERS.csv"
PEER_GEOS = ["kaz", "aze", "blr", "chl", "chn", "kgz", "mng", "mys", "pol", "rus", "tur", "uzb"]


def read_mva(p):
    return ind.read_ddf(p, "nv_ind_manf_cd", "usd", ["kaz"])


def read_share(p):
    return ind.read_ddf(p, "tx_val_manf_zs_un", "percent", PEER_GEOS)


def test_ddf_header_names_another_series(tmp_path):
    p, _ = damaged(tmp_path, MVA_KAZ, lambda L: _set(L, 0, 2, "nv_ind_manf_kd"))
    expect(
        read_mva, p, 1, "nv_ind_manf_cd", "expected the header 'geo,time,nv_ind_manf_cd'", "nv_ind_manf_kd"
    )


def test_ddf_country_not_in_the_file_kind(tmp_path):
    p, row = damaged(tmp_path, MVA_KAZ, lambda L: _set(L, 4, 0, "rus"))
    expect(read_mva, p, row, "geo", "'rus'")


def test_ddf_share_out_of_range(tmp_path):
    p, row = damaged(tmp_path, SHARE_PEERS, lambda L: _set(L, 7, 2, "130.5"))
    expect(read_share, p, row, "tx_val_manf_zs_un", "130.5")


def test_ddf_negative_usd(tmp_path):
    p, row = damaged(tmp_path, MVA_KAZ, lambda L: _set(L, 3, 2, "-1"))
    expect(read_mva, p, row, "nv_ind_manf_cd", "-1")


def test_ddf_year_not_whole(tmp_path):
    p, row = damaged(tmp_path, MVA_KAZ, lambda L: _set(L, 2, 1, "1996.5"))
    expect(read_mva, p, row, "time", "whole number")


def test_ddf_one_row_per_country_and_year(tmp_path):
    def dup(L):
        L.append(L[3])
        return len(L)

    p, row = damaged(tmp_path, MVA_KAZ, dup)
    expect(read_mva, p, row, "geo, time", "repeats row 4")


RATE = RAW / "bns/dims/exchange_rates_official_monthly.USD.csv"


def test_rate_date_not_first_of_month(tmp_path):
    p, row = damaged(tmp_path, RATE, lambda L: _set(L, 5, 0, "1994-03-15"))
    expect(lambda q: ind.read_usd_rate(q, REGIONS), p, row, "date", "first day of a month", "1994-03-15")


def test_rate_other_currency(tmp_path):
    def edit(L):
        L[6] = L[6].replace(",USD,", ",EUR,")
        return 7

    p, row = damaged(tmp_path, RATE, edit)
    expect(lambda q: ind.read_usd_rate(q, REGIONS), p, row, None, "expected item_code 'USD'", "EUR")


def test_rate_annual_mean_of_complete_years_only():
    rate, incomplete = ind.read_usd_rate(RATE, REGIONS)
    assert 1993 in incomplete and 2026 in incomplete and 1993 not in rate.index
    assert rate[2024] == pytest.approx(468.985, abs=1e-3)  # SOURCES.md: mean of months


def test_other_taxes_may_be_negative_but_item_c_is_required(tmp_path):
    src = RAW / "bns/dims/income_other_taxes_by_section.csv"
    df = ind.read_bns_dims(src, REGIONS, nonnegative=False, items=("C",))
    assert (df["value"] < 0).any()  # section A from 2023, as published
    with pytest.raises(InputError):
        ind.read_bns_dims(src, REGIONS)  # the default schema refuses negative values

    def drop_c(L):
        L[:] = [ln for ln in L if ",national,C," not in ln]
        return 1

    p, _ = damaged(tmp_path, src, drop_c)
    expect(
        lambda q: ind.read_bns_dims(q, REGIONS, nonnegative=False, items=("C",)), p, None, "item_code", "'C'"
    )


# --- Order 260 Appendix 1 ---------------------------------------------------------------------


def test_annex1_regions_do_not_add_up(tmp_path):
    p, row = damaged(
        tmp_path,
        RAW / "order-260-annex1/active_manufacturing_enterprises_2022.csv",
        lambda L: _set(L, 1, 3, "280"),
    )
    msg = expect(ind.read_annex1_total, p, None, "population_total", "add up to the total 8892")
    assert f"row {len(p.read_text(encoding='utf-8').splitlines())}" in msg  # the total row


# --- the catalogue config/indicators.yaml -----------------------------------------------------

CATALOGUE = ROOT / "config/indicators.yaml"


def _line_of(lines, start, text):
    return next(i for i in range(start, len(lines)) if lines[i].strip().startswith(text))


def test_catalogue_demo_status_not_allowed(tmp_path):
    def edit(L):
        i = _line_of(L, _line_of(L, 0, "- id: I05"), "cell_statuses:")
        L[i] = L[i].replace("[real]", "[real, demo]")
        return i + 1

    p, row = damaged(tmp_path, CATALOGUE, edit)
    msg = expect(load_catalogue, p, None, None, "'demo'", "'real', 'derived', 'proxy', 'estimate'")
    assert f"line {row}, key 'indicators[4].cell_statuses[1]'" in msg, msg


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


def test_catalogue_break_year_twice(tmp_path):
    def edit(L):
        i = _line_of(L, _line_of(L, 0, "- id: I16"), "- year: 2023")
        L[i + 1 : i + 1] = ["        note_kk: x", "      - year: 2023"]
        return i + 1

    p, row = damaged(tmp_path, CATALOGUE, edit)
    msg = expect(load_catalogue, p, None, None, "a break year is listed twice")
    assert "key 'indicators[15].breaks'" in msg, msg


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
