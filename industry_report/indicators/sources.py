"""Reading the raw files of stage 1, each with a pandera schema: BNS, World Bank (WDI), datahub, Order 260.

Every file under data/raw/ that the 16 key indicators use is read here, and only here, through
:mod:`industry_report.core.validation`, so a bad cell gives an InputError naming the file, the line
and the column. The readers return plain pandas objects: annual series indexed by year, or long
frames (``country, year, value`` for WDI and datahub; the BNS dimension tables keep their columns
and get ``year``).

Units as published: BNS money values are million KZT (population in persons, employment in
thousand persons, exports in thousand USD, monthly); WDI values are current USD or per cent.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from industry_report.core.errors import InputError, Problem
from industry_report.core.validation import decode_utf8, read_csv, validate

ANNUAL_DATE = r"^\d{4}-12-31$"
ANY_DATE = r"^\d{4}-\d{2}-\d{2}$"
WDI_COUNTRIES = ["KAZ", "WLD"]


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


def bns_dims_schema(region_codes: list[str]) -> pa.DataFrameSchema:
    """BNS dimension tables: ``date,region,item_code,item_name,value,transformation``."""
    return pa.DataFrameSchema(
        {
            "date": pa.Column(str, pa.Check.str_matches(ANNUAL_DATE, error="a year-end date YYYY-12-31")),
            "region": pa.Column(str, pa.Check.isin(sorted(region_codes) + ["national"])),
            "item_code": pa.Column(str),
            "item_name": pa.Column(str),
            "value": pa.Column(float, pa.Check.ge(0), nullable=True),
            "transformation": pa.Column(str, pa.Check.isin(["level"])),
        },
        unique=["date", "region", "item_code"],
    )


DATAHUB_SCHEMA = pa.DataFrameSchema(
    {
        "Country Name": pa.Column(str),
        "Country Code": pa.Column(str, pa.Check.isin(WDI_COUNTRIES)),
        "Year": pa.Column(int, pa.Check.in_range(1960, 2100)),
        "Value": pa.Column(float, pa.Check.gt(0)),
    },
    unique=["Country Code", "Year"],
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


def read_bns_dims(path: str | Path, regions) -> pd.DataFrame:
    """A BNS dimension table, validated, with ``year``; the index is the line number in the file.

    Region codes must be in the region list, and a region may not appear after it ceased to exist
    (e.g. YKO after 2017). Successors may appear before their creation: BNS recalculates them back.
    """
    df = read_csv(path, bns_dims_schema(regions.codes()))
    df["year"] = _year(df["date"])
    problems = []
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


def read_wdi_wide(path: str | Path, indicator_code: str) -> pd.DataFrame:
    """A WDI wide CSV (rows KAZ and WLD, one column per year), with or without the 4-line API preamble.

    Returns a long frame ``country, year, value`` (empty cells dropped). Line numbers in errors are
    those of the file, preamble included.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, "the file does not exist")
    text = decode_utf8(path, path.read_bytes())
    lines = text.splitlines()
    head = next((i for i, ln in enumerate(lines) if ln.lstrip('"').startswith("Country Name")), None)
    if head is None:
        raise InputError(path, "expected a header line starting with 'Country Name'", row=1)
    df = pd.read_csv(io.StringIO("\n".join(lines[head:])), dtype=str, keep_default_na=False)
    df = df[[c for c in df.columns if not (c.startswith("Unnamed:") and (df[c] == "").all())]]
    fixed = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
    years = [c for c in df.columns if c not in fixed]
    problems = [Problem(head + 1, c, "a required column is missing") for c in fixed if c not in df.columns]
    problems += [
        Problem(head + 1, c, "expected a year (YYYY) as column name")
        for c in years
        if not (len(c) == 4 and c.isdigit())
    ]
    if problems:
        raise InputError(path, problems)
    df.index = pd.RangeIndex(head + 2, head + 2 + len(df))
    schema = pa.DataFrameSchema(
        {
            "Country Name": pa.Column(str),
            "Country Code": pa.Column(str, pa.Check.isin(WDI_COUNTRIES)),
            "Indicator Name": pa.Column(str),
            "Indicator Code": pa.Column(str, pa.Check.isin([indicator_code])),
            **{y: pa.Column(float, pa.Check.ge(0), nullable=True) for y in years},
        },
        unique=["Country Code"],
    )
    df = validate(df, schema, path)
    long = df.melt(id_vars=["Country Code"], value_vars=years, var_name="year", value_name="value")
    long = long.dropna(subset=["value"]).rename(columns={"Country Code": "country"})
    long["year"] = long["year"].astype(int)
    return long[["country", "year", "value"]].sort_values(["country", "year"]).reset_index(drop=True)


def wdi_series(long: pd.DataFrame, country: str) -> pd.Series:
    """One country of a long WDI or datahub frame as a Series by year."""
    s = long[long["country"] == country]
    return pd.Series(s["value"].to_numpy(float), index=s["year"].to_numpy()).sort_index()


def read_datahub(path: str | Path) -> pd.DataFrame:
    """datahub core GDP / population: long ``country, year, value``."""
    df = read_csv(path, DATAHUB_SCHEMA)
    return pd.DataFrame(
        {"country": df["Country Code"], "year": df["Year"].astype(int), "value": df["Value"].astype(float)}
    )


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


DEMO_SCHEMA = pa.DataFrameSchema(
    {
        "indicator_id": pa.Column(
            str, pa.Check.str_matches(r"^I(0[1-9]|1[0-6])$", error="an indicator id I01..I16")
        ),
        "year": pa.Column(int, pa.Check.in_range(1990, 2100)),
        "value": pa.Column(float, pa.Check.ge(0)),
        "unit": pa.Column(str),
    },
    unique=["indicator_id", "year"],
)


def read_demo(path: str | Path) -> pd.DataFrame:
    """The demonstration values of tools/demo_indicators.py (``indicator_id, year, value, unit``)."""
    return read_csv(path, DEMO_SCHEMA)
