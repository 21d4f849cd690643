"""The statistical annex in Excel: results/<year>/<lang>/statistical-annex.xlsx.

Sheets: "Мазмұны" (index: table number, caption, sheet, source, status of the values), one sheet per
report table in book order, and "Көрсеткіштер" (the long series of the key indicators, one row per
indicator and year, with unit, status and sources).

A table sheet: the table number and caption, the source, the status, then the header row (frozen)
and the rows. Tables made with `table()` hold raw values (a fraction stays a fraction and is shown as
a percentage by the cell format); the number format of each column follows the format the report
prints it with. Tables a chapter writes by hand hold what the report prints; their numbers are read
back from the Kazakh format into numeric cells (the printed markers: an asterisk, "%", "п.т.", stay
in the cell's number format), so every number is a number in Excel.

Status: the indicator series carry a status per value (real, derived, proxy, estimate, demo); a table
whose values come from a values file marked ``demo: true`` is demonstration data; a table with a
status column ("Мәртебесі") has a status per row; a table of key indicators from a values file that
mixes statuses (``has_demo``/``has_estimate``) points to the series sheet; others are computed from
the inputs the source names.

Deterministic bytes: fixed workbook times and ZIP entry times (core.io.normalise_zip).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

from industry_report.core.io import FIXED_TIME, normalise_zip

INDEX_SHEET = "Мазмұны"
SERIES_SHEET = "Көрсеткіштер"
STATUS_COLUMN = "Мәртебесі"
INDICATOR_COLUMN = "Көрсеткіш"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


# --------------------------------------------------------------------------------------------------
# Writing a workbook
# --------------------------------------------------------------------------------------------------
def workbook_bytes(sheets: list[tuple]) -> bytes:
    """XLSX bytes of ``sheets``: (title, header, rows, options) each; options: ``above`` (lines of
    text above the header), ``formats`` ({column index: Excel number format}), ``widths``.
    The header row is bold and frozen with everything above it."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    wb.properties.creator = wb.properties.lastModifiedBy = "national-report"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    for n, (title, header, rows, opts) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = title
        above = opts.get("above", [])
        for line in above:
            ws.append([line])
            ws.cell(ws.max_row, 1).font = Font(bold=ws.max_row == 1)
        ws.append(list(header))
        head = ws.max_row
        for c in ws[head]:
            c.font = Font(bold=True)
            c.alignment = Alignment(wrap_text=True, vertical="top")
        formats = opts.get("formats", {})
        cell_formats = opts.get("cell_formats", {})
        for i, row in enumerate(rows):
            ws.append(list(row))
            r = ws.max_row
            for j, fmt in formats.items():
                ws.cell(r, j + 1).number_format = fmt
            for j, fmt in cell_formats.get(i, {}).items():
                ws.cell(r, j + 1).number_format = fmt
        ws.freeze_panes = ws.cell(head + 1, 1).coordinate
        for j, width in enumerate(opts.get("widths") or _widths(header, rows)):
            ws.column_dimensions[get_column_letter(j + 1)].width = width
    buf = io.BytesIO()
    # Workbook.save() stamps `modified` with the wall clock; the writer itself keeps ours.
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return normalise_zip(buf.getvalue())


def _widths(header, rows) -> list[float]:
    out = []
    for j, h in enumerate(header):
        longest = max([len(str(h))] + [len(str(r[j])) for r in rows[:200] if j < len(r) and r[j] is not None])
        out.append(min(60.0, max(8.0, longest * 1.1 + 2)))
    return out


def sheet_name(number: str | None, tid: str, used: set) -> str:
    """A sheet name Excel accepts (at most 31 characters, none of []:*?/\\), unique in the book."""
    base = _BAD_SHEET_CHARS.sub("-", f"{number} {tid.removeprefix('tbl-')}" if number else tid)[:31]
    name, k = base, 2
    while name in used:
        name = f"{base[:28]}~{k}"
        k += 1
    used.add(name)
    return name


# --------------------------------------------------------------------------------------------------
# Numbers: raw values with formats, or printed text read back
# --------------------------------------------------------------------------------------------------
def excel_format(fmt: str) -> str | None:
    """The Excel number format of a table() column format (integer, number:N, percent:N, signed:N,
    pvalue:N; the sheet holds the exact p-value, which the report prints as '< 0,001' when small)."""
    kind, _, arg = fmt.partition(":")
    d = int(arg) if arg else (0 if kind == "integer" else 3 if kind == "pvalue" else 1)
    dec = ("." + "0" * d) if d else ""
    return {
        "integer": "#,##0",
        "number": "#,##0" + dec,
        "percent": "0" + dec + "%",
        "signed": "+#,##0" + dec + ";−#,##0" + dec + ";0" + dec,
        "year": "0",
        "pvalue": "0" + dec,
    }.get(kind)


_PRINTED_NUMBER = re.compile(
    r"^(?P<sign>[+−-]?)(?P<int>\d{1,3}(?:[\u00a0\u202f ]\d{3})*|\d+)(?:,(?P<dec>\d+))?"
    r"(?P<suffix>\s?%|\s?п\.т\.)?(?P<mark>(?:\\?\*)*)$"
)


def read_printed(text: str):
    """(number, Excel format) of a cell the report prints in Kazakh format ("8 892", "104,0",
    "+23,4 %", "−0,5 п.т.", "10 367\\*"), or None when the cell is not a number."""
    m = _PRINTED_NUMBER.match(text.strip())
    if not m:
        return None
    digits = re.sub(r"[\u00a0\u202f ]", "", m.group("int"))
    dec = m.group("dec") or ""
    value = float(f"{digits}.{dec}") if dec else int(digits)
    if m.group("sign") in ("−", "-"):
        value = -value
    d = len(dec)
    body = "#,##0" + ("." + "0" * d if d else "")
    suffix = (m.group("suffix") or "").strip()
    mark = "*" * m.group("mark").count("*")
    if suffix == "%":
        value = value / 100 if isinstance(value, int) else round(value / 100, d + 2)
        tail = "%" if not (m.group("suffix") or "").startswith(" ") else '" %"'
        fmt = "0" + ("." + "0" * d if d else "") + tail
    elif suffix:
        fmt = body + f'" {suffix}"'
    else:
        fmt = body
    if mark:
        fmt += f'"{mark}"'
    if m.group("sign") == "+":
        fmt = "+" + fmt + ";−" + fmt + ";" + fmt
    return value, fmt


def _raw(text: str, fmt: str):
    """A raw CSV value of a table() column back to its type (CSV holds repr of floats)."""
    if text == "":
        return None
    if fmt.split(":")[0] in ("integer", "number", "percent", "signed", "year", "pvalue"):
        try:
            v = float(text)
        except ValueError:
            return text
        return int(v) if v.is_integer() and "." not in text and "e" not in text.lower() else v
    return text


def _unescape(text: str) -> str:
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~^$])", r"\1", text)


# --------------------------------------------------------------------------------------------------
# The annex
# --------------------------------------------------------------------------------------------------
def table_sheet(tid: str, meta: dict, csv_text: str, number: str | None, source: str, status: str):
    """(header, rows, options) of one report table."""
    rows = list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff"))))
    if not rows:
        rows = [[]]
    caption = meta.get("caption") or ""
    title = f"{number}-кесте. {caption}" if number else caption or tid
    above = [title, f"Дереккөзі: {source}", f"Мәртебесі: {status}", ""]
    cell_formats: dict = {}
    if meta.get("kind") == "values" and meta.get("columns"):
        cols = meta["columns"]
        header = [_unescape(h) for _, h, _ in cols]
        fmts = {c[0]: c[2] for c in cols}
        keys = rows[0]
        body = [[_raw(v, fmts.get(k, "text")) for k, v in zip(keys, r)] for r in rows[1:]]
        order = [keys.index(c[0]) for c in cols if c[0] in keys]
        header = [header[[c[0] for c in cols].index(keys[i])] for i in order]
        body = [[r[i] for i in order] for r in body]
        formats = {j: f for j, i in enumerate(order) if (f := excel_format(fmts.get(keys[i], "text")))}
    else:
        header = [_unescape(h) for h in rows[0]]
        body = []
        for i, r in enumerate(rows[1:]):
            out = []
            for j, cell in enumerate(r):
                parsed = read_printed(cell)
                if parsed is None:
                    out.append(None if cell in ("", "–") else _unescape(cell))
                else:
                    out.append(parsed[0])
                    cell_formats.setdefault(i, {})[j] = parsed[1]
            body.append(out)
        formats = {}
    return header, body, {"above": above, "formats": formats, "cell_formats": cell_formats}


def table_status(
    tid: str,
    meta: dict,
    header: list[str],
    registry: dict,
    demo_namespaces: set,
    mixed_namespaces: set = frozenset(),
) -> str:
    if STATUS_COLUMN in header:
        return "әр жолда («Мәртебесі» бағаны)"
    namespaces = _namespaces(tid, meta, registry)
    if namespaces & demo_namespaces or "демонстрациялық" in (meta.get("caption") or ""):
        return "демонстрациялық деректер"
    if namespaces & mixed_namespaces and any(
        h.startswith(INDICATOR_COLUMN) for h in header
    ):  # rows are key indicators
        return f"аралас: әр мәннің мәртебесі «{SERIES_SHEET}» парағында"
    return "кіріс деректерінен есептелген (дереккөзін қараңыз)"


def _namespaces(tid: str, meta: dict, registry: dict) -> set:
    from industry_report.publish.numbers import namespace_of

    keys = [k for k, v in registry["values"].items() if tid in v.get("tables", [])]
    if not keys:  # a table a chapter writes by hand: the namespaces its chapter prints
        keys = registry.get("chapters", {}).get(meta.get("chapter"), [])
        keys = [k for k in keys if registry["values"].get(k, {}).get("formatted")]
    return {namespace_of(k) for k in keys} - {"report"}


def table_source(tid: str, meta: dict, registry: dict) -> str:
    """The values files (and the rules writing them) the table's values come from."""
    out = []
    for ns in sorted(_namespaces(tid, meta, registry)):
        src = next(
            (v["source"] for k, v in registry["values"].items() if k.split(".")[0].split("[")[0] == ns),
            {},
        )
        if src:
            out.append(f"{src.get('file')} ({src.get('rule')})" if src.get("rule") else str(src.get("file")))
    return "; ".join(out) or "баяндама тарауы"


def annex_sheets(
    registry: dict,
    tables: dict,
    numbers: dict,
    captions: dict,
    order: list[str],
    indicators: list[dict],
    catalogue: dict,
    demo_namespaces: set,
    mixed_namespaces: set = frozenset(),
) -> list[tuple]:
    """Every sheet of the annex.

    ``tables``: {table id: CSV text} (results/<year>/<lang>/tables); ``numbers`` ({table id: "2.1"})
    and ``captions`` ({table id: caption}) as the book prints them (review.locate.read_book);
    ``order``: table ids in book order; ``indicators``: the rows of results/<year>/tables/
    indicators.csv; ``catalogue``: config/indicators.yaml (names, sources, status words);
    ``demo_namespaces``: values namespaces whose file says ``demo: true``; ``mixed_namespaces``: those
    that mix statuses (``has_demo`` or ``has_estimate``: the indicators, status per value)."""
    used = {INDEX_SHEET, SERIES_SHEET}
    index_rows, sheets = [], []
    ids = [t for t in order if t in tables] + sorted(set(tables) - set(order))
    for tid in ids:
        meta = dict(registry.get("tables", {}).get(tid, {}))
        meta.setdefault("caption", captions.get(tid, ""))
        number = numbers.get(tid)
        header, _, _ = table_sheet(tid, meta, tables[tid], number, "", "")
        status = table_status(tid, meta, header, registry, demo_namespaces, mixed_namespaces)
        source = table_source(tid, meta, registry)
        header, body, opts = table_sheet(tid, meta, tables[tid], number, source, status)
        name = sheet_name(number, tid, used)
        sheets.append((name, header, body, opts))
        index_rows.append([f"{number}-кесте" if number else "", meta["caption"], name, source, status, tid])
    words = {k: v.get("kk", k) for k, v in catalogue.get("statuses", {}).items()}
    by_id = {i["id"]: i for i in catalogue.get("indicators", [])}
    series = []
    for r in indicators:
        ind = by_id.get(r["indicator_id"], {})
        series.append(
            [
                r["indicator_id"],
                ind.get("name_kk", ""),
                int(r["year"]),
                None if r["value"] in ("", "nan") else float(r["value"]),
                r["unit"],
                r["status"],
                words.get(r["status"], r["status"]),
                ind.get("source_kk", ""),
            ]
        )
    index_rows.append(
        [
            "",
            "Негізгі көрсеткіштердің ұзын қатарлары",
            SERIES_SHEET,
            "results/…/tables/indicators.csv",
            "әр мәнде",
            "",
        ]
    )
    index = (
        INDEX_SHEET,
        ["Нөмірі", "Кесте", "Парақ", "Дереккөзі", "Мәртебесі", "Кестенің id"],
        index_rows,
        {"above": ["Статистикалық қосымша: баяндаманың кестелері", ""], "widths": [10, 70, 28, 45, 30, 28]},
    )
    series_sheet = (
        SERIES_SHEET,
        ["Код", "Көрсеткіш", "Жыл", "Мәні", "Өлшем бірлігі", "Мәртебесі (код)", "Мәртебесі", "Дереккөзі"],
        series,
        {
            "above": ["Негізгі көрсеткіштердің ұзын қатарлары (әдістеменің 2-қосымшасы)", ""],
            "formats": {3: "#,##0.0##"},
        },
    )
    return [index, *sheets, series_sheet]
