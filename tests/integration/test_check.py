"""`make check`: the Quarto syntax lint and the chapter check (chapter and line in every message,
in the editors' language: report/messages-kk.yml)."""

import pytest
import yaml

from conftest import ROOT
from industry_report.publish.check import check_chapters, typed_numbers
from industry_report.publish.messages import load_messages
from industry_report.publish.syntax import lint_quarto, neutralise

KK = load_messages(ROOT / "report/messages-kk.yml")
ALLOWED = yaml.safe_load((ROOT / "report/typed-numbers-kk.yml").read_text(encoding="utf-8"))

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
    assert lint_quarto(GOOD, KK) == []


def test_neutralise_keeps_line_numbers():
    src = "a\n<< table(x,\n  y) >> b\n<% if c %>\nd <# e\n#>\n"
    out = neutralise(src)
    assert out.split("\n") == ["a", "X", " b", "", "d ", "", ""]


@pytest.mark.parametrize(
    "line, name, params",
    [
        ("::: {.callout-note}", "callout", {"text": "::: {.callout-note}"}),
        ("::: callout-warning", "callout", {"text": "::: callout-warning"}),
        ("::: {.panel-tabset}", "div_unsupported", {"text": "::: {.panel-tabset}"}),
        ("::: {#fig-x}", "div_with_id", {"text": "::: {#fig-x}"}),
        ("{{< pagebreak >}}", "shortcode", {"text": "{{< pagebreak >}}"}),
        ("{{< include other.qmd >}}", "include", {"text": "{{< include other.qmd >}}"}),
        ("```{python}", "code_cell", {"text": "```{python}"}),
        ("```{=typst}", "raw_block", {"text": "```{=typst}", "format": "typst"}),
        ("``` {=openxml}", "raw_block", {"text": "``` {=openxml}", "format": "openxml"}),
        ("~~~{=latex}", "raw_block", {"text": "~~~{=latex}", "format": "latex"}),
        ("```{=html}", "raw_block", {"text": "```{=html}", "format": "html"}),
        (
            'Мәтін `#read("/etc/passwd")`{=typst} ішінде.',
            "raw_inline",
            {"text": '`#read("/etc/passwd")`{=typst}', "format": "typst"},
        ),
        ("Қараңыз @lst-code.", "ref_kind", {"ref": "lst-code"}),
        ("Қараңыз [@smith2020].", "ref_kind", {"ref": "smith2020"}),
        (
            "Нәтиже @tbl-x-кестеде келтірілген.",
            "ref_glued",
            {"ref": "tbl-x-кестеде", "base": "tbl-x", "ending": "-кестеде"},
        ),
        ("Нәтиже ([-@tbl-a; -@tbl-b]-кесте).", "one_ref_per_bracket", {"text": "[-@tbl-a; -@tbl-b]"}),
        ("## Бөлім", "heading_no_label", {}),
        ("## Бөлім {#intro}", "label_prefix", {"label": "intro"}),
        ("![Сурет](a.png){#fig-a layout-ncol=2}", "layout", {}),
        ("![Сурет](/tmp/a.png){#fig-a}", "image_path", {"path": "/tmp/a.png"}),
        ("![Сурет](figures/../../data.png){#fig-a}", "image_path", {"path": "figures/../../data.png"}),
        ("\\newpage", "raw_markup", {"text": "\\newpage"}),
    ],
)
def test_unsupported_syntax_is_reported_with_its_line(line, name, params):
    problems = lint_quarto("# Тарау {#sec-t}\n\nМәтін.\n" + line + "\n", KK)
    assert problems, line
    assert problems[0] == (4, KK(name, **params))


def test_messages_are_kazakh_and_say_what_to_do():
    (line, msg), *_ = lint_quarto('# Т {#sec-t}\n\n```{=typst}\n#read("x")\n```\n', KK)
    assert line == 3 and "шикі" in msg and "Markdown" in msg
    assert "typst" in msg and "Error" not in msg


def _chapters(tmp_path, **files):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return check_chapters(tmp_path, list(files), CONTEXT, "kk", KK, ALLOWED)


def test_check_passes_good_chapters(tmp_path):
    assert _chapters(tmp_path, **{"01.qmd": GOOD}) == []


def test_check_reports_undefined_value_with_chapter_and_line(tmp_path):
    out = _chapters(tmp_path, **{"01.qmd": "# Т {#sec-a}\n\nСаны << s.missing | integer >>.\n"})
    assert out == [f"{tmp_path}/01.qmd:3: " + KK("undefined_value", key="s.missing", hint=KK("ask_analyst"))]


@pytest.mark.parametrize(
    "expr, key, suggestion",
    [
        ("sample.n_totl", "sample.n_totl", "sample.n_total"),
        ("sampel.n_total", "sampel", "sample"),
        # a record is named by its registry key (its code); the field is what the editor mistyped
        ("sample.by_region[0].sample_totl", "sample.by_region[A].sample_totl", "sample_total"),
    ],
)
def test_misspelt_value_key_gets_did_you_mean_and_no_python_names(tmp_path, expr, key, suggestion):
    ctx = {"sample": {"n_total": 568, "by_region": [{"code": "A", "sample_total": 3}]}, **CONTEXT}
    (tmp_path / "01.qmd").write_text(f"# Т {{#sec-a}}\n\nСаны << {expr} | integer >>.\n", encoding="utf-8")
    (out,) = check_chapters(tmp_path, ["01.qmd"], ctx, "kk", KK, ALLOWED)
    assert out == f"{tmp_path}/01.qmd:3: " + KK(
        "undefined_value", key=key, hint=KK("did_you_mean", suggestion=suggestion)
    )
    assert "object" not in out and "attribute" not in out and "Tracked" not in out


def test_check_reports_value_not_in_registry(tmp_path):
    out = _chapters(tmp_path, **{"01.qmd": "# Т {#sec-a}\n\nбір\nСаны << (s.n * 2) | integer >>.\n"})
    assert out == [f"{tmp_path}/01.qmd:4: " + KK("computed_number", filter="integer", how=KK("how_computed"))]


def test_check_finds_numbers_in_branches_not_taken_and_through_set(tmp_path):
    src = (
        "# Т {#sec-a}\n\n<% if s.n > 1000 %>\n<< 2024 | year >>\n<% endif %>\n"
        "<% set m = s.n - 1 %>\nСаны << m | integer >>, << s.rows | length | integer >>.\n"
    )
    out = _chapters(tmp_path, **{"01.qmd": src})
    assert len(out) == 2
    assert out[0] == f"{tmp_path}/01.qmd:4: " + KK("computed_number", filter="year", how=KK("how_typed"))
    assert out[1] == f"{tmp_path}/01.qmd:7: " + KK("unregistered_value", value="567", filter="integer")


def test_check_reports_unknown_reference_and_duplicate_label(tmp_path):
    out = _chapters(
        tmp_path,
        **{
            "01.qmd": "# Т {#sec-a}\n\nҚараңыз [-@tbl-none]-кестеде.\n",
            "02.qmd": "# Т2 {#sec-b}\n\n## Қайта {#sec-a}\n",
        },
    )
    assert out == [
        f"{tmp_path}/01.qmd:3: " + KK("unknown_reference", ref="tbl-none"),
        f"{tmp_path}/02.qmd:3: " + KK("duplicate_label", label="sec-a", other="01.qmd"),
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
    out = check_chapters(tmp_path, ["99.qmd"], CONTEXT, "kk", KK, ALLOWED)
    assert out == [f"{tmp_path}/99.qmd: " + KK("chapter_not_found")]


@pytest.mark.parametrize(
    "text, found",
    [
        ("Зерттеуге 560 кәсіпорын қатысты.", ["560"]),
        ("Үлесі 12,5% болды, 1 234 адам.", ["12,5", "1 234"]),
        ("Саны << s.n | integer >> кәсіпорын, 2019 жылдың 45 айы.", ["45"]),
        ("Барлығы 3 топ және 0, 1 және 2 жылға кешігу.", []),  # one digit: not flagged
        ("№ 260 бұйрықтың 12-тармағына және 1-қосымшасына сәйкес.", []),
        ("Дереккөз: ҰСБ (5927, 5923-кестелер); 3–10-көрсеткіштері.", []),
        ("2022 жылғы 11 мамырдағы бұйрық; 2013, 2022 және 2023 жылдары; 2017 жылға дейін.", []),
        ("ЭҚЖЖ 10–33\nбөлімдері; 25 және 32 бөлімдерінің; бөлімдері (26–30).", []),
        ("95% сенімділік аралықтары; 5 және 95 перцентильдер; 5–95 % аралығы.", []),
        ("Формула $P = 100 \\cdot p$ және `code 123` және [-@tbl-x]-кестеде {#sec-12}.", []),
        ("2030 жылы 15 мың.", ["15"]),
    ],
)
def test_numbers_typed_as_plain_text_are_found(text, found):
    out = typed_numbers("# Т {#sec-a}\n\n" + text + "\n", ALLOWED, KK)
    assert out == [(3, KK("typed_number", number=n)) for n in found]


def test_typed_number_is_reported_by_the_check_with_file_and_line(tmp_path):
    out = _chapters(tmp_path, **{"01.qmd": "# Т {#sec-a}\n\nМәтін.\nЗерттеуге 560 кәсіпорын қатысты.\n"})
    assert out == [f"{tmp_path}/01.qmd:4: " + KK("typed_number", number="560")]


def test_the_report_chapters_pass_the_typed_number_rule():
    for path in sorted((ROOT / "chapters/kk").glob("*.qmd")):
        assert typed_numbers(path.read_text(encoding="utf-8"), ALLOWED, KK) == [], path.name


# --------------------------------------------------------------------------------------------------
# The termbase (config/termbase-<lang>.yaml) and codes in the running text
# --------------------------------------------------------------------------------------------------
def _termbase(tmp_path, terms):
    from industry_report.publish.termbase import load_termbase

    path = tmp_path / "termbase-kk.yaml"
    path.write_text(
        yaml.safe_dump({"version": "1", "lang": "kk", "terms": terms}, allow_unicode=True), "utf-8"
    )
    return load_termbase(path)


TERMS = [
    {"term": "problem", "preferred": "проблема", "forbidden": ["мәселе"]},
    {"term": "confidence interval", "preferred": "сенімділік аралығы", "forbidden": ["сенімді аралық"]},
    {"term": "files", "preferred": "—", "forbidden": ["файл"], "allowed_in": ["91.qmd"]},
]


def test_forbidden_variant_is_an_error_with_file_and_line_any_ending_any_case(tmp_path):
    rules = _termbase(tmp_path, TERMS)
    src = "# Т {#sec-a}\n\nБұл Мәселенің шешімі\n(сенімді\nаралықпен) берілген.\n"
    (tmp_path / "01.qmd").write_text(src, encoding="utf-8")
    out = check_chapters(tmp_path, ["01.qmd"], CONTEXT, "kk", KK, ALLOWED, termbase=rules)
    assert out == [
        f"{tmp_path}/01.qmd:3: "
        + KK("forbidden_term", variant="Мәселе", preferred="проблема", term="мәселе"),
        f"{tmp_path}/01.qmd:4: "
        + KK(
            "forbidden_term", variant="сенімді\nаралық", preferred="сенімділік аралығы", term="сенімді аралық"
        ),
    ]


def test_variant_inside_a_word_or_in_an_allowed_chapter_or_a_comment_passes(tmp_path):
    rules = _termbase(tmp_path, TERMS)
    ok = "# Т {#sec-a}\n\n<# мәселе in a comment #>\nСенімділік аралығы; проблемалар.\n"
    annex = "# Қ {#sec-b}\n\nКәсіпорын деңгейіндегі файлдар.\n"
    for name, text in (("01.qmd", ok), ("91.qmd", annex)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert check_chapters(tmp_path, ["01.qmd", "91.qmd"], CONTEXT, "kk", KK, ALLOWED, termbase=rules) == []


def test_variant_brought_in_by_a_value_is_named_with_its_chapter(tmp_path):
    rules = _termbase(tmp_path, TERMS)
    ctx = {**CONTEXT, "t": {"label": "Негізгі мәселелер"}}
    (tmp_path / "01.qmd").write_text("# Т {#sec-a}\n\n<< t.label >>.\n", encoding="utf-8")
    out = check_chapters(tmp_path, ["01.qmd"], ctx, "kk", KK, ALLOWED, termbase=rules)
    assert out == [
        f"{tmp_path}/01.qmd: "
        + KK("forbidden_term_value", variant="мәселе", preferred="проблема", term="мәселе")
    ]


def test_codes_in_running_text_are_errors_outside_tables_and_annexes(tmp_path):
    ctx = {**CONTEXT, "r": {"id": "R15", "q": "INN02"}}
    text = (
        "# Т {#sec-a}\n\nҰсыным (<< r.id >>) және сұрақ << r.q >>.\n\n"
        "| Код | Атауы |\n|---|---|\n| << r.q >> | сұрақ |\n\n: Кесте {#tbl-a}\n\n"
        "::: {.source-note}\nДереккөз: ҰСБ (4439-кесте); A1 емес, ABCD12 емес, 5ABC12 емес.\n:::\n"
    )
    for name in ("01.qmd", "92.qmd"):
        (tmp_path / name).write_text(
            text.replace("sec-a", "sec-" + name[:2]).replace("tbl-a", "tbl-" + name[:2]), "utf-8"
        )
    out = check_chapters(tmp_path, ["01.qmd", "92.qmd"], ctx, "kk", KK, ALLOWED, annexes=["92.qmd"])
    context = "Ұсыным (R15) және сұрақ INN02."
    assert out == [
        f"{tmp_path}/01.qmd: " + KK("code_in_text", code="INN02", context=context),
        f"{tmp_path}/01.qmd: " + KK("code_in_text", code="R15", context=context),
    ]


def test_the_kazakh_termbase_is_valid_and_names_the_drifts_of_issue_13():
    from industry_report.publish.termbase import forbidden_uses, load_termbase

    rules = load_termbase(ROOT / "config/termbase-kk.yaml")
    said = {r.says for r in rules}
    assert {"өте елеулі", "сенімді аралық", "мәселе", "лаг", "өңірдің жалпы өнім", "ұсыным-үміткер"} <= said
    assert {
        "офтейк",
        "тілсызық",
        "Нұр-Сұлтан",
        "пайдаланылған деректерде",
        "алынған файлдарда",
        "CSV",
    } <= said
    texts = ("саны.Бұл", "400 кем болса", "кодтамасы, 0.9.0 нұсқа", "саны. Бұл 400-ден кем")
    hits = [h for t in texts for _, _, h in forbidden_uses(t, rules, "02.qmd", template=False)]
    assert sorted(hits) == [".", "0 кем", "0.9.0 нұсқа"]


def test_a_termbase_with_a_misspelt_key_is_refused_with_its_line(tmp_path):
    from industry_report.core.errors import InputError
    from industry_report.publish.termbase import load_termbase

    path = tmp_path / "termbase-kk.yaml"
    path.write_text(
        "version: '1'\nlang: kk\nterms:\n  - term: problem\n"
        "    preferred: проблема\n    forbiden: [мәселе]\n",
        "utf-8",
    )
    with pytest.raises(InputError) as exc:
        load_termbase(path)
    assert "forbiden" in str(exc.value) and "4" in str(exc.value)
