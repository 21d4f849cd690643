"""The catalogue of the 16 key indicators (config/indicators.yaml): what each indicator is and how
the chapters show it.

The file is validated by its JSON Schema (config/schemas/indicators.schema.yaml) through
:func:`industry_report.core.yaml_input.load_yaml`, so a wrong type, a missing or misspelt key names
the line and the key path. The checks a schema cannot express (the order of the entries) follow it
and name the line too. "Catalogue" and not "registry": the values registry is results/<year>/<lang>/
numbers.json (:mod:`industry_report.publish.numbers`).
"""

from __future__ import annotations

from pathlib import Path

import pandera.pandas as pa

from industry_report.core.yaml_input import load_yaml

# The statuses a cell of results/<year>/tables/indicators.csv can take, in the order the chapters
# list them (the schema names the same words; config/indicators.yaml explains them). There is no
# "demo" status: stage 1 never shows an invented value.
STATUSES = ("real", "derived", "proxy", "estimate")
# Appendix 2 of Order No. 260 numbers the indicators 1..16; the catalogue keeps that order.
INDICATOR_IDS = tuple(f"I{n:02d}" for n in range(1, 17))

# The key indicators in long form (results/<year>/tables/indicators.csv, rule compute_indicators).
INDICATOR_VALUES_SCHEMA = pa.DataFrameSchema(
    {
        "indicator_id": pa.Column(str),
        "year": pa.Column(int),
        "value": pa.Column(float, nullable=True),
        "unit": pa.Column(str, nullable=True),
        "status": pa.Column(str, pa.Check.isin(STATUSES), nullable=True),
    },
    unique=["indicator_id", "year"],
)


def indicator_number(indicator_id: str) -> int:
    """The indicator's printed number: its place in Appendix 2 of the Order, which is also its place
    in the catalogue (checked by :func:`load_catalogue`). The report names an indicator by it or by
    its name, never by the id."""
    return INDICATOR_IDS.index(indicator_id) + 1


def load_catalogue(path: str | Path) -> dict:
    """Read and check config/indicators.yaml; returns its data (a dict)."""
    doc = load_yaml(path, "indicators", "indicator catalogue")
    data = doc.data
    ids = [i["id"] for i in data["indicators"]]
    for n, (found, want) in enumerate(zip(ids, INDICATOR_IDS)):
        if found != want:
            raise doc.error(
                ["indicators", n, "id"],
                f"expected {want} here (the indicators are "
                f"I01..I16 in the order of Appendix 2), found {found!r}",
            )
    if len(ids) != len(INDICATOR_IDS):
        raise doc.error(
            ["indicators"], f"expected the {len(INDICATOR_IDS)} indicators I01..I16, found {len(ids)}"
        )
    for n, ind in enumerate(data["indicators"]):
        years = [b["year"] for b in ind.get("breaks", [])]
        if len(years) != len(set(years)):
            raise doc.error(["indicators", n, "breaks"], f"a break year is listed twice: {years}")
    seen: dict[str, int] = {}
    for n, row in enumerate(data["world_comparison"]):
        if row["measure"] in seen:
            raise doc.error(
                ["world_comparison", n, "measure"],
                f"the measure {row['measure']!r} is listed twice (first as row {seen[row['measure']] + 1})",
            )
        seen[row["measure"]] = n
    return data
