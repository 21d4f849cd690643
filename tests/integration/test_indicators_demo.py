"""The demonstration indicator values: reproducible from the seeded generator, and only where no real
basis exists."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

from tools import demo_indicators

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "data/demo/indicators/indicators_demo.csv"


def test_generator_reproduces_the_committed_file(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "tools.demo_indicators", "--out", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert (tmp_path / "indicators_demo.csv").read_bytes() == COMMITTED.read_bytes()


def test_another_seed_gives_other_values():
    a, b = demo_indicators.generate(260), demo_indicators.generate(261)
    assert list(a.columns) == list(b.columns) and len(a) == len(b)
    assert not a["value"].equals(b["value"])


def test_demo_cells_are_only_the_documented_ones():
    df = pd.read_csv(COMMITTED)
    years = df.groupby("indicator_id")["year"].apply(lambda s: (s.min(), s.max(), len(s))).to_dict()
    assert years == {
        "I04": (2013, 2025, 13),
        "I05": (2021, 2025, 5),
        "I10": (2013, 2025, 13),
        "I14": (2010, 2025, 15),
    }
    assert 2022 not in set(df[df.indicator_id == "I14"].year)  # the real Order-260 year
    # the walk starts near the real anchor (no jump at the seam)
    first = df.sort_values("year").groupby("indicator_id").first()
    assert abs(first.loc["I04", "value"] / 12.92 - 1) < 0.25
    assert abs(first.loc["I10", "value"] / 0.0939 - 1) < 0.25
