"""Survey sample design of Order No. 260 (paragraph 10 and Appendix 1).

Sample size for a proportion with finite-population correction (paragraph 10):

    n = Z² p q N / (Δ² N + Z² p q),   q = 1 - p

and its allocation to the region × size strata. The rule that reproduces all 51 published cells of
Appendix 1 (worked out from the published table; see tests/test_sampling.py) is:

1. n from the formula (Z = 1.96, p = 0.5, Δ = 0.04, N = 8 892 gives 562.3), raised to the minimum
   total (400) if smaller;
2. the sampling fraction f = n / N rounded to three decimals (0.063);
3. n_h = max(minimum per stratum, round-half-up(f · N_h)), never more than N_h.

The published total 568 is the sum of the cells, not the formula's n. The exact-fraction variant
(f unrounded) is kept as an option; it differs from Appendix 1 in one cell.

Precision is the half-width of a 95% interval for a proportion (p = 0.5) under stratified random
sampling with finite-population correction, for the whole sample and for any group of strata:

    moe_g = Z · sqrt( Σ_h W_h² · (1 - n_h/N_h) · N_h/(N_h - 1) · p q / n_h ),   W_h = N_h / N_g
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import pandas as pd

from industry_report.core.codelists import SIZES


@dataclass(frozen=True)
class SampleDesign:
    confidence: float = 0.95
    p: float = 0.5
    margin: float = 0.04
    min_per_stratum: int = 1
    min_total: int = 400
    method: str = "rounded_fraction"  # or "exact_fraction"
    fraction_decimals: int = 3

    @property
    def z(self) -> float:
        """The normal quantile rounded to two decimals, as printed tables give it (0.95 -> 1.96)."""
        # statistics, not scipy: one quantile is not worth scipy's import in every sampling job
        return round(NormalDist().inv_cdf(0.5 + self.confidence / 2), 2)


def round_half_up(x: float) -> int:
    """Rounding as taught and as spreadsheets do it (2.5 -> 3), not Python's banker's rounding."""
    return int(math.floor(x + 0.5))


def sample_size(N: int, z: float, p: float, margin: float) -> float:
    """Paragraph 10: required sample for a proportion, with finite-population correction."""
    if N <= 0:
        raise ValueError("population size must be positive")
    zpq = z * z * p * (1 - p)
    return zpq * N / (margin * margin * N + zpq)


def sampling_fraction(N: int, design: SampleDesign) -> tuple[float, float]:
    """Return (n from the formula, at least the minimum total; the fraction used for allocation)."""
    n = max(sample_size(N, design.z, design.p, design.margin), float(design.min_total))
    f = n / N
    if design.method == "rounded_fraction":
        f = round(f, design.fraction_decimals)
    elif design.method != "exact_fraction":
        raise ValueError(f"unknown allocation method {design.method!r}")
    return n, f


def allocate(population: pd.DataFrame, design: SampleDesign) -> pd.DataFrame:
    """Allocate the sample to strata; ``population`` has columns region_code, size, population.

    Returns the same rows with a ``sample`` column (int), in input order.
    """
    N = int(population["population"].sum())
    _, f = sampling_fraction(N, design)
    out = population[["region_code", "size", "population"]].copy()
    out["sample"] = [
        0 if Nh == 0 else min(int(Nh), max(design.min_per_stratum, round_half_up(f * Nh)))
        for Nh in out["population"]
    ]
    out["sample"] = out["sample"].astype(int)
    return out.reset_index(drop=True)


def margin_of_error(alloc: pd.DataFrame, z: float, p: float = 0.5) -> float:
    """Half-width of the interval for a proportion over the strata in ``alloc`` (stratified SRS)."""
    Ng = alloc["population"].sum()
    var = 0.0
    for Nh, nh in zip(alloc["population"], alloc["sample"]):
        if Nh == 0 or nh == 0:
            continue
        fpc = (1 - nh / Nh) * (Nh / (Nh - 1)) if Nh > 1 else 0.0
        var += (Nh / Ng) ** 2 * fpc * p * (1 - p) / nh
    return z * math.sqrt(var)


def precision_table(alloc: pd.DataFrame, z: float, p: float = 0.5) -> pd.DataFrame:
    """Margin of error for the whole sample, each size class and each region.

    Columns: group (total|size|region), key, population, sample, sampling_fraction, moe.
    """
    rows = [("total", "total", alloc)]
    rows += [("size", s, alloc[alloc["size"] == s]) for s in SIZES if (alloc["size"] == s).any()]
    rows += [("region", r, g) for r, g in alloc.groupby("region_code", sort=False)]
    out = []
    for group, key, part in rows:
        N, n = int(part["population"].sum()), int(part["sample"].sum())
        out.append(
            {
                "group": group,
                "key": key,
                "population": N,
                "sample": n,
                "sampling_fraction": n / N if N else float("nan"),
                "moe": margin_of_error(part, z, p),
            }
        )
    return pd.DataFrame(out)


def compare_with_published(alloc: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Cells where the rule differs from a published allocation (columns region_code, size, sample).

    Returns region_code, size, population, computed, published, difference (computed - published).
    """
    # Only the strata both tables have: a region created after the publication (Abai, Zhetisu,
    # Ulytau in 2022) or one the register lacks cannot be compared; comparable_regions names them.
    m = alloc.merge(
        published[["region_code", "size", "sample"]].rename(columns={"sample": "published"}),
        on=["region_code", "size"],
        how="inner",
        validate="one_to_one",
    )
    m = m.rename(columns={"sample": "computed"})
    m["difference"] = m["computed"] - m["published"]
    return m[m["difference"] != 0].reset_index(drop=True)


def comparable_regions(population: pd.DataFrame, published_long_: pd.DataFrame) -> dict:
    """Which regions the comparison with the published table covers and which it cannot compare."""
    ours = list(dict.fromkeys(population["region_code"]))
    theirs = list(dict.fromkeys(published_long_["region_code"]))
    return {
        "both": [c for c in ours if c in theirs],
        "register_only": [c for c in ours if c not in theirs],
        "published_only": [c for c in theirs if c not in ours],
    }


def published_long(appendix1: pd.DataFrame) -> pd.DataFrame:
    """The wide Appendix 1 table (population_<size>, sample_<size>) as one row per stratum."""
    rows = []
    for rec in appendix1.to_dict("records"):
        if rec["region_code"] == "KZ":
            continue
        for s in SIZES:
            rows.append(
                {
                    "region_code": rec["region_code"],
                    "size": s,
                    "population": int(rec[f"population_{s}"]),
                    "sample": int(rec[f"sample_{s}"]),
                }
            )
    return pd.DataFrame(rows)


# --- Input validation -------------------------------------------------------------------------


def population_schema():
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "region_code": pa.Column(str),
            "size": pa.Column(str, pa.Check.isin(list(SIZES))),
            "population": pa.Column(int, pa.Check.ge(0)),
        },
        unique=["region_code", "size"],
    )


def read_population(path, regions, year: int) -> pd.DataFrame:
    """Read and validate the population of active manufacturing enterprises by region and size.

    Checks beyond the schema: every region code is a unit that exists in ``year`` (border history
    from the region code list), and every region has all three size classes.
    """
    from industry_report.core.errors import InputError, Problem
    from industry_report.core.validation import read_csv

    df = read_csv(path, population_schema())
    problems = []
    for line, code in df["region_code"].items():
        why = regions.why_not(code, year)
        if why:
            problems.append(
                Problem(
                    int(line),
                    "region_code",
                    f"expected a region that exists in {year}, found {code!r}: {why}",
                )
            )
    for code, part in df.groupby("region_code", sort=False):
        missing = [s for s in SIZES if s not in set(part["size"])]
        if missing:
            problems.append(
                Problem(
                    int(part.index[0]),
                    "size",
                    f"expected the strata {', '.join(SIZES[:-1])} and {SIZES[-1]} for region {code}; "
                    f"missing: {', '.join(missing)}",
                )
            )
    if problems:
        raise InputError(path, problems)
    return df.reset_index(drop=True)


def check_covers_country(population: pd.DataFrame, regions, year: int, path) -> None:
    """The register must cover the country: every unit that exists in ``year``, except a region
    created that year whose parent is still listed (a register on the borders of 1 January)."""
    from industry_report.core.errors import InputError, Problem

    present = set(population["region_code"])
    problems = []
    for code in regions.existing(year):
        r = regions[code]
        if code in present or (r.valid_from == year and r.split_from in present):
            continue
        problems.append(
            Problem(
                None,
                "region_code",
                f"expected every region of the country in {year}; {code} ({r.names['en']}) has no rows "
                "(list a region without enterprises with population 0)",
            )
        )
    if problems:
        raise InputError(path, problems)


def appendix1_schema():
    import pandera.pandas as pa

    cols = {"region_code": pa.Column(str), "region_en": pa.Column(str), "region_kk": pa.Column(str)}
    for part in ("population", "sample"):
        for s in ("total",) + SIZES:
            cols[f"{part}_{s}"] = pa.Column(int, pa.Check.ge(0))
    return pa.DataFrameSchema(cols, unique=["region_code"])


def read_appendix1(path) -> pd.DataFrame:
    """Read the published Appendix 1 table; a sample larger than its population is an error."""
    from industry_report.core.errors import InputError, Problem
    from industry_report.core.validation import read_csv

    df = read_csv(path, appendix1_schema())
    problems = []
    for line, rec in df.iterrows():
        for s in ("total",) + SIZES:
            if rec[f"sample_{s}"] > rec[f"population_{s}"]:
                problems.append(
                    Problem(
                        int(line),
                        f"sample_{s}",
                        f"expected a sample no larger than population_{s} "
                        f"({rec[f'population_{s}']}), found {rec[f'sample_{s}']}",
                    )
                )
    if problems:
        raise InputError(path, problems)
    return df


def check_feasible(population: pd.DataFrame, design: SampleDesign, path) -> None:
    """The required sample must fit in the population (e.g. the minimum total of 400)."""
    from industry_report.core.errors import InputError

    N = int(population["population"].sum())
    if N == 0:
        raise InputError(
            path,
            "every stratum has population 0; expected the counts of active enterprises",
            column="population",
        )
    n, _ = sampling_fraction(N, design)
    if math.ceil(n) > N:
        raise InputError(
            path,
            f"the required sample ({math.ceil(n)}) is larger than the population "
            f"of the file ({N} enterprises); expected at least {math.ceil(n)} enterprises",
            column="population",
        )


# --- Report values ----------------------------------------------------------------------------


def comparison_table(
    population: pd.DataFrame, published_wide: pd.DataFrame, design: SampleDesign
) -> pd.DataFrame:
    """Every stratum: population, published sample, the rule's sample and the difference."""
    pub = published_long(published_wide)
    alloc = allocate(population, design)
    m = alloc.merge(
        pub[["region_code", "size", "sample"]].rename(columns={"sample": "published"}),
        on=["region_code", "size"],
        how="left",
        validate="one_to_one",
    )
    m = m.rename(columns={"sample": "computed"})
    m["published"] = m["published"].astype("Int64")
    m["difference"] = m["computed"] - m["published"]
    # A region absent from the published table is listed with empty published/difference cells.
    m["in_appendix1"] = m["region_code"].isin(set(pub["region_code"]))
    return m[["region_code", "size", "population", "published", "computed", "difference", "in_appendix1"]]


def register_division(codes: list[str], regions, year: int) -> dict:
    """The administrative division the register follows: its regions and cities, and the regions
    created in or after ``year`` whose enterprises it still counts in the region they came from
    (a register on the borders of 1 January 2022 has no Abai, Zhetisu or Ulytau region). Names are
    today's (Астана), as the report is read today."""
    later = [
        {"name_kk": regions[c].name("kk"), "parent_kk": regions[regions[c].split_from].name("kk")}
        for c in regions.codes()
        if c not in codes and regions[c].split_from in codes and regions[c].valid_from >= year
    ]
    return {
        "year": year,
        "n": len(codes),
        "n_oblast": sum(regions[c].kind == "region" for c in codes),
        "n_city": sum(regions[c].kind == "city" for c in codes),
        "later": later,
        "n_later": len(later),
    }


def design_values(
    population: pd.DataFrame, published_wide: pd.DataFrame, design: SampleDesign, regions, year: int, sizes
) -> dict:
    """Everything the chapters print about the sample design (raw numbers; chapters format them).

    ``sizes``: the size-class code list (:func:`industry_report.core.codelists.load_sizes`)."""
    N = int(population["population"].sum())
    n_formula = sample_size(N, design.z, design.p, design.margin)
    n_used, f = sampling_fraction(N, design)
    alloc = allocate(population, design)
    prec = precision_table(alloc, design.z, design.p).set_index(["group", "key"])
    pub_long = published_long(published_wide)

    by_region = []
    for code, part in alloc.groupby("region_code", sort=False):
        rec = {
            "region_code": code,
            "region_kk": regions[code].name("kk"),
            "region_ru": regions[code].name("ru"),
            "moe": prec.loc[("region", code), "moe"],
        }
        for s in SIZES:
            row = part[part["size"] == s]
            rec[f"population_{s}"] = int(row["population"].sum())
            rec[f"sample_{s}"] = int(row["sample"].sum())
        rec["population_total"] = int(part["population"].sum())
        rec["sample_total"] = int(part["sample"].sum())
        by_region.append(rec)
    total = {
        "region_code": "KZ",
        "region_kk": "Барлығы",
        "region_ru": "Итого",
        "_emphasis": True,
        "moe": prec.loc[("total", "total"), "moe"],
    }
    for s in SIZES + ("total",):
        total[f"population_{s}"] = sum(r[f"population_{s}"] for r in by_region)
        total[f"sample_{s}"] = sum(r[f"sample_{s}"] for r in by_region)

    by_size = [
        {
            "size": s,
            "size_kk": sizes.name(s, "name_kk"),
            "size_ru": sizes.name(s, "name_ru"),
            "population": int(prec.loc[("size", s), "population"]),
            "sample": int(prec.loc[("size", s), "sample"]),
            "sampling_fraction": prec.loc[("size", s), "sampling_fraction"],
            "moe": prec.loc[("size", s), "moe"],
        }
        for s in SIZES
    ]

    def mismatches(method: str) -> list[dict]:
        alt = SampleDesign(**{**design.__dict__, "method": method})
        diff = compare_with_published(allocate(population, alt), pub_long)
        out = []
        for rec in diff.to_dict("records"):
            out.append(
                {
                    "region_code": rec["region_code"],
                    "region_kk": regions[rec["region_code"]].name("kk"),
                    "size": rec["size"],
                    "size_kk": sizes.name(rec["size"], "name_kk"),
                    "population": int(rec["population"]),
                    "computed": int(rec["computed"]),
                    "published": int(rec["published"]),
                    "difference": int(rec["difference"]),
                }
            )
        return out

    covered = comparable_regions(population, pub_long)

    def named(codes: list[str]) -> list[dict]:
        return [
            {
                "region_code": c,
                "region_kk": regions[c].name("kk") if c in regions else c,
                "region_ru": regions[c].name("ru") if c in regions else c,
            }
            for c in codes
        ]

    other = "exact_fraction" if design.method == "rounded_fraction" else "rounded_fraction"
    moe_regions = [r["moe"] for r in by_region]
    return {
        "population_year": year,
        "N": N,
        "z": design.z,
        "confidence": design.confidence,
        "p": design.p,
        "q": 1 - design.p,
        "margin": design.margin,
        "min_per_stratum": design.min_per_stratum,
        "min_total": design.min_total,
        "method": design.method,
        "fraction_decimals": design.fraction_decimals,
        "n_formula": n_formula,
        "n_used": n_used,
        "min_total_binding": n_formula < design.min_total,
        "fraction_exact": n_used / N,
        "fraction": f,
        "n_total": int(alloc["sample"].sum()),
        "n_strata": int(len(alloc)),
        "n_strata_at_minimum": int(
            (
                (alloc["sample"] == design.min_per_stratum)
                & (alloc["population"] * f < design.min_per_stratum)
            ).sum()
        ),
        "n_regions": len(by_region),
        "division": register_division([r["region_code"] for r in by_region], regions, year),
        "published_total": int(
            published_wide.loc[published_wide["region_code"] == "KZ", "sample_total"].sum()
        )
        if (published_wide["region_code"] == "KZ").any()
        else int(pub_long["sample"].sum()),
        "moe_total": prec.loc[("total", "total"), "moe"],
        "moe_region_min": min(moe_regions),
        "moe_region_max": max(moe_regions),
        "by_region": by_region,
        "total": total,
        "by_size": by_size,
        "mismatches": mismatches(design.method),
        "other_method": other,
        "other_mismatches": mismatches(other),
        "n_strata_compared": int(alloc["region_code"].isin(covered["both"]).sum()),
        "regions_not_in_appendix1": named(covered["register_only"]),
        "regions_not_in_register": named(covered["published_only"]),
        "other_total": int(
            allocate(population, SampleDesign(**{**design.__dict__, "method": other}))["sample"].sum()
        ),
    }
