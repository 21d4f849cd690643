"""Charts of stage 1 (the 16 key indicators, sectors, regions) in the house style.

Colours keep one meaning throughout (industry_report/publish/chart_style.py): Kazakhstan / the main series in
``primary``, comparison series in ``secondary``, medium- and high-technology in ``tertiary``, and
estimated values always grey (``estimate``) with dashes or hatching, so they can be told apart in
print without colour. A year without a published value is left empty and labelled. Every chart has
a source line under it.
Each function takes tidy data, its words (report/chart-words-<lang>.yml, section indicators) and
the language its numbers are written in, and returns a matplotlib figure.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from industry_report.core import formatting
from industry_report.publish.chart_style import PALETTE, new_figure, number_formatter

REAL_STATUSES = ("real", "derived", "proxy")


def _years_axis(ax, first: int, last: int) -> None:
    ax.set_xlim(first - 0.6, last + 0.6)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=10))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _p: f"{int(x)}"))


def _split(table: pd.DataFrame, ind: str, first: int | None = None, last: int | None = None):
    t = table[table["indicator_id"] == ind].sort_values("year")
    if first is not None:
        t = t[t["year"] >= first]
    if last is not None:
        t = t[t["year"] <= last]
    return t


def _line_with_estimates(
    ax,
    t: pd.DataFrame,
    colour: str,
    label: str | None,
    scale: float = 1.0,
    marker: str = "o",
    common: dict | None = None,
) -> None:
    """Solid line for real/derived/proxy cells; grey dashed for estimates.

    The grey part starts at the last real point so the reader sees where the estimate begins.
    With ``common`` (the shared labels) the grey parts get legend entries.
    """
    real = t[t["status"].isin(REAL_STATUSES)]
    ax.plot(real["year"], real["value"] * scale, color=colour, lw=1.8, marker=marker, ms=3.2, label=label)
    for status, ls, mk in (("estimate", "--", marker),):
        est = t[t["status"] == status]
        if est.empty:
            continue
        join = real[real["year"] < est["year"].min()].tail(1)
        e = pd.concat([join, est])
        ax.plot(
            e["year"],
            e["value"] * scale,
            color=PALETTE["estimate"],
            lw=1.5,
            ls=ls,
            marker=mk,
            ms=3.5,
            mfc="white",
            mec=PALETTE["estimate"],
            label=common[status] if common else None,
        )


def _int_axis(ax, lang: str, decimals: int = 0) -> None:
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10], integer=decimals == 0))
    ax.yaxis.set_major_formatter(number_formatter(decimals, lang))


def structure(table: pd.DataFrame, first: int, last: int, labels: dict, common: dict, lang: str):
    """I06 (manufacturing share of GDP) and I08 (MHT share of MVA), per cent."""
    fig, ax = new_figure(height_cm=8.0)
    _line_with_estimates(ax, _split(table, "I06", first, last), PALETTE["primary"], labels["mva_share"])
    _line_with_estimates(
        ax, _split(table, "I08", first, last), PALETTE["tertiary"], labels["mht_share"], marker="s"
    )
    _years_axis(ax, first, last)
    ax.set_ylim(0, None)
    _int_axis(ax, lang)
    ax.set_ylabel(common["percent"])
    ax.legend(loc="lower left", frameon=False)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def ipi(
    table: pd.DataFrame, ipi_total: pd.Series, first: int, last: int, labels: dict, common: dict, lang: str
):
    """Growth of manufacturing (I02 - 100) as bars and of total industry as a line; gaps labelled."""
    fig, ax = new_figure(height_cm=7.5)
    t = _split(table, "I02", first, last)
    ax.bar(t["year"], t["value"] - 100, color=PALETTE["primary"], width=0.65, label=labels["manufacturing"])
    tot = ipi_total[(ipi_total.index >= first) & (ipi_total.index <= last)]
    ax.plot(
        tot.index,
        tot.values - 100,
        color=PALETTE["secondary"],
        lw=1.6,
        marker="o",
        ms=3,
        label=labels["total"],
    )
    for y, v in zip(t["year"], t["value"] - 100):
        inside = abs(v) >= 1.0  # label inside the bar (white) when it fits, else beside it
        ax.text(
            y,
            (v - 0.15 if v >= 0 else v + 0.15) if inside else (v + 0.15 if v >= 0 else v - 0.15),
            formatting.number(v, 1, lang),
            ha="center",
            fontsize=7.5,
            color="white" if inside else "black",
            va=("top" if v >= 0 else "bottom") if inside else ("bottom" if v >= 0 else "top"),
        )
    missing = [y for y in range(first, last + 1) if y not in set(t["year"])]
    for y in missing:
        ax.text(
            y,
            0.3,
            common["no_data"],
            ha="center",
            va="bottom",
            rotation=90,
            fontsize=7.5,
            color=PALETTE["neutral"],
        )
    ax.axhline(0, color=PALETTE["neutral"], lw=0.8)
    _years_axis(ax, first, last)
    _int_axis(ax, lang)
    ax.set_ylabel(labels["ylabel"])
    ax.legend(loc="upper left", frameon=False, ncols=2)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def levels(table: pd.DataFrame, first: int, last: int, labels: dict, registry: dict, lang: str):
    """Six small multiples of the level indicators over the last ten years (display units).

    Real cells are solid bars; estimated cells grey hatched bars; a year without a value is
    labelled with the no-data word (``labels['no_data']``).
    """
    ids = ["I07", "I15", "I11", "I12", "I03", "I14"]
    scale = {i["id"]: i["display"]["scale"] for i in registry["indicators"]}
    fig, axes = new_figure(height_cm=12.0, nrows=3, ncols=2)
    for ax, ind in zip(axes.flat, ids):
        t = _split(table, ind, first, last)
        real = t["status"].isin(REAL_STATUSES)
        ax.bar(t.loc[real, "year"], t.loc[real, "value"] * scale[ind], color=PALETTE["primary"], width=0.7)
        ax.bar(
            t.loc[~real, "year"],
            t.loc[~real, "value"] * scale[ind],
            color="white",
            edgecolor=PALETTE["estimate"],
            hatch="////",
            width=0.7,
            lw=0.8,
        )
        ax.set_title(labels[ind], loc="left", fontsize=9)
        have = set(t["year"])
        for y in range(first, last + 1):
            if y not in have:
                ax.text(y, 0, "–", ha="center", va="bottom", fontsize=8, color=PALETTE["neutral"])
        _years_axis(ax, first, last)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
        _int_axis(ax, lang)
        ax.grid(axis="x", visible=False)
    fig.tight_layout(rect=(0, 0.04, 1, 1), h_pad=0.8)
    return fig


def world(table: pd.DataFrame, first: int, last: int, labels: dict, common: dict, lang: str):
    """I09 and I10 (shares of the world, per cent) since ``first``; estimates and demo values grey."""
    fig, axes = new_figure(height_cm=7.5, ncols=2)
    for ax, ind in zip(axes, ("I09", "I10")):
        _line_with_estimates(
            ax, _split(table, ind, first, last), PALETTE["primary"], None, marker="o", common=common
        )
        ax.set_title(labels[ind], loc="left", fontsize=9)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="lower right", frameon=False)
        _years_axis(ax, first, last)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
        ax.set_ylim(0, None)
        _int_axis(ax, lang, 2)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig


def peers_trend(peers: pd.DataFrame, measure: str, first: int, last: int, labels: dict, lang: str):
    """One measure over time: Kazakhstan in the main colour, each peer a thin grey line, log scale."""
    fig, ax = new_figure(height_cm=8.0)
    d = peers[(peers["measure"] == measure) & (peers["year"] >= first) & (peers["year"] <= last)]
    for n, (c, g) in enumerate(sorted(d[d["country"] != "KAZ"].groupby("country"))):
        g = g.sort_values("year")
        ax.plot(
            g["year"],
            g["value"],
            color=PALETTE["neutral"],
            lw=0.9,
            alpha=0.7,
            label=labels["peers"] if n == 0 else None,
        )
        ax.text(
            g["year"].iloc[-1] + 0.3,
            g["value"].iloc[-1],
            c,
            fontsize=7,
            va="center",
            color=PALETTE["neutral"],
        )
    k = d[d["country"] == "KAZ"].sort_values("year")
    ax.plot(
        k["year"], k["value"], color=PALETTE["primary"], lw=2.2, marker="o", ms=3, label=labels["kazakhstan"]
    )
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(number_formatter(0, lang))
    _years_axis(ax, first, last + 2)
    ax.set_ylabel(labels["ylabel"])
    ax.legend(loc="upper left", frameon=False)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def divisions(rows: pd.DataFrame, labels: dict, lang: str):
    """Horizontal bars: weight of each division 10-33 in MVA (per cent), MHT divisions highlighted."""
    r = rows.sort_values("share")
    names = [f"{c} {n}" for c, n in zip(r["code"], r["name"])]
    fig, ax = new_figure(height_cm=14.0)
    colours = [PALETTE["tertiary"] if m else PALETTE["primary"] for m in r["mht"]]
    ax.barh(names, r["share"] * 100, color=colours, height=0.7)
    ax.scatter(
        r["share_5y_ago"] * 100,
        names,
        marker="|",
        s=60,
        color="black",
        zorder=3,
        label=labels["five_years_ago"],
    )
    for y, (v, v5) in enumerate(zip(r["share"] * 100, r["share_5y_ago"].fillna(0) * 100)):
        ax.text(max(v, v5) + 0.5, y, formatting.number(v, 1, lang), va="center", fontsize=7.5)
    from matplotlib.patches import Patch

    handles = [
        Patch(color=PALETTE["tertiary"], label=labels["mht"]),
        Patch(color=PALETTE["primary"], label=labels["other"]),
        ax.collections[0],
    ]
    ax.set_xlabel(labels["xlabel"])
    ax.xaxis.set_major_formatter(number_formatter(0, lang))
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", labelsize=7.5)
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.025), ncols=3, frameon=False)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return fig


def mht_stack(mht: pd.DataFrame, first: int, last: int, labels: dict, lang: str):
    """Stacked bars of the MHT groups (20, 21, 26-30) as per cent of manufacturing value added."""
    m = mht[(mht["year"] >= first) & (mht["year"] <= last)].sort_values("year")
    fig, ax = new_figure(height_cm=7.5)
    bottom = pd.Series(0.0, index=m.index)
    shades = {"20": PALETTE["tertiary"], "21": "#66C5AB", "26-30": "#005F45"}
    for g, colour in shades.items():
        v = m[f"share_{g}"] * 100
        ax.bar(m["year"], v, bottom=bottom, color=colour, width=0.7, label=labels["groups"][g])
        bottom += v
    for y, tot in zip(m["year"], bottom):
        ax.text(y, tot + 0.3, formatting.number(tot, 1, lang), ha="center", va="bottom", fontsize=7.5)
    _years_axis(ax, first, last)
    ax.yaxis.set_major_formatter(number_formatter(0, lang))
    ax.set_ylabel(labels["ylabel"])
    ax.set_ylim(0, float(bottom.max()) * 1.3)
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left", frameon=False, ncols=3)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def regions_overview(rows: pd.DataFrame, national_share: float, labels: dict, lang: str):
    """20 regions side by side: MVA (billion KZT) and its share in GRP (per cent), same order."""
    r = rows.sort_values("mva_bn")
    fig, (a1, a2) = new_figure(height_cm=12.5, ncols=2, sharey=True)
    a1.barh(r["name"], r["mva_bn"], color=PALETTE["primary"], height=0.7)
    for y, v in enumerate(r["mva_bn"]):
        a1.text(v + r["mva_bn"].max() * 0.01, y, formatting.number(v, 0, lang), va="center", fontsize=7.5)
    a1.set_xlim(0, r["mva_bn"].max() * 1.22)
    a1.set_title(labels["mva"], loc="left", fontsize=9)
    a2.barh(r["name"], r["mva_share_grp"] * 100, color=PALETTE["primary"], height=0.7)
    a2.axvline(national_share * 100, color=PALETTE["secondary"], lw=1.4, ls="-")
    a2.set_ylim(-1.7, len(r) - 0.4)
    a2.text(
        national_share * 100 + 0.6,
        -1.2,
        f"{labels['national']}: {formatting.number(national_share * 100, 1, lang)}",
        va="center",
        fontsize=7.5,
        color=PALETTE["secondary"],
    )
    for y, v in enumerate(r["mva_share_grp"] * 100):
        a2.text(v + 0.5, y, formatting.number(v, 1, lang), va="center", fontsize=7.5)
    a2.set_xlim(0, (r["mva_share_grp"] * 100).max() * 1.2)
    a2.set_title(labels["share"], loc="left", fontsize=9)
    for ax in (a1, a2):
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_formatter(number_formatter(0, lang))
    a1.tick_params(axis="y", labelsize=8)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig
