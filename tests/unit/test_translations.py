"""The texts of the data in every language (industry_report/core/translations.py) and the Russian
edition's chapters: a missing translation names its file and key; the Russian chapters are the
Kazakh chapter list with the same labels, in Russian only."""

import re

import pytest

from conftest import ROOT, kazakh_letters
from industry_report.core.errors import InputError
from industry_report.core.translations import (
    TEXT_FILES,
    localise,
    localise_frame,
    missing_translations,
    translation_table,
)
from industry_report.publish.book import book_structure


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_every_config_text_has_its_russian_form():
    missing_translations([ROOT / p for p in TEXT_FILES], ["kk", "ru"])  # raises if one lacks it


def test_a_missing_russian_form_names_the_file_line_and_key(tmp_path):
    p = _write(
        tmp_path,
        "divisions.yaml",
        "divisions:\n  - id: '10'\n    name_kk: Тамақ өнімдері\n    name_ru: Пищевые продукты\n"
        "  - id: '11'\n    name_kk: Сусындар\n"
        "statuses:\n  real: {kk: нақты, en: real}\n",
    )
    with pytest.raises(InputError) as exc:
        missing_translations([p], ["kk", "ru"])
    msg = str(exc.value)
    assert str(p) in msg
    assert "line 6, key 'divisions[1].name_kk'" in msg and "no 'ru' form" in msg
    assert "line 8, key 'statuses.real.kk'" in msg
    # a Kazakh-only build needs no Russian form
    missing_translations([p], ["kk"])


def test_a_text_translated_two_ways_is_an_error(tmp_path):
    p = _write(tmp_path, "a.yaml", "a: {kk: иә, ru: да}\nb: {kk: иә, ru: верно}\n")
    with pytest.raises(InputError, match="'иә' is translated as 'да'"):
        translation_table([p], "ru")


def test_localise_replaces_whole_texts_composed_texts_and_placeholders(tmp_path):
    p = _write(
        tmp_path,
        "t.yaml",
        "regions:\n  - {name_kk: Алматы қаласы, name_ru: город Алматы}\n"
        "  - {name_kk: Абай облысы, name_ru: Абайская область}\n"
        "total: {name_kk: барлығы, name_ru: итого}\n"
        "loo: {kk: '«{block}» блогынсыз', ru: 'Без блока «{block}»'}\n",
    )
    t = translation_table([p], "ru")
    values = {"rows": [{"name": "Алматы қаласы", "n": 139}, {"name": "Барлығы", "n": 568}], "year": 2025}
    assert localise(values, t) == {
        "rows": [{"name": "город Алматы", "n": 139}, {"name": "Итого", "n": 568}],
        "year": 2025,
    }
    assert localise("Алматы қаласы, Абай облысы", t) == "город Алматы, Абайская область"
    assert localise("«Абай облысы» блогынсыз", t) == "Без блока «Абайская область»"
    assert localise("2016: Алматы қаласы, Абай облысы", t) == "2016: город Алматы, Абайская область"
    assert localise("басқа мәтін", t) == "басқа мәтін"  # not a config text: left for the checks to find
    assert translation_table([p], "kk") == {}  # the source language is not translated


def test_a_known_text_holding_a_separator_is_translated_whole(tmp_path):
    p = _write(
        tmp_path,
        "t.yaml",
        "acts:\n  a: {short_kk: 'Сәулет, қала құрылысы туралы заң', short_ru: Закон об архитектуре}\n"
        "q:\n  - {article: '60-бап / ст. 60 / Art. 60'}\n",
    )
    t = translation_table([p], "ru")
    assert localise("Сәулет, қала құрылысы туралы заң, 60-бап", t) == "Закон об архитектуре, ст. 60"


def test_localise_frame_touches_text_cells_only(tmp_path):
    import pandas as pd

    p = _write(tmp_path, "t.yaml", "r: {name_kk: Алматы қаласы, name_ru: город Алматы}\n")
    frame = pd.DataFrame({"name": ["Алматы қаласы"], "value": [1.5]})
    out = localise_frame(frame, translation_table([p], "ru"))
    assert out["name"].tolist() == ["город Алматы"] and out["value"].tolist() == [1.5]


def _chapters(lang):
    return sorted(p.name for p in (ROOT / "chapters" / lang).glob("*.qmd"))


def test_russian_edition_has_the_kazakh_chapter_list():
    assert _chapters("ru") == _chapters("kk")
    s = book_structure(ROOT / "report/_quarto.yml")
    assert sorted(s["chapters"] + s["appendices"]) == _chapters("ru")


_LABEL = re.compile(r"\{#((?:sec|fig|tbl|eq)-[A-Za-z0-9_<>. |-]+?)\}|id=\"((?:tbl|fig)-[^\"]+)\"")
_REF = re.compile(r"@((?:sec|fig|tbl|eq)-[A-Za-z0-9_-]+)")


@pytest.mark.parametrize("chapter", _chapters("kk"))
def test_russian_chapter_has_the_same_labels_references_and_values(chapter):
    kk = (ROOT / "chapters/kk" / chapter).read_text(encoding="utf-8")
    ru = (ROOT / "chapters/ru" / chapter).read_text(encoding="utf-8")
    assert sorted(_LABEL.findall(ru)) == sorted(_LABEL.findall(kk))
    assert set(_REF.findall(ru)) == set(_REF.findall(kk))
    # the same values printed: every << key | filter >> of the Kazakh chapter is in the Russian one
    value = re.compile(r"<<\s*([A-Za-z_][\w.]*)\s*\|")
    assert set(value.findall(ru)) >= set(value.findall(kk)) - {"n"}


def _prose(text):
    """The words a reader sees: the chapter without Jinja code, comments, math, labels, figure paths,
    and the keys of tables (the quoted words of a table() call are kept)."""
    text = re.sub(r"<#.*?#>", " ", text, flags=re.S)
    text = re.sub(r"<%.*?%>", " ", text, flags=re.S)
    text = re.sub(r"<<.*?>>", lambda m: " ".join(re.findall(r'"([^"]*)"', m.group(0))), text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\$[^$]*\$", " ", text)
    text = re.sub(r"\{[#.][^}]*\}|\(figures/[^)]*\)|\[-?@[^\]]*\]", " ", text)
    return text


# Latin words the Russian text may show: international abbreviations of statistics and of the
# indicators (CIP, BEEPS, BH), the response rate (AAPOR RR1), the table heads of the regression
# diagnostics, and the Jinja filters and keys quoted inside table() calls (lower-case snake case).
_LATIN_ALLOWED = {"CIP", "BEEPS", "BH", "AAPOR", "RR", "SE", "DW", "BG", "JB", "BP", "R", "D", "S", "N", "Z"}
_LATIN_ALLOWED |= set("pqnbrfh")


@pytest.mark.parametrize("chapter", _chapters("ru"))
def test_russian_chapter_has_no_kazakh_letters_and_no_english_words(chapter):
    prose = _prose((ROOT / "chapters/ru" / chapter).read_text(encoding="utf-8"))
    assert not kazakh_letters(prose), kazakh_letters(prose)[:3]
    latin = {w for w in re.findall(r"[A-Za-z]+", prose) if w not in _LATIN_ALLOWED}
    # snake-case keys and format names of table() columns are code, not prose
    latin -= {w for w in latin if w.islower() and len(w) > 1 and re.search(rf"\b{w}(_\w+|:\d|\b)", prose)}
    assert not {w for w in latin if not w.islower()}, latin
