"""The committed demonstration survey files equal a fresh run of their seeded generator."""

from conftest import ROOT
from tools.demo_survey import generate


def test_demo_survey_regenerates_identically(tmp_path):
    generate(tmp_path)
    for name in ("register.csv", "responses.csv"):
        assert (tmp_path / name).read_bytes() == (ROOT / "data/demo/survey" / name).read_bytes(), name
    assert "invented" in (ROOT / "data/demo/survey/README.md").read_text(encoding="utf-8")
