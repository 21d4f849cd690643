"""The review bundle between two versions of the report (a base git revision and the working tree).

Purpose: reviewers see what changed, the numbers above all. Parts:
- ``stable_markdown``: a chapter's assembled Markdown in a line-oriented form (one sentence per line,
  paragraphs separated by a blank line, tables and divs untouched), so that `git diff --word-diff`
  between two builds and our own word diff read well;
- ``numbers_changelog``: every registry value that changed (old, new, absolute and relative change,
  the text printed before and after), was added or was removed; Markdown and CSV;
- ``word_diff``: a word-level diff of the chapter text, `[-deleted-]{+inserted+}` as git prints it;
- ``redline``: a DOCX with Word tracked changes (w:ins / w:del) between the two DOCX files, made by
  python-redlines' self-contained Docxodus engine (offline), with a fixed revision date and author;
- ``summary``: how many values, paragraphs, tables and figures changed.

Units: values are compared raw, as the stages wrote them (fractions stay fractions); the relative
change is (new − old) / |old| as a fraction, empty when old is 0 or not a number.
All outputs are deterministic: sorted, no clocks, no temporary paths.
Pure functions; scripts/run_review_*.py are the entry points.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import re
import zipfile
from pathlib import Path

# --------------------------------------------------------------------------------------------------
# Stable, line-oriented Markdown
# --------------------------------------------------------------------------------------------------
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"(\[]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s+")
_VERBATIM_START = ("|", ":::", "#", "$$", "!", ": ", "```", "~~~", "<!--", "    ", "\t")


def _blocks(text: str) -> list[list[str]]:
    blocks, cur, fence = [], [], None
    for line in text.split("\n"):
        stripped = line.strip()
        if fence:
            cur.append(line)
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~", "$$")) and not (
            stripped.startswith("$$") and stripped.count("$$") >= 2
        ):
            fence = stripped[:3] if not stripped.startswith("$$") else "$$"
            cur.append(line)
            continue
        if not stripped:
            if cur:
                blocks.append(cur)
            cur = []
        else:
            cur.append(line.rstrip())
    if cur:
        blocks.append(cur)
    return blocks


def stable_markdown(text: str) -> str:
    """One sentence per line for prose; list items one per line; everything else verbatim."""
    out = []
    for block in _blocks(text):
        first = block[0].lstrip()
        if first.startswith(_VERBATIM_START) or block[0].startswith(("    ", "\t")):
            out.append("\n".join(block))
        elif _LIST_ITEM.match(first):
            items = []
            for line in block:
                if _LIST_ITEM.match(line) or not items:
                    items.append(line.strip())
                else:
                    items[-1] += " " + line.strip()
            out.append("\n".join(items))
        else:
            para = " ".join(line.strip() for line in block)
            out.append("\n".join(_SENTENCE_END.split(para)))
    return "\n\n".join(out) + "\n"


def paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks of stable Markdown (each table or div counts as one block)."""
    return ["\n".join(b) for b in _blocks(text)]


# --------------------------------------------------------------------------------------------------
# Numbers changelog
# --------------------------------------------------------------------------------------------------
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
        import json

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


# --------------------------------------------------------------------------------------------------
# Word diff of the chapter text
# --------------------------------------------------------------------------------------------------
_TOKEN = re.compile(r"\s+|\S+\s*")  # a word with the spaces after it, as git --word-diff shows it


def _word_level(a: str, b: str) -> str:
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "equal":
            out.append("".join(ta[i1:i2]))
            continue
        if i2 > i1:
            out.append("[-" + "".join(ta[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + "".join(tb[j1:j2]) + "+}")
    return "".join(out)


def word_diff(old: dict, new: dict, order: list[str]) -> tuple[str, dict]:
    """Word-level diff of chapter texts ({chapter: stable Markdown}).

    Returns (Markdown with `[-deleted-]{+inserted+}` per changed sentence line, stats): stats
    counts changed, added and removed paragraphs (blank-line separated blocks).
    """
    chapters = list(order) + sorted((set(old) | set(new)) - set(order))
    parts = [
        "# Тарау мәтінінің сөз деңгейіндегі айырмасы",
        "",
        "`[-…-]` — алынып тасталған сөздер, `{+…+}` — қосылған сөздер.",
        "",
    ]
    stats = {"paragraphs_changed": 0, "paragraphs_added": 0, "paragraphs_removed": 0, "chapters_changed": 0}
    for ch in chapters:
        a, b = old.get(ch), new.get(ch)
        if a == b:
            continue
        stats["chapters_changed"] += 1
        status = " (жаңа тарау)" if a is None else " (алынып тасталған тарау)" if b is None else ""
        parts += [f"## {ch}{status}", ""]
        pa, pb = paragraphs(a or ""), paragraphs(b or "")
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, pa, pb, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            if op == "replace":
                common = min(i2 - i1, j2 - j1)
                stats["paragraphs_changed"] += common
                stats["paragraphs_removed"] += (i2 - i1) - common
                stats["paragraphs_added"] += (j2 - j1) - common
            elif op == "delete":
                stats["paragraphs_removed"] += i2 - i1
            else:
                stats["paragraphs_added"] += j2 - j1
        la, lb = (a or "").split("\n"), (b or "").split("\n")
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, la, lb, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            where = (
                f"{i1 + 1}-жол → {j1 + 1}-жол"
                if i2 > i1 and j2 > j1
                else f"{j1 + 1}-жол (қосылды)"
                if j2 > j1
                else f"{i1 + 1}-жол (алынды)"
            )
            body = _word_level("\n".join(la[i1:i2]), "\n".join(lb[j1:j2]))
            parts += [f"**{where}**", "", body.strip("\n"), ""]
    if stats["chapters_changed"] == 0:
        parts += ["Мәтін өзгерген жоқ.", ""]
    return "\n".join(parts), stats


# --------------------------------------------------------------------------------------------------
# Tables and figures
# --------------------------------------------------------------------------------------------------
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
# Redline DOCX
# --------------------------------------------------------------------------------------------------
REDLINE_AUTHOR = "Салыстыру"  # "comparison": the author name Word shows on each tracked change


def redline(old_docx, new_docx, out, *, date: str, engine_cache=None) -> dict:
    """A DOCX with Word tracked changes from ``old_docx`` to ``new_docx``; returns counts.

    Uses python-redlines' Docxodus engine (a self-contained binary shipped in the wheel; works
    offline). ``date`` (ISO 8601) is written on every revision so that two runs give the same file;
    the zip is rewritten with fixed timestamps and a sorted member order.
    """
    from industry_report.core.errors import ConfigError

    try:
        from python_redlines.engines import DocxodusEngine
    except ImportError:
        raise ConfigError(
            "the redline needs python-redlines and python-redlines-docxodus "
            "(pip install python-redlines==2.0.0 python-redlines-docxodus==2.0.0)"
        ) from None
    engine = DocxodusEngine(target_path=str(engine_cache) if engine_cache else None)
    data, _, _ = engine.run_redline(REDLINE_AUTHOR, str(old_docx), str(new_docx), date_time=date)
    data = normalise_docx(data, date)
    Path(out).write_bytes(data)
    return count_revisions(data)


def normalise_docx(data: bytes, date: str) -> bytes:
    stamp = tuple(int(x) for x in re.findall(r"\d+", date)[:6])
    stamp = stamp + (0,) * (6 - len(stamp))
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        members = {n: zin.read(n) for n in zin.namelist()}
    order = ["[Content_Types].xml"] + sorted(n for n in members if n != "[Content_Types].xml")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for n in order:
            if n not in members:
                continue
            info = zipfile.ZipInfo(n, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, members[n], compresslevel=9)
    return buf.getvalue()


def count_revisions(docx: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return {"insertions": len(re.findall(r"<w:ins\b", xml)), "deletions": len(re.findall(r"<w:del\b", xml))}


def tracked_text(docx: bytes) -> dict:
    """The inserted and deleted text runs of a redline DOCX (for tests and the summary)."""
    from lxml import etree

    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    ins = ["".join(t.text or "" for t in e.iter(W + "t")) for e in root.iter(W + "ins")]
    dels = ["".join(t.text or "" for t in e.iter(W + "delText")) for e in root.iter(W + "del")]
    return {"ins": [s for s in ins if s], "del": [s for s in dels if s]}


# --------------------------------------------------------------------------------------------------
# Summary page
# --------------------------------------------------------------------------------------------------
def summary_markdown(
    base: dict, changelog: list[dict], text_stats: dict, tables: dict, figures: dict, revisions: dict
) -> str:
    def n(status, printed=None):
        return sum(
            1 for r in changelog if r["status"] == status and (printed is None or r["in_report"] == printed)
        )

    lines = [
        "# Шолу жиынтығы",
        "",
        f"Салыстырылатын нұсқалар: базалық нұсқа `{base.get('rev')}` "
        f"(коммит `{str(base.get('sha'))[:12]}`) және жұмыс нұсқасы.",
        "",
        "| Не өзгерді | Саны |",
        "|:---|---:|",
        f"| Өзгерген мәндер (баяндамада басылатын) | {n('changed', True)} |",
        f"| Өзгерген мәндер (баяндамада басылмайтын) | {n('changed', False)} |",
        f"| Қосылған мәндер | {n('added')} |",
        f"| Алынып тасталған мәндер | {n('removed')} |",
        f"| Өзгерген абзацтар | {text_stats['paragraphs_changed']} |",
        f"| Қосылған абзацтар | {text_stats['paragraphs_added']} |",
        f"| Алынып тасталған абзацтар | {text_stats['paragraphs_removed']} |",
        f"| Өзгерген кестелер | {len(tables['changed'])} |",
        f"| Қосылған / алынып тасталған кестелер | {len(tables['added'])} / {len(tables['removed'])} |",
        f"| Өзгерген суреттер | {len(figures['changed'])} |",
        f"| Қосылған / алынып тасталған суреттер | {len(figures['added'])} / {len(figures['removed'])} |",
        f"| Word түзетулері: қосу / жою | {revisions['insertions']} / {revisions['deletions']} |",
        "",
    ]
    for title, d in (("Кестелер", tables), ("Суреттер", figures)):
        names = (
            [f"`{x}` (өзгерді)" for x in d["changed"]]
            + [f"`{x}` (қосылды)" for x in d["added"]]
            + [f"`{x}` (алынып тасталды)" for x in d["removed"]]
        )
        if names:
            lines += [f"{title}: " + ", ".join(names) + ".", ""]
    lines += [
        "Жиынтықтағы файлдар: `numbers-changelog.md` және `numbers-changelog.csv` (мәндер),",
        "`word-diff.md` (мәтін), `redline.docx` (Word түзетулерін қабылдауға немесе қабылдамауға болады).",
        "",
    ]
    return "\n".join(lines)
