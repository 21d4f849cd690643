"""The review's base build (industry_report/review/base.py): inputs the base lacks come from today."""

from industry_report.review.base import copy_missing_data


def test_copy_missing_data_fills_gaps_and_keeps_the_base_files(tmp_path):
    cur, base = tmp_path / "cur", tmp_path / "base"
    (cur / "data/raw").mkdir(parents=True)
    (base / "data/raw").mkdir(parents=True)
    (cur / "data/raw/a.csv").write_text("today")
    (cur / "data/raw/new/b.csv").parent.mkdir()
    (cur / "data/raw/new/b.csv").write_text("added since")
    (base / "data/raw/a.csv").write_text("committed in the base")
    assert copy_missing_data(cur, base) == ["data/raw/new/b.csv"]
    assert (base / "data/raw/a.csv").read_text() == "committed in the base"  # the base's own input wins
    assert (base / "data/raw/new/b.csv").read_text() == "added since"


def test_copy_missing_data_without_a_data_folder(tmp_path):
    assert copy_missing_data(tmp_path / "none", tmp_path / "base") == []
