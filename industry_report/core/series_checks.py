"""Completeness and plausibility of raw series, and raw files against their recorded checksums.

Schemas check each cell; these checks look along a series, where a wrong file still has valid
cells: a year missing inside the series, the reporting year missing, a value that jumps by more
than a configured factor on the period before (a unit change, thousand instead of million KZT, is
a jump of ~1000; a typo in one export value a jump of ~13), and a raw file whose bytes differ from
the checksum recorded when it was brought in (a revised past value). Settings are the ``checks``
key of config/config.yaml (:class:`Checks`). Completeness faults are errors (nothing can be
computed without the year); implausible jumps and revised files are warnings or, where configured,
errors. Warnings are Python warnings, which the step context (:mod:`industry_report.core.step`) writes to the
rule's log and to the terminal, each naming the file, the row and the value.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from industry_report.core.errors import InputError, Problem


class DataWarning(UserWarning):
    """An input value that is suspicious but not impossible (reported, build continues)."""


@dataclass(frozen=True)
class Checks:
    max_yoy_ratio: float = 6.0  # a value above ratio x or below 1/ratio x the previous one is implausible
    on_implausible: str = "warn"  # or "error"
    on_revised: str = "warn"  # or "error"
    checksums: str | None = None  # data/raw/checksums.sha256

    @classmethod
    def of(cls, cfg) -> Checks:
        return cfg if isinstance(cfg, cls) else cls(**dict(cfg or {}))


def _num(x: float) -> str:
    """A value as it reads in the file (no exponent): 65383600, 565.369."""
    return f"{x:.0f}" if abs(x) >= 1000 else f"{x:.6g}"


def _report(path, problems: list[Problem], how: str) -> None:
    if not problems:
        return
    if how == "error":
        raise InputError(path, problems)
    for p in problems:
        where = p.where()
        warnings.warn(f"{path}: {where + ': ' if where else ''}{p.message}", DataWarning, stacklevel=3)


def check_series(
    values: pd.Series,
    lines: pd.Series | dict | None,
    path,
    checks: Checks,
    *,
    label: str = "",
    column: str = "value",
    step: str = "year",
    require: int | None = None,
) -> None:
    """Check one series (``values`` indexed by year, or by (year, month) for ``step="month"``).

    ``lines`` maps each index entry to its line in the file (for the message); ``label`` says
    which series of the file it is (e.g. "region AKM, item C")."""
    checks = Checks.of(checks)
    values = values.dropna().sort_index()
    lines = dict(lines) if lines is not None else {}
    what = f" ({label})" if label else ""
    if values.empty:
        return
    periods = list(values.index)
    if step == "month":
        ordinal = [y * 12 + m - 1 for y, m in periods]
        name = [f"{y}-{m:02d}" for y, m in periods]
    else:
        ordinal = [int(y) for y in periods]
        name = [str(int(y)) for y in periods]
    years = {o if step != "month" else o // 12 for o in ordinal}
    # Completeness: every period between the first and the last, and the reporting year.
    gaps = []
    for a, b in zip(ordinal, ordinal[1:]):
        for o in range(a + 1, b):
            gaps.append(str(o) if step != "month" else f"{o // 12}-{o % 12 + 1:02d}")
    problems = []
    if gaps:
        problems.append(
            Problem(
                lines.get(periods[0]),
                column,
                f"expected a value for every {step} from {name[0]} to {name[-1]}{what}; "
                f"missing: {', '.join(gaps)}",
            )
        )
    if require is not None and require not in years:
        problems.append(
            Problem(
                None,
                column,
                f"expected a row for the reporting year {require}{what}; the series runs from "
                f"{name[0]} to {name[-1]}. Add the year's row from the source, or build an earlier "
                "year (--config year=...)",
            )
        )
    _report(path, problems, "error")
    # Plausibility: the change on the period before stays within the configured factor.
    problems = []
    r = checks.max_yoy_ratio
    vals = list(values.to_numpy(float))
    for i in range(1, len(vals)):
        prev, cur = vals[i - 1], vals[i]
        if prev <= 0 or cur <= 0 or ordinal[i] - ordinal[i - 1] != 1:
            continue
        ratio = cur / prev
        if ratio > r or ratio < 1 / r:
            problems.append(
                Problem(
                    lines.get(periods[i]),
                    column,
                    f"implausible change{what}: {_num(cur)} in {name[i]} after {_num(prev)} in {name[i - 1]} "
                    f"({ratio:.3g} times; the bound is {r:g}); check the unit (thousand or million) "
                    "and the value against the source",
                )
            )
    _report(path, problems, checks.on_implausible)


def check_table(
    df: pd.DataFrame, path, checks: Checks, *, require: int | None = None, keys=("region", "item_code")
):
    """Every (region, item) series of a BNS dimension table (index = line numbers, column year)."""
    checks = Checks.of(checks)
    for key, part in df.groupby(list(keys), sort=False):
        part = part.dropna(subset=["value"])
        if part.empty:
            continue
        label = ", ".join(f"{k} {v}" for k, v in zip(keys, key if isinstance(key, tuple) else (key,)))
        values = pd.Series(part["value"].to_numpy(float), index=part["year"].to_numpy())
        lines = dict(zip(part["year"], part.index))
        check_series(values, lines, path, checks, label=label, require=require)


def _recorded(checksums: Path) -> dict[str, str]:
    out = {}
    for line in checksums.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            out[name.strip().removeprefix("./")] = digest
    return out


def check_checksum(path, checks: Checks) -> None:
    """A raw file listed in the checksum file must still have its recorded bytes."""
    checks = Checks.of(checks)
    if not checks.checksums:
        return
    sums = Path(checks.checksums)
    if not sums.is_file():
        raise InputError(sums, "the checksum file of the raw inputs does not exist")
    try:
        rel = Path(path).resolve().relative_to(sums.resolve().parent).as_posix()
    except ValueError:
        return  # not a raw file (demonstration data, configuration)
    digest = _recorded(sums).get(rel)
    if digest is None:
        return
    if hashlib.sha256(Path(path).read_bytes()).hexdigest() != digest:
        msg = (
            f"the file differs from its checksum recorded in {sums} (a value was revised or the file "
            "was edited); if the new file is intended, record where it came from in "
            f"{sums.parent / 'SOURCES.md'} and replace its line in {sums} "
            f"(sha256sum ./{rel}, run in {sums.parent}); otherwise restore the file"
        )
        _report(path, [Problem(None, None, msg)], checks.on_revised)


def require_year(df: pd.DataFrame, path, year: int, items=None, region: str = "national") -> None:
    """A table (column ``year``) must have the reporting year: any row, or with ``items`` a value
    for each of these item codes of ``region``; the error names the file, the item and the span."""
    parts = (
        {None: df} if not items else {i: df[(df["region"] == region) & (df["item_code"] == i)] for i in items}
    )
    problems = []
    for item, part in parts.items():
        years = sorted(int(y) for y in part.dropna(subset=["value"])["year"].unique())
        if year in years:
            continue
        span = f"it has {years[0]} to {years[-1]}" if years else "it has none"
        what = f"a value of item {item!r} (region {region})" if item else "rows"
        problems.append(
            Problem(
                None,
                "date",
                f"expected {what} for the reporting year {year}; {span}. Add the year from the "
                "source, or build an earlier year (--config year=...)",
            )
        )
    if problems:
        raise InputError(path, problems)


def require_items(df: pd.DataFrame, path, items, column: str = "item_code", region: str = "national") -> None:
    """A dimension table must have every item in ``items`` (e.g. the divisions a derivation needs)."""
    have = set(df.loc[df["region"] == region, column]) if "region" in df.columns else set(df[column])
    missing = [i for i in items if i not in have]
    if missing:
        raise InputError(
            path,
            [
                Problem(
                    None,
                    column,
                    f"expected rows for {', '.join(map(repr, missing))} (region {region}); they are missing",
                )
            ],
        )
