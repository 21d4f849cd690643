"""Charts made for print: legible at printed size (checked from matplotlib's own text objects),
fitted to the text width, with an alternative text written from the chart's contents."""

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT
from industry_report.idi import charts as idi_charts
from industry_report.publish import chart_style
from industry_report.publish.chart_style import CM, MIN_FONT_PT, ChartError, describe, small_texts
from industry_report.publish.chart_words import load_chart_words
from industry_report.publish.figure_alt import read_alt
from industry_report.publish.page import load_page
from industry_report.survey import charts as survey_charts

WORDS = load_chart_words(ROOT / "report/chart-words-kk.yml")
LONG = "Шикізат пен жинақтаушы бұйымдарға қол жеткізу және тағы басқа ұзын атау"


def _survey_table(rows, cols, seed=1):
    rng = np.random.default_rng(seed)
    recs = []
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            quality = "suppressed" if (i + j) % 7 == 0 else ("low" if (i * j) % 5 == 1 else "ok")
            recs.append({"problem": r, "domain": c, "est": rng.uniform(0.02, 0.7), "quality": quality})
    return pd.DataFrame(recs)


def test_the_charts_fit_the_text_width_of_the_page():
    page = load_page(ROOT / "report/page.yml")
    assert chart_style.TEXT_WIDTH_CM <= page.text_width_cm


def test_a_small_text_is_found_at_its_printed_size():
    fig, ax = chart_style.new_figure(6)
    ax.text(0.5, 0.5, "кіші", fontsize=6.5)
    ax.text(0.2, 0.2, "үлкен", fontsize=8)
    assert ("кіші", 6.5) in small_texts(fig)
    assert all(t != "үлкен" for t, _ in small_texts(fig))
    with pytest.raises(ChartError, match="кіші"):
        chart_style.check_legible(fig)


def test_a_figure_wider_than_the_page_prints_its_text_smaller():
    # about 25 cm wide once trimmed, printed at 16 cm: an 8-pt text prints at 5 pt (the old heat maps).
    fig, ax = chart_style.new_figure(6, width_cm=32)
    ax.text(0.5, 0.5, "мәтін", fontsize=8)
    sizes = dict(small_texts(fig))
    assert sizes["мәтін"] == pytest.approx(8 * 16 / (fig.get_tightbbox().width / CM), abs=0.05)
    assert sizes["мәтін"] < MIN_FONT_PT


def test_fit_width_keeps_long_labels_inside_the_text_width():
    fig, ax = chart_style.new_figure(6)
    ax.barh([0, 1], [1, 2])
    ax.set_yticks([0, 1], [LONG, LONG])
    assert chart_style._tight_width_in(fig) / CM > 16.5  # the labels stick out on the left
    chart_style.fit_width(fig)
    assert chart_style._tight_width_in(fig) / CM <= 16.0 - 0.09
    assert small_texts(fig) == []


@pytest.mark.parametrize("n_cols", [4, 17, 23])
def test_the_survey_heat_maps_are_legible_at_print_size(n_cols):
    rows = {f"p{i}": f"{LONG[: 20 + i]}" for i in range(18)}
    cols = {f"{10 + j}": f"Өңір атауы {j}" for j in range(n_cols)}
    fig = survey_charts.heatmap(
        _survey_table(rows, cols),
        rows,
        cols,
        "source",
        row_key="problem",
        words=WORDS["survey"],
        lang="kk",
        rotate=60 if n_cols > 10 else 0,
        height_cm=14,
    )
    chart_style.fit_width(fig)
    assert small_texts(fig) == []
    sizes = [t.get_fontsize() for t in fig.axes[0].texts]
    assert min(sizes) >= MIN_FONT_PT
    # a low-quality value sits on a white patch over the hatching, in black
    low = [t for t in fig.axes[0].texts if t.get_text().startswith("(")]
    assert low and all(t.get_bbox_patch() is not None and t.get_color() == "black" for t in low)


def test_the_idi_bar_charts_are_legible_and_say_their_largest_value():
    labels = [f"{LONG} {i}" for i in range(6)]
    fig = idi_charts._hbars(
        labels, np.array([0.1, -0.2, 0.35, 0.05, 0.0, 0.2]), "ұпай", True, WORDS["idi"], "kk"
    )
    chart_style.fit_width(fig)
    assert small_texts(fig) == []
    alt = describe(fig, WORDS["alt"])
    assert alt.startswith(WORDS["alt"]["bar"])
    # 0,350 is the largest bar; its label is the third category
    assert WORDS["alt"]["largest"].format(label=labels[2], value="0,350") in alt


def test_the_heat_map_alt_text_names_the_cell_of_its_largest_value():
    rows = {"a": "Бірінші", "b": "Екінші"}
    cols = {"x": "Шағын", "y": "Ірі"}
    tab = pd.DataFrame(
        [
            ("a", "x", 0.10, "ok"),
            ("a", "y", 0.90, "low"),  # the largest, but of low quality: not the message
            ("b", "x", 0.62, "ok"),
            ("b", "y", 0.30, "ok"),
        ],
        columns=["problem", "domain", "est", "quality"],
    )
    fig = survey_charts.heatmap(tab, rows, cols, "s", row_key="problem", words=WORDS["survey"], lang="kk")
    alt = describe(fig, WORDS["alt"])
    assert alt.startswith(WORDS["alt"]["heatmap"])
    assert WORDS["alt"]["largest"].format(label="Екінші, Шағын", value="62") in alt


def test_save_stores_the_alt_text_in_the_png_and_the_svg(tmp_path):
    fig, ax = chart_style.new_figure(5)
    ax.bar(["Бір", "Екі"], [1, 3])
    ax.text(1, 3, "3", fontsize=8)
    ax.set_ylabel("Үлес, %")
    png = tmp_path / "f.png"
    chart_style.save(fig, png, WORDS)
    alt = read_alt(png)
    assert alt and alt.startswith(WORDS["alt"]["bar"]) and "Үлес, %" in alt
    assert WORDS["alt"]["largest"].format(label="Екі", value="3") in alt
    assert alt in (tmp_path / "f.svg").read_text(encoding="utf-8")
    # 300 dpi: a 5-cm high figure is about 590 pixels high
    from PIL import Image

    with Image.open(png) as im:
        assert round(im.info["dpi"][0]) == chart_style.PNG_DPI


def test_save_refuses_an_illegible_chart(tmp_path):
    fig, ax = chart_style.new_figure(5)
    ax.text(0.5, 0.5, "ұсақ", fontsize=5)
    with pytest.raises(ChartError):
        chart_style.save(fig, tmp_path / "f.png", WORDS)
    assert not (tmp_path / "f.png").exists()
