"""Chapter templates: delimiters, strict undefined values, Markdown escaping, Kazakh number formats."""
import pytest

from scripts import formatting
from scripts.errors import TemplateError
from scripts.templating import escape_markdown, make_environment, make_table, render_chapter

NBSP = "\u00a0"


def render(tmp_path, text, **context):
    (tmp_path / "ch.qmd").write_text(text, encoding="utf-8")
    return render_chapter(make_environment(tmp_path), "ch.qmd", context)


def test_quarto_syntax_is_left_alone(tmp_path):
    src = ("# Тарау {#sec-a}\n\n![Сурет](a.png){#fig-x width=60%}\n\n{{< include _x.qmd >}}\n\n"
           "{{< pagebreak >}}\n\n: Кесте {#tbl-x}\n\n[-@tbl-x]-кестеде {.class}\n")
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


def test_table_renders_pipe_table_with_caption_and_source():
    md = make_table([{"r": "Ақмола", "v": 1234, "s": 0.5}, {"r": "A|B", "v": None, "s": 0.25}],
                    [["r", "Өңір", "text"], ["v", "Саны", "integer"], ["s", "Үлесі", "percent:1"]],
                    caption="Кесте аты", id="tbl-x", source="Дереккөз: ҰСБ")
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
