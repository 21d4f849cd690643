"""The bundle's first page: how many values, paragraphs, tables and figures changed."""

from __future__ import annotations


def summary_markdown(
    base: dict,
    changelog: list[dict],
    text_stats: dict,
    tables: dict,
    figures: dict,
    revisions: dict,
    *,
    cells: dict | None = None,
    numbers: dict | None = None,
    authors: dict | None = None,
) -> str:
    """``cells``: {table id: changed cells}; ``numbers``: {id: "2.1"}; ``authors``:
    redline.revision_authors (who signs the tracked changes)."""
    cells, numbers = cells or {}, numbers or {}

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
        f"| Өзгерген кесте ұяшықтары | {sum(len(v) for v in cells.values())} |",
        f"| Қосылған / алынып тасталған кестелер | {len(tables['added'])} / {len(tables['removed'])} |",
        f"| Өзгерген суреттер | {len(figures['changed'])} |",
        f"| Қосылған / алынып тасталған суреттер | {len(figures['added'])} / {len(figures['removed'])} |",
        f"| Word түзетулері: қосу / жою | {revisions['insertions']} / {revisions['deletions']} |",
        "",
    ]
    if authors:
        lines += [
            f"Өзгерістердің авторлары (git): {', '.join(authors['authors']) or authors['author']}. "
            f"Word түзетулеріне «{authors['author']}» ({authors['date']}) қол қойды"
            + (" (коммитке енбеген өзгерістер бар)." if authors.get("uncommitted") else "."),
            "",
        ]

    def name(x):
        tid = x.removesuffix(".csv").removesuffix(".png")
        n = numbers.get(tid) or numbers.get("fig-" + tid.replace("_", "-"))
        kind = "кесте" if tid.startswith("tbl-") else "сурет"
        return f"{n}-{kind} (`{x}`)" if n else f"`{x}`"

    for title, d in (("Кестелер", tables), ("Суреттер", figures)):
        names = (
            [f"{name(x)} (өзгерді)" for x in d["changed"]]
            + [f"{name(x)} (қосылды)" for x in d["added"]]
            + [f"{name(x)} (алынып тасталды)" for x in d["removed"]]
        )
        if names:
            lines += [f"{title}: " + ", ".join(names) + ".", ""]
    lines += [
        "Жиынтықтағы файлдар: `numbers-changelog.md`, `.csv` және `.xlsx` (мәндер, ең үлкен өзгерістен),",
        "`tables-diff.md` (кестелердің ұяшықтары), `word-diff.md` (мәтін), `redline.docx` (Word",
        "түзетулерін қабылдауға немесе қабылдамауға болады).",
        "",
    ]
    return "\n".join(lines)
