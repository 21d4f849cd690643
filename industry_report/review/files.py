"""Which report tables and figures changed between two builds (by content or hash)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path


def compare_files(old: dict, new: dict) -> dict:
    """{name: content or hash} x2 -> lists of changed, added and removed names."""
    return {
        "changed": sorted(k for k in set(old) & set(new) if old[k] != new[k]),
        "added": sorted(set(new) - set(old)),
        "removed": sorted(set(old) - set(new)),
    }


def file_hashes(paths) -> dict:
    return {Path(p).name: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in sorted(paths)}


_FIG_REF = re.compile(r"!\[[^\]]*\]\(figures/([^)\s]+)")


def figures_used(texts) -> set:
    return {m for t in texts for m in _FIG_REF.findall(t)}


# --------------------------------------------------------------------------------------------------
# Tables cell by cell
# --------------------------------------------------------------------------------------------------
def _rows(text: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")))) if text else []


def cell_changes(old_csv: str, new_csv: str) -> list[dict]:
    """The cells that differ between two versions of a report table (CSV texts, header first).

    Rows are matched by their first cell (the row's name) when it is unique on both sides, else by
    position; columns by header. Each change: {row, column, old, new} (row = the row's first cell,
    "" for an added or removed row's missing side)."""
    a, b = _rows(old_csv), _rows(new_csv)
    ha, hb = (a[0] if a else []), (b[0] if b else [])
    ra, rb = a[1:], b[1:]
    firsts_a, firsts_b = [r[0] if r else "" for r in ra], [r[0] if r else "" for r in rb]
    by_name = len(set(firsts_a)) == len(firsts_a) and len(set(firsts_b)) == len(firsts_b)
    if by_name:
        keys = list(dict.fromkeys(firsts_b + firsts_a))
        pairs = [
            (
                ra[firsts_a.index(k)] if k in firsts_a else None,
                rb[firsts_b.index(k)] if k in firsts_b else None,
            )
            for k in keys
        ]
    else:
        n = max(len(ra), len(rb))
        pairs = [(ra[i] if i < len(ra) else None, rb[i] if i < len(rb) else None) for i in range(n)]
    columns = list(dict.fromkeys(hb + ha))
    out = []
    for old, new in pairs:
        name = (new or old or [""])[0]
        for col in columns:
            va = old[ha.index(col)] if old is not None and col in ha and ha.index(col) < len(old) else None
            vb = new[hb.index(col)] if new is not None and col in hb and hb.index(col) < len(new) else None
            if va != vb:
                out.append({"row": name, "column": col, "old": va, "new": vb})
    return out


def printed_csv(csv_text: str, columns: list, lang: str) -> str:
    """A table() table's CSV (raw values, column keys) as the report prints it (formats, headers)."""
    import csv
    import io

    from industry_report.publish.templating import _cell

    rows = _rows(csv_text)
    if not rows:
        return csv_text
    fmts, heads = {c[0]: c[2] for c in columns}, {c[0]: c[1] for c in columns}
    keys = rows[0]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([heads.get(k, k) for k in keys])
    for r in rows[1:]:
        out = []
        for k, v in zip(keys, r):
            fmt = fmts.get(k, "text")
            try:
                out.append(v if fmt == "text" or v == "" else _cell(float(v), fmt, lang))
            except ValueError:
                out.append(v)
        w.writerow(out)
    return buf.getvalue()


def tables_markdown(changes: dict, numbers: dict, captions: dict) -> str:
    """tables-diff.md: per changed table (by number), the cells that changed, old → new, as printed.
    ``changes``: {table id: cell_changes(...)}."""
    lines = ["# Кестелердің ұяшықтар бойынша айырмасы", ""]
    if not any(changes.values()):
        return "\n".join(lines + ["Кестелер өзгерген жоқ.", ""])

    def esc(v):
        return "—" if v is None else (str(v).replace("|", "\\|") or " ")

    def rank(tid):
        n = numbers.get(tid, "")
        return [int(p) if p.isdigit() else ord(p[0]) - 1000 for p in n.split(".")] if n else [10**6], tid

    for tid in sorted((t for t in changes if changes[t]), key=rank):
        title = f"{numbers[tid]}-кесте. {captions.get(tid, '')}" if tid in numbers else tid
        lines += [f"## {title}", "", f"`{tid}`: {len(changes[tid])} ұяшық өзгерді.", ""]
        lines += ["| Жол | Баған | Бұрын | Қазір |", "|:---|:---|---:|---:|"]
        for c in changes[tid]:
            lines.append(f"| {esc(c['row'])} | {esc(c['column'])} | {esc(c['old'])} | {esc(c['new'])} |")
        lines.append("")
    return "\n".join(lines)
