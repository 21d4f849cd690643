"""Stage 3 (IDI): codebook, answers validation, scoring by the formulas, experts, change, gaps."""

import itertools
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from industry_report.core.errors import ConfigError, InputError
from industry_report.idi import answers as idi_answers
from industry_report.idi import change as idi_change
from industry_report.idi import codebook as idi_codebook
from industry_report.idi import scoring as idi

ROOT = Path(__file__).resolve().parents[2]
FIX = Path(__file__).resolve().parents[1] / "fixtures" / "idi"
SMALL_BLOCKS = ["a", "b"]


@pytest.fixture(scope="module")
def small():
    return idi_codebook.load_codebook(FIX / "codebook_small.yaml", SMALL_BLOCKS)


@pytest.fixture(scope="module")
def real_codebook():
    lc = yaml.safe_load((ROOT / "config/lifecycle.yaml").read_text(encoding="utf-8"))
    return idi_codebook.load_codebook(ROOT / "config/idi_codebook.yaml", idi_codebook.lifecycle_blocks(lc))


def write(tmp_path, text, name="answers.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def assert_names(exc, path, row, column):
    msg = str(exc.value)
    assert str(path) in msg
    where = f"row {row}, column '{column}'" if row is not None else f"column '{column}'"
    assert where in msg, msg


def assert_yaml_names(exc, path, line, key):
    """A YAML fault names the file, the exact line and the key path."""
    msg = str(exc.value)
    assert str(path) in msg
    assert f"line {line}, key '{key}'" in msg, msg


# ---------------------------------------------------------------- the real codebook
def test_real_codebook_structure(real_codebook):
    lc = yaml.safe_load((ROOT / "config/lifecycle.yaml").read_text(encoding="utf-8"))
    assert real_codebook.blocks == [s["id"] for s in lc["stages"]]
    q = real_codebook.questions
    assert len(q) >= 40
    assert list(dict.fromkeys(q["block"])) == real_codebook.blocks  # every block, in order
    assert q["question"].is_unique
    for lang in ("kk", "ru", "en"):
        assert (q[lang].str.len() > 20).all()
    # Kazakh texts use Kazakh letters somewhere, and no Latin words.
    assert q["kk"].str.contains("[әғқңөұүһі]").mean() > 0.9
    assert not q["kk"].str.contains("[A-Za-z]{3,}").any()
    # Every act used has its names; every option set gives all its classes a value.
    assert set(q["act"]) <= set(real_codebook.acts)
    assert set(real_codebook.options["class"]) == set(idi_codebook.CLASSES)
    assert real_codebook.ternary == {"favourable": 1.0, "partial": 0.5, "unfavourable": 0.0}


def test_every_legal_act_has_its_date_number_and_articles(real_codebook):
    acts = real_codebook.legal_acts()
    assert {a["id"] for a in acts} == set(real_codebook.questions["act"])
    assert [a["date"] for a in acts] == sorted(a["date"] for a in acts)
    for a in acts:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", a["date"]) and re.fullmatch(r"\d+(-[IVXL]+)?", a["number"])
        assert f"№ {a['number']}" in a["kk"] and a["date"][:4] + " жылғы" in a["kk"], a["id"]
        assert a["articles"] and all(x.endswith("-бап") for x in a["articles"]), a["id"]
    # the acts named in the issue, with their dates and numbers
    by_id = {a["id"]: a for a in acts}
    assert (by_id["entrepreneurial_code"]["date"], by_id["entrepreneurial_code"]["number"]) == (
        "2015-10-29",
        "375-V",
    )
    assert (by_id["industrial_policy_law"]["date"], by_id["industrial_policy_law"]["number"]) == (
        "2021-12-27",
        "86-VII",
    )
    # articles in article order: 43-бап before 43-1-бап, 6-бап before 23-бап
    assert idi_codebook._article_key("6-бап") < idi_codebook._article_key("23-бап")
    assert idi_codebook._article_key("43-бап") < idi_codebook._article_key("43-1-бап")


@pytest.mark.parametrize(
    "old, new, key, words",
    [
        ('    number: "2198"\n', "", "acts.act1", "'number' is required"),
        ('    date: "1995-04-17"\n', "", "acts.act1", "'date' is required"),
        ('number: "86-VII"', 'number: "86/VII"', "acts.act2.number", "expected text matching"),
        ('number: "86-VII"', 'number: "87-VII"', "acts.act2.kk", "does not name the act's number"),
        ('date: "2021-12-27"', 'date: "2021-12-28"', "acts.act2.kk", "does not name the act's date"),
        ('date: "1995-04-17"', 'date: "1996-04-17"', "acts.act1.in_force_from", "on or after the act's date"),
    ],
)
def test_a_legal_act_without_its_date_or_number_is_named(tmp_path, old, new, key, words):
    text = (FIX / "codebook_small.yaml").read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "codebook.yaml"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        idi_codebook.load_codebook(p, SMALL_BLOCKS)
    msg = str(exc.value)
    assert str(p) in msg and f"key '{key}'" in msg and words in msg, msg


# ---------------------------------------------------------------- hand-worked example
def test_hand_worked_scoring(small):
    ans = idi_answers.read_answers(FIX / "answers_small.csv", small)
    s = idi.score_year(2025, ans, small)
    b = s.blocks.set_index("block")
    # Block a: A1 -> 1 (median of partial, fav, fav), A2 N/A (2 of 3), A3 -> 0.
    assert b.loc["a", "s_fact"] == pytest.approx(1.0)
    assert b.loc["a", "s_max"] == pytest.approx(2.0)
    assert b.loc["a", "d"] == pytest.approx(0.5)
    assert b.loc["a", "n_na"] == 1
    # Block b: B1 -> 1, B2: one N/A of three, the two others fav + unfav -> 0.5.
    assert b.loc["b", "s_fact"] == pytest.approx(1.5)
    assert b.loc["b", "s_max"] == pytest.approx(2.0)
    assert b.loc["b", "d"] == pytest.approx(0.75)
    assert s.idi == pytest.approx(0.625)
    codes = idi.question_codes(s.combined, small.ternary)
    assert list(codes.fillna(-1)) == [1.0, -1, 0.0, 1.0, 0.5]


def test_hand_worked_mean_rule(small):
    ans = idi_answers.read_answers(FIX / "answers_small.csv", small)
    s = idi.score_year(2025, ans, small, rule="mean")
    b = s.blocks.set_index("block")
    assert b.loc["a", "d"] == pytest.approx((2.5 / 3 + 1 / 3) / 2)
    assert b.loc["b", "d"] == pytest.approx((2.5 / 3 + 0.5) / 2)
    assert s.idi == pytest.approx(0.625)


def test_other_mapping_rescores_without_rereading(small):
    ans = idi_answers.read_answers(FIX / "answers_small.csv", small)
    m = {"favourable": 1.0, "partial": 0.25, "unfavourable": 0.0}
    s = idi.score_year(2025, ans, small, rule="mean", mapping=m)
    # A1 = (1 + 0.25 + 1)/3, A3 = 1/3; B1 = (1 + 1 + 0.25)/3, B2 = 0.5
    assert s.blocks["d"].tolist() == pytest.approx([(2.25 / 3 + 1 / 3) / 2, (2.25 / 3 + 0.5) / 2])


def test_all_na_block_is_left_out_of_n(small, tmp_path):
    rows = ["expert,question,answer,citation,comment"]
    for e in ("E1", "E2"):
        rows += [f"{e},A1,yes,x,", f"{e},A2,yes,x,", f"{e},A3,yes,x,", f"{e},B1,no,x,", f"{e},B2,na,,"]
    p = write(tmp_path, "\n".join(rows) + "\n")
    ans = idi_answers.read_answers(p, small)
    s = idi.score_year(2025, ans, small)
    # Block b keeps B1 (0); a block whose questions were all N/A would be NaN and not counted.
    assert s.blocks["d"].tolist() == [1.0, 0.0]
    assert idi.idi_from_blocks([0.2, np.nan, 0.6]) == pytest.approx(0.4)


def test_properties_on_random_answers(small, tmp_path):
    """0 ≤ D_m ≤ 1 and min D ≤ IDI ≤ max D for many random answer sets."""
    rng = np.random.default_rng(1)
    opts = small.options.groupby("question")["option"].apply(list).to_dict()
    na_ok = dict(zip(small.questions["question"], small.questions["na_allowed"]))
    for trial in range(30):
        rows = ["expert,question,answer,citation,comment"]
        for e in range(int(rng.integers(1, 5))):
            for q in small.questions["question"]:
                choices = opts[q] + (["na"] if na_ok[q] else [])
                rows.append(f"E{e},{q},{rng.choice(choices)},cite,")
        p = write(tmp_path, "\n".join(rows) + "\n", f"r{trial}.csv")
        for rule in ("median", "mean"):
            s = idi.score_year(2025, idi_answers.read_answers(p, small), small, rule=rule)
            d = s.blocks["d"].dropna()
            assert ((d >= 0) & (d <= 1)).all()
            assert d.min() - 1e-12 <= s.idi <= d.max() + 1e-12


# ---------------------------------------------------------------- agreement
def _alpha_ordinal_by_hand(matrix):
    """Krippendorff's alpha, ordinal metric, from the coincidence matrix (Krippendorff 2011)."""
    values = sorted({v for row in matrix for v in row if v is not None})
    idx = {v: i for i, v in enumerate(values)}
    o = np.zeros((len(values), len(values)))
    for unit in zip(*matrix):
        vals = [v for v in unit if v is not None]
        m = len(vals)
        if m < 2:
            continue
        for i, j in itertools.permutations(range(m), 2):
            o[idx[vals[i]], idx[vals[j]]] += 1 / (m - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()

    def delta2(c, k):
        lo, hi = min(c, k), max(c, k)
        return (n_c[lo : hi + 1].sum() - (n_c[c] + n_c[k]) / 2) ** 2

    d_o = sum(o[c, k] * delta2(c, k) for c in range(len(values)) for k in range(len(values)))
    d_e = sum(n_c[c] * n_c[k] * delta2(c, k) for c in range(len(values)) for k in range(len(values)))
    return 1 - (n - 1) * d_o / d_e


def test_krippendorff_alpha_matches_hand_computation(small):
    ans = idi_answers.read_answers(FIX / "answers_small.csv", small)
    m = small.ternary
    code = {"na": None, **m}
    mat = []
    for e in ("E1", "E2", "E3"):
        a = ans[ans["expert"] == e].set_index("question")["class"]
        mat.append([code[a[q]] for q in small.questions["question"]])
    assert idi.krippendorff_alpha(ans, small) == pytest.approx(_alpha_ordinal_by_hand(mat), abs=1e-9)


def test_alpha_is_one_when_experts_agree(small, tmp_path):
    rows = ["expert,question,answer,citation,comment"]
    for e in ("E1", "E2"):
        rows += [f"{e},A1,yes,x,", f"{e},A2,no,x,", f"{e},A3,no,x,", f"{e},B1,partly,x,", f"{e},B2,no,,"]
    ans = idi_answers.read_answers(write(tmp_path, "\n".join(rows) + "\n"), small)
    assert idi.krippendorff_alpha(ans, small) == pytest.approx(1.0)
    assert idi.score_year(2025, ans, small).share_unanimous == 1.0


# ---------------------------------------------------------------- change and gaps
def _year(small, tmp_path, name, answers):
    rows = ["expert,question,answer,citation,comment"]
    rows += [f"E1,{q},{a},x," for q, a in answers.items()]
    return idi_answers.read_answers(write(tmp_path, "\n".join(rows) + "\n", name), small)


def test_change_decomposition_is_exact_and_named(small, tmp_path):
    a0 = _year(small, tmp_path, "y0.csv", {"A1": "no", "A2": "na", "A3": "no", "B1": "partly", "B2": "yes"})
    a1 = _year(
        small, tmp_path, "y1.csv", {"A1": "yes", "A2": "partly", "A3": "no", "B1": "partly", "B2": "no"}
    )
    s0, s1 = idi.score_year(2024, a0, small), idi.score_year(2025, a1, small)
    q, acts = idi_change.explain_change(s0, s1, small)
    assert q["contribution"].sum() == pytest.approx(s1.idi - s0.idi)
    assert acts["contribution"].sum() == pytest.approx(s1.idi - s0.idi)
    by_q = q.set_index("question")
    # A1: 0 -> 1 in block a whose S_max goes 2 -> 3: contribution 1/(2·3) − 0.
    assert by_q.loc["A1", "contribution"] == pytest.approx(1 / 6)
    assert by_q.loc["A1", "reason"] == "answer"
    assert by_q.loc["A2", "reason"] == "applicability"
    # B2: 0 -> 1 in block b (S_max 2 both years): +1/(2·2).
    assert by_q.loc["B2", "contribution"] == pytest.approx(0.25)
    assert by_q.loc["B1", "reason"] == "none"


def test_gap_register_points_lost_per_act(small):
    ans = idi_answers.read_answers(FIX / "answers_small.csv", small)
    s = idi.score_year(2025, ans, small)
    reg = idi_change.gap_register(s, small).set_index("act")
    # act2: A3 (lost 1 in block a, S_max 2) -> 1/(2·2) = 0.25 IDI points; B1 lost 0.
    # act1: A1 lost 0, A2 N/A, B2 lost 0.5 in block b (S_max 2) -> 0.5/(2·2) = 0.125.
    assert reg.loc["act2", "points_lost"] == pytest.approx(1.0)
    assert reg.loc["act2", "idi_points_lost"] == pytest.approx(0.25)
    assert reg.loc["act1", "points_lost"] == pytest.approx(0.5)
    assert reg.loc["act1", "idi_points_lost"] == pytest.approx(0.125)
    assert list(reg.index) == ["act2", "act1"]  # highest first
    assert reg.loc["act2", "questions"] == "A3"
    # Closing every gap would bring the IDI to 1.
    assert s.idi + reg["idi_points_lost"].sum() == pytest.approx(1.0)


# ---------------------------------------------------------------- bad input: file, row, column
HEADER = "expert,question,answer,citation,comment\n"


def test_unknown_question(small, tmp_path):
    p = write(tmp_path, HEADER + "E1,A1,yes,x,\nE1,Z9,yes,x,\n")
    with pytest.raises(InputError) as exc:
        idi_answers.read_answers(p, small)
    assert_names(exc, p, 3, "question")
    assert "'Z9'" in str(exc.value)


def test_unknown_block(small, tmp_path):
    p = write(tmp_path, "expert,question,answer,citation,comment,block\nE1,A1,yes,x,,a\nE1,B1,yes,x,,zz\n")
    with pytest.raises(InputError) as exc:
        idi_answers.read_answers(p, small)
    assert_names(exc, p, 3, "block")


def test_block_not_matching_question(small, tmp_path):
    p = write(tmp_path, "expert,question,answer,citation,comment,block\nE1,A1,yes,x,,b\n")
    with pytest.raises(InputError) as exc:
        idi_answers.read_answers(p, small)
    assert_names(exc, p, 2, "block")


def test_answer_outside_options(small, tmp_path):
    p = write(tmp_path, HEADER + "E1,A3,partly,x,\n")  # A3 is yes/no only
    with pytest.raises(InputError) as exc:
        idi_answers.read_answers(p, small)
    assert_names(exc, p, 2, "answer")
    assert "expected one of yes, no" in str(exc.value)


def test_not_applicable_where_not_allowed(small, tmp_path):
    p = write(tmp_path, HEADER + "E1,A1,na,,\n")
    with pytest.raises(InputError) as exc:
        idi_answers.read_answers(p, small)
    assert_names(exc, p, 2, "answer")


def test_duplicate_answer(small, tmp_path):
    p = write(tmp_path, HEADER + "E1,A1,yes,x,\nE1,A1,no,x,\n")
    with pytest.raises(InputError) as exc:
        idi_answers.read_answers(p, small)
    assert_names(exc, p, 3, "expert, question")
    assert "repeats row 2" in str(exc.value)


def test_missing_citation(small, tmp_path):
    p = write(tmp_path, HEADER + "E1,A1,yes,,\n")
    with pytest.raises(InputError) as exc:
        idi_answers.read_answers(p, small)
    assert_names(exc, p, 2, "citation")


def test_citation_not_required_where_codebook_says_so(small, tmp_path):
    rows = HEADER + "E1,A1,yes,x,\nE1,A2,yes,x,\nE1,A3,yes,x,\nE1,B1,yes,x,\nE1,B2,no,,\n"
    assert len(idi_answers.read_answers(write(tmp_path, rows), small)) == 5


def test_missing_answer_is_an_error_by_default(small, tmp_path):
    p = write(
        tmp_path, HEADER + "E1,A1,yes,x,\nE1,A2,yes,x,\nE1,A3,yes,x,\nE1,B1,yes,x,\nE1,B2,no,,\nE2,A1,no,x,\n"
    )
    with pytest.raises(InputError) as exc:
        idi_answers.read_answers(p, small)
    msg = str(exc.value)
    assert str(p) in msg and "column 'question'" in msg
    assert "expert 'E2' gave no answer to question A2" in msg


def test_missing_answer_skip_policy_never_scores_zero(small, tmp_path):
    p = write(tmp_path, HEADER + "E1,A1,yes,x,\nE1,A2,yes,x,\nE1,A3,yes,x,\nE1,B1,yes,x,\nE2,A1,yes,x,\n")
    ans = idi_answers.read_answers(p, small, missing="skip")
    s = idi.score_year(2025, ans, small)
    # B2 unanswered: left out like N/A, not a zero, so block b is B1 alone = 1.
    assert s.blocks["d"].tolist() == [1.0, 1.0]
    assert bool(s.combined.set_index("question").loc["B2", "unanswered"])


def test_bad_policy_values():
    with pytest.raises(ConfigError):
        idi.combine_answers(pd.DataFrame({"question": [], "class": []}), None, rule="mode")
    with pytest.raises(ConfigError):
        idi_codebook.check_mapping({"favourable": 0.5, "partial": 0.8, "unfavourable": 0.0})


def _codebook_variant(tmp_path, old, new):
    text = (FIX / "codebook_small.yaml").read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "codebook.yaml"
    p.write_text(text.replace(old, new), encoding="utf-8")
    return p


def test_codebook_block_without_questions(tmp_path):
    text = (FIX / "codebook_small.yaml").read_text(encoding="utf-8")
    cut = text.index("  - id: b")
    p = tmp_path / "codebook.yaml"
    p.write_text(text[:cut] + "  - id: b\n    questions: []\n", encoding="utf-8")
    line = text[:cut].count("\n") + 2  # the line of `questions: []`
    with pytest.raises(InputError) as exc:
        idi_codebook.load_codebook(p, SMALL_BLOCKS)
    assert_yaml_names(exc, p, line, "blocks[1].questions")


def test_codebook_blocks_must_follow_lifecycle(tmp_path):
    with pytest.raises(InputError) as exc:
        idi_codebook.load_codebook(FIX / "codebook_small.yaml", ["b", "a"])
    assert "expected the blocks of config/lifecycle.yaml in this order: b, a" in str(exc.value)


def test_codebook_unknown_act_and_option_set(tmp_path):
    p = _codebook_variant(
        tmp_path,
        '{id: A3, act: act2, article: "3", options: yn',
        '{id: A3, act: act9, article: "3", options: zz',
    )
    with pytest.raises(InputError) as exc:
        idi_codebook.load_codebook(p, SMALL_BLOCKS)
    line = (
        p.read_text(encoding="utf-8")
        .splitlines()
        .index(next(l for l in p.read_text(encoding="utf-8").splitlines() if "id: A3" in l))
        + 1
    )
    assert_yaml_names(exc, p, line, "blocks[0].questions[2].act")
    assert_yaml_names(exc, p, line, "blocks[0].questions[2].options")
    assert "question A3: expected a key of 'acts', found 'act9'" in str(exc.value)


def test_codebook_duplicate_question_id(tmp_path):
    p = _codebook_variant(tmp_path, "{id: B1,", "{id: A1,")
    with pytest.raises(InputError) as exc:
        idi_codebook.load_codebook(p, SMALL_BLOCKS)
    lines = p.read_text(encoding="utf-8").splitlines()
    first, again = [i for i, l in enumerate(lines, start=1) if "{id: A1," in l]
    assert_yaml_names(exc, p, again, "blocks[1].questions[0].id")
    assert f"question id 'A1' repeats line {first}" in str(exc.value)


def test_codebook_schema_fault_names_line_and_key(tmp_path):
    p = _codebook_variant(
        tmp_path,
        '{id: A2, act: act1, article: "2", options: ypn, na_allowed: true,',
        '{id: A2, act: act1, article: "2", options: ypn, na_allowed: maybe,',
    )
    with pytest.raises(InputError) as exc:
        idi_codebook.load_codebook(p, SMALL_BLOCKS)
    line = next(i for i, l in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1) if "id: A2" in l)
    assert_yaml_names(exc, p, line, "blocks[0].questions[1].na_allowed")
    assert "expected true or false, found 'maybe'" in str(exc.value)


def test_score_files_needs_consecutive_years(small):
    with pytest.raises(ConfigError):
        idi.score_files([FIX / "answers_small.csv"] * 2, [2020, 2022], small)


def test_xlsx_answers_file_reads_like_csv(small, tmp_path):
    df = pd.read_csv(FIX / "answers_small.csv", dtype=str, keep_default_na=False)
    p = tmp_path / "answers.xlsx"
    df.to_excel(p, index=False)
    a = idi_answers.read_answers(p, small)
    assert idi.score_year(2025, a, small).idi == pytest.approx(0.625)
    df.loc[4, "answer"] = "maybe"
    df.to_excel(p, index=False)
    with pytest.raises(InputError) as exc:
        idi_answers.read_answers(p, small)
    assert_names(exc, p, 6, "answer")  # data row 5 is line 6 of the sheet


# ---------------------------------------------------------------- validity of acts and questions
def test_answer_citing_an_act_not_yet_in_force_is_an_error(small):
    # act2 was adopted on 27 December 2021: it applies from 2022 (in force on 1 January).
    assert small.applies("A3", 2022) and not small.applies("A3", 2021) and small.applies("A1", 2016)
    with pytest.raises(InputError) as e:
        idi_answers.read_answers(FIX / "answers_small.csv", small, year=2021)
    assert_names(e, FIX / "answers_small.csv", 8, "answer")  # E1's answer to A3, the first on act2
    assert "not applicable in 2021" in str(e.value) and "in force from 2021-12-27" in str(e.value)


def test_question_outside_its_validity_is_not_applicable(small, tmp_path):
    rows = ["expert,question,answer,citation,comment"]
    for e in ("E1", "E2"):
        rows += [f"{e},A1,yes,x,", f"{e},A2,yes,x,", f"{e},A3,na,,"]  # B1 (act2) and B2 (act1) left out
    p = write(tmp_path, "\n".join(rows) + "\n")
    with pytest.raises(InputError):  # B2's act is in force in 2021: leaving it out is a missing answer
        idi_answers.read_answers(p, small, year=2021)
    rows += ["E1,B2,no,,", "E2,B2,no,,"]
    ans = idi_answers.read_answers(write(tmp_path, "\n".join(rows) + "\n"), small, year=2021)
    s = idi.score_year(2021, ans, small)
    # A3 is N/A (its act not in force) although the question does not allow N/A otherwise
    assert bool(s.combined.set_index("question").at["A3", "na"])
    assert s.blocks.set_index("block").at["a", "s_max"] == pytest.approx(2.0)
