"""The IDI's expert uncertainty on the hand-worked example (tests/fixtures/idi/answers_small.csv:
three experts, IDI 0.625): leave-one-expert-out by hand, the exact bootstrap, the constant panel."""

from pathlib import Path

import pytest

from industry_report.idi import answers as idi_answers
from industry_report.idi import codebook as idi_codebook
from industry_report.idi import experts

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "idi"


@pytest.fixture(scope="module")
def small():
    cb = idi_codebook.load_codebook(FIX / "codebook_small.yaml", ["a", "b"])
    return cb, idi_answers.read_answers(FIX / "answers_small.csv", cb)


def test_leave_one_expert_out_by_hand(small):
    cb, ans = small
    loo = experts.leave_one_out(ans, cb)
    # B2 is a burden question ("yes" unfavourable). One N/A of two answers is not a majority.
    # Without E1: A1 (partly, yes) 0.75, A2 yes 1, A3 (yes, no) 0.5 -> a 0.75; B1 0.75, B2 yes 0 -> b 0.375
    # Without E2: A1 1, A2 1, A3 0 -> a 2/3; B1 0.75, B2 no 1 -> b 0.875
    # Without E3: A1 0.75, A2 N/A, A3 0.5 -> a 0.625; B1 1, B2 (no, yes) 0.5 -> b 0.75
    assert loo == pytest.approx({"E1": 0.5625, "E2": (2 / 3 + 0.875) / 2, "E3": 0.6875})


def test_exact_bootstrap_over_experts(small):
    cb, ans = small
    vals, probs = experts.bootstrap(ans, cb)
    assert len(vals) == 10 and probs.sum() == pytest.approx(1.0)  # C(5, 3) panels of 3 from 3
    # the panel of the three distinct experts (probability 3!/3^3) is the index itself
    assert sorted(zip(probs.round(6), vals.round(6)))[-1] == (round(6 / 27, 6), 0.625)


def test_panel_change_and_constant_panel(small):
    cb, ans = small
    years = {2024: ans[ans["expert"] != "E3"], 2025: ans}  # E3 joins in 2025
    t = experts.expert_table(years, cb).set_index("year")
    assert not t.at[2024, "panel_changed"] and t.at[2025, "panel_changed"]
    # the constant panel is E1 and E2: its 2025 index is the 2025 index without E3
    assert t.at[2025, "idi_constant_panel"] == pytest.approx(0.6875)
    assert t.at[2025, "change"] == pytest.approx(0.625 - t.at[2024, "idi"])
    assert t.at[2025, "change_constant_panel"] == pytest.approx(0.0)
