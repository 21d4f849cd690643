"""The bundle's first page: how many values, paragraphs, tables and figures changed."""

from __future__ import annotations


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
