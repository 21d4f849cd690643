"""The words of the field instruments (config/instruments.yaml), checked by its JSON Schema."""

from __future__ import annotations

from pathlib import Path

from industry_report.core.yaml_input import load_yaml

STATUSES = ("completed", "refused", "not_reached", "replaced_by_reserve")


def load_texts(path: str | Path) -> dict:
    return load_yaml(path, "instruments", "field instruments").data
