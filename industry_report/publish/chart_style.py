"""House style for every chart: fonts that cover Kazakh, one palette, deterministic PNG and SVG.

All charts use PT Sans (packaged on PyPI, so no system font is needed), are saved no wider than the
A4 text column (16 cm; the page's text width is 16.5 cm, report/page.yml), so they print at their
own size, and are readable at print size: :func:`save` refuses a chart with a text under
MIN_FONT_PT (7 pt) at that size. The source of a chart is printed once, under its caption in the
chapter, never inside the image; a note that explains a mark of the chart goes in with
:func:`add_note`. The PDF prints the SVG (vector), the DOCX the 300-dpi PNG. The same thing always has
the same colour: see PALETTE and SIZE_COLOURS. Numbers in charts are written by
industry_report.core.formatting, as in the text; the words come from report/chart-words-<lang>.yml
(publish/chart_words.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import fontpkg  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.text  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.container import BarContainer  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from industry_report.core import formatting  # noqa: E402
from industry_report.core.io import atomic_path  # noqa: E402

CM = 1 / 2.54
TEXT_WIDTH_CM = 16.0
# The smallest text a chart may print (points at printed size), and the PNG resolution for print.
MIN_FONT_PT = 7.0
PNG_DPI = 300
FONT_FAMILY = "PT Sans"

# Colour-blind-safe palette (Okabe-Ito order), fixed meanings across the report.
PALETTE = {
    "primary": "#0072B2",  # Kazakhstan / the main series
    "secondary": "#E69F00",  # comparison series (world, previous year)
    "tertiary": "#009E73",
    "quaternary": "#CC79A7",
    "neutral": "#7F7F7F",  # context, totals, gridlines text
    "estimate": "#B0B0B0",  # estimated or demonstration values (always with hatch or dashes)
    "negative": "#D55E00",
}
SIZE_COLOURS = {"small": "#56B4E9", "medium": "#0072B2", "large": "#003F63"}

_registered = False


def register_fonts() -> None:
    """Register PT Sans / PT Serif from their PyPI packages with matplotlib (once)."""
    global _registered
    if _registered:
        return
    for fam in ("pt-sans", "pt-serif"):
        for f in fontpkg.family(fam).files:
            font_manager.fontManager.addfont(str(f.path))
    _registered = True


def apply_style() -> None:
    register_fonts()
    plt.rcParams.update(
        {
            "font.family": FONT_FAMILY,
            "font.size": 9,
            "axes.titlesize": 10,
            "axes.labelsize": 9,
            "xtick.labelsize": 8.5,
            "ytick.labelsize": 8.5,
            "legend.fontsize": 8.5,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.color": "#DDDDDD",
            "grid.linewidth": 0.6,
            "axes.axisbelow": True,
            "axes.prop_cycle": matplotlib.cycler(color=list(PALETTE.values())),
            "figure.dpi": 100,
            "savefig.dpi": PNG_DPI,
            "svg.hashsalt": "national-report",
            "axes.formatter.use_locale": False,
        }
    )


def new_figure(height_cm: float = 9.0, width_cm: float = TEXT_WIDTH_CM, **kwargs):
    apply_style()
    return plt.subplots(figsize=(width_cm * CM, height_cm * CM), **kwargs)


def add_note(fig, text: str) -> None:
    """A note under the chart that explains one of its marks (the source goes under the caption)."""
    fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=MIN_FONT_PT, color=PALETTE["neutral"])


class ChartError(ValueError):
    """A chart that would not be legible at print size."""


def _tight_width_in(fig) -> float:
    # A layout pass without rasterising (text and marks are measured, no pixel is drawn): the
    # tight box is the same as after a full draw, at a fraction of its cost.
    fig.draw_without_rendering()
    return fig.get_tightbbox(fig.canvas.get_renderer()).width


def fit_width(fig, width_cm: float = TEXT_WIDTH_CM, pad_in: float = 0.05) -> float:
    """Narrow the figure until its saved (tight) box is at most ``width_cm`` wide, so that it is
    printed at its own size: labels that stick out of the figure keep their size, the plot shrinks.
    Returns the tight width (inches) of the figure as it is left, so the legibility check need not
    lay it out again."""
    target = width_cm * CM - 2 * pad_in
    for _ in range(6):
        width = _tight_width_in(fig)
        over = width - target
        if over <= 0.005:
            return width
        w, h = fig.get_size_inches()
        fig.set_size_inches(max(w - over - 0.01, w * 0.4), h)
    return _tight_width_in(fig)


def small_texts(
    fig, width_cm: float = TEXT_WIDTH_CM, min_pt: float = MIN_FONT_PT, tight_width_in: float | None = None
) -> list[tuple[str, float]]:
    """Every visible text of ``fig`` smaller than ``min_pt`` once the saved figure is scaled to
    ``width_cm`` (if it is wider): (text, printed size in points). ``tight_width_in``: the figure's
    tight width if already measured (fit_width's answer), else it is measured here."""
    if tight_width_in is None:
        tight_width_in = _tight_width_in(fig)
    scale = min(1.0, width_cm * CM / tight_width_in)
    found = []
    for t in fig.findobj(matplotlib.text.Text):
        if t.get_visible() and t.get_text().strip() and t.figure is fig:
            size = t.get_fontsize() * scale
            if size < min_pt - 1e-9:
                found.append((t.get_text(), round(size, 2)))
    return found


def check_legible(fig, tight_width_in: float | None = None) -> None:
    small = small_texts(fig, tight_width_in=tight_width_in)
    if small:
        shown = "; ".join(f"{text!r} at {size} pt" for text, size in small[:8])
        raise ChartError(f"chart text under {MIN_FONT_PT:g} pt at print size: {shown}")


def number_formatter(decimals: int, lang: str) -> FuncFormatter:
    """Axis ticks written as the text writes numbers (industry_report.core.formatting.number)."""
    return FuncFormatter(lambda x, _pos: formatting.number(x, decimals, lang))


def svg_path(path: str | Path) -> Path:
    """The vector copy of a chart: the same name with .svg, beside the PNG."""
    return Path(path).with_suffix(".svg")


def save(fig, path: str | Path, words: dict | None = None) -> None:
    """Save as PNG and, beside it, as SVG (a vector file for print and for editing), with no
    timestamp or software metadata and a fixed id salt, so two builds give identical bytes.
    The figure is first fitted to the text width and checked for legibility (ChartError).
    ``words`` (the chart words) gives the alternative text (:func:`describe`), stored in both files
    as their Description, where the documents take it from (publish/rendering.py, docx_post.py)."""
    check_legible(fig, fit_width(fig))
    alt = describe(fig, words["alt"]) if words else None
    kw = dict(bbox_inches="tight", pad_inches=0.05)
    with atomic_path(path) as tmp:
        fig.savefig(
            tmp, format="png", metadata={"Software": None, **({"Description": alt} if alt else {})}, **kw
        )
    with plt.rc_context({"svg.hashsalt": "national-report", "svg.fonttype": "path"}):
        with atomic_path(svg_path(path)) as tmp:
            meta = {"Date": None, **({"Description": alt} if alt else {})}
            fig.savefig(tmp, format="svg", metadata=meta, **kw)
    plt.close(fig)


# Alternative text -----------------------------------------------------------------------------------
_NUMBER = re.compile(r"^\(?[−\-–]?\d[\d\s\u00a0]*(?:[.,]\d+)?\)?\*?$")


def _labels(texts) -> list[str]:
    return [" ".join(t.get_text().split()) for t in texts if t.get_text().strip()]


def _value(text: str) -> float | None:
    s = text.strip().strip("()*").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    s = s.replace("−", "-").replace("–", "-")
    try:
        return float(s)
    except ValueError:
        return None


def _join(names: list[str], limit: int = 6) -> str:
    names = list(dict.fromkeys(n for n in names if n))
    return "; ".join(names[:limit]) + ("; …" if len(names) > limit else "")


def describe(fig, words: dict) -> str:
    """The alternative text of a chart, from its own objects: the kind of chart, what its axes,
    panels or series show, and its largest value (``words``: the section alt of the chart words).

    The largest value is the largest number written on the chart (bar labels, heat-map cells) with
    the category it belongs to; a chart without written numbers names its axes and series only."""
    axes = [ax for ax in fig.axes if ax.get_visible() and ax.axison and (ax.has_data() or ax.texts)]
    kind = "chart"
    for ax in axes:
        n_rects = sum(isinstance(p, Rectangle) for p in ax.patches)
        if ax.images or (n_rects >= 4 and not ax.containers):  # cells drawn as patches
            kind = "heatmap"
        elif any(isinstance(c, BarContainer) for c in ax.containers):
            kind = "bar" if kind == "chart" else kind
        elif ax.collections or ax.containers:  # points, with or without error bars or a fitted line
            kind = "scatter" if kind == "chart" else kind
        elif ax.lines:
            kind = "line" if kind == "chart" else kind
    if not axes:
        kind = "graph"
    sentences = [words[kind] + "."]
    titles = _labels(ax.title for ax in axes) + _labels(ax._left_title for ax in axes)
    if len(axes) > 1 and titles:
        sentences.append(words["panels"].format(names=_join(titles)))
    legends = [t for ax in axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    legends += [t for lg in fig.legends for t in lg.get_texts()]
    if legends:
        sentences.append(words["series"].format(names=_join(_labels(legends))))
    if axes:
        ax = axes[0]
        xs, ys = _labels(ax.get_xticklabels()), _labels(ax.get_yticklabels())
        if kind == "heatmap":
            sentences.append(
                words["rows_columns"].format(
                    rows=_join(ys, 3), n_rows=len(ys), cols=_join(xs, 3), n_cols=len(xs)
                )
            )
        else:
            x, y = " ".join(ax.get_xlabel().split()), " ".join(ax.get_ylabel().split())
            if x and y:
                sentences.append(words["axes"].format(x=x, y=y))
            elif x or y:
                sentences.append(words["x_axis" if x else "y_axis"].format(label=x or y))
            cats = ys if ax.containers and len(ys) > 1 and all(_value(s) is None for s in ys) else []
            cats = cats or (xs if len(xs) > 1 and all(_value(s) is None for s in xs) else [])
            if cats:
                sentences.append(words["categories"].format(n=len(cats), first=cats[0], last=cats[-1]))
    # The largest number written on the chart; one in parentheses (a low-quality estimate) only
    # when the chart has no other.
    best = None
    for ax in axes:
        for t in ax.texts:
            raw = t.get_text().strip()
            v = _value(raw) if _NUMBER.match(raw) else None
            if v is None:
                continue
            key = (not raw.startswith("("), v)
            if best is None or key > best[0]:
                best = (key, raw.strip("()*"), _where(ax, t, kind))
    if best and best[2]:
        sentences.append(words["largest"].format(label=best[2], value=best[1]))
    return " ".join(sentences)


def _where(ax, t, kind: str) -> str:
    """The category a number written on the chart belongs to: the tick label(s) nearest to it."""
    x, y = t.get_position()

    def nearest(ticks, labels, at):
        pairs = [(abs(p - at), lab) for p, lab in zip(ticks, labels) if lab]
        return min(pairs)[1] if pairs else ""

    xl = [" ".join(s.get_text().split()) for s in ax.get_xticklabels()]
    yl = [" ".join(s.get_text().split()) for s in ax.get_yticklabels()]
    row, col = nearest(ax.get_yticks(), yl, y), nearest(ax.get_xticks(), xl, x)
    if kind == "heatmap":
        return ", ".join(s for s in (row, col) if s)
    if row and _value(row) is None:
        return row
    if col and _value(col) is None:
        return col
    return ""
