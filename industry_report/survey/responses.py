"""Survey responses: reading and validating the export, and the cause indicators.

One row per responding enterprise (CSV or XLSX), columns ``enterprise_id``, ``interview_date``,
``rating_<problem>``, ``causes_<problem>`` (cause ids separated by ";"), the outcome ids,
``risk_<risk>_likelihood`` and ``risk_<risk>_impact`` (the order of
:meth:`~industry_report.survey.questionnaire.Questionnaire.response_columns`). An empty cell is item
non-response. Every fault is reported with file, line and column.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from industry_report.core.errors import InputError, Problem
from industry_report.core.validation import read_text_table, validate
from industry_report.survey.questionnaire import Questionnaire


def response_schema(q: Questionnaire) -> pa.DataFrameSchema:
    cols = {"enterprise_id": pa.Column(str), "interview_date": pa.Column(str, nullable=True)}
    for p in q.problems:
        cols[f"rating_{p['id']}"] = pa.Column("Int64", pa.Check.in_range(0, q.rating_max), nullable=True)
        cols[f"causes_{p['id']}"] = pa.Column(str, nullable=True)
    for o in q.outcomes:
        cols[o["id"]] = pa.Column("Int64", pa.Check.isin(q.outcome_values(o)), nullable=True)
    for r in q.risks:
        for part in ("likelihood", "impact"):
            cols[f"risk_{r['id']}_{part}"] = pa.Column(
                "Int64", pa.Check.in_range(q.risk_min, q.risk_max), nullable=True
            )
    return pa.DataFrameSchema(cols, unique=["enterprise_id"])


def read_responses(
    path: str | Path,
    q: Questionnaire,
    register: pd.DataFrame,
    sample: pd.DataFrame,
    raw: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Read and validate the survey export; returns one row per respondent (index = file line).

    Faults named with file, line and column: bad header, duplicates, answers out of range, an
    enterprise not in the register, a respondent not in the sample (main or reserve list), an unknown
    cause or a cause not listed for the problem, causes given for a problem not rated as an obstacle.
    """
    if raw is None:  # else an already read frame (the entry workbook); path only names it
        raw = read_text_table(path, q.response_columns())
    df = validate(raw, response_schema(q), path)
    # Vectorised checks; Python runs only over the faulty rows (none in a clean export).
    problems = []
    for row, day in df["interview_date"].dropna().items():
        try:
            date.fromisoformat(day) if len(day) == 10 else date.fromisoformat("")
        except ValueError:
            problems.append(
                Problem(int(row), "interview_date", f"expected a date YYYY-MM-DD (2026-02-03), found {day!r}")
            )
    # as object arrays: isin on Arrow strings converts every value of the register one by one
    eid = pd.Series(df["enterprise_id"].to_numpy(dtype=object), index=df.index)
    unknown = ~eid.isin(register["enterprise_id"].to_numpy(dtype=object))
    outside = ~unknown & ~eid.isin(sample["enterprise_id"].to_numpy(dtype=object))
    for row, e in eid[unknown].items():
        problems.append(
            Problem(int(row), "enterprise_id", f"expected an enterprise of the register, found unknown {e!r}")
        )
    for row, e in eid[outside].items():
        problems.append(
            Problem(
                int(row),
                "enterprise_id",
                f"expected a sampled enterprise (main or reserve list), found {e!r}, "
                "which was not selected: a respondent outside the sample",
            )
        )
    for p in q.problems:
        rc, cc = f"rating_{p['id']}", f"causes_{p['id']}"
        allowed = set(p["causes"])
        val = df[cc]
        given = val.notna() & (val.astype(str).str.strip() != "")
        items = _cause_items(val[given])
        bad = items[~items.isin(allowed)]
        for row, names in bad.groupby(level=0, sort=False):
            problems.append(
                Problem(
                    int(row),
                    cc,
                    f"expected cause ids from {sorted(allowed)} separated by ';', found {', '.join(names)}",
                )
            )
        repeated = pd.DataFrame({"row": items.index, "item": items.to_numpy()}).duplicated()
        for row in pd.unique(items.index[repeated.to_numpy()]):
            problems.append(Problem(int(row), cc, "expected each cause once, found a repeated cause"))
        rating = df[rc]
        for row in df.index[given & (rating.isna() | (rating.fillna(-1) == 0))]:
            problems.append(
                Problem(
                    int(row),
                    cc,
                    f"causes are asked only for a problem rated 1-{q.rating_max}, "
                    f"but {rc} is {'empty' if pd.isna(rating[row]) else 0}: a cause given "
                    "for a problem not rated",
                )
            )
    if problems:
        raise InputError(path, sorted(problems, key=lambda x: (x.row or 0, x.column or "")))
    return df


def _cause_items(val: pd.Series) -> pd.Series:
    """The cause ids of answers "a; b;c" one per entry, stripped, empty ones left out (index kept)."""
    items = val.astype(str).str.split(";").explode().str.strip()
    return items[items != ""]


def cause_indicators(df: pd.DataFrame, q: Questionnaire, pid: str) -> pd.DataFrame:
    """0/1 columns per cause of problem ``pid`` for the enterprises asked (rating >= 1) that answered.

    Rows not asked or with the cause question left empty (item non-response) are missing (NaN).
    """
    rc, cc = f"rating_{pid}", f"causes_{pid}"
    out = pd.DataFrame(index=df.index)
    asked = df[rc].fillna(0).astype(int) >= 1
    answered = asked & df[cc].notna() & (df[cc].astype(str).str.strip() != "")
    # One split of the column (by position: the index need not be unique), then one test per cause.
    items = _cause_items(pd.Series(df[cc].fillna("").to_numpy()))
    pos, ids = items.index.to_numpy(), items.to_numpy()
    for c in q.problem(pid)["causes"]:
        has = np.zeros(len(df), dtype=bool)
        has[pos[ids == c]] = True
        out[c] = np.where(answered, has.astype(float), np.nan)
    return out
