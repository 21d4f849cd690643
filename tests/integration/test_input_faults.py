"""Every input file of the build refused clearly (issue 17): for each YAML and CSV file, a syntax
error, a wrong type, a missing key or column and an empty file give an InputError naming the file,
the line or row and the key or column, never a Python error. Cross-file and series faults name the
raw file at fault; a register of the current 20 regions goes through the sample allocation."""

from __future__ import annotations

import re
import shutil
import warnings
from types import SimpleNamespace

import pandas as pd
import pytest
import yaml

from conftest import CONFIG, INDICATOR_INPUTS, ROOT
from industry_report.core.errors import InputError

LIFECYCLE = ROOT / "config/lifecycle.yaml"


def _recommendations(p):
    # load_candidates reads the file with this call first; its cross-references need the survey
    # and IDI code lists, which the recommendation tests cover.
    from industry_report.core.yaml_input import load_yaml

    return load_yaml(p, "recommendations")


def _loaders():
    from industry_report.core.codelists import load_divisions, load_lifecycle, load_sizes
    from industry_report.core.regions import load_regions
    from industry_report.core.yaml_input import load_yaml
    from industry_report.idi.codebook import load_codebook_in_order
    from industry_report.idi.values import load_labels
    from industry_report.indicators.catalogue import load_catalogue
    from industry_report.publish.book import book_structure
    from industry_report.publish.chart_words import load_chart_words
    from industry_report.publish.page import load_page
    from industry_report.recommendations.editorial import load_editorial
    from industry_report.survey.questionnaire import load_questionnaire

    # file -> (its reader as the build calls it, a key to give a wrong type, a key to delete)
    return {
        "config/regions.yaml": (load_regions, "regions", "regions"),
        "config/size_classes.yaml": (load_sizes, "sizes", "total"),
        "config/divisions.yaml": (load_divisions, "divisions", "divisions"),
        "config/lifecycle.yaml": (load_lifecycle, "stages", "stages"),
        "config/idi_codebook.yaml": (lambda p: load_codebook_in_order(p, LIFECYCLE), "option_sets", "blocks"),
        "config/idi_labels.yaml": (load_labels, "mapping", "transform"),
        "config/indicators.yaml": (load_catalogue, "indicators", "indicators"),
        "config/recommendations.yaml": (_recommendations, "recommendations", "defaults"),
        "config/survey_questionnaire.yaml": (
            lambda p: load_questionnaire(p, LIFECYCLE),
            "problems",
            "scales",
        ),
        "report/_language-kk.yml": (lambda p: load_yaml(p, "language"), "toc-title-document", None),
        "report/chart-words-kk.yml": (load_chart_words, "sample_by_region", "idi"),
        "report/page.yml": (load_page, "margins_cm", "paper"),
        "report/_quarto.yml": (book_structure, "book", "book"),
        "chapters/editorial.yml": (
            lambda p: load_editorial(p, candidates=set(), selected=set()),
            "recommendations",
            None,
        ),
    }


YAML_FILES = list(_loaders())


def _refused(reader, path, *words) -> str:
    with pytest.raises(InputError) as exc:
        reader(path)
    msg = str(exc.value)
    assert str(path) in msg, msg
    assert "Traceback" not in msg and "Error:" not in msg.split("\n", 1)[0], msg
    for w in words:
        assert w in msg, msg
    return msg


def _copy(tmp_path, rel) -> tuple:
    dst = tmp_path / rel.replace("/", "_")
    shutil.copyfile(ROOT / rel, dst)
    return dst, yaml.safe_load(dst.read_text(encoding="utf-8"))


def _dump(path, data):
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("rel", YAML_FILES)
def test_yaml_file_as_shipped_reads(rel):
    _loaders()[rel][0](ROOT / rel)


@pytest.mark.parametrize("rel", YAML_FILES)
def test_yaml_syntax_error_names_the_line(rel, tmp_path):
    p, _ = _copy(tmp_path, rel)
    n = len(p.read_text(encoding="utf-8").splitlines())
    with open(p, "a", encoding="utf-8") as fh:
        fh.write("\nbroken: [1, 2\n")
    msg = _refused(_loaders()[rel][0], p, "not valid YAML")
    line = int(re.search(r"line (\d+)", msg).group(1))
    assert n < line <= n + 3, msg


@pytest.mark.parametrize("rel", YAML_FILES)
def test_yaml_wrong_type_names_the_key(rel, tmp_path):
    p, data = _copy(tmp_path, rel)
    key = _loaders()[rel][1]
    data[key] = 3
    _dump(p, data)
    _refused(_loaders()[rel][0], p, f"key '{key}'", "expected", "line")


@pytest.mark.parametrize("rel", [r for r in YAML_FILES if _loaders()[r][2]])
def test_yaml_missing_key_names_the_key(rel, tmp_path):
    p, data = _copy(tmp_path, rel)
    key = _loaders()[rel][2]
    del data[key]
    _dump(p, data)
    _refused(_loaders()[rel][0], p, key)


# An edition with no editorial decisions leaves chapters/editorial.yml empty (tested in test_recommendations).
@pytest.mark.parametrize("rel", [f for f in YAML_FILES if f != "chapters/editorial.yml"])
def test_yaml_empty_file(rel, tmp_path):
    p = tmp_path / "empty.yaml"
    p.write_text("# nothing here\n", encoding="utf-8")
    _refused(_loaders()[rel][0], p, "empty")


def test_questionnaire_rating_max_as_a_word(tmp_path):
    p, data = _copy(tmp_path, "config/survey_questionnaire.yaml")
    data["scales"]["rating"]["max"] = "four"
    _dump(p, data)
    _refused(
        lambda x: _loaders()["config/survey_questionnaire.yaml"][0](x),
        p,
        "key 'scales.rating.max'",
        "'four'",
    )


def test_questionnaire_problem_without_id(tmp_path):
    p, data = _copy(tmp_path, "config/survey_questionnaire.yaml")
    del data["problems"][0]["id"]
    _dump(p, data)
    _refused(_loaders()["config/survey_questionnaire.yaml"][0], p, "problems[0]", "'id' is required")


def test_size_classes_without_large(tmp_path):
    p, data = _copy(tmp_path, "config/size_classes.yaml")
    data["sizes"] = [s for s in data["sizes"] if s["id"] != "large"]
    _dump(p, data)
    _refused(_loaders()["config/size_classes.yaml"][0], p, "small, medium, large")


def test_region_split_from_an_unknown_code(tmp_path):
    p, data = _copy(tmp_path, "config/regions.yaml")
    data["regions"][-1]["split_from"] = "XXX"
    _dump(p, data)
    _refused(_loaders()["config/regions.yaml"][0], p, "split_from", "'XXX'")


# --- CSV inputs: syntax, wrong type, missing column, empty --------------------------------------


def _csv_readers():
    from industry_report.core.regions import load_regions
    from industry_report.core.validation import read_csv
    from industry_report.idi.answers import read_answers
    from industry_report.idi.codebook import load_codebook_in_order
    from industry_report.indicators import sources as src
    from industry_report.sample import design
    from industry_report.sample.frame import REGISTER_SCHEMA

    regions = load_regions(ROOT / "config/regions.yaml")
    codebook = load_codebook_in_order(ROOT / CONFIG["idi"]["codebook"], LIFECYCLE)
    raw = "data/raw/"
    # file -> (reader, a column to give text, a column to delete)
    return {
        raw + "bns/national/avg_wage.csv": (src.read_bns_annual, "value", "date"),
        raw + "bns/national/exports.csv": (src.read_bns_monthly, "value", "transformation"),
        raw + "bns/dims/gva_nominal_industry_divisions.csv": (
            lambda p: src.read_bns_dims(p, regions),
            "value",
            "item_code",
        ),
        raw + "wdi/wdi-ddf-01a34e8b/ddf--datapoints--nv_ind_manf_cd--by--geo--time.KAZ.csv": (
            lambda p: src.read_ddf(p, "nv_ind_manf_cd", "usd", ("kaz",)),
            "nv_ind_manf_cd",
            "time",
        ),
        raw + "order-260-annex1/active_manufacturing_enterprises_2022.csv": (
            design.read_appendix1,
            "sample_large",
            "population_small",
        ),
        raw + "enterprises/active_manufacturing_2022.csv": (
            lambda p: design.read_population(p, regions, 2022),
            "population",
            "size",
        ),
        CONFIG["survey"]["register_file"]: (lambda p: read_csv(p, REGISTER_SCHEMA), "oked_division", "size"),
        CONFIG["idi"]["answers"].format(year=CONFIG["year"]): (
            lambda p: read_answers(p, codebook, missing=CONFIG["idi"]["missing"]),
            "answer",
            "citation",
        ),
    }


CSV_FILES = list(_csv_readers())


def _frame(rel):
    return pd.read_csv(ROOT / rel, dtype=str, keep_default_na=False)


@pytest.mark.parametrize("rel", CSV_FILES)
def test_csv_broken_structure_names_the_row(rel, tmp_path):
    p = tmp_path / "f.csv"
    lines = (ROOT / rel).read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2] + ',"extra",cells,here'
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _refused(_csv_readers()[rel][0], p, "row")


@pytest.mark.parametrize("rel", CSV_FILES)
def test_csv_wrong_type_names_row_and_column(rel, tmp_path):
    reader, col, _ = _csv_readers()[rel]
    df = _frame(rel)
    df.loc[1, col] = "four"
    p = tmp_path / "f.csv"
    df.to_csv(p, index=False)
    _refused(reader, p, f"row 3, column '{col}'", "'four'")


@pytest.mark.parametrize("rel", CSV_FILES)
def test_csv_missing_column_is_named(rel, tmp_path):
    reader, _, col = _csv_readers()[rel]
    p = tmp_path / "f.csv"
    _frame(rel).drop(columns=[col]).to_csv(p, index=False)
    _refused(reader, p, f"row 1, column '{col}'", "missing")


@pytest.mark.parametrize("rel", CSV_FILES)
def test_csv_empty_file(rel, tmp_path):
    p = tmp_path / "f.csv"
    p.write_text("", encoding="utf-8")
    _refused(_csv_readers()[rel][0], p, "empty")


# --- Stage 1: the raw series, through the reader of rule compute_indicators ----------------------


def _load(tmp_path, year=None, checks=None, **edits):
    """Read the stage-1 inputs with some files replaced by edited copies (name -> frame edit)."""
    from industry_report.core.regions import load_regions
    from industry_report.indicators.inputs import load_inputs

    inp = dict(INDICATOR_INPUTS)
    for key, edit in edits.items():
        df = pd.read_csv(inp[key], dtype=str, keep_default_na=False)
        p = tmp_path / f"{key}.csv"
        edit(df).to_csv(p, index=False)
        inp[key] = p
    return inp, load_inputs(inp, load_regions(ROOT / "config/regions.yaml"), checks or CONFIG["checks"], year)


def test_stage1_inputs_pass_the_series_checks(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _load(tmp_path, year=CONFIG["year"])


@pytest.mark.parametrize("year", [2026, 2030])
def test_a_year_without_statistics_names_the_file_and_the_year(tmp_path, year):
    from industry_report.indicators.inputs import load_inputs

    with pytest.raises(InputError) as exc:
        from industry_report.core.regions import load_regions

        load_inputs(INDICATOR_INPUTS, load_regions(ROOT / "config/regions.yaml"), CONFIG["checks"], year)
    msg = str(exc.value)
    assert "bns/dims/gva_nominal_industry_divisions.csv" in msg and f"reporting year {year}" in msg, msg


def test_the_reporting_years_row_missing_from_a_bns_table(tmp_path):
    year = CONFIG["year"]

    def drop(df):
        return df[
            ~((df["date"] == f"{year}-12-31") & (df["region"] == "national") & (df["item_code"] == "C"))
        ]

    with pytest.raises(InputError) as exc:
        _load(tmp_path, year=year, investment_section=drop)
    msg = str(exc.value)
    assert "investment_section.csv" in msg and "item 'C'" in msg and f"reporting year {year}" in msg


def test_a_division_missing_from_the_divisions_table(tmp_path):
    with pytest.raises(InputError) as exc:
        _load(tmp_path, divisions=lambda df: df[df["item_code"] != "21"])
    assert "divisions.csv" in str(exc.value) and "'21'" in str(exc.value)


def test_a_year_missing_inside_the_ipi_series(tmp_path):
    with pytest.raises(InputError) as exc:
        _load(tmp_path, ipi=lambda df: df[~((df["date"] == "2017-12-31") & (df["item_code"] == "C"))])
    assert "ipi.csv" in str(exc.value) and "missing: 2017" in str(exc.value)


def test_a_value_in_thousand_instead_of_million_kzt(tmp_path):
    def thousand(df):
        m = df["date"] == "2020-12-31"
        df.loc[m, "value"] = (pd.to_numeric(df.loc[m, "value"]) * 1000).astype(str)
        return df

    with pytest.warns(Warning) as rec:
        _load(tmp_path, gva=thousand)
    msgs = [str(w.message) for w in rec if "implausible change" in str(w.message)]
    assert msgs and all(m.startswith(str(tmp_path / "gva.csv") + ": row ") for m in msgs), msgs
    checks = {**CONFIG["checks"], "on_implausible": "error"}
    with pytest.raises(InputError, match="implausible change"):
        _load(tmp_path, checks=checks, gva=thousand)


def test_a_thirteen_fold_typo_in_one_export_value(tmp_path):
    def typo(df):
        df.loc[10, "value"] = str(float(df.loc[10, "value"]) * 13)
        return df

    checks = {**CONFIG["checks"], "on_implausible": "error"}
    with pytest.raises(InputError) as exc:
        _load(tmp_path, checks=checks, exports=typo)
    assert "row 12, column 'value'" in str(exc.value)


def test_a_revised_raw_file_against_its_checksum(tmp_path):
    """The check runs on the raw file in place: a copy of the repository's data/raw is edited."""
    from industry_report.core.series_checks import check_checksum

    raw = tmp_path / "data/raw"
    shutil.copytree(ROOT / "data/raw", raw)
    f = raw / "bns/national/avg_wage.csv"
    f.write_text(f.read_text(encoding="utf-8").replace("2013-12-31,", "2013-12-31,1", 1), encoding="utf-8")
    checks = {**CONFIG["checks"], "checksums": str(raw / "checksums.sha256")}
    with pytest.warns(Warning, match="avg_wage.csv: the file differs from its checksum"):
        check_checksum(f, {**checks, "on_revised": "warn"})
    with pytest.raises(InputError) as exc:
        check_checksum(f, {**checks, "on_revised": "error"})
    msg = str(exc.value)
    assert "avg_wage.csv" in msg and "differs from its checksum" in msg and "SOURCES.md" in msg


# --- Sample allocation: a register of the current administrative division ----------------------

NEW_REGIONS = "ABY,small,120\nABY,medium,10\nABY,large,0\nZHT,small,90\nZHT,medium,8\nZHT,large,3\n"
NEW_REGIONS += "ULT,small,40\nULT,medium,0\nULT,large,2\n"


def _allocation(tmp_path, population_text=None, published_text=None):
    from scripts.compute_sample_allocation import main

    pop = ROOT / CONFIG["sample"]["population_file"]
    pub = ROOT / CONFIG["sample"]["published_file"]
    if population_text is not None:
        pop = tmp_path / "register.csv"
        pop.write_text(population_text, encoding="utf-8")
    if published_text is not None:
        pub = tmp_path / "appendix1.csv"
        pub.write_text(published_text, encoding="utf-8")
    out = SimpleNamespace(
        **{k: tmp_path / f"o/{k}" for k in ("allocation", "precision", "comparison", "values")}
    )
    inp = SimpleNamespace(
        population=pop,
        published=pub,
        regions=ROOT / "config/regions.yaml",
        sizes=ROOT / "config/size_classes.yaml",
    )
    s = CONFIG["sample"]
    params = SimpleNamespace(
        population_year=s["population_year"],
        design={
            k: s[k]
            for k in ("confidence", "p", "margin", "min_per_stratum", "min_total", "fraction_decimals")
        }
        | {"allocation": s["allocation"]},
        checks=CONFIG["checks"],
    )
    main(inp, out, params)
    import json

    return json.loads(out.values.read_text(encoding="utf-8")), pd.read_csv(out.comparison)


def test_a_register_of_20_regions_with_an_empty_stratum(tmp_path):
    text = (ROOT / CONFIG["sample"]["population_file"]).read_text(encoding="utf-8") + NEW_REGIONS
    values, comparison = _allocation(tmp_path, text)
    assert values["n_regions"] == 20
    assert [r["region_code"] for r in values["regions_not_in_appendix1"]] == ["ABY", "ZHT", "ULT"]
    assert values["n_strata_compared"] == 51 and values["n_strata"] == 60
    new = comparison[comparison["region_code"].isin(["ABY", "ZHT", "ULT"])]
    assert not new["in_appendix1"].any() and new["published"].isna().all()
    assert new.loc[new["population"] == 0, "computed"].eq(0).all()
    assert all(m["region_code"] not in ("ABY", "ZHT", "ULT") for m in values["mismatches"])


def test_a_region_row_missing_from_appendix1(tmp_path):
    text = (ROOT / CONFIG["sample"]["published_file"]).read_text(encoding="utf-8")
    text = "".join(ln for ln in text.splitlines(True) if not ln.startswith("KZL,"))
    values, _ = _allocation(tmp_path, published_text=text)
    assert [r["region_code"] for r in values["regions_not_in_appendix1"]] == ["KZL"]


def test_a_register_with_a_region_missing_names_the_register(tmp_path):
    text = (ROOT / CONFIG["sample"]["population_file"]).read_text(encoding="utf-8")
    text = "".join(ln for ln in text.splitlines(True) if not ln.startswith("AKM,"))
    with pytest.raises(InputError) as exc:
        _allocation(tmp_path, text)
    msg = str(exc.value)
    assert str(tmp_path / "register.csv") in msg and "AKM (Akmola region) has no rows" in msg


def test_a_register_whose_strata_are_all_zero(tmp_path):
    text = (ROOT / CONFIG["sample"]["population_file"]).read_text(encoding="utf-8")
    lines = text.splitlines()
    zero = [lines[0]] + [",".join(ln.split(",")[:2] + ["0"]) for ln in lines[1:]]
    with pytest.raises(InputError) as exc:
        _allocation(tmp_path, "\n".join(zero) + "\n")
    assert "register.csv" in str(exc.value) and "population 0" in str(exc.value)


# --- Command-line overrides of nested keys -----------------------------------------------------


def test_a_nested_override_is_typed_by_the_schema():
    from industry_report.core.config_overrides import coerce_overrides

    cfg = {
        "year": "2024",
        "sample": {"margin": "0.05", "population_file": "a.csv"},
        "render": {"formats": "[docx]"},
    }
    coerce_overrides(cfg, ROOT / "config/schema.yaml")
    assert cfg["year"] == 2024 and cfg["sample"]["margin"] == 0.05
    assert cfg["sample"]["population_file"] == "a.csv" and cfg["render"]["formats"] == ["docx"]
    bad = {"sample": {"margin": "five"}}
    coerce_overrides(bad, ROOT / "config/schema.yaml")
    assert bad["sample"]["margin"] == "five"  # left for the schema check to name


def test_a_nested_override_on_the_command_line(tmp_path):
    """As the README shows: --config sample='{margin: 0.05}' merges into the file's sample keys."""
    from conftest import copy_repo, snakemake

    work = copy_repo(tmp_path / "repo")
    target = "results/2025/values/sample.json"
    proc = snakemake(work, "-n", target, "--config", "sample={margin: 0.05}", check=False)
    assert proc.returncode == 0, proc.stderr
    proc = snakemake(work, "-n", target, "--config", "sample={margin: five}", check=False)
    assert proc.returncode != 0 and "margin" in proc.stderr + proc.stdout


def test_a_syntax_error_in_the_build_config_names_the_line(tmp_path):
    from conftest import copy_repo, snakemake

    work = copy_repo(tmp_path / "repo")
    cfg = work / "config/config.yaml"
    n = len(cfg.read_text(encoding="utf-8").splitlines())
    with open(cfg, "a", encoding="utf-8") as fh:
        fh.write("\nbroken: [1, 2\n")
    proc = snakemake(work, "-n", check=False)
    out = proc.stderr + proc.stdout
    m = re.search(r"config/config.yaml:\s+- line (\d+): not valid YAML", out)
    assert proc.returncode != 0 and m and n < int(m.group(1)) <= n + 3, out


def test_an_idi_series_of_two_years_names_the_config_key(tmp_path):
    from conftest import copy_repo, snakemake

    work = copy_repo(tmp_path / "repo")
    first = CONFIG["year"] - 1
    proc = snakemake(work, "-n", "--config", f"idi={{first_year: {first}}}", check=False)
    out = proc.stderr + proc.stdout
    assert proc.returncode != 0 and "idi.first_year" in out and f"found {first}" in out, out
