"""Chart of the survey sample by region and size class (stacked horizontal bars)."""

from __future__ import annotations

import pandas as pd

from industry_report.core import formatting
from industry_report.publish.chart_style import SIZE_COLOURS, new_figure


def sample_by_region(alloc: pd.DataFrame, region_names: dict, size_names: dict, labels: dict, lang: str):
    """``alloc``: region_code,size,population,sample; ``labels``: the chart's words (section
    sample_by_region of report/chart-words-<lang>.yml); returns a matplotlib figure."""
    wide = alloc.pivot(index="region_code", columns="size", values="sample").fillna(0)
    order = wide.sum(axis=1).sort_values().index
    wide = wide.loc[order]
    fig, ax = new_figure(height_cm=11.5)
    left = pd.Series(0, index=wide.index, dtype=float)
    names = [region_names[c] for c in wide.index]
    for size in ("small", "medium", "large"):
        if size not in wide:
            continue
        ax.barh(
            names,
            wide[size],
            left=left,
            color=SIZE_COLOURS[size],
            label=size_names[size],
            height=0.72,
            edgecolor="white",
            linewidth=0.4,
        )
        left += wide[size]
    for y, total in enumerate(wide.sum(axis=1)):
        ax.text(total + 1.5, y, formatting.integer(total, lang), va="center", fontsize=8)
    ax.set_xlabel(labels["xlabel"])
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, left.max() * 1.1)
    ax.legend(title=labels["legend_title"], loc="lower right", frameon=False)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig
