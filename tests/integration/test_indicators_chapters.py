"""Stage-1 chapters render with the real values: every number printed comes from indicators.json,
gaps are shown as gaps (no invented value), and the labels/cross-references are consistent."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import CONFIG, INDICATOR_INPUTS, INDICATOR_OUTPUTS
from industry_report.core import formatting
from industry_report.publish.templating import make_environment, render_chapter
from scripts.compute_indicators import main

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = ["02-industry.qmd", "03-sectors.qmd", "04-regions.qmd", "95-annex-indicators.qmd"]
FIGURES = [
    "ind_structure",
    "ind_ipi",
    "ind_levels",
    "ind_world",
    "ind_peers",
    "sec_divisions",
    "sec_mht",
    "reg_overview",
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    d = tmp_path_factory.mktemp("ch")
    out = {k: d / (f"{k}.json" if k == "values" else f"{k}.csv") for k in INDICATOR_OUTPUTS}
    main(INDICATOR_INPUTS, out, {"year": CONFIG["year"]})
    values = json.loads(out["values"].read_text(encoding="utf-8"))
    env = make_environment(ROOT / "chapters/kk")
    ctx = {"indicators": values, "report": {"year": CONFIG["year"], "lang": "kk"}}
    return {c: render_chapter(env, c, ctx) for c in CHAPTERS}, values


def test_chapters_render_without_jinja_left(rendered):
    texts, _ = rendered
    for name, text in texts.items():
        assert "<<" not in text and "<%" not in text, name
        assert text.lstrip().startswith("# "), name


def test_headings_have_unique_labels(rendered):
    texts, _ = rendered
    labels = []
    for text in texts.values():
        for line in text.splitlines():
            if line.startswith("#"):
                m = re.search(r"\{#(sec-[a-z0-9-]+)\}\s*$", line)
                assert m, line
                labels.append(m.group(1))
    assert len(labels) == len(set(labels))


def test_every_reference_has_a_target(rendered):
    texts, _ = rendered
    allt = "\n".join(texts.values())
    targets = set(re.findall(r"\{#((?:tbl|fig|sec)-[a-z0-9-]+)\}", allt))
    refs = set(re.findall(r"@((?:tbl|fig)-[a-z0-9-]+)", allt))
    assert refs <= targets, refs - targets
    for f in FIGURES:
        assert f"(figures/{f}.png){{#fig-{f.replace('_', '-')}}}" in allt, f


def test_key_table_numbers(rendered):
    texts, values = rendered
    t = texts["02-industry.qmd"]
    rows = [ln for ln in t.splitlines() if ln.startswith("| ") and "|" in ln[2:]]
    key = {r["id"]: r for r in values["key_table"]}
    mva_share = next(r for r in rows if r.startswith("| 6 |"))
    assert f"| {formatting.number(key['I06']['value'], 1)} |" in mva_share  # 12,9
    assert "есептелген" in mva_share
    i14 = next(r for r in rows if r.startswith("| 14 |"))
    assert "| 2022 |" in i14 and "| нақты |" in i14
    assert formatting.percent(values["national"]["mva_share"], 1) in t  # 12,9%
    assert formatting.integer(8892) in t


def source_line(text: str, fig: str) -> str:
    """The 'Дереккөз: ...' paragraph that follows a figure, joined into one line."""
    after = text.split(f"(figures/{fig}.png)", 1)[1].split("\n\n", 2)[1]
    assert after.startswith("::: {.source-note}\nДереккөз:"), after[:80]
    return after.removeprefix("::: {.source-note}\n").replace("\n", " ")


def test_no_invented_value_and_gaps_are_shown(rendered):
    texts, values = rendered
    allt = "\n".join(texts.values())
    assert "демонстрациялық" not in allt and "†" not in allt
    annex = texts["95-annex-indicators.qmd"]
    assert "«–» — деректер жарияланбаған" in annex
    assert "\n\n::: {.landscape}\n" in annex  # the fenced div opens on its own line
    row14 = next(ln for ln in annex.splitlines() if ln.startswith("| 14 |"))
    assert row14.count("| –") == 9  # every year but 2022 is a gap
    t2 = texts["02-industry.qmd"]
    assert "соңғы жарияланған\nжыл берілген (3, 4, 5, 9, 10, 14-көрсеткіштер)" in t2
    assert "«‡» — қатардың үзілісі" in t2


def test_peer_table_and_composite(rendered):
    texts, values = rendered
    t2 = texts["02-industry.qmd"]
    w = values["world"]
    assert "{#tbl-ind-peers}" in t2 and "{#tbl-ind-cip}" in t2 and "{#tbl-ind-cip-sens}" in t2
    assert "ЮНИДО-ның ресми рейтингі" in t2
    kaz = next(r for r in w["composite"] if r["kaz"])
    assert f"| {formatting.integer(kaz['rank'])} | Қазақстан | {formatting.number(kaz['score'], 3)} |" in t2


def test_sector_and_region_chapters(rendered):
    texts, values = rendered
    s = values["sectors"]
    assert formatting.percent(s["mht"]["latest"]["share"], 1) in texts["03-sectors.qmd"]
    assert "| 24 | Металлургия өнеркәсібі |" in texts["03-sectors.qmd"]
    r = texts["04-regions.qmd"]
    assert "Қарағанды облысы" in r and "Оңтүстік Қазақстан облысы" in r
    table_rows = [ln for ln in r.splitlines() if re.match(r"^\| \d+ \| ", ln)]
    assert len(table_rows) == 20


def test_no_english_words_in_chapter_text(rendered):
    texts, _ = rendered
    english = re.compile(r"\b[A-Za-z]{3,}\b")
    for name, text in texts.items():
        body = re.sub(r"\{#[^}]*\}|\(figures/[^)]*\)|\{\.[a-z-]+\}|@\w[\w-]*", "", text)
        words = set(english.findall(body)) - {"CIP"}
        assert not words, (name, words)


def test_printed_words_come_from_the_catalogue(rendered):
    """The world table and the key table print the words of config/indicators.yaml, not of code."""
    from industry_report.indicators.catalogue import load_catalogue

    texts, values = rendered
    cat = load_catalogue(ROOT / "config/indicators.yaml")
    t = texts["02-industry.qmd"]
    for w in cat["world_comparison"]:
        assert f"| {w['dim_kk']} | {w['name_kk']} ({int(w['indicator'][1:])}) | {w['unit_kk']} |" in t, w
    units = cat["labels"]["change_unit_kk"]
    kinds = {i["id"]: i["change"] for i in cat["indicators"]}
    assert {r["id"]: r["change_unit"] for r in values["key_table"]} == {i: units[k] for i, k in kinds.items()}
    marked = {r["code"] for r in values["sectors"]["rows"] if r["mht_kk"] == cat["labels"]["mht_mark_kk"]}
    assert marked == set(cat["mht_divisions"])
