"""Stage 3 (IDI): the vectorised sensitivity/Monte Carlo code against the plain scoring functions."""

import time
from pathlib import Path

import numpy as np
import pytest
import yaml

from industry_report.idi import codebook as idi_codebook
from industry_report.idi import scoring as idi
from industry_report.idi import sensitivity as sens

ROOT = Path(__file__).resolve().parents[2]
YEARS = list(range(2016, 2026))


@pytest.fixture(scope="module")
def demo():
    lc = yaml.safe_load((ROOT / "config/lifecycle.yaml").read_text(encoding="utf-8"))
    cb = idi_codebook.load_codebook(ROOT / "config/idi_codebook.yaml", idi_codebook.lifecycle_blocks(lc))
    paths = [ROOT / f"data/demo/idi_answers/answers_{y}.csv" for y in YEARS]
    scores = idi.score_files(paths, YEARS, cb)
    F, A, years = sens.stack_years(scores, cb.blocks)
    return cb, scores, F, A, years


def test_batch_equals_plain_scoring(demo):
    cb, scores, F, A, years = demo
    assert years == YEARS
    v = np.array([1.0, 0.5, 0.0])
    assert sens.idi_batch(F, A, v)[0] == pytest.approx([s.idi for s in scores])
    m = {"favourable": 0.9, "partial": 0.3, "unfavourable": 0.1}
    plain = [idi.idi_from_blocks(idi.score_blocks(s.combined, cb.blocks, m)["d"]) for s in scores]
    assert sens.idi_batch(F, A, np.array([0.9, 0.3, 0.1]))[0] == pytest.approx(plain)


def test_per_question_geometric_and_leave_one_out(demo):
    cb, scores, F, A, years = demo
    v = np.array([1.0, 0.5, 0.0])
    b = scores[-1].blocks
    assert sens.idi_batch(F, A, v, per_question=True)[0, -1] == pytest.approx(
        b["s_fact"].sum() / b["s_max"].sum()
    )
    geo = np.exp(np.mean(np.log(np.maximum(b["d"], sens.GEO_EPS))))
    assert sens.idi_batch(F, A, v, aggregation="geometric")[0, -1] == pytest.approx(geo)
    assert geo <= scores[-1].idi + 1e-12  # geometric mean ≤ arithmetic mean
    w = np.ones(len(cb.blocks))
    w[3] = 0
    assert sens.idi_batch(F, A, v, W=w)[0, -1] == pytest.approx(b["d"].drop(index=3).mean())
    table = sens.scenarios(
        F,
        A,
        years,
        cb.blocks,
        cb.ternary,
        {"strict": {"favourable": 1.0, "partial": 0.0, "unfavourable": 0.0}},
    )
    assert len(table) == 1 + 1 + 1 + 1 + len(cb.blocks)
    base = table.set_index("scenario").loc["baseline"]
    assert base["idi"] == pytest.approx(scores[-1].idi) and base["shift"] == 0
    assert base["change"] == pytest.approx(scores[-1].idi - scores[-2].idi)
    assert table.set_index("scenario").loc["strict", "idi"] < base["idi"]


def test_monte_carlo_is_fast_seeded_and_consistent(demo):
    cb, scores, F, A, years = demo
    t0 = time.perf_counter()
    table, draws = sens.monte_carlo(F, A, years, draws=10_000, seed=7)
    elapsed = time.perf_counter() - t0
    assert elapsed < 5.0, f"10 000 draws took {elapsed:.1f} s"
    assert draws.shape == (10_000, len(years))
    assert (table["idi_p05"] <= table["idi_p50"]).all() and (table["idi_p50"] <= table["idi_p95"]).all()
    again, _ = sens.monte_carlo(F, A, years, draws=10_000, seed=7)
    assert again.equals(table)
    # No noise and the partial value fixed at 0.5: every draw is the baseline IDI.
    flat, d = sens.monte_carlo(F, A, years, draws=50, seed=1, partial_range=(0.5, 0.5), weight_noise=0.0)
    assert np.allclose(d, [s.idi for s in scores])
    assert flat["change_p05"].iloc[1:].to_numpy() == pytest.approx(np.diff([s.idi for s in scores]))
