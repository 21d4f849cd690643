"""Charts of the enterprise survey: problem heat maps, cause graphs, outcome effects, risks.

House style from :mod:`industry_report.publish.chart_style`. Heat maps show the weighted share (%)
rating a problem
major or very severe; suppressed cells (fewer than 3 enterprises, or secondary suppression) are grey
with a cross, low-quality cells (CV > 33% or Kish effective n < 10) are hatched and their number is
printed in parentheses on a white patch, so that it stays readable over the hatching. Every text is
at least MIN_FONT_PT at print size (chart_style.save checks it).
Risks are drawn as likelihood against impact (means on the 1-5 scale) with
95% intervals in both directions, not as a colour grid of ordinal products. ``words`` is the section
survey of report/chart-words-<lang>.yml; numbers are written by core.formatting in ``lang``.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.patches import Rectangle

from industry_report.core import formatting
from industry_report.publish.chart_style import MIN_FONT_PT, PALETTE, new_figure, number_formatter

CMAP = LinearSegmentedColormap.from_list("share", ["#F2F7FB", "#6BAED6", "#08306B"])


def _wrap(s: str, width: int) -> str:
    # A word longer than the width stays whole (a box widens rather than split «профессионального»).
    return "\n".join(textwrap.wrap(s, width, break_long_words=False, break_on_hyphens=False)) or s


def short_name(name: str, endings: dict) -> str:
    """A region's name for a narrow axis: each ending (chart words region_short) replaced, in order."""
    for old, new in endings.items():
        name = name.replace(old, new)
    return name


def heatmap(
    tab: pd.DataFrame,
    row_labels: dict,
    col_labels: dict,
    source: str,
    *,
    row_key: str,
    words: dict,
    lang: str,
    col_key: str = "domain",
    height_cm: float | None = None,
    col_wrap: int = 12,
    rotate: int = 0,
    xlabel: str | None = None,
):
    """Heat map of ``est`` (fraction) with rows ``row_key`` and columns ``col_key`` in label order."""
    rows, cols = list(row_labels), list(col_labels)
    fig, ax = new_figure(height_cm or (2.2 + 0.55 * len(rows)))
    ax.grid(False)
    vmax = max(0.01, float(np.nanmax(tab["est"].to_numpy(dtype=float))) if tab["est"].notna().any() else 1)
    idx = tab.set_index([row_key, col_key])
    small = len(cols) > 10
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            rec = idx.loc[(r, c)] if (r, c) in idx.index else None
            if rec is None or rec["quality"] == "suppressed":
                ax.add_patch(Rectangle((j, i), 1, 1, facecolor="#D9D9D9", edgecolor="white"))
                ax.text(j + 0.5, i + 0.5, "×", ha="center", va="center", fontsize=8, color="#555555")
                continue
            v = float(rec["est"])
            colour = CMAP(v / vmax)
            low = rec["quality"] in ("low", "no_df")  # no_df: no variance estimate
            ax.add_patch(
                Rectangle(
                    (j, i),
                    1,
                    1,
                    facecolor=colour,
                    edgecolor="white",
                    hatch="////" if low else None,
                    linewidth=0.5,
                )
            )
            txt = formatting.number(100 * v, 0, lang)
            dark = v / vmax > 0.55
            if low:  # black on a white patch: readable over the hatching
                txt = f"({txt})"
            ax.text(
                j + 0.5,
                i + 0.5,
                txt,
                ha="center",
                va="center",
                fontsize=MIN_FONT_PT if small else 8,
                color="white" if dark and not low else "black",
                bbox=dict(boxstyle="square,pad=0.08", facecolor="white", edgecolor="none") if low else None,
            )
    ax.set_xlim(0, len(cols))
    ax.set_ylim(len(rows), 0)
    ax.set_xticks(np.arange(len(cols)) + 0.5)
    ax.set_xticklabels(
        [_wrap(col_labels[c], col_wrap) for c in cols],
        rotation=rotate,
        ha="right" if rotate else "center",
        fontsize=MIN_FONT_PT + 0.5 if small else 8.5,
    )
    ax.set_yticks(np.arange(len(rows)) + 0.5)
    ax.set_yticklabels([_wrap(row_labels[r], words.get("heatmap_row_wrap", 52)) for r in rows], fontsize=7.5)
    ax.tick_params(length=0)
    for s in ax.spines.values():
        s.set_visible(False)
    ax.set_title(words["heatmap_note"], fontsize=MIN_FONT_PT + 0.5, loc="left", color=PALETTE["neutral"])
    if xlabel:
        ax.set_xlabel(xlabel)
    fig.subplots_adjust(bottom=0.2 if rotate else 0.1)
    return fig


def cause_graph(
    problem_label: str,
    causes: pd.DataFrame,
    links: list,
    labels: dict,
    roots: pd.DataFrame,
    source: str,
    words: dict,
    lang: str,
):
    """The cause graph of one problem: the problem's causes and the causes upstream of them.

    Boxes: causes (share naming them, %, when published); dark boxes are root causes with their rank
    and reach (%); arrows: "drives". Layout: columns by depth from the roots, problem on the right.
    """
    shown = set(causes["cause"])
    changed = True
    while changed:
        changed = False
        for a, b in links:
            if b in shown and a not in shown:
                shown.add(a)
                changed = True
    depth = {}

    def d(n):
        if n not in depth:
            ps = [a for a, b in links if b == n and a in shown]
            depth[n] = 0 if not ps else 1 + max(d(p) for p in ps)
        return depth[n]

    for n in sorted(shown):
        d(n)
    ncol = max(depth.values()) + 2
    by_col = {}
    for n in sorted(shown, key=lambda n: (depth[n], n)):
        by_col.setdefault(depth[n], []).append(n)
    nrow = max(len(v) for v in by_col.values())
    fig, ax = new_figure(2.5 + 1.6 * max(nrow, 2))
    ax.axis("off")
    ax.set_xlim(0, ncol)
    ax.set_ylim(0, max(nrow, 2))
    pos = {}
    for col, nodes in by_col.items():
        for k, n in enumerate(nodes):
            pos[n] = (col + 0.5, max(nrow, 2) - (k + 0.5) * max(nrow, 2) / len(nodes))
    share = dict(zip(causes["cause"], causes["est"]))
    root_info = {r["root_cause"]: r for r in roots.to_dict("records")}
    direct = set(causes["cause"])
    ppos = (ncol - 0.5, max(nrow, 2) / 2)
    boxes = {}
    for n in sorted(shown):
        x, y = pos[n]
        is_root = n in root_info
        face = PALETTE["primary"] if is_root else "white"
        colour = "white" if is_root else "black"
        # Columns narrow as the chain of causes grows: a label wraps sooner so the boxes do not overlap.
        text = _wrap(labels[n], 22 if ncol <= 3 else 18 if ncol == 4 else 14)
        extra = []
        if n in share and pd.notna(share[n]):
            extra.append(formatting.percent(share[n], 0, lang))
        if is_root and pd.notna(root_info[n]["est"]):
            extra.append(f"№{int(root_info[n]['rank'])}: {formatting.percent(root_info[n]['est'], 0, lang)}")
        if extra:
            text += "\n" + " · ".join(extra)
        boxes[n] = ax.text(
            x,
            y,
            text,
            ha="center",
            va="center",
            fontsize=MIN_FONT_PT,
            color=colour,
            bbox=dict(boxstyle="round,pad=0.3", facecolor=face, edgecolor=PALETTE["primary"], linewidth=0.8),
        )
    target = ax.text(
        ppos[0],
        ppos[1],
        _wrap(problem_label, 18),
        ha="center",
        va="center",
        fontsize=7.5,
        fontweight="bold",
        bbox=dict(boxstyle="round,pad=0.4", facecolor=PALETTE["secondary"], edgecolor="none"),
    )

    def arrow(a, b, colour, width, alpha=1.0):
        ax.annotate(
            "",
            xy=(0, 0.5),
            xycoords=b,
            xytext=(1, 0.5),
            textcoords=a,
            arrowprops=dict(
                arrowstyle="-|>",
                color=colour,
                linewidth=width,
                alpha=alpha,
                shrinkA=2,
                shrinkB=2,
                mutation_scale=9,
            ),
        )

    for n in sorted(shown):
        if n in direct:
            arrow(boxes[n], target, PALETTE["neutral"], 0.7, 0.7)
    for a, b in links:
        if a in shown and b in shown:
            arrow(boxes[a], boxes[b], PALETTE["primary"], 1.1)
    fig.text(0.01, 0.005, words["cause_graph_note"], fontsize=MIN_FONT_PT, color=PALETTE["neutral"])
    return fig


def effects(tab: pd.DataFrame, outcome_labels: dict, cause_labels: dict, source: str, words: dict, lang: str):
    """Forest plot of significant average marginal effects (percentage points) with 95% intervals."""
    t = tab.sort_values(["outcome", "ame"]).reset_index(drop=True)
    fig, ax = new_figure(2.5 + 0.75 * max(len(t), 1))
    ys = np.arange(len(t))
    ax.errorbar(
        100 * t["ame"],
        ys,
        xerr=[100 * (t["ame"] - t["lci"]), 100 * (t["uci"] - t["ame"])],
        fmt="o",
        color=PALETTE["primary"],
        ecolor=PALETTE["primary"],
        capsize=3,
        markersize=4,
    )
    ax.axvline(0, color=PALETTE["neutral"], linewidth=0.8)
    ax.set_yticks(ys)
    ax.set_yticklabels(
        [_wrap(f"{outcome_labels[o]}: {cause_labels[c]}", 48) for c, o in zip(t["cause"], t["outcome"])],
        fontsize=7.5,
    )
    ax.set_xlabel(words["effects_xlabel"])
    ax.xaxis.set_major_formatter(number_formatter(0, lang))
    fig.subplots_adjust(bottom=0.25)
    return fig


def risks(tab: pd.DataFrame, labels: dict, source: str, words: dict, lang: str):
    """Likelihood against impact (1-5 means) with 95% intervals in both directions."""
    fig, ax = new_figure(10.5)
    ax.errorbar(
        tab["likelihood"],
        tab["impact"],
        xerr=[tab["likelihood"] - tab["likelihood_lci"], tab["likelihood_uci"] - tab["likelihood"]],
        yerr=[tab["impact"] - tab["impact_lci"], tab["impact_uci"] - tab["impact"]],
        fmt="o",
        color=PALETTE["primary"],
        ecolor=PALETTE["primary"],
        capsize=2,
        markersize=4,
    )
    # Points are numbered in the table's order (by likelihood); the names are listed beside the chart.
    for k, rec in enumerate(tab.to_dict("records"), start=1):
        ax.annotate(
            str(k),
            (rec["likelihood"], rec["impact"]),
            xytext=(4, 3),
            textcoords="offset points",
            fontsize=7.5,
            fontweight="bold",
            color=PALETTE["negative"],
        )
    fig.text(
        0.66,
        0.92,
        "\n".join(
            f"{k}. {_wrap(labels[r], 34)}".replace("\n", "\n     ")
            for k, r in enumerate(tab["risk"], start=1)
        ),
        fontsize=7,
        va="top",
        linespacing=1.35,
    )
    fig.subplots_adjust(right=0.62)
    lo = min(tab["likelihood_lci"].min(), tab["impact_lci"].min()) - 0.3
    hi = max(tab["likelihood_uci"].max(), tab["impact_uci"].max()) + 0.5
    ax.set_xlim(max(1, lo), min(5, hi + 0.4))
    ax.set_ylim(max(1, lo), min(5, hi))
    ax.set_xlabel(words["risks_xlabel"])
    ax.set_ylabel(words["risks_ylabel"])
    ax.xaxis.set_major_formatter(number_formatter(1, lang))
    ax.yaxis.set_major_formatter(number_formatter(1, lang))
    fig.subplots_adjust(bottom=0.16)
    return fig
