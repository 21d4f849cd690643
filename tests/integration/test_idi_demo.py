"""Stage 3 (IDI): the committed demonstration answers are exactly what the seeded generator makes,
and they are valid input (every year, every expert answers every question)."""

from pathlib import Path

import yaml

from industry_report.idi import answers as idi_answers
from industry_report.idi import codebook as idi_codebook
from tools import demo_idi_answers as demo

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "data/demo/idi_answers"


def test_regenerated_files_equal_committed(tmp_path):
    demo.main(["--out", str(tmp_path)])
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == sorted(p.name for p in COMMITTED.iterdir())
    assert len([m for m in made if m.startswith("answers_")]) >= 8
    for name in made:
        assert (tmp_path / name).read_bytes() == (COMMITTED / name).read_bytes(), name


def test_demo_answers_are_valid_and_labelled():
    lc = yaml.safe_load((ROOT / "config/lifecycle.yaml").read_text(encoding="utf-8"))
    cb = idi_codebook.load_codebook(ROOT / "config/idi_codebook.yaml", idi_codebook.lifecycle_blocks(lc))
    years = sorted(int(p.stem.split("_")[1]) for p in COMMITTED.glob("answers_*.csv"))
    assert years == list(range(years[0], 2026)) and len(years) >= 8
    for y in years:
        # read as the pipeline reads them, with the year: missing answers and answers on acts not
        # yet in force would raise
        a = idi_answers.read_answers(COMMITTED / f"answers_{y}.csv", cb, year=y)
        assert a["expert"].nunique() >= 3
        off = a[a["question"].map(lambda q, y=y: not cb.applies(q, y))]
        assert (off["class"] == "na").all() and not off["citation"].fillna("").str.strip().any()
        if y <= 2021:  # the Law on Industrial Policy (27 December 2021) is cited from 2022 on only
            assert not a["citation"].fillna("").str.contains("Law on Industrial Policy").any()
        assert (a["comment"].str.startswith("demonstration")).all()
    readme = (COMMITTED / "README.md").read_text(encoding="utf-8")
    assert "demonstration data" in readme and "демонстрациялық деректер" in readme
    assert f"seed {demo.SEED}" in readme
