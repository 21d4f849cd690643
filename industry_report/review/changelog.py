"""The numbers changelog: every registry value that changed (old, new, absolute and relative change,
the text printed before and after), was added or was removed; Markdown and CSV.

Units: values are compared raw, as the stages wrote them (fractions stay fractions); the relative
change is (new − old) / |old| as a fraction, empty when old is 0 or not a number."""

from __future__ import annotations

import csv
import io
import json


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v == v


CHANGELOG_FIELDS = [
    "key",
    "status",
    "old",
    "new",
    "abs_change",
    "rel_change",
    "old_text",
    "new_text",
    "in_report",
    "used_in",
    "source",
]


def numbers_changelog(old: dict, new: dict) -> list[dict]:
    """Rows for every value changed, added or removed between two registries (numbers.json).

    Values printed in the report come first, then by key. Numbers compare exactly (the registry
    holds what the stages wrote); `abs_change`/`rel_change` only for numbers.
    """
    ov, nv = old.get("values", {}), new.get("values", {})
    rows = []
    for key in sorted(set(ov) | set(nv)):
        a, b = ov.get(key), nv.get(key)
        if (
            a is not None
            and b is not None
            and a["value"] == b["value"]
            and type(a["value"]) is type(b["value"])
        ):
            continue
        status = "added" if a is None else "removed" if b is None else "changed"
        va = a["value"] if a else None
        vb = b["value"] if b else None
        absd = reld = None
        if status == "changed" and _is_number(va) and _is_number(vb):
            absd = vb - va
            reld = (vb - va) / abs(va) if va else None
        ref = b or a
        used = sorted(set((a or {}).get("used_in", [])) | set((b or {}).get("used_in", [])))
        rows.append(
            {
                "key": key,
                "status": status,
                "old": va,
                "new": vb,
                "abs_change": absd,
                "rel_change": reld,
                "old_text": "; ".join(a.get("formatted", [])) if a else "",
                "new_text": "; ".join(b.get("formatted", [])) if b else "",
                "in_report": bool(used),
                "used_in": ", ".join(used),
                "source": (ref.get("source") or {}).get("rule")
                or (ref.get("source") or {}).get("file")
                or "",
            }
        )
    rows.sort(key=lambda r: (not r["in_report"], r["key"]))
    return rows


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return str(v)


def changelog_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CHANGELOG_FIELDS)
    for r in rows:
        w.writerow([_cell(r[f]) for f in CHANGELOG_FIELDS])
    return buf.getvalue()


def _md(v) -> str:
    return _cell(v).replace("|", "\\|").replace("\n", " ")


def _rel(v) -> str:
    return "" if v is None else f"{v * 100:+.2f}%"


def changelog_markdown(rows: list[dict], base_label: str) -> str:
    status_kk = {"changed": "өзгерді", "added": "қосылды", "removed": "алынып тасталды"}
    lines = [f"# Сандар өзгерістерінің тізімі ({base_label} → жұмыс нұсқасы)", ""]
    if not rows:
        return "\n".join(lines + ["Мәндер өзгерген жоқ.", ""])
    lines += [
        "| Кілт | Күйі | Бұрынғы | Жаңа | Абсолют өзгеріс | Салыстырмалы өзгеріс | "
        "Баяндамада (бұрын → қазір) | Қай жерде | Дереккөз ережесі |",
        "|:---|:---|---:|---:|---:|---:|:---|:---|:---|",
    ]
    for r in rows:
        shown = f"{r['old_text']} → {r['new_text']}" if r["in_report"] else "баяндамада жоқ"
        lines.append(
            "| "
            + " | ".join(
                [
                    f"`{r['key']}`",
                    status_kk[r["status"]],
                    _md(r["old"]),
                    _md(r["new"]),
                    _md(r["abs_change"]),
                    _rel(r["rel_change"]),
                    _md(shown),
                    _md(r["used_in"]),
                    _md(r["source"]),
                ]
            )
            + " |"
        )
    return "\n".join(lines) + "\n"
