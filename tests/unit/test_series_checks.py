"""Completeness and plausibility of raw series, and raw files against their checksums
(industry_report/core/series_checks.py): each fault names the file, the row and the value."""

import hashlib
import warnings

import pandas as pd
import pytest

from industry_report.core.errors import InputError
from industry_report.core.series_checks import (
    Checks,
    DataWarning,
    check_checksum,
    check_series,
    require_items,
    require_year,
)

WARN = Checks(max_yoy_ratio=6, on_implausible="warn")
ERROR = Checks(max_yoy_ratio=6, on_implausible="error")


def series(values: dict) -> tuple[pd.Series, dict]:
    s = pd.Series(values)
    return s, {y: i + 2 for i, y in enumerate(values)}  # line 1 is the header


def test_a_plausible_series_passes():
    s, lines = series({2020: 100.0, 2021: 130.0, 2022: 90.0, 2023: 400.0})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_series(s, lines, "f.csv", ERROR, require=2023)


def test_a_year_missing_inside_the_series():
    s, lines = series({2015: 100.0, 2016: 101.0, 2018: 104.0, 2019: 105.0})
    with pytest.raises(InputError) as exc:
        check_series(s, lines, "data/raw/bns/national/ind_prod.csv", WARN)
    msg = str(exc.value)
    assert "data/raw/bns/national/ind_prod.csv" in msg and "missing: 2017" in msg and "row 2" in msg


def test_the_reporting_year_missing_names_the_year_and_the_span():
    s, lines = series({2020: 1.0, 2021: 1.1})
    with pytest.raises(InputError) as exc:
        check_series(s, lines, "f.csv", WARN, require=2026)
    msg = str(exc.value)
    assert "reporting year 2026" in msg and "from 2020 to 2021" in msg


def test_a_unit_change_warns_with_file_row_and_value():
    # 2022 in thousand instead of million KZT: a 1000-fold drop and a 1000-fold rise after it.
    s, lines = series({2020: 5000.0, 2021: 5200.0, 2022: 5.4, 2023: 5600.0})
    with pytest.warns(DataWarning) as rec:
        check_series(s, lines, "gva.csv", WARN, label="region national, item C")
    msgs = [str(w.message) for w in rec]
    assert len(msgs) == 2
    assert msgs[0].startswith("gva.csv: row 4, column 'value': implausible change (region national, item C)")
    assert "5.4 in 2022 after 5200 in 2021" in msgs[0] and "the bound is 6" in msgs[0]


def test_a_unit_change_is_an_error_where_configured():
    s, lines = series({2020: 5000.0, 2021: 5200.0, 2022: 5.4})
    with pytest.raises(InputError) as exc:
        check_series(s, lines, "gva.csv", ERROR)
    assert "row 4, column 'value'" in str(exc.value) and "thousand or million" in str(exc.value)


def test_a_thirteen_fold_typo_in_a_monthly_series():
    idx = pd.MultiIndex.from_tuples([(2024, m) for m in range(1, 7)])
    s = pd.Series([100.0, 110.0, 1430.0, 105.0, 99.0, 101.0], index=idx)
    lines = {p: i + 2 for i, p in enumerate(idx)}
    with pytest.raises(InputError) as exc:
        check_series(s, lines, "exports.csv", ERROR, step="month")
    msg = str(exc.value)
    assert "row 4, column 'value'" in msg and "1430 in 2024-03 after 110 in 2024-02" in msg


def test_a_month_missing_inside_a_monthly_series():
    idx = pd.MultiIndex.from_tuples([(2023, 11), (2023, 12), (2024, 2)])
    with pytest.raises(InputError) as exc:
        check_series(pd.Series([1.0, 1.0, 1.0], index=idx), {}, "exports.csv", WARN, step="month")
    assert "missing: 2024-01" in str(exc.value)


def test_the_bound_comes_from_the_config():
    s, lines = series({2020: 100.0, 2021: 500.0})
    check_series(s, lines, "f.csv", ERROR)  # 5 times: within 6
    with pytest.raises(InputError):
        check_series(s, lines, "f.csv", Checks(max_yoy_ratio=4, on_implausible="error"))


def test_require_year_names_the_file():
    df = pd.DataFrame({"year": [2023, 2024, 2025], "value": [1.0, 1.0, 1.0]})
    with pytest.raises(InputError) as exc:
        require_year(df, "data/raw/bns/dims/gva_nominal_industry_divisions.csv", 2026)
    msg = str(exc.value)
    assert (
        "gva_nominal_industry_divisions.csv" in msg and "reporting year 2026" in msg and "2023 to 2025" in msg
    )


def test_require_items_names_the_missing_division():
    df = pd.DataFrame({"region": ["national"] * 2, "item_code": ["C", "20"]})
    with pytest.raises(InputError) as exc:
        require_items(df, "divisions.csv", ("C", "20", "21"))
    assert "'21'" in str(exc.value) and "column 'item_code'" in str(exc.value)


def _raw(tmp_path, text="a,b\n1,2\n"):
    raw = tmp_path / "raw"
    (raw / "bns").mkdir(parents=True)
    f = raw / "bns" / "x.csv"
    f.write_text(text)
    digest = hashlib.sha256(f.read_bytes()).hexdigest()
    (raw / "checksums.sha256").write_text(f"{digest}  ./bns/x.csv\n")
    return f, raw / "checksums.sha256"


def test_an_unchanged_raw_file_passes(tmp_path):
    f, sums = _raw(tmp_path)
    check_checksum(f, Checks(checksums=str(sums)))


def test_a_revised_raw_file_is_named_with_what_to_do(tmp_path):
    f, sums = _raw(tmp_path)
    f.write_text("a,b\n1,3\n")  # a past value revised
    with pytest.raises(InputError) as exc:
        check_checksum(f, Checks(checksums=str(sums), on_revised="error"))
    msg = str(exc.value)
    assert str(f) in msg and "differs from its checksum" in msg
    assert "SOURCES.md" in msg and "sha256sum ./bns/x.csv" in msg


def test_a_revised_raw_file_warns_where_configured(tmp_path):
    f, sums = _raw(tmp_path)
    f.write_text("a,b\n1,3\n")
    with pytest.warns(DataWarning, match="differs from its checksum"):
        check_checksum(f, Checks(checksums=str(sums), on_revised="warn"))


def test_a_file_outside_the_raw_folder_is_not_checked(tmp_path):
    _, sums = _raw(tmp_path)
    other = tmp_path / "demo.csv"
    other.write_text("x\n")
    check_checksum(other, Checks(checksums=str(sums)))


def test_the_config_carries_the_checks():
    from conftest import CONFIG

    checks = Checks.of(CONFIG["checks"])
    assert checks.max_yoy_ratio > 1 and checks.on_implausible in ("warn", "error")
