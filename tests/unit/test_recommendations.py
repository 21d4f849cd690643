"""Stage 4 recommendations: config validation, evidence join, priority formula, selection and
ranking, the traceability matrix, and the chapter rendered with the real (demonstration) evidence."""

from __future__ import annotations

import copy
import re

import pandas as pd
import pytest
import yaml

from conftest import ROOT
from industry_report.core.errors import InputError
from industry_report.idi import change as idi_change
from industry_report.idi import codebook as idi_codebook
from industry_report.idi import scoring as idi
from industry_report.recommendations import candidates as rec_candidates
from industry_report.recommendations import evidence as rec_evidence
from industry_report.recommendations import selection as rec

CONFIG = ROOT / "config/recommendations.yaml"
YEAR = 2025


# ------------------------------------------------------------------------------------------------
# The reference lists the config is checked against (real questionnaire, codebook, registry)
# ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def refs():
    from industry_report.survey.questionnaire import load_questionnaire

    q = load_questionnaire(ROOT / "config/survey_questionnaire.yaml", ROOT / "config/lifecycle.yaml")
    lifecycle = yaml.safe_load((ROOT / "config/lifecycle.yaml").read_text(encoding="utf-8"))
    cb = idi_codebook.load_codebook(
        ROOT / "config/idi_codebook.yaml", idi_codebook.lifecycle_blocks(lifecycle)
    )
    reg = yaml.safe_load((ROOT / "config/indicators.yaml").read_text(encoding="utf-8"))["indicators"]
    return dict(
        problems={p["id"]: list(p["causes"]) for p in q.problems},
        causes=set(q.causes),
        questions=dict(zip(cb.questions["question"], cb.questions["act"])),
        acts=set(cb.acts),
        indicators={i["id"] for i in reg},
    )


def test_real_config_loads(refs):
    cfg = rec_candidates.load_candidates(CONFIG, **refs)
    cands = cfg["candidates"]
    assert len(cands) >= 12
    assert cfg["defaults"] == {
        "min_prevalence": 0.20,
        "min_reach": 0.25,
        "min_idi_points_lost": 0.5,
        "max_indicator_lag": 2,
    }
    for c in cands:
        assert all(c[k][lang].strip() for k in ("title", "text") for lang in ("kk", "ru", "en"))
        assert all(c["action"]["result"][lang].strip() for lang in ("kk", "ru", "en"))
        assert re.search("[әғқңөұүһі]", c["text"]["kk"]), c["id"]  # Kazakh letters in the Kazakh text
        assert c["questions"] and all(refs["questions"][q] in c["acts"] for q in c["questions"])
        # every cause the instrument addresses is one of its problem's causes
        assert set(c["causes"]) <= set(refs["problems"][c["problem"]]), c["id"]
        assert c["bodies"] and all(b["kk"].startswith("Қазақстан Республикасының") for b in c["bodies"])
        assert c["action"]["form"]["kk"] and 1 <= c["action"]["deadline"]["month"] <= 12


def test_the_currency_candidate_addresses_the_exchange_rate(refs):
    """The issue's case: hedging addresses exchange-rate volatility; R&D grants do not."""
    by_id = {c["id"]: c for c in rec_candidates.load_candidates(CONFIG, **refs)["candidates"]}
    hedging = [c for c in by_id.values() if "no_hedging" in c["causes"]]
    assert hedging and all("exchange_rate" in c["causes"] for c in hedging)
    grants = [c for c in by_id.values() if "commercialization_law" in c["acts"]]
    assert grants and all("exchange_rate" not in c["causes"] for c in grants)


# ------------------------------------------------------------------------------------------------
# Bad config: one test per fault; the message names the file, the line and the entry
# ------------------------------------------------------------------------------------------------
GOOD = {
    "id": "X01",
    "problem": "tax_admin",
    "addresses": {"causes": ["rule_changes"], "indicators": ["I16"]},
    "acts": ["tax_code"],
    "questions": ["TAX01"],
    "bodies": ["mf"],
    "title": {"kk": "атауы", "ru": "название", "en": "title"},
    "text": {"kk": "мәтін", "ru": "текст", "en": "text"},
    "action": {
        "form": "gov_info",
        "deadline": {"year_offset": 1, "month": 12},
        "result": {"kk": "нәтиже", "ru": "результат", "en": "result"},
    },
}
DEFAULTS = {"min_prevalence": 0.2, "min_reach": 0.2, "min_idi_points_lost": 0.5, "max_indicator_lag": 2}
NAMES = {"kk": "Қазақстан Республикасының органы", "short_kk": "орган", "ru": "орган", "en": "body"}


def _write(tmp_path, entries, defaults=None, **top):
    doc = {
        "version": 1,
        "defaults": {"conditions": defaults or DEFAULTS},
        "bodies": {"mf": NAMES},
        "forms": {"gov_info": {"kk": "ақпарат", "ru": "информация", "en": "information"}},
        **top,
        "recommendations": entries,
    }
    p = tmp_path / "recs.yaml"
    p.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return p


def _line_of(path, rid):
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() == f"- id: {rid}":
            return i
    raise AssertionError(rid)


def _addr(**kw):
    return {"addresses": {**GOOD["addresses"], **kw}}


@pytest.mark.parametrize(
    "change, key, words",
    [
        ({"problem": "weather"}, "problem", "survey problem id"),
        (_addr(causes=["rule_changes", "exchange_rate"]), "addresses.causes[1]", "not listed for problem"),
        (_addr(causes=["sunspots"]), "addresses.causes[0]", "expected a cause id"),
        (_addr(causes=[]), "addresses.causes", "expected at least 1 item"),
        (_addr(indicators=["I17"]), "addresses.indicators[0]", "I17"),
        ({"addresses": {"causes": ["rule_changes"]}}, "addresses", "'indicators' is required"),
        ({"acts": ["tax_code", "moon_law"]}, "acts[1]", "moon_law"),
        ({"questions": ["TAX01", "LAB01"]}, "questions[1]", "not in 'acts'"),
        ({"questions": ["ZZZ99"]}, "questions[0]", "ZZZ99"),
        ({"bodies": ["mf", "ministry_of_magic"]}, "bodies[1]", "expected a key of 'bodies'"),
        ({"action": {**GOOD["action"], "form": "decree"}}, "action.form", "expected a key of 'forms'"),
        (
            {"action": {**GOOD["action"], "deadline": {"year_offset": 1, "month": 13}}},
            "action.deadline.month",
            "at most 12",
        ),
        (
            {"action": {"form": "gov_info", "deadline": {"year_offset": 1, "month": 6}}},
            "action",
            "'result' is required",
        ),
        ({"text": {"kk": " ", "ru": "т", "en": "t"}}, "text.kk", "expected text matching"),
        ({"conditions": {"min_prevalence": 1.5}}, "conditions.min_prevalence", "at most 1"),
        ({"conditions": {"min_prevalence": float("nan")}}, "conditions.min_prevalence", "finite"),
        ({"conditions": {"min_revenue": 1}}, "conditions.min_revenue", "unknown key 'min_revenue'"),
        ({"colour": "red"}, "colour", "unknown key 'colour'"),
    ],
)
def test_bad_entry_is_named(tmp_path, refs, change, key, words):
    p = _write(tmp_path, [GOOD, {**GOOD, "id": "X02", **change}])
    with pytest.raises(InputError) as e:
        rec_candidates.load_candidates(p, **refs)
    msg = str(e.value)
    assert str(p) in msg
    line = int(re.search(r"line (\d+)", msg).group(1))  # the line of the faulty key, in entry X02
    assert _line_of(p, "X02") <= line <= len(p.read_text(encoding="utf-8").splitlines())
    assert f"key 'recommendations[1].{key}'" in msg
    assert words in msg
    assert "recommendations[0]" not in msg  # the good entry is not blamed


def test_bad_body_name_is_named(tmp_path, refs):
    p = _write(tmp_path, [GOOD], bodies={"mf": {k: v for k, v in NAMES.items() if k != "short_kk"}})
    with pytest.raises(InputError) as e:
        rec_candidates.load_candidates(p, **refs)
    assert str(p) in str(e.value) and "key 'bodies.mf': 'short_kk' is required" in str(e.value)


def test_bad_entry_names_the_exact_line(tmp_path, refs):
    p = _write(tmp_path, [GOOD, {**GOOD, "id": "X02", **_addr(indicators=["I17"])}])
    with pytest.raises(InputError) as e:
        rec_candidates.load_candidates(p, **refs)
    lines = p.read_text(encoding="utf-8").splitlines()
    want = next(i for i, l in enumerate(lines, start=1) if i > _line_of(p, "X02") and l.strip() == "- I17")
    assert (
        f"line {want}, key 'recommendations[1].addresses.indicators[0]': expected a key indicator id"
        in str(e.value)
    )


def test_missing_key(tmp_path, refs):
    bad = {k: v for k, v in GOOD.items() if k != "addresses"}
    p = _write(tmp_path, [GOOD, bad])
    with pytest.raises(InputError) as e:
        rec_candidates.load_candidates(p, **refs)
    assert "key 'recommendations[1]': 'addresses' is required but missing" in str(e.value)


def test_duplicate_id(tmp_path, refs):
    p = _write(tmp_path, [GOOD, copy.deepcopy(GOOD)])  # a copy, so YAML writes no alias
    with pytest.raises(InputError) as e:
        rec_candidates.load_candidates(p, **refs)
    first = _line_of(p, "X01")
    second = next(
        i
        for i, l in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if i > first and l.strip() == "- id: X01"
    )
    assert (
        f"line {second}, key 'recommendations[1].id': the id 'X01' is used twice (first on line {first})"
    ) in str(e.value)


def test_missing_default_condition(tmp_path, refs):
    p = _write(tmp_path, [GOOD], defaults={"min_prevalence": 0.2, "min_reach": 0.2, "max_indicator_lag": 2})
    with pytest.raises(InputError, match=r"defaults\.conditions': 'min_idi_points_lost' is required"):
        rec_candidates.load_candidates(p, **refs)


def test_questions_default_to_every_question_on_the_acts(tmp_path, refs):
    p = _write(tmp_path, [{k: v for k, v in GOOD.items() if k != "questions"}])
    c = rec_candidates.load_candidates(p, **refs)["candidates"][0]
    assert c["questions"] == [q for q, a in refs["questions"].items() if a == "tax_code"]
    assert len(c["questions"]) == 7


# ------------------------------------------------------------------------------------------------
# Formula, selection, ranking on small hand-made frames
# ------------------------------------------------------------------------------------------------
def _prev(**est):
    return pd.DataFrame(
        [
            {
                "problem": k,
                "dimension": "total",
                "domain": "total",
                "est": v,
                "lci": v - 0.05,
                "uci": v + 0.05,
                "n": 100,
            }
            for k, v in est.items()
        ]
    )


def _roots(**est):
    """Root-cause rows ``problem__cause=reach``; rank 1 = the largest reach of the problem."""
    t = pd.DataFrame(
        [
            {
                "problem": k.split("__")[0],
                "root_cause": k.split("__")[1],
                "est": v,
                "lci": v - 0.1,
                "uci": v + 0.1,
                "n": 50,
            }
            for k, v in est.items()
        ]
    )
    t["rank"] = t.groupby("problem")["est"].rank(method="min", ascending=False).astype(int)
    return t


def _gaps(codes: dict):
    """Two blocks of S_max 2 each (n = 2): IDI points lost = (1 − c) / 4."""
    qs = pd.DataFrame(
        [
            {
                "year": YEAR,
                "question": q,
                "block": "b1" if q.startswith("A") else "b2",
                "act": "act_a" if q.startswith("A") else "act_b",
                "na": str(c is None),
                "code": c,
            }
            for q, c in codes.items()
        ]
    )
    blocks = pd.DataFrame(
        [
            {"year": YEAR, "block": "b1", "s_max": 2.0},
            {"year": YEAR, "block": "b2", "s_max": 2.0},
            {"year": YEAR, "block": "IDI", "s_max": None},
        ]
    )
    return rec_evidence.question_gaps(qs, blocks, YEAR)


# Stage 1 values: I01 published this year, I02 last in 2020 (a gap), I03 from an estimate only.
IND_VALUES = pd.DataFrame(
    [
        {"indicator_id": "I01", "year": YEAR, "value": 10.0, "unit": "u", "status": "real"},
        {"indicator_id": "I02", "year": 2020, "value": 5.0, "unit": "u", "status": "derived"},
        {"indicator_id": "I02", "year": YEAR, "value": None, "unit": "u", "status": None},
        {"indicator_id": "I03", "year": YEAR, "value": 7.0, "unit": "u", "status": "estimate"},
    ]
)
IND = rec_evidence.indicator_availability(IND_VALUES, YEAR, 2)


def _cand(rid, problem, causes, questions, acts, indicators=("I01",), **cond):
    return {
        "id": rid,
        "problem": problem,
        "causes": list(causes),
        "indicators": list(indicators),
        "questions": questions,
        "acts": acts,
        "bodies": [{"id": "b", "kk": "о", "short_kk": "о", "ru": "о", "en": "b"}],
        "conditions": {
            "min_prevalence": 0.1,
            "min_reach": 0.1,
            "min_idi_points_lost": 0.5,
            "max_indicator_lag": 2,
            **cond,
        },
    }


CANDS = [
    _cand("A", "pa", ["ra"], ["A1", "A2"], ["act_a"]),
    _cand("B", "pb", ["rb"], ["B1", "B2"], ["act_b"]),
]
GAPS = _gaps({"A1": 0.5, "A2": 0.0, "B1": 0.0, "B2": None})


def _matrix(cands, prev, roots, gaps=GAPS, ind=IND):
    return rec_evidence.evidence_matrix(cands, prev, roots, gaps, ind)


def test_indicator_availability_by_hand():
    assert IND["I01"] == {
        "year": YEAR,
        "value": 10.0,
        "unit": "u",
        "status": "real",
        "lag": 0,
        "available": True,
    }
    assert IND["I02"]["year"] == 2020 and IND["I02"]["lag"] == 5 and not IND["I02"]["available"]
    assert IND["I03"]["year"] is None and not IND["I03"]["available"]  # an estimate is not citable


def test_priority_formula_by_hand():
    m = _matrix(CANDS, _prev(pa=0.5, pb=0.4), _roots(pa__ra=0.4, pb__rb=0.9))
    a, b = m.set_index("id").loc["A"], m.set_index("id").loc["B"]
    # A: lost (1 − 0.5) + (1 − 0) = 1.5 of 2 -> g = 0.75; P = 100 × 0.5 × 0.4 = 20
    assert (a.idi_points_lost, a.idi_points_max, a.idi_gap_share) == (1.5, 2.0, 0.75)
    assert a.priority == pytest.approx(20.0)
    assert a.idi_index_points_lost == pytest.approx(1.5 / 4)
    # B: B2 not applicable: lost 1 of 1 -> g = 1; P = 100 × 0.4 × 0.9 = 36
    assert (b.idi_points_lost, b.idi_points_max) == (1.0, 1.0)
    assert b.priority == pytest.approx(36.0)
    assert a.questions_losing == "A1 A2" and b.questions_losing == "B1"


def test_the_cited_cause_is_the_addressed_one_with_the_largest_reach():
    cands = [_cand("A", "pa", ["r2", "r3"], ["A1"], ["act_a"])]
    m = _matrix(cands, _prev(pa=0.5), _roots(pa__r1=0.9, pa__r2=0.3, pa__r3=0.6)).iloc[0]
    # r1 has the largest reach of the problem but A does not address it: A cites r3, not r1
    assert (m.root_cause, m.reach, m.protected) == ("r3", 0.6, False)
    assert m.priority == pytest.approx(100 * 0.5 * 0.6)


def test_a_candidate_addressing_no_root_cause_has_no_evidence():
    cands = [_cand("A", "pa", ["r9"], ["A1"], ["act_a"])]
    r = rec.select_and_rank(_matrix(cands, _prev(pa=0.5), _roots(pa__r1=0.9))).iloc[0]
    assert not r.selected and r.failed == "evidence" and r.root_cause == ""


def test_changing_the_evidence_changes_the_ranking():
    r1 = rec.select_and_rank(_matrix(CANDS, _prev(pa=0.5, pb=0.4), _roots(pa__ra=0.4, pb__rb=0.9)))
    assert list(r1["id"]) == ["B", "A"] and list(r1["rank"]) == [1, 2]
    # prevalence of B's problem falls: A now comes first (20 > 100 × 0.15 × 0.9 = 13.5)
    r2 = rec.select_and_rank(_matrix(CANDS, _prev(pa=0.5, pb=0.15), _roots(pa__ra=0.4, pb__rb=0.9)))
    assert list(r2["id"]) == ["A", "B"]


def test_the_idi_condition_drops_only_a_candidate_off_the_top_root_cause():
    closed = _gaps({"A1": 1.0, "A2": 1.0, "B1": 0.0, "B2": None})  # no legal gap left on A's act
    # A addresses the problem's only (so top) root cause: the IDI gap is not a reason to drop it
    r = rec.select_and_rank(_matrix(CANDS, _prev(pa=0.5, pb=0.4), _roots(pa__ra=0.4, pb__rb=0.9), closed))
    a = r.set_index("id").loc["A"]
    assert a.selected and a.protected and a.idi_waived and a.failed == ""
    # another root cause reaches further: A is off the top cause and the IDI condition drops it
    r = rec.select_and_rank(
        _matrix(CANDS, _prev(pa=0.5, pb=0.4), _roots(pa__ra=0.4, pa__rz=0.8, pb__rb=0.9), closed)
    )
    a = r.set_index("id").loc["A"]
    assert not a.selected and not a.protected and a.failed == "min_idi_points_lost"


def test_the_cap_never_cuts_a_candidate_on_the_top_root_cause():
    # C addresses pa's second root cause only; A addresses the top one but has a lower priority
    cands = [
        _cand("A", "pa", ["ra"], ["A1"], ["act_a"]),
        _cand("B", "pb", ["rb"], ["B1"], ["act_b"]),
        _cand("C", "pa", ["rc"], ["A2"], ["act_a"]),
    ]
    roots = _roots(pa__ra=0.30, pa__rc=0.29, pb__rb=0.9)
    prev = _prev(pa=0.9, pb=0.4)
    r = rec.select_and_rank(_matrix(cands, prev, roots), max_selected=1).set_index("id")
    # B (36) and A (27) are on their problems' top root causes: both stay although the cap is 1
    assert r.loc["B", "selected"] and r.loc["A", "selected"]
    assert not r.loc["C", "selected"] and r.loc["C", "failed"] == "max_selected"
    rec_evidence.check_links(r.reset_index(), cands, IND)


@pytest.mark.parametrize(
    "prev, roots, failed",
    [
        (dict(pa=0.05, pb=0.4), dict(pa__ra=0.4, pb__rb=0.9), "min_prevalence"),
        (dict(pa=0.5, pb=0.4), dict(pa__ra=0.05, pb__rb=0.9), "min_reach"),
        (dict(pb=0.4), dict(pa__ra=0.4, pb__rb=0.9), "evidence"),  # no published prevalence for pa
        (dict(pa=0.5, pb=0.4), dict(pb__rb=0.9), "evidence"),  # no published reach for pa/ra
    ],
)
def test_each_condition_deselects(prev, roots, failed):
    r = rec.select_and_rank(_matrix(CANDS, _prev(**prev), _roots(**roots))).set_index("id")
    assert not r.loc["A", "selected"] and r.loc["A", "failed"] == failed
    assert r.loc["B", "selected"] and r.loc["B", "rank"] == 1


def test_an_unavailable_indicator_is_never_cited():
    cands = [
        _cand("A", "pa", ["ra"], ["A1"], ["act_a"], indicators=("I02", "I03", "I01")),
        _cand("B", "pb", ["rb"], ["B1"], ["act_b"], indicators=("I02",)),
    ]
    m = _matrix(cands, _prev(pa=0.5, pb=0.4), _roots(pa__ra=0.4, pb__rb=0.9)).set_index("id")
    # A: I02 ends in 2020 and I03 is an estimate only, so the first citable one is I01
    assert m.loc["A", "indicator"] == "I01" and m.loc["A", "indicators_not_cited"] == "I02 I03"
    # B: no indicator it addresses has recent real data: none is cited; the survey evidence stands
    assert m.loc["B", "indicator"] == "" and m.loc["B", "failed"] == ""
    # with its own lag of 5 years, B may cite I02's value of 2020
    cands[1]["conditions"]["max_indicator_lag"] = 5
    assert _matrix(cands, _prev(pa=0.5, pb=0.4), _roots(pa__ra=0.4, pb__rb=0.9)).iloc[1]["indicator"] == "I02"


def test_check_links_refuses_evidence_the_instrument_does_not_address():
    r = rec.select_and_rank(_matrix(CANDS, _prev(pa=0.5, pb=0.4), _roots(pa__ra=0.4, pb__rb=0.9)))
    rec_evidence.check_links(r, CANDS, IND)  # the real selection passes
    bad = r.copy()
    bad.loc[bad["id"] == "A", "root_cause"] = "rb"
    with pytest.raises(ValueError, match="A cites the cause 'rb'"):
        rec_evidence.check_links(bad, CANDS, IND)
    bad = r.copy()
    bad.loc[bad["id"] == "B", "indicator"] = "I02"
    with pytest.raises(ValueError, match="B cites the indicator 'I02'"):
        rec_evidence.check_links(bad, CANDS, IND)
    bad = r.copy()
    bad.loc[bad["id"] == "A", ["selected", "failed"]] = [False, "max_selected"]
    with pytest.raises(ValueError, match="A addresses the top root cause but was dropped"):
        rec_evidence.check_links(bad, CANDS, IND)


def test_cap_and_ties():
    cands = CANDS + [_cand("C", "pb", ["rb2"], ["B1"], ["act_b"])]  # same P as B: tie, broken by id
    r = rec.select_and_rank(
        _matrix(cands, _prev(pa=0.5, pb=0.4), _roots(pa__ra=0.4, pa__rz=0.5, pb__rb=0.9, pb__rb2=0.9)),
        max_selected=2,
    ).set_index("id")
    assert (r.loc["B", "rank"], r.loc["C", "rank"]) == (1, 2)
    assert not r.loc["A", "selected"] and r.loc["A", "failed"] == "max_selected"


def test_question_gaps_equal_the_idi_gap_register():
    """Independent check on the real demonstration answers: per act, the question-level points lost
    summed here equal industry_report.idi.change.gap_register (points and IDI points)."""
    lifecycle = yaml.safe_load((ROOT / "config/lifecycle.yaml").read_text(encoding="utf-8"))
    cb = idi_codebook.load_codebook(
        ROOT / "config/idi_codebook.yaml", idi_codebook.lifecycle_blocks(lifecycle)
    )
    years = [YEAR - 1, YEAR]
    scores = idi.score_files([ROOT / f"data/demo/idi_answers/answers_{y}.csv" for y in years], years, cb)
    g = rec_evidence.question_gaps(idi.questions_table(scores, cb), idi.idi_table(scores), YEAR)
    by_act = g.groupby("act")[["points_lost", "idi_points_lost"]].sum()
    reg = idi_change.gap_register(scores[-1], cb).set_index("act")
    assert len(reg) > 5
    for act, row in reg.iterrows():
        assert by_act.loc[act, "points_lost"] == pytest.approx(row["points_lost"])
        assert by_act.loc[act, "idi_points_lost"] == pytest.approx(row["idi_points_lost"])
    assert by_act.loc[~by_act.index.isin(reg.index), "points_lost"].abs().max() < 1e-12


def test_editorial_file_of_comments_only_means_no_decisions(tmp_path):
    from industry_report.core.errors import InputError
    from industry_report.recommendations.editorial import load_editorial

    p = tmp_path / "editorial.yml"
    p.write_text("# no decisions for this edition\n", encoding="utf-8")
    assert load_editorial(p, candidates={"R01"}, selected={"R01"}) == {"drop": [], "reword": {}}
    p.write_text("recommendations: {drop: [R01, R01]}\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        load_editorial(p, candidates={"R01"}, selected={"R01"})


def test_a_number_typed_into_reworded_text_is_refused(tmp_path):
    """Issue 17: numbers come from the evidence; one typed into an editor's rewording is an error
    with the file, the line and the key (the chapters' typed-number rule)."""
    from industry_report.core.errors import InputError
    from industry_report.core.yaml_input import load_yaml
    from industry_report.publish.check import typed_numbers
    from industry_report.publish.messages import load_messages
    from industry_report.recommendations.editorial import load_editorial

    allowed = load_yaml(ROOT / "report/typed-numbers-kk.yml", "typed_numbers").data
    messages = load_messages(ROOT / "report/messages-kk.yml")
    p = tmp_path / "editorial.yml"
    p.write_text(
        "recommendations:\n  reword:\n    kk:\n      R01:\n"
        "        text: Несиеге 560 кәсіпорын қол жеткізеді.\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as exc:
        load_editorial(
            p,
            candidates={"R01"},
            selected={"R01"},
            check_text=lambda lang, text: typed_numbers(text, allowed, messages),
        )
    assert "line 5" in str(exc.value) and "recommendations.reword.kk.R01.text" in str(exc.value)
    assert "560" in str(exc.value)
    p.write_text("recommendations:\n  reword:\n    kk:\n      R01:\n        text: Несие қолжетімді болады.\n")
    assert load_editorial(p, candidates={"R01"}, selected={"R01"}, check_text=lambda lang, text: [])["reword"]
