"""Reading and validating input tables.

Every input CSV goes through :func:`read_csv`: encoding, emptiness and header are checked first,
then a pandera schema checks types and values. All faults are collected (lazy validation) and
reported together as one :class:`~industry_report.core.errors.InputError` that names the file, the line in the
file (the header is line 1) and the column, and says what was expected.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from industry_report.core.errors import InputError, Problem

_DTYPE_WORDS = {
    "int64": "a whole number",
    "Int64": "a whole number",
    "float64": "a number",
    "Float64": "a number",
    "str": "text",
    "bool": "true or false",
}


def decode_utf8(path: Path, raw: bytes) -> str:
    """Decode UTF-8 (a BOM is allowed); a cp1251 or other file gets an error naming the line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            raw.decode("cp1251")
            hint = " It decodes as Windows-1251 (cp1251): re-save it as UTF-8."
        except UnicodeDecodeError:
            pass
        raise InputError(
            path,
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at position {exc.start}).{hint}",
            row=line,
        ) from None


def read_text_table(
    path: str | Path, expected_columns: list[str], *, optional_columns=(), sheet: str | None = None
) -> pd.DataFrame:
    """Read a CSV (or XLSX) as strings and check the header exactly; returns the raw frame.

    Rows keep their position: the frame's index is the line number in the file.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, "the file does not exist")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            df = pd.read_excel(path, dtype=str, keep_default_na=False, sheet_name=sheet or 0)
        except Exception as exc:  # openpyxl raises many types for a broken workbook
            raise InputError(path, f"cannot be read as an Excel workbook ({exc})") from None
        df.columns = [str(c).strip() for c in df.columns]
    else:
        raw = path.read_bytes()
        text = decode_utf8(path, raw)
        if not text.strip():
            raise InputError(
                path,
                "the file is empty; expected a header row with columns " + ", ".join(expected_columns),
                row=1,
            )
        try:
            df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=True)
        except pd.errors.ParserError as exc:
            m = re.search(r"line (\d+)", str(exc))
            raise InputError(
                path, f"the CSV structure is broken ({exc})", row=int(m.group(1)) if m else None
            ) from None
        df.columns = [str(c).strip() for c in df.columns]
    header = list(df.columns)
    problems = []
    dupes = sorted({c for c in header if header.count(c) > 1})
    for c in dupes:
        problems.append(Problem(1, c, "the column appears more than once"))
    allowed = set(expected_columns) | set(optional_columns)
    for c in expected_columns:
        if c not in header:
            problems.append(
                Problem(
                    1,
                    c,
                    "a required column is missing (expected columns: " + ", ".join(expected_columns) + ")",
                )
            )
    for c in header:
        if c not in allowed:
            problems.append(
                Problem(
                    1,
                    c,
                    "unexpected column (expected only: "
                    + ", ".join(list(expected_columns) + list(optional_columns))
                    + ")",
                )
            )
    if problems:
        raise InputError(path, problems)
    if df.empty:
        raise InputError(path, "the file has a header but no data rows", row=2)
    df.index = pd.RangeIndex(2, len(df) + 2)  # line numbers in the file
    return df


def _describe_check(check: str) -> str:
    m = re.match(r"coerce_dtype\('(\w+)'\)", check)
    if m:
        return _DTYPE_WORDS.get(m.group(1), m.group(1))
    m = re.match(r"greater_than_or_equal_to\((.+)\)", check)
    if m:
        return f"a value ≥ {m.group(1)}"
    m = re.match(r"greater_than\((.+)\)", check)
    if m:
        return f"a value > {m.group(1)}"
    m = re.match(r"less_than_or_equal_to\((.+)\)", check)
    if m:
        return f"a value ≤ {m.group(1)}"
    m = re.match(r"in_range\((.+), (.+)\)", check)
    if m:
        return f"a value from {m.group(1)} to {m.group(2)}"
    m = re.match(r"isin\((.+)\)", check, re.S)
    if m:
        return f"one of {m.group(1)}"
    if check == "not_nullable":
        return "a value (the cell is empty)"
    if check in ("multiple_fields_uniqueness", "field_uniqueness"):
        return "a unique key (this row repeats an earlier one)"
    return check


def _coerce(df: pd.DataFrame, schema: pa.DataFrameSchema) -> tuple[pd.DataFrame, list[Problem]]:
    """Convert text cells to the schema's types; cells that do not convert become missing and are
    reported, so that the value checks can still run on the rest and every fault is listed at once."""
    problems: list[Problem] = []
    out = df.copy()
    for name, col in schema.columns.items():
        if name not in out.columns:
            continue
        kind = str(col.dtype)
        values = out[name].astype(str).str.strip()
        empty = (values == "") | out[name].isna()
        if not col.nullable:
            for row in values.index[empty]:
                problems.append(
                    Problem(
                        int(row), name, f"expected {_DTYPE_WORDS.get(kind, 'a value')}, found an empty cell"
                    )
                )
        if kind in ("int64", "Int64"):
            ok = values.str.fullmatch(r"[+-]?\d+") & ~empty
            for row in values.index[~ok & ~empty]:
                problems.append(Problem(int(row), name, f"expected a whole number, found {values[row]!r}"))
            out[name] = pd.Series(
                [int(v) if k else None for v, k in zip(values, ok)], index=values.index, dtype="Int64"
            )
        elif kind in ("float64", "Float64"):
            conv = pd.to_numeric(values.where(~empty), errors="coerce")
            for row in values.index[~empty & conv.isna()]:
                problems.append(Problem(int(row), name, f"expected a number, found {values[row]!r}"))
            out[name] = conv.astype("Float64")
        else:
            out[name] = values.where(~empty, None)
    return out, problems


def validate(df: pd.DataFrame, schema: pa.DataFrameSchema, path: str | Path) -> pd.DataFrame:
    """Coerce, check uniqueness, then run the schema's value checks; every fault names line and column.

    ``df`` holds text cells indexed by line number (as :func:`read_text_table` returns it).
    """
    df, problems = _coerce(df, schema)
    unique = schema.unique
    if unique:
        key = [c for c in ([unique] if isinstance(unique, str) else unique) if c in df.columns]
        first_line = {}
        for row, vals in zip(df.index, df[key].astype(str).itertuples(index=False, name=None)):
            if vals in first_line:
                problems.append(
                    Problem(
                        int(row),
                        ", ".join(key),
                        f"expected a unique key; {dict(zip(key, vals))} repeats row {first_line[vals]}",
                    )
                )
            else:
                first_line[vals] = row
    # Types are settled above: pandera only checks values, skipping cells already reported.
    nullable = {"int64": "Int64", "float64": "Float64"}
    checks_only = schema.update_columns(
        {
            c: {"coerce": False, "nullable": True, "dtype": nullable.get(str(col.dtype), col.dtype)}
            for c, col in schema.columns.items()
        }
    )
    checks_only.unique = None
    try:
        checks_only.validate(df, lazy=True)
    except SchemaErrors as exc:
        for rec in exc.failure_cases.to_dict("records"):
            check = str(rec.get("check"))
            if check.startswith(("dtype(", "coerce_dtype")):
                continue  # reported by _coerce
            idx = rec.get("index")
            row = int(idx) if idx is not None and not pd.isna(idx) else None
            col = rec.get("column")
            col = None if col is None or (isinstance(col, float) and pd.isna(col)) else str(col)
            found = rec.get("failure_case")
            problems.append(Problem(row, col, f"expected {_describe_check(check)}, found {found!r}"))
    if problems:
        raise InputError(path, sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
    for c, col in schema.columns.items():
        if str(col.dtype) in nullable and not col.nullable and c in df.columns:
            df[c] = df[c].astype(str(col.dtype))
    return df


def read_csv(path: str | Path, schema: pa.DataFrameSchema, *, optional_columns=()) -> pd.DataFrame:
    """Read and validate one input table against a pandera schema (its columns are the header)."""
    expected = [c for c in schema.columns if c not in optional_columns]
    df = read_text_table(path, expected, optional_columns=optional_columns)
    return validate(df, schema, path)
