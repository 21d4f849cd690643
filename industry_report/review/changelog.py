"""The numbers changelog: every registry value that changed, was added or was removed, the way a
reviewer reads it: values printed in the report first, by chapter and by the size of the change, each
with its place (table, figure or section number and page), a Kazakh label (the table row and column, or
the sentence around it), the text printed before and after, and the change in Kazakh number format;
the internal registry key last.

Size of a change: |new − old| / |old| (the relative change); a change from 0 counts as the largest, a
change of a text (not a number) as the smallest. Units: values are compared raw, as the stages wrote
them (fractions stay fractions); the absolute change of a value printed as a percentage is in
percentage points. Groups: 1 printed in the report, 2 read by the chapters but not printed (a
condition), 3 not in the report.

Outputs: Markdown (the ten largest printed changes, then one section per chapter), CSV (UTF-8 with
a BOM, so Excel shows Cyrillic; every row, ordered by group and size, with raw values for a
spreadsheet) and XLSX (the same rows).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path

from industry_report.core import formatting
from industry_report.review.locate import Book, caption_page, find_place, page_of

STATUS_KK = {"changed": "өзгерді", "added": "қосылды", "removed": "алынып тасталды"}
KIND_KK = {"table": "кесте", "figure": "сурет", "prose": "бөлім"}
CAPTION_WORD = {"table": "кесте", "figure": "сурет"}
TOP = 10

# The CSV and XLSX columns: (field, Kazakh header). The key comes last.
FIELDS = [
    ("chapter", "Тарау"),
    ("place", "Орны"),
    ("page", "Беті"),
    ("label", "Не"),
    ("status_kk", "Күйі"),
    ("old_text", "Бұрын басылған"),
    ("new_text", "Қазір басылған"),
    ("change_text", "Өзгеріс"),
    ("rel_text", "Салыстырмалы өзгеріс"),
    ("old", "Бұрынғы мән"),
    ("new", "Жаңа мән"),
    ("abs_change", "Абсолют өзгеріс"),
    ("rel_change", "Салыстырмалы өзгеріс (үлес)"),
    ("group", "Топ"),
    ("used_in", "Шаблон жолдары"),
    ("source", "Дереккөз ережесі"),
    ("key", "Кілт"),
]
CHANGELOG_FIELDS = [f for f, _ in FIELDS]


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and v == v


def size(row: dict) -> float:
    if row["status"] != "changed":
        return -1.0
    if row["rel_change"] is not None:
        return abs(row["rel_change"])
    if row["abs_change"] is not None:
        return math.inf  # from zero
    return -0.5  # a text changed


def _decimals(formats: list[str]) -> tuple[str, int]:
    """(kind, decimals) of the format a value is printed with: integer, number, percent, signed."""
    for f in formats:
        f = f.removeprefix("table:")
        m = re.match(r"(integer|number|percent|signed|year)(?:[(:](\d+))?", f)
        if m:
            kind = m.group(1)
            d = int(m.group(2)) if m.group(2) else (0 if kind in ("integer", "year") else 1)
            return kind, d
    return "", 2


def change_text(row: dict, formats: list[str], lang: str) -> tuple[str, str]:
    """The absolute and relative change, Kazakh number format: percentage points for percentages."""
    if row["abs_change"] is None:
        return "", ""
    kind, d = _decimals(formats)
    if kind == "percent":
        absolute = formatting.signed(row["abs_change"] * 100, d, lang) + " п.т."
    else:
        absolute = formatting.signed(row["abs_change"], d if kind else 2, lang)
    rel = "" if row["rel_change"] is None else formatting.signed(row["rel_change"] * 100, 1, lang) + "%"
    return absolute, rel


def numbers_changelog(
    old: dict,
    new: dict,
    *,
    old_book: Book | None = None,
    new_book: Book | None = None,
    pages: list[str] | None = None,
    lang: str = "kk",
) -> list[dict]:
    """Rows for every value changed, added or removed between two registries (numbers.json).

    ``old_book``/``new_book`` (locate.read_book of each side's stable Markdown) give places and
    numbers; ``pages`` (locate.pdf_pages of the current PDF) give pages. Rows are ordered by group,
    then by the size of the change (largest first), then by chapter and key.
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
        printed = bool(used) and bool((a or {}).get("formatted") or (b or {}).get("formatted"))
        row = {
            "key": key,
            "status": status,
            "status_kk": STATUS_KK[status],
            "old": va,
            "new": vb,
            "abs_change": absd,
            "rel_change": reld,
            "old_text": "; ".join(a.get("formatted", [])) if a else "",
            "new_text": "; ".join(b.get("formatted", [])) if b else "",
            "in_report": bool(used),
            "printed": printed,
            "group": 1 if printed else 2 if used else 3,
            "used_in": ", ".join(used),
            "source": (ref.get("source") or {}).get("rule") or (ref.get("source") or {}).get("file") or "",
            "chapter": "",
            "place": "",
            "place_id": "",
            "page": None,
            "label": "",
        }
        row["change_text"], row["rel_text"] = change_text(row, ref.get("formats", []), lang)
        if printed:
            _place(row, a, b, old_book, new_book, pages, old.get("tables", {}), new.get("tables", {}))
        elif used:
            row["chapter"] = Path(used[0].split(":")[0]).stem
        rows.append(row)
    order = (new_book or old_book).order if (new_book or old_book) else []
    rank = {c: i for i, c in enumerate(order)}
    # within a group: values whose printed text changed first (a reader sees those), then by size
    rows.sort(
        key=lambda r: (
            r["group"],
            r["group"] == 1 and r["old_text"] == r["new_text"],
            -size(r),
            rank.get(r["chapter"], len(rank)),
            r["key"],
        )
    )
    return rows


_RECORD = re.compile(r"\[([^\]]+)\]\.([^.\[\]]+)$")


def _place(row, a, b, old_book, new_book, pages, old_tables, new_tables) -> None:
    """Fill chapter, place, page and label: the new side where it prints, else the old side."""
    m = _RECORD.search(row["key"])
    row_hint, column = (m.group(1), m.group(2)) if m else ("", "")
    for entry, book, is_new, metas in ((b, new_book, True, new_tables), (a, old_book, False, old_tables)):
        if not entry or not entry.get("formatted") or book is None:
            continue
        chapters = [Path(u.split(":")[0]).stem for u in entry.get("used_in", [])]
        chapters = list(dict.fromkeys(chapters))
        tables = entry.get("tables", [])
        headers = tuple(
            h.replace("\\", "")
            for t in tables
            for k, h, *_ in metas.get(t, {}).get("columns") or []
            if k == column
        )
        place = find_place(book, entry["formatted"], chapters, tables, headers, row_hint)
        if place is None:
            row["chapter"] = chapters[0] if chapters else ""
            return
        row["chapter"], row["label"], row["place_id"] = place.chapter, place.label, place.id or ""
        number = book.numbers.get(place.id or "")
        kind = place.kind if number else "prose"
        if number:
            word = KIND_KK[kind]
            if kind == "prose" and "." not in number:  # the chapter's own text, before its sections
                word = "тарау" if number.isdigit() else "қосымша"
            row["place"] = f"{number}-{word}"
        elif place.id:
            row["place"] = book.titles.get(place.id, "")
        if not row["place"]:  # an unnumbered part (the summary's dashboard): its heading names it
            row["place"] = book.chapter_titles.get(place.chapter, "")
        if is_new and pages:
            if place.kind in CAPTION_WORD and number:
                row["page"] = caption_page(pages, CAPTION_WORD[place.kind], number)
            elif place.needle:
                row["page"] = page_of(pages, place.needle)
        if not is_new:
            row["place"] = (row["place"] + " (бұрынғы нұсқада)").strip()
        return
    if row["used_in"]:
        row["chapter"] = Path(row["used_in"].split(":")[0]).stem


# --------------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------------
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


BOM = "\ufeff"


def changelog_csv(rows: list[dict]) -> str:
    """CSV text with a byte-order mark (Excel reads UTF-8 only then), Kazakh headers, the key last."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([h for _, h in FIELDS])
    for r in rows:
        w.writerow([_cell(r[f]) for f in CHANGELOG_FIELDS])
    return BOM + buf.getvalue()


def changelog_xlsx(rows: list[dict]) -> bytes:
    """The changelog as a workbook: one sheet, numbers as numbers, frozen header."""
    from industry_report.publish.annex_workbook import workbook_bytes

    header = [h for _, h in FIELDS]
    body = [[_xlsx(r[f]) for f in CHANGELOG_FIELDS] for r in rows]
    return workbook_bytes([("Өзгерістер", header, body, {})])


def _xlsx(v):
    if v is None or isinstance(v, (int, float, str)) and not isinstance(v, bool):
        return None if isinstance(v, float) and v != v else v
    return _cell(v)


def _md(v) -> str:
    return _cell(v).replace("|", "\\|").replace("\n", " ")


def _md_row(r: dict, with_chapter: bool) -> str:
    page = f"{r['page']}-бет" if r["page"] else "—"
    cells = ([r["chapter"]] if with_chapter else []) + [
        r["place"],
        page,
        r["label"],
        r["status_kk"],
        r["old_text"],
        r["new_text"],
        r["change_text"],
        r["rel_text"],
        f"`{r['key']}`",
    ]
    return "| " + " | ".join(_md(c) if not str(c).startswith("`") else c for c in cells) + " |"


_HEAD = "| Орны | Беті | Не | Күйі | Бұрын | Қазір | Өзгеріс | Салыстырмалы | Кілт |"
_ALIGN = "|:---|:---|:---|:---|---:|---:|---:|---:|:---|"


def changelog_markdown(rows: list[dict], base_label: str, titles: dict | None = None) -> str:
    """The ten largest printed changes, then every printed value by chapter (largest change first),
    then values the chapters read without printing, then values not in the report.
    ``titles``: {chapter stem: heading}, in book order (locate.Book.chapter_titles)."""
    titles = titles or {}
    lines = [f"# Сандар өзгерістерінің тізімі ({base_label} → жұмыс нұсқасы)", ""]
    if not rows:
        return "\n".join(lines + ["Мәндер өзгерген жоқ.", ""])
    printed = [r for r in rows if r["group"] == 1]
    lines += [
        "Алдымен баяндамада басылған мәндер, өзгерісі үлкенінен бастап; «Кілт» бағаны — мәннің "
        "ішкі атауы (numbers.json). Беті жұмыс нұсқасының PDF файлы бойынша; «—» — мәтін PDF-те "
        "бір ғана бетте табылмады.",
        "",
    ]
    if printed:
        lines += [f"## Ең үлкен {min(TOP, len(printed))} өзгеріс", "", "| Тарау " + _HEAD, "|:---" + _ALIGN]
        lines += [_md_row(r, True) for r in printed[:TOP]] + [""]
        by_chapter: dict = {}
        for r in printed:
            by_chapter.setdefault(r["chapter"], []).append(r)
        rank = {c: i for i, c in enumerate(titles)}
        for ch in sorted(by_chapter, key=lambda c: (rank.get(c, len(rank)), c)):
            title = f"{titles[ch]} ({ch})" if ch in titles else ch or "Тарауы белгісіз"
            lines += [f"## {title}", "", _HEAD, _ALIGN]
            lines += [_md_row(r, False) for r in by_chapter[ch]] + [""]
    for group, title in ((2, "Тарауда оқылатын, бірақ басылмайтын мәндер"), (3, "Баяндамада жоқ мәндер")):
        part = [r for r in rows if r["group"] == group]
        if not part:
            continue
        lines += [
            f"## {title} ({len(part)})",
            "",
            "| Кілт | Күйі | Бұрынғы | Жаңа | Өзгеріс | Салыстырмалы | Дереккөз ережесі |",
            "|:---|:---|---:|---:|---:|---:|:---|",
        ]
        lines += [
            f"| `{r['key']}` | {r['status_kk']} | {_md(_short(r['old']))} | {_md(_short(r['new']))} | "
            f"{r['change_text']} | {r['rel_text']} | {_md(r['source'])} |"
            for r in part
        ] + [""]
    return "\n".join(lines) + "\n"


def _short(v) -> str:
    if isinstance(v, float):
        return formatting.number(v, 3) if abs(v) < 1e15 else repr(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return formatting.integer(v)
    return _cell(v)
