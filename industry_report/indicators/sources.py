"""Reading the raw files of stage 1, each with a pandera schema: BNS, NBK, WDI / UNIDO, Order 260.

Every file under data/raw/ that the 16 key indicators use is read here, and only here, through
:mod:`industry_report.core.validation`, so a bad cell gives an InputError naming the file, the line
and the column. The readers return plain pandas objects: annual series indexed by year, or long
frames (``country, year, value`` for the WDI/UNIDO DDF files; the BNS dimension tables keep their
columns and get ``year``).

Units as published: BNS money values are million KZT (population in persons, employment in
thousand persons, exports in thousand USD, monthly; the NBK rate in KZT per USD, monthly average);
WDI values are current or constant-2015 USD, persons, or per cent.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from industry_report.core.errors import InputError, Problem
from industry_report.core.validation import decode_utf8, read_csv

ANNUAL_DATE = r"^\d{4}-12-31$"
ANY_DATE = r"^\d{4}-\d{2}-\d{2}$"
MONTH_DATE = r"^\d{4}-(0[1-9]|1[0-2])-01$"


def bns_national_schema(annual: bool = True) -> pa.DataFrameSchema:
    """BNS national series: ``date,value,transformation`` (one row per date)."""
    return pa.DataFrameSchema(
        {
            "date": pa.Column(
                str,
                pa.Check.str_matches(
                    ANNUAL_DATE if annual else ANY_DATE,
                    error="a year-end date YYYY-12-31" if annual else "a date YYYY-MM-DD",
                ),
            ),
            "value": pa.Column(float, pa.Check.ge(0)),
            "transformation": pa.Column(str, pa.Check.isin(["level"])),
        },
        unique=["date"],
    )


def bns_dims_schema(
    region_codes: list[str], *, nonnegative: bool = True, monthly: bool = False
) -> pa.DataFrameSchema:
    """BNS dimension tables: ``date,region,item_code,item_name,value,transformation``.

    ``nonnegative=False`` for the tables that may publish negative values (other taxes on production
    net of subsidies); ``monthly`` for the tables dated the first day of a month (the NBK rate).
    """
    date = (
        pa.Check.str_matches(MONTH_DATE, error="the first day of a month YYYY-MM-01")
        if monthly
        else pa.Check.str_matches(ANNUAL_DATE, error="a year-end date YYYY-12-31")
    )
    value_checks = [pa.Check.ge(0)] if nonnegative else []
    return pa.DataFrameSchema(
        {
            "date": pa.Column(str, date),
            "region": pa.Column(str, pa.Check.isin(sorted(region_codes) + ["national"])),
            "item_code": pa.Column(str),
            "item_name": pa.Column(str),
            "value": pa.Column(float, value_checks, nullable=True),
            "transformation": pa.Column(str, pa.Check.isin(["level"])),
        },
        unique=["date", "region", "item_code"],
    )


ANNEX1_SCHEMA = pa.DataFrameSchema(
    {
        "region_code": pa.Column(str),
        "region_en": pa.Column(str),
        "region_kk": pa.Column(str),
        **{
            f"{k}_{s}": pa.Column(int, pa.Check.ge(0))
            for k in ("population", "sample")
            for s in ("total", "small", "medium", "large")
        },
    },
    unique=["region_code"],
)


def _year(date: pd.Series) -> pd.Series:
    return date.str[:4].astype(int)


def read_bns_annual(path: str | Path) -> pd.Series:
    """An annual BNS national series as a float Series indexed by year."""
    df = read_csv(path, bns_national_schema(annual=True))
    s = pd.Series(df["value"].to_numpy(float), index=_year(df["date"]).to_numpy(), name=Path(path).stem)
    s.attrs["lines"] = dict(zip(s.index, df.index))  # year -> line in the file, for series checks
    return s.sort_index()


def read_bns_monthly(path: str | Path) -> pd.DataFrame:
    """A monthly BNS national series (``date`` = first day of the month): columns year, month, value."""
    df = read_csv(path, bns_national_schema(annual=False))
    month = df["date"].str[5:7].astype(int)
    day = df["date"].str[8:10].astype(int)
    bad = (day != 1) | (month < 1) | (month > 12)
    if bad.any():
        raise InputError(
            path,
            [
                Problem(
                    int(r),
                    "date",
                    f"expected the first day of a month (YYYY-MM-01), found {df.at[r, 'date']!r}",
                )
                for r in df.index[bad]
            ],
        )
    return pd.DataFrame({"year": _year(df["date"]), "month": month, "value": df["value"]}, index=df.index)


def read_bns_dims(path: str | Path, regions, *, nonnegative: bool = True, items=None) -> pd.DataFrame:
    """A BNS dimension table, validated, with ``year``; the index is the line number in the file.

    Region codes must be in the region list, and a region may not appear after it ceased to exist
    (e.g. YKO after 2017). Successors may appear before their creation: BNS recalculates them back.
    """
    df = read_csv(path, bns_dims_schema(regions.codes(), nonnegative=nonnegative))
    df["year"] = _year(df["date"])
    problems = _missing_items(df, items)
    for row, code, year in zip(df.index, df["region"], df["year"]):
        r = regions.regions.get(code)
        if r is not None and r.valid_to is not None and year > r.valid_to:
            problems.append(
                Problem(
                    int(row),
                    "region",
                    f"expected a region that exists in {year}; "
                    f"{code} ({r.names['en']}) exists only until {r.valid_to}"
                    + (f" (use {' and '.join(r.split_into)})" if r.split_into else ""),
                )
            )
    if problems:
        raise InputError(path, problems)
    return df


def wdi_series(long: pd.DataFrame, country: str) -> pd.Series:
    """One country of a long WDI frame (:func:`read_ddf`) as a Series by year."""
    s = long[long["country"] == country]
    return pd.Series(s["value"].to_numpy(float), index=s["year"].to_numpy()).sort_index()


def read_annex1_total(path: str | Path) -> int:
    """Total of active manufacturing enterprises in Appendix 1 of the Order (row KZ)."""
    df = read_csv(path, ANNEX1_SCHEMA)
    tot = df[df["region_code"] == "KZ"]
    if len(tot) != 1:
        raise InputError(path, "expected one total row with region_code 'KZ'", column="region_code")
    regions_sum = int(df.loc[df["region_code"] != "KZ", "population_total"].sum())
    total = int(tot["population_total"].iloc[0])
    if regions_sum != total:
        raise InputError(
            path,
            f"expected the regions to add up to the total {total}, found {regions_sum}",
            row=int(tot.index[0]),
            column="population_total",
        )
    return total


def national_item(df: pd.DataFrame, item: str, region: str = "national") -> pd.Series:
    """One item of a BNS dims table as a Series by year."""
    s = df[(df["region"] == region) & (df["item_code"] == item)]
    return pd.Series(s["value"].to_numpy(float), index=s["year"].to_numpy()).sort_index().dropna()


def division_matrix(df: pd.DataFrame) -> pd.DataFrame:
    """The national rows of the divisions table as year x item_code (million KZT)."""
    d = df[df["region"] == "national"]
    return d.pivot(index="year", columns="item_code", values="value").sort_index()


def _missing_items(df: pd.DataFrame, items) -> list[Problem]:
    """A Problem per required item code absent from the national rows (``items`` None: no check)."""
    if not items:
        return []
    have = set(df.loc[df["region"] == "national", "item_code"])
    return [
        Problem(None, "item_code", f"expected national rows of item {code!r}, found none")
        for code in items
        if code not in have
    ]


# The range a value of each kind of unit may take (units of the WDI/UNIDO files, data/raw/SOURCES.md).
UNIT_CHECKS = {
    "percent": pa.Check.in_range(0, 100),
    "usd": pa.Check.gt(0),
    "persons": pa.Check.gt(0),
}


def read_ddf(path: str | Path, code: str, unit: str, geos) -> pd.DataFrame:
    """A WDI/UNIDO DDF datapoints file (``geo,time,<code>`` or ``global,time,<code>``).

    The header must name the expected series ``code``; every row is one of ``geos`` (lower-case ISO3,
    or ``world``), a whole year, a value in the range of ``unit`` (:data:`UNIT_CHECKS`), one row per
    country and year. Returns ``country`` (upper case, WLD for the world), ``year``, ``value``.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, "the file does not exist")
    first = decode_utf8(path, path.read_bytes()).split("\n", 1)[0].strip().split(",")
    key = first[0] if first and first[0] in ("geo", "global") else "geo"
    if len(first) != 3 or first[2] != code:
        expected = [key, "time", code]
        missing = [c for c in expected if c not in first]
        raise InputError(
            path,
            [
                Problem(
                    1, c, f"missing: expected the header '{','.join(expected)}', found {','.join(first)!r}"
                )
                for c in missing
            ]
            or [Problem(1, None, f"expected the header '{','.join(expected)}', found {','.join(first)!r}")],
        )
    check = UNIT_CHECKS[unit]
    schema = pa.DataFrameSchema(
        {
            key: pa.Column(str, pa.Check.isin(sorted(geos))),
            "time": pa.Column(int, pa.Check.in_range(1960, 2100)),
            code: pa.Column(float, check),
        },
        unique=[key, "time"],
    )
    df = read_csv(path, schema)
    country = df[key].str.upper().replace({"WORLD": "WLD"})
    return pd.DataFrame(
        {
            "country": country.to_numpy(),
            "year": df["time"].astype(int).to_numpy(),
            "value": df[code].to_numpy(float),
        }
    ).sort_values(["country", "year"], ignore_index=True)


def read_usd_rate(path: str | Path, regions) -> tuple[pd.Series, list[int]]:
    """The NBK official KZT/USD rate, monthly averages -> the annual rate by year.

    The annual rate is the arithmetic mean of the 12 monthly averages of the calendar year; years
    with fewer than 12 months are left out and returned as the second value.
    """
    df = read_csv(path, bns_dims_schema(regions.codes(), monthly=True))
    bad = df.index[(df["item_code"] != "USD") | ~(df["value"] > 0)]
    if len(bad):
        r = int(bad[0])
        raise InputError(
            path,
            "expected item_code 'USD' with a rate > 0, found "
            f"{df.at[r, 'item_code']!r} = {df.at[r, 'value']!r}",
            row=r,
        )
    year, month = _year(df["date"]), df["date"].str[5:7].astype(int)
    m = pd.DataFrame({"year": year, "month": month, "value": df["value"]})
    counts = m.groupby("year")["month"].nunique()
    full = counts[counts == 12].index
    annual = m[m["year"].isin(full)].groupby("year")["value"].mean().sort_index()
    return annual, sorted(int(y) for y in counts.index.difference(full))
