"""`make check`: the Quarto syntax lint and the chapter check (chapter and line in every message)."""

import pytest

from industry_report.publish.check import check_chapters, lint_quarto, neutralise

CONTEXT = {"s": {"n": 568, "rows": [{"code": "A", "v": 1}]}, "report": {"year": 2025, "lang": "kk"}}

GOOD = """<# a comment
   over two lines #>
# Тарау {#sec-a}

## Бөлім {.unnumbered #sec-b}

Іріктеме << s.n | integer >> ([-@tbl-a]-кестеде, [-@fig-a]-суретте, [-@eq-a]-формула, -@{sec-b}).
Кесте @tbl-a, e-mail info@stat.gov.kz.

![Сурет](figures/a.png){#fig-a}

::: {.source-note}
Дереккөз: демонстрациялық деректер.
:::

::: {.landscape}
| a |
|---|
| 1 |

: Кесте {#tbl-a}
:::

$$
x = 1
$$ {#eq-a}

<% for r in s.rows %>
### << r.code >> {#sec-r-<< loop.index | integer >>}
<% endfor %>
"""


def test_supported_syntax_passes():
    assert lint_quarto(GOOD) == []


def test_neutralise_keeps_line_numbers():
    src = "a\n<< table(x,\n  y) >> b\n<% if c %>\nd <# e\n#>\n"
    out = neutralise(src)
    assert out.split("\n") == ["a", "X", " b", "", "d ", "", ""]


@pytest.mark.parametrize(
    "line, message",
    [
        ("::: {.callout-note}", "callout"),
        ("::: callout-warning", "callout"),
        ("::: {.panel-tabset}", "only ::: {.source-note} and ::: {.landscape}"),
        ("::: {#fig-x}", "div with an id"),
        ("{{< pagebreak >}}", "shortcode '{{< pagebreak >}}'"),
        ("```{python}", "executable code cell"),
        ("Қараңыз @lst-code.", "only fig-, tbl-, eq- and sec- cross-references"),
        ("Қараңыз [@smith2020].", "no citations"),
        ("Нәтиже @tbl-x-кестеде келтірілген.", "write [-@tbl-x]-кестеде"),
        ("Нәтиже ([-@tbl-a; -@tbl-b]-кесте).", "one reference per bracket"),
        ("## Бөлім", "heading without a {#sec-…} label"),
        ("## Бөлім {#intro}", "label '#intro' has no fig-, tbl-, eq- or sec- prefix"),
        ("![Сурет](a.png){#fig-a layout-ncol=2}", "layout attributes"),
        ("![Сурет](/tmp/a.png){#fig-a}", "figures come from figures/<name>.png"),
        ("\\newpage", "raw page break"),
    ],
)
def test_unsupported_syntax_is_reported_with_its_line(line, message):
    problems = lint_quarto("# Тарау {#sec-t}\n\nМәтін.\n" + line + "\n")
    assert problems, line
    assert problems[0][0] == 4
    assert message in problems[0][1]


def _chapters(tmp_path, **files):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return check_chapters(tmp_path, list(files), CONTEXT, "kk")


def test_check_passes_good_chapters(tmp_path):
    assert _chapters(tmp_path, **{"01.qmd": GOOD}) == []


def test_check_reports_undefined_value_with_chapter_and_line(tmp_path):
    out = _chapters(tmp_path, **{"01.qmd": "# Т {#sec-a}\n\nСаны << s.missing | integer >>.\n"})
    assert len(out) == 1 and out[0].startswith(f"{tmp_path}/01.qmd:3: undefined value")


def test_check_reports_value_not_in_registry(tmp_path):
    out = _chapters(tmp_path, **{"01.qmd": "# Т {#sec-a}\n\nбір\nСаны << (s.n * 2) | integer >>.\n"})
    assert out == [
        f"{tmp_path}/01.qmd:4: the number printed with 'integer' is computed in the template, "
        "so it is not in the values registry; compute it in a stage and put it in a values file"
    ]


def test_check_finds_numbers_in_branches_not_taken_and_through_set(tmp_path):
    src = (
        "# Т {#sec-a}\n\n<% if s.n > 1000 %>\n<< 2024 | year >>\n<% endif %>\n"
        "<% set m = s.n - 1 %>\nСаны << m | integer >>, << s.rows | length | integer >>.\n"
    )
    out = _chapters(tmp_path, **{"01.qmd": src})
    assert len(out) == 2
    assert out[0].startswith(f"{tmp_path}/01.qmd:4: the number printed with 'year' is typed in the chapter")
    assert out[1].startswith(
        f"{tmp_path}/01.qmd:7: the value 567 is printed with 'integer' but is not in the registry"
    )


def test_check_reports_unknown_reference_and_duplicate_label(tmp_path):
    out = _chapters(
        tmp_path,
        **{
            "01.qmd": "# Т {#sec-a}\n\nҚараңыз [-@tbl-none]-кестеде.\n",
            "02.qmd": "# Т2 {#sec-b}\n\n## Қайта {#sec-a}\n",
        },
    )
    assert out == [
        f"{tmp_path}/01.qmd:3: reference '@tbl-none' points at no label in the book",
        f"{tmp_path}/02.qmd:3: label '#sec-a' is already used in 01.qmd",
    ]


def test_check_collects_problems_of_all_chapters_in_book_order(tmp_path):
    out = _chapters(
        tmp_path,
        **{
            "01.qmd": "# Т {#sec-a}\n\n::: {.callout-note}\nx\n:::\n",
            "02.qmd": "# Т2 {#sec-b}\n\n<< s.nope >>\n",
        },
    )
    assert [o.split(": ")[0] for o in out] == [f"{tmp_path}/01.qmd:3", f"{tmp_path}/02.qmd:3"]


def test_missing_chapter_file_is_reported(tmp_path):
    out = check_chapters(tmp_path, ["99.qmd"], CONTEXT, "kk")
    assert len(out) == 1 and "99.qmd: chapter file not found" in out[0]
