"""The words drawn inside the charts: report/chart-words-<lang>.yml, one file per language.

Checked against config/schemas/chart_words.schema.yaml, so a missing or misspelt key is an
InputError naming its line and key path before any chart is drawn. The plot rules take the file
as an input and hand each chart function its section.
"""

from __future__ import annotations

from pathlib import Path

from industry_report.core.yaml_input import load_yaml


def load_chart_words(path: str | Path) -> dict:
    """The chart words of one language (``language`` says which)."""
    return load_yaml(path, "chart_words", "chart words").data
