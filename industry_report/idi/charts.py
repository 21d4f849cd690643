"""Charts of the IDI chapter (house style of industry_report/publish/chart_style.py).

Each function takes plain tables (as the IDI rules write them) and returns a matplotlib figure;
the entry script saves it. The IDI and block scores are on a 0–1 scale; contributions and gaps are
in IDI points on the same scale. Demonstration data are drawn in the house's colours but every
source line says so (the chart words' demo_note) when ``demo`` is set. ``words`` is the section idi of
report/chart-words-<lang>.yml; numbers are written by core.formatting in ``lang``.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from industry_report.core import formatting
from industry_report.publish.chart_style import PALETTE, add_note, new_figure, number_formatter


def _wrap(s: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(s, width)) or s


def block_profile(
    blocks: pd.DataFrame, idi: float, year: int, prev_year: int, demo: bool, words: dict, lang: str
):
    """Horizontal bars of D_m (report year) with the previous year as markers; IDI as a line.

    ``blocks``: columns name, d, d_prev in life-cycle order (first at the top).
    """
    fig, ax = new_figure(10.5)
    y = np.arange(len(blocks))[::-1]
    ax.barh(y, blocks["d"], color=PALETTE["primary"], height=0.62, label=f"{year}")
    ax.scatter(
        blocks["d_prev"],
        y,
        marker="|",
        s=160,
        linewidths=2.2,
        color=PALETTE["secondary"],
        zorder=3,
        label=f"{prev_year}",
    )
    ax.axvline(idi, color=PALETTE["neutral"], ls="--", lw=1)
    ax.text(
        idi,
        len(blocks) - 0.35,
        f"{words['idi']} {formatting.number(idi, 2, lang)}",
        ha="center",
        va="bottom",
        fontsize=8,
        color=PALETTE["neutral"],
    )
    for yi, d in zip(y, blocks["d"]):
        if not np.isnan(d):
            ax.text(min(d + 0.01, 0.93), yi, formatting.number(d, 2, lang), va="center", fontsize=8)
    ax.set_yticks(y, [_wrap(n) for n in blocks["name"]])
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(number_formatter(1, lang))
    ax.set_xlabel(words["blocks_xlabel"])
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", frameon=False, ncols=2)
    fig.subplots_adjust(bottom=0.17)
    return fig


def trend(series: pd.DataFrame, demo: bool, draws: int, words: dict, lang: str):
    """IDI by year with the Monte Carlo 5–95 % band. ``series``: year, idi, p05, p95."""
    fig, ax = new_figure(7.5)
    ax.fill_between(
        series["year"],
        series["p05"],
        series["p95"],
        color=PALETTE["primary"],
        alpha=0.18,
        lw=0,
        label=words["trend_band"].format(draws=formatting.integer(draws, lang)),
    )
    ax.plot(series["year"], series["idi"], color=PALETTE["primary"], marker="o", ms=4, label=words["idi"])
    for x, v in zip(series["year"].iloc[[-1]], series["idi"].iloc[[-1]]):
        ax.annotate(
            formatting.number(v, 2, lang), (x, v), xytext=(4, 6), textcoords="offset points", fontsize=8
        )
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(number_formatter(1, lang))
    ax.set_xticks(series["year"], [str(y) for y in series["year"]])
    ax.legend(loc="upper left", frameon=False)
    fig.subplots_adjust(bottom=0.14)
    add_note(fig, words["trend_source"])
    return fig


def _hbars(labels, values, xlabel, demo, words, lang, colour_by_sign=True, height=8.5, decimals=3):
    fig, ax = new_figure(height)
    if len(values) == 0:  # nothing moved / no gaps: an empty chart that says so
        ax.axis("off")
        ax.text(0.5, 0.5, words["no_change"], ha="center", va="center", transform=ax.transAxes)
        return fig
    y = np.arange(len(values))[::-1]
    colours = [PALETTE["primary"] if (v >= 0 or not colour_by_sign) else PALETTE["negative"] for v in values]
    ax.barh(y, values, color=colours, height=0.6)
    ax.axvline(0, color=PALETTE["neutral"], lw=0.8)
    span = max(abs(np.nanmin(values)), abs(np.nanmax(values))) or 1.0
    for yi, v in zip(y, values):
        ax.text(
            v + (0.02 * span if v >= 0 else -0.02 * span),
            yi,
            formatting.number(v, decimals, lang),
            va="center",
            ha="left" if v >= 0 else "right",
            fontsize=8,
        )
    ax.set_yticks(y, [_wrap(s, 42) for s in labels])
    lo = min(0, np.nanmin(values)) - 0.25 * span
    hi = max(0, np.nanmax(values)) + 0.25 * span
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_formatter(number_formatter(decimals, lang))
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    fig.subplots_adjust(bottom=0.17)
    return fig


def change_by_act(acts: pd.DataFrame, demo: bool, words: dict, lang: str, top: int = 8):
    """Contribution of each legal act to the IDI's change. ``acts``: act (label), contribution."""
    a = acts.head(top)
    return _hbars(
        list(a["act"]), a["contribution"].to_numpy(float), words["change_xlabel"], demo, words, lang
    )


def gaps(reg: pd.DataFrame, demo: bool, words: dict, lang: str, top: int = 10):
    """Gap register: IDI points lost per legal act, highest first. ``reg``: act, idi_points_lost."""
    g = reg.head(top)
    return _hbars(
        list(g["act"]),
        g["idi_points_lost"].to_numpy(float),
        words["gaps_xlabel"],
        demo,
        words,
        lang,
        colour_by_sign=False,
        height=9.5,
    )


def sensitivity(sc: pd.DataFrame, p05: float, p95: float, demo: bool, words: dict, lang: str):
    """IDI under each scenario (dots) against the baseline and the Monte Carlo band."""
    fig, ax = new_figure(13)
    y = np.arange(len(sc))[::-1]
    base = float(sc.loc[sc["kind"] == "baseline", "idi"].iloc[0])
    ax.axvspan(p05, p95, color=PALETTE["primary"], alpha=0.12, lw=0)
    ax.axvline(base, color=PALETTE["primary"], lw=1)
    colours = [
        PALETTE["primary"]
        if k == "baseline"
        else PALETTE["secondary"]
        if k == "mapping"
        else PALETTE["tertiary"]
        if k in ("weights", "aggregation")
        else PALETTE["neutral"]
        for k in sc["kind"]
    ]
    ax.scatter(sc["idi"], y, c=colours, s=28, zorder=3)
    ax.set_yticks(y, [_wrap(s, 64) for s in sc["label"]], fontsize=7.5)
    ax.xaxis.set_major_formatter(number_formatter(2, lang))
    ax.set_xlabel(words["sensitivity_xlabel"])
    ax.grid(axis="y", visible=False)
    fig.subplots_adjust(bottom=0.14)
    return fig


def correlation_heatmap(
    corr: pd.DataFrame, names: dict[str, str], alpha: float, demo: bool, words: dict, lang: str
):
    """Pearson r of each indicator with the IDI: levels and changes, lags 0–2; * = BH-significant."""
    c = corr[corr["analysis"] == "pearson"]
    cols = [(t, l) for t in ("level", "diff") for l in (0, 1, 2)]
    ids = sorted(c["indicator_id"].unique())
    r = np.full((len(ids), len(cols)), np.nan)
    sig = np.zeros_like(r, dtype=bool)
    for j, (t, l) in enumerate(cols):
        s = c[(c["transform"] == t) & (c["lag"] == l)].set_index("indicator_id")
        r[:, j] = s["estimate"].reindex(ids).to_numpy(float)
        sig[:, j] = (s["p_bh"].reindex(ids) < alpha).to_numpy()
    fig, ax = new_figure(16.5)
    im = ax.imshow(r, cmap="RdBu_r", vmin=-1, vmax=1, aspect="auto")
    for i in range(len(ids)):
        for j in range(len(cols)):
            if not np.isnan(r[i, j]):
                ax.text(
                    j,
                    i,
                    formatting.number(r[i, j], 2, lang) + ("*" if sig[i, j] else ""),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if abs(r[i, j]) > 0.6 else "black",
                )
    ax.set_xticks(
        range(len(cols)),
        [
            f"{words['heatmap_level'] if t == 'level' else words['heatmap_change']}"
            f"\n{words['heatmap_lag']} {l}"
            for t, l in cols
        ],
    )
    ax.set_yticks(range(len(ids)), [_wrap(f"{i} {names.get(i, '')}", 54) for i in ids], fontsize=7)
    ax.grid(False)
    ax.tick_params(axis="x", labelsize=7.5, top=True, labeltop=True, bottom=False, labelbottom=False)
    cb = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    cb.ax.yaxis.set_major_formatter(number_formatter(1, lang))
    add_note(fig, words["heatmap_source"])
    return fig


def scatter_top(
    idi: pd.Series,
    wide: pd.DataFrame,
    ids: list[str],
    names: dict[str, str],
    units: dict[str, str],
    demo: bool,
    words: dict,
    lang: str,
):
    """Scatter plots (levels, same year) of the IDI against the most strongly linked indicators."""
    n = len(ids)
    ncols = 2
    nrows = int(np.ceil(n / ncols))
    fig, axes = new_figure(6.2 * nrows, nrows=nrows, ncols=ncols, squeeze=False)
    for ax, ind in zip(axes.ravel(), ids):
        d = pd.concat({"x": idi, "y": wide[ind]}, axis=1, join="inner").dropna()
        ax.scatter(d["x"], d["y"], color=PALETTE["primary"], s=18, zorder=3)
        for yr, row in d.iterrows():
            ax.annotate(
                str(yr)[2:],
                (row["x"], row["y"]),
                xytext=(3, 2),
                textcoords="offset points",
                fontsize=7,
                color=PALETTE["neutral"],
            )
        if len(d) > 1:
            b, a = np.polyfit(d["x"], d["y"], 1)
            xs = np.linspace(d["x"].min(), d["x"].max(), 10)
            ax.plot(xs, a + b * xs, color=PALETTE["secondary"], lw=1)
        ax.set_title(_wrap(f"{ind} {names.get(ind, '')}", 44), fontsize=8)
        ax.set_xlabel(words["idi"], fontsize=8)
        ax.set_ylabel(units.get(ind, ""), fontsize=7.5)
        ax.xaxis.set_major_formatter(number_formatter(2, lang))
        step = max(float(d["y"].max() - d["y"].min()), 1e-12) / 5
        dec = int(max(0, min(3, -np.floor(np.log10(step)))))
        ax.yaxis.set_major_formatter(number_formatter(dec, lang))
    for ax in axes.ravel()[n:]:
        ax.set_visible(False)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    add_note(fig, words["scatter_source"])
    return fig
