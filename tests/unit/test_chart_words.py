"""Words inside the charts: one file per language, validated, and no Kazakh text left in the code."""

import ast
import re

import pytest

from conftest import ROOT
from industry_report.core.errors import InputError
from industry_report.publish.chart_words import load_chart_words

WORDS = ROOT / "report/chart-words-kk.yml"
CYRILLIC = re.compile("[\u0400-\u04ff]")


def test_the_kazakh_chart_words_load():
    words = load_chart_words(WORDS)
    assert words["language"] == "kk"
    assert words["idi"]["demo_values"] == "(демонстрациялық мәндер бар)"
    assert "{draws}" in words["idi"]["trend_band"]


def test_a_missing_key_is_an_error_with_its_line(tmp_path):
    text = WORDS.read_text(encoding="utf-8")
    assert "  risks_ylabel:" in text
    bad = tmp_path / "chart-words-kk.yml"
    bad.write_text(text.replace("  risks_ylabel:", "  risk_ylabel:"), encoding="utf-8")
    line = next(i for i, l in enumerate(bad.read_text(encoding="utf-8").split("\n"), 1) if "risk_ylabel" in l)
    with pytest.raises(InputError) as exc:
        load_chart_words(bad)
    msg = str(exc.value)
    assert "'risks_ylabel' is required but missing" in msg
    assert f"line {line}" in msg and "survey.risk_ylabel" in msg and "did you mean 'risks_ylabel'" in msg


def test_an_empty_word_is_an_error(tmp_path):
    bad = tmp_path / "w.yml"
    bad.write_text(
        WORDS.read_text(encoding="utf-8").replace('no_change: "Өзгеріс жоқ"', 'no_change: ""'),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"idi\.no_change.*non-empty"):
        load_chart_words(bad)


def _cyrillic_literals(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (path.name, n.lineno, n.value[:40])
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and CYRILLIC.search(n.value)
    ]


def test_no_cyrillic_string_literal_in_chart_code():
    files = sorted(ROOT.glob("industry_report/*/charts.py")) + sorted(ROOT.glob("scripts/plot_*.py"))
    assert len(files) >= 8
    found = [hit for f in files for hit in _cyrillic_literals(f)]
    assert found == [], f"words drawn in charts belong in report/chart-words-<lang>.yml: {found}"


def test_the_check_sees_a_cyrillic_literal(tmp_path):
    f = tmp_path / "charts.py"
    f.write_text('def f(ax):\n    ax.set_xlabel("Үлес, %")\n', encoding="utf-8")
    assert _cyrillic_literals(f) == [("charts.py", 2, "Үлес, %")]


def test_the_russian_chart_words_have_every_kazakh_key_in_russian():
    kk = load_chart_words(WORDS)
    ru = load_chart_words(ROOT / "report/chart-words-ru.yml")
    assert ru["language"] == "ru"

    def keys(d, prefix=""):
        out = set()
        for k, v in d.items():
            # region_short maps the language's own endings: its keys are words, not names
            nested = isinstance(v, dict) and k != "region_short"
            out |= keys(v, f"{prefix}{k}.") if nested else {f"{prefix}{k}"}
        return out

    # layout settings a language may set for its longer words (optional in the schema)
    optional = {"survey.heatmap_row_wrap"}
    assert keys(ru) - optional == keys(kk) - optional
    assert "{draws}" in ru["idi"]["trend_band"]
    kazakh = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")

    def words(d):
        return [w for v in d.values() for w in (words(v) if isinstance(v, dict) else [str(v)])]

    assert not [w for w in words(ru) if kazakh.search(w)]
    assert not [k for k in ru["survey"]["region_short"] if kazakh.search(k)]
