"""Stage 4 through its entry point on the real (demonstration) evidence of stages 2 and 3: every
recommendation the chapter prints has its row in the traceability matrix, the chapter renders and
labels demonstration data, and the editors' drop/reword pattern works."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace as NS

import pandas as pd
import pytest

from conftest import CONFIG as BUILD
from conftest import ROOT
from industry_report.core import formatting
from industry_report.publish.templating import make_environment, render_chapter

CONFIG = ROOT / "config/recommendations.yaml"
YEAR = BUILD["year"]


# ------------------------------------------------------------------------------------------------
# Whole stage on the real (demonstration) evidence, through the entry point; the chapter
# ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def stage(survey_stage):
    from scripts import score_idi as run_score_idi

    r, survey_tables = survey_stage
    idi = BUILD["idi"]
    years = list(range(idi["first_year"], YEAR + 1))
    idi_out = {
        k: str(r / f"tables/{k}.csv")
        for k in ("idi", "questions", "agreement", "change_questions", "change_acts", "gaps")
    }
    run_score_idi.main(
        NS(
            codebook=str(ROOT / idi["codebook"]),
            lifecycle=str(ROOT / "config/lifecycle.yaml"),
            answers=[str(ROOT / idi["answers"].format(year=y)) for y in years],
        ),
        NS(**idi_out),
        NS(years=years, combine=idi["combine"], missing=idi["missing"]),
    )
    indicators, indicator_values = stage1(r)
    evidence = dict(
        prevalence=survey_tables["prevalence"],
        roots=survey_tables["roots"],
        idi_questions=idi_out["questions"],
        idi_blocks=idi_out["idi"],
        indicators=indicators,
        indicator_values=indicator_values,
    )
    values, table = compute(r, evidence, ROOT / "chapters/editorial.yml")
    return values, table, chapter(values), evidence


# Stage 1 as the recommendations read it: every key indicator published for the report year, except
# I05 (last value 2020) and I14 (last value 2022), which are gaps under the 2-year condition.
LAST_YEAR = {"I05": 2020, "I14": 2022}


def stage1(r: Path) -> tuple[str, str]:
    rows = []
    for n in range(1, 17):
        ind = f"I{n:02d}"
        for y in range(YEAR - 6, YEAR + 1):
            ok = y <= LAST_YEAR.get(ind, YEAR)
            rows.append(
                {
                    "indicator_id": ind,
                    "year": y,
                    "value": float(n + y - 2000) if ok else None,
                    "unit": "u",
                    "status": "real" if ok else None,
                }
            )
    (r / "values").mkdir(parents=True, exist_ok=True)
    table, values = r / "tables/indicators.csv", r / "values/indicators.json"
    pd.DataFrame(rows).to_csv(table, index=False)
    key = [
        {
            "id": f"I{n:02d}",
            "value": float(n + LAST_YEAR.get(f"I{n:02d}", YEAR) - 2000),
            "unit": "бірлік",
            "decimals": 1,
            "year": LAST_YEAR.get(f"I{n:02d}", YEAR),
        }
        for n in range(1, 17)
    ]
    values.write_text(json.dumps({"key_table": key}), encoding="utf-8")
    return str(table), str(values)


def compute(r, evidence: dict, editorial) -> tuple[dict, pd.DataFrame]:
    """Run rule compute_recommendations' entry point into ``r``; its values and matrix."""
    from scripts import compute_recommendations as run_compute_recommendations

    out = NS(table=str(r / "tables/recommendations.csv"), values=str(r / "values/recommendations.json"))
    run_compute_recommendations.main(
        NS(
            candidates=str(CONFIG),
            questionnaire=str(ROOT / "config/survey_questionnaire.yaml"),
            lifecycle=str(ROOT / "config/lifecycle.yaml"),
            codebook=str(ROOT / "config/idi_codebook.yaml"),
            registry=str(ROOT / "config/indicators.yaml"),
            editorial=str(editorial),
            typed_numbers=str(ROOT / "report/typed-numbers-kk.yml"),
            messages=str(ROOT / "report/messages-kk.yml"),
            **evidence,
        ),
        out,
        NS(
            year=YEAR,
            max_selected=BUILD["recommendations"]["max_selected"],
            demo_survey=BUILD["survey"]["demo"],
            demo_idi=BUILD["idi"]["demo"],
        ),
    )
    return json.loads(Path(out.values).read_text(encoding="utf-8")), pd.read_csv(out.table)


def chapter(values: dict) -> str:
    return render_chapter(
        make_environment(ROOT / "chapters/kk"),
        "08-recommendations.qmd",
        {"recommendations": values, "report": {"year": YEAR, "lang": "kk"}},
    )


def test_every_recommendation_in_the_chapter_has_its_evidence_row(stage):
    import yaml

    values, table, text, survey = stage
    printed = [x.upper() for x in re.findall(r"\{#sec-rec-(r\d+)\}", text)]
    assert len(printed) == values["n_selected"] >= 5
    assert printed == list(table["id"])  # same recommendations, same order (rank)
    cands = {c["id"]: c for c in yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["recommendations"]}
    prev = (
        pd.read_csv(survey["prevalence"])
        .query("dimension == 'total' and domain == 'total'")
        .set_index("problem")
    )
    roots = pd.read_csv(survey["roots"]).set_index(["problem", "root_cause"])
    for rid in printed:
        row = table.set_index("id").loc[rid]
        assert row.notna()[
            [
                "problem",
                "prevalence",
                "prevalence_lci",
                "prevalence_uci",
                "root_cause",
                "reach",
                "body",
                "priority",
            ]
        ].all()
        assert row.prevalence == pytest.approx(prev.loc[row.problem, "est"])
        assert row.reach == pytest.approx(roots.loc[(row.problem, row.root_cause), "est"])
        assert row.priority == pytest.approx(100 * row.prevalence * row.reach)
        # the cited cause and indicator are ones the instrument addresses; the indicator has data
        assert row.root_cause in cands[rid]["addresses"]["causes"]
        if isinstance(row.indicator, str):
            assert row.indicator in cands[rid]["addresses"]["indicators"]
            assert LAST_YEAR.get(row.indicator, YEAR) >= YEAR - 2
        # the number printed in the chapter is the one in the matrix
        section = text.split(f"{{#sec-rec-{rid.lower()}}}")[1][:1500]
        assert formatting.number(row.priority, 1, "kk") in section
        assert formatting.percent(row.prevalence, 1, "kk") in section
    assert list(table["rank"]) == list(range(1, len(table) + 1))
    assert table["priority"].is_monotonic_decreasing or table["protected"].any()


def test_no_recommendation_cites_a_gap_indicator(stage):
    values, table, text, _ = stage
    assert not set(table["indicator"].dropna()) & set(LAST_YEAR)
    for r in values["selected"]:  # the chapter says why a gap indicator is not cited, with its last year
        assert {x["id"] for x in r["indicators_unavailable"]} <= set(LAST_YEAR)
        for x in r["indicators_unavailable"]:
            assert f"«{x['name']}» көрсеткіші бойынша соңғы жарияланған деректер {x['year']} жылға" in text


def test_the_action_plan_has_every_column(stage):
    values, _, text, _ = stage
    plan = text.split("{#tbl-rec-plan}")[0].rsplit("::: {.landscape}", 1)[1]
    for head in (
        "Іс-шара",
        "Аяқталу нысаны",
        "Орындау мерзімі",
        "Жауапты орындаушылар",
        "Күтілетін нәтиже",
        "Дәлелдеме",
    ):
        assert head in plan
    for r in values["selected"]:
        assert r["title"] in plan and r["form"] in plan and r["result"] in plan
        assert f"{r['deadline_year']} жылғы" in plan and r["deadline_year"] > YEAR
        assert all(b in plan for b in r["bodies_short"])


def test_the_top_root_cause_is_not_dropped_for_an_unrelated_reason(stage):
    values, table, _, survey = stage
    roots = pd.read_csv(survey["roots"])
    top = roots[roots["rank"] == 1].groupby("problem")["root_cause"].apply(set).to_dict()
    import yaml

    for c in yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["recommendations"]:
        if set(c["addresses"]["causes"]) & top.get(c["problem"], set()):
            rec = next(r for r in values["selected"] + values["not_selected"] if r["id"] == c["id"])
            reasons = {f["condition"] for f in rec.get("failed", [])}
            assert reasons <= {"evidence", "min_prevalence", "min_reach", "editorial"}, (c["id"], reasons)


def test_chapter_renders_labels_and_lists_the_rest(stage):
    values, table, text, _ = stage
    assert "<<" not in text and "<%" not in text
    assert (
        text.lstrip().startswith("# ")
        and "{#tbl-rec-matrix-survey}" in text
        and "{#tbl-rec-matrix-idi}" in text
        and "{#tbl-rec-plan}" in text
    )
    assert "::: {.landscape}" in text and "::: {.source-note}" in text
    assert text.count("демонстрациялық деректер") >= 7  # intro, three captions, three source notes
    for r in values["not_selected"]:
        assert f"«{r['title']}»:" in text and f"({r['id']})" not in text
    labels = re.findall(r"\{#(sec-[a-z0-9-]+)\}", text)
    assert len(labels) == len(set(labels))
    # every reference resolves: to a label of this chapter, or to one of another chapter of the book
    refs = set(re.findall(r"@((?:tbl|sec|eq)-[a-z0-9-]+)", text))
    book = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "chapters/kk").glob("*.qmd"))
    elsewhere = set(re.findall(r"\{#((?:tbl|sec|eq)-[a-z0-9-]+)[ }]", book)) | set(
        re.findall(r'id="((?:tbl|sec|eq)-[a-z0-9-]+)"', book)
    )
    assert refs <= set(re.findall(r"\{#((?:tbl|sec|eq)-[a-z0-9-]+)\}", text)) | elsewhere
    assert not re.search(
        r"\b(?!ИДИ)[A-Za-z]{3,}\b",
        re.sub(
            r"\{#[^}]*\}|\$\$[\s\S]*?\$\$|\$[^$]*\$|"
            r"\b[A-Z]{3}\d\d\b|::: \{\.[a-z-]+\}|@[a-z]+-[a-z0-9-]+",
            "",
            text,
        ),
    )


def test_editors_can_drop_and_reword(stage, tmp_path):
    """chapters/editorial.yml: the dropped recommendation leaves chapter 8 and the summary's top
    three, the others are numbered again, the new wording replaces the old in both places."""
    values, table, _, evidence = stage
    first, second, fourth = (values["selected"][i]["id"] for i in (0, 1, 3))
    editorial = tmp_path / "editorial.yml"
    editorial.write_text(
        f"recommendations:\n  drop: [{first}]\n  reword:\n    kk:\n"
        f"      {second}:\n        title: Редакция тақырыбы\n"
        f"        text: Редакция мәтіні.\n",
        encoding="utf-8",
    )
    edited, edited_table = compute(tmp_path / "out", evidence, editorial)
    text = chapter(edited)
    first_title = values["selected"][0]["title"]
    assert f"{{#sec-rec-{first.lower()}}}" not in text
    assert f"«{first_title}»: баяндаманың редакциясы шешімімен алынып тасталды" in text
    assert text.count(first_title) == 1  # only in the list of those left out
    assert "### Редакция тақырыбы" in text and "Редакция мәтіні." in text
    assert values["selected"][1]["text"] not in text
    assert text.count("Редакция тақырыбы") == 2  # the heading and the action plan
    # The summary reads `top`: the same decisions, numbered again.
    assert [r["id"] for r in edited["top"]] == [second, values["selected"][2]["id"], fourth]
    assert edited["top"][0]["title"] == "Редакция тақырыбы" and edited["top"][0]["rank"] == 1
    assert edited["n_selected"] == values["n_selected"] - 1
    assert edited["n_not_selected"] == values["n_not_selected"] + 1
    assert list(edited_table["id"]) == [r["id"] for r in edited["selected"]]
    assert list(edited_table["rank"]) == list(range(1, len(edited_table) + 1))


@pytest.mark.parametrize(
    "body, line, key, words",
    [
        ("recommendations:\n  drop: [R99]\n", 2, "recommendations.drop[0]", "expected a recommendation id"),
        (
            "recommendations:\n  drop: [{unselected}]\n",
            2,
            "recommendations.drop[0]",
            "not among this year's selected recommendations",
        ),
        (
            "recommendations:\n  drops: []\n",
            2,
            "recommendations.drops",
            "unknown key 'drops' (did you mean 'drop'?)",
        ),
        ("recommendations:\n  drop: {first}\n", 2, "recommendations.drop", "expected a list or nothing"),
        (
            "recommendations:\n  drop:\n    - {first}\n    - {first}\n",
            4,
            "recommendations.drop[1]",
            "{first} is listed twice",
        ),
        (
            "recommendation:\n  drop: []\n",
            1,
            "recommendation",
            "unknown key 'recommendation' (did you mean 'recommendations'?)",
        ),
        ("recommendations:\n  reword: [{first}]\n", 2, "recommendations.reword", "expected a mapping"),
        (
            "recommendations:\n  reword:\n    kz:\n      {first}: {{text: Мәтін}}\n",
            3,
            "recommendations.reword.kz",
            "unknown key 'kz'; allowed: en, kk, ru",
        ),
        (
            "recommendations:\n  reword:\n    kk:\n      {first}: {{heading: Мәтін}}\n",
            4,
            "recommendations.reword.kk.{first}.heading",
            "unknown key 'heading'; allowed: text, title",
        ),
        (
            "recommendations:\n  reword:\n    kk:\n      {first}:\n        title: T\n        text: ' '\n",
            6,
            "recommendations.reword.kk.{first}.text",
            "expected text matching",
        ),
        (
            "recommendations:\n  drop: [{first}]\n  reword:\n    kk:\n      {first}: {{text: Мәтін}}\n",
            5,
            "recommendations.reword.kk.{first}",
            "reword or drop it, not both",
        ),
    ],
)
def test_bad_editorial_file_is_named(stage, tmp_path, body, line, key, words):
    """Each fault names the file, the exact line of the offending key and its key path."""
    from industry_report.core.errors import InputError
    from industry_report.recommendations.editorial import load_editorial

    values = stage[0]
    ids = dict(first=values["selected"][0]["id"], unselected=values["not_selected"][0]["id"])
    path = tmp_path / "editorial.yml"
    path.write_text(body.format(**ids), encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_editorial(
            path,
            candidates={r["id"] for r in values["selected"] + values["not_selected"]},
            selected={r["id"] for r in values["selected"]},
        )
    msg = str(e.value)
    assert str(path) in msg
    assert f"line {line}, key '{key.format(**ids)}': " in msg and words.format(**ids) in msg, msg


def test_chapter_without_selected_recommendations(stage):
    values, _, _, _ = stage
    empty = {
        **values,
        "selected": [],
        "top": [],
        "n_selected": 0,
        "not_selected": values["not_selected"] + values["selected"],
    }
    text = render_chapter(
        make_environment(ROOT / "chapters/kk"),
        "08-recommendations.qmd",
        {"recommendations": empty, "report": {"year": YEAR, "lang": "kk"}},
    )
    assert "{#tbl-rec-matrix" not in text and "@tbl-rec-matrix" not in text
    assert "{#tbl-rec-plan" not in text and "@tbl-rec-plan" not in text
    assert "бірде-бір ұсыным шарттарды қанағаттандырмады" in text
