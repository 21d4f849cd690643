"""Chapter templates: delimiters, strict undefined values, Markdown escaping, Kazakh number formats."""

import pytest

from conftest import ROOT
from industry_report.core import formatting
from industry_report.core.errors import TemplateError
from industry_report.publish.page import load_page
from industry_report.publish.templating import escape_markdown, make_environment, make_table, render_chapter

NBSP = "\u00a0"
PAGE = load_page(ROOT / "report/page.yml")


def render(tmp_path, text, **context):
    (tmp_path / "ch.qmd").write_text(text, encoding="utf-8")
    return render_chapter(make_environment(tmp_path), "ch.qmd", context)


def test_quarto_syntax_is_left_alone(tmp_path):
    src = (
        "# Тарау {#sec-a}\n\n![Сурет](a.png){#fig-x width=60%}\n\n{{< include _x.qmd >}}\n\n"
        "{{< pagebreak >}}\n\n: Кесте {#tbl-x}\n\n[-@tbl-x]-кестеде {.class}\n"
    )
    assert render(tmp_path, src) == src


def test_values_and_comments(tmp_path):
    out = render(tmp_path, "<# editor note #>Жыл << y | year >>, саны << n | integer >>.\n", y=2025, n=8892)
    assert out == f"Жыл 2025, саны 8{NBSP}892.\n"


def test_undefined_value_names_chapter_and_line(tmp_path):
    with pytest.raises(TemplateError) as exc:
        render(tmp_path, "бір\nекі\nүш << sample.missing >>\n", sample={})
    msg = str(exc.value)
    assert "ch.qmd:3" in msg and "undefined" in msg and "missing" in msg


def test_syntax_error_names_line(tmp_path):
    with pytest.raises(TemplateError) as exc:
        render(tmp_path, "бір\n<% if %>\n")
    assert "ch.qmd:2" in str(exc.value)


def test_bare_number_is_an_error(tmp_path):
    with pytest.raises(TemplateError) as exc:
        render(tmp_path, "x\n\nn = << n >>\n", n=568)
    assert "ch.qmd:3" in str(exc.value) and "format filter" in str(exc.value)


@pytest.mark.parametrize("name", ["Жетісу*", "#1 облыс", "$5 қала", "@біреу", "<b>", "a_b_c", "[сілтеме]"])
def test_strings_are_escaped(tmp_path, name):
    import pypandoc

    out = render(tmp_path, "Атауы: << name >>.\n", name=name)
    text = pypandoc.convert_text(out, "plain", format="markdown").strip()
    assert text == f"Атауы: {name}."


def test_escape_line_start():
    assert escape_markdown("- a") == "\\- a"
    assert escape_markdown("1. a") == "1\\. a"


def test_kazakh_number_formats():
    assert formatting.number(1234567.891, 1) == f"1{NBSP}234{NBSP}567,9"
    assert formatting.integer(8892) == f"8{NBSP}892"
    assert formatting.percent(0.06324, 2) == "6,32%"
    assert formatting.percent(0.04, 0) == "4%"
    assert formatting.signed(1.25, 1) == "+1,3"  # half up, as a reader rounds
    assert formatting.signed(-0.5, 0) == "\u22121"
    assert formatting.number(-0.04, 1) == "0,0"  # no negative zero
    assert formatting.year(2025) == "2025"
    with pytest.raises(ValueError):
        formatting.number(float("nan"))


def test_russian_number_formats():
    # ru (Babel): a no-break space between thousands and a decimal comma, as in the Kazakh edition
    assert formatting.number(1234567.891, 1, "ru") == f"1{NBSP}234{NBSP}567,9"
    assert formatting.integer(8892, "ru") == f"8{NBSP}892"
    assert formatting.percent(0.06324, 2, "ru") == "6,32%"
    assert formatting.signed(-0.5, 0, "ru") == "\u22121"
    assert formatting.pvalue(0.0001, 3, "ru") == "< 0,001"


def test_russian_plural_forms_follow_the_number():
    env = make_environment(".", lang="ru")
    t = env.from_string('<< n | integer >> << plural(n, "регион", "региона", "регионов") >>')
    assert [t.render(n=k) for k in (1, 3, 20, 21, 112)] == [
        "1 регион",
        "3 региона",
        "20 регионов",
        "21 регион",
        "112 регионов",
    ]
    with pytest.raises(KeyError, match="few"):
        formatting.plural(2, {"one": "регион"}, "ru")


def test_table_renders_pipe_table_with_caption_and_source():
    md = make_table(
        [{"r": "Ақмола", "v": 1234, "s": 0.5}, {"r": "A|B", "v": None, "s": 0.25}],
        [["r", "Өңір", "text"], ["v", "Саны", "integer"], ["s", "Үлесі", "percent:1"]],
        caption="Кесте аты",
        id="tbl-x",
        source="Дереккөз: ҰСБ",
    )
    lines = md.splitlines()
    assert lines[0] == "| Өңір | Саны | Үлесі |"
    assert lines[2] == f"| Ақмола | 1{NBSP}234 | 50,0% |"
    assert lines[3] == "| A\\|B | – | 25,0% |"
    assert ": Кесте аты {#tbl-x}" in md and "::: {.source-note}" in md
    assert lines[1].endswith(":|")  # numbers are right-aligned
    assert lines[1].startswith("|:")  # text is left-aligned


def test_total_row_is_bold():
    md = make_table([{"r": "Барлығы", "v": 5, "_emphasis": True}], [["r", "Өңір"], ["v", "Саны", "integer"]])
    assert "| **Барлығы** | **5** |" in md


def test_automatic_layout_by_hand():
    from industry_report.publish.table_layout import auto_layout

    # Minimums 20+30+10 = 60 of 100, maximums 20+130+50: the spare 40 goes 100:40 to the wrapping
    # columns, the short first one keeps its minimum.
    assert auto_layout([20, 30, 10], [20, 130, 50], 100) == pytest.approx(
        [0.2, (30 + 40 * 100 / 140) / 100, (10 + 40 * 40 / 140) / 100]
    )
    assert auto_layout([10, 10], [20, 60], 100) == pytest.approx([0.25, 0.75])  # all fit: by maximum
    assert auto_layout([60, 90], [80, 90], 100) == pytest.approx([0.4, 0.6])  # too wide: scaled


def test_wide_table_gives_a_long_header_word_its_room():
    from industry_report.publish.table_layout import CELL_INSET_PT, column_widths, word_width_pt

    headers = ["№", "«Қолданылмайды»", "Сұрақ"]
    body = [["1", "иә", "Өте ұзын сұрақ мәтіні " * 6]]
    dashes = column_widths(headers, body, PAGE.text_width_pt)
    share = dashes[1] / sum(dashes)
    assert share * PAGE.text_width_pt - 2 * CELL_INSET_PT >= word_width_pt("«Қолданылмайды»", bold=True)
    # A narrow table keeps widths that follow its content (pandoc then sizes it itself).
    assert column_widths(["Өңір", "Саны"], [["Ақмола", "12"]], PAGE.text_width_pt) == [8, 6]


def test_hand_written_pipe_tables_get_the_same_widths_and_keep_alignment():
    from industry_report.publish.table_layout import column_widths, fit_pipe_tables

    row = "| 1 | " + "Ұзын мәтін " * 8 + "| 12,5 | «Қолданылмайды» |"
    table = "| № | Атауы | Мәні | Жауап |\n|---:|:--|--:|:-:|\n" + row + "\n"
    out = fit_pipe_tables("Мәтін.\n\n" + table + "\n: Кесте {#tbl-x}\n", PAGE).split("\n")
    sep = out[3]
    assert out[:3] == ["Мәтін.", "", "| № | Атауы | Мәні | Жауап |"] and out[4] == row
    cells = sep.strip("|").split("|")
    assert [c[0] == ":" for c in cells] == [False, True, False, True]  # alignment kept
    assert [c[-1] == ":" for c in cells] == [True, False, True, True]
    header = ["№", "Атауы", "Мәні", "Жауап"]
    body = [["1", ("Ұзын мәтін " * 8).strip(), "12,5", "«Қолданылмайды»"]]
    assert [len(c) for c in cells] == column_widths(header, body, PAGE.text_width_pt)
    # Inside a landscape div the turned page's width is shared: five long header words fit there.
    header = ["Мәтін"] + ["«Қолданылмайды»"] * 5
    body = [["Ұзын мәтін " * 8] + ["иә"] * 5]
    wide = (
        "| " + " | ".join(header) + " |\n|" + "|".join(["---"] * 6) + "|\n| " + " | ".join(body[0]) + " |\n"
    )
    turned = fit_pipe_tables("::: {.landscape}\n\n" + wide + "\n:::\n", PAGE).split("\n")[3]
    upright = fit_pipe_tables(wide, PAGE).split("\n")[1]
    assert [len(c) for c in turned.strip("|").split("|")] == column_widths(
        header, body, PAGE.landscape_text_width_pt
    )
    assert [len(c) for c in upright.strip("|").split("|")] == column_widths(header, body, PAGE.text_width_pt)
    assert turned != upright
