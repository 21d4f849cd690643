"""The enterprise register: the survey's sampling frame, its schema and its check against the strata.

The register lists every active manufacturing enterprise: ``enterprise_id``, ``name``, ``region_code``,
``size`` (a code of :data:`industry_report.core.codelists.SIZES`) and ``oked_division`` (OKED / NACE
Rev. 2 division, 10-33, named in config/divisions.yaml). No real register is public; the
demonstration one is made by ``tools/demo_survey.py``.

Counts are numbers of enterprises (no unit of measure); divisions are two-digit OKED codes.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from industry_report.core.codelists import SIZES
from industry_report.core.errors import InputError, Problem

REGISTER_SCHEMA = pa.DataFrameSchema(
    {
        "enterprise_id": pa.Column(str),
        "name": pa.Column(str),
        "region_code": pa.Column(str),
        "size": pa.Column(str, pa.Check.isin(list(SIZES))),
        "oked_division": pa.Column("int64", pa.Check.in_range(10, 33)),
    },
    unique=["enterprise_id"],
)


def check_register_against_population(
    register: pd.DataFrame, population: pd.DataFrame, register_file: str, population_file: str
) -> None:
    """Every stratum of the population table must be in the register with the same count.

    ``population`` rows are indexed by their line in ``population_file`` (the raw population file,
    config sample.population_file, whose lines the allocation keeps); ``register`` rows by their
    line too. The register is the file at fault: every problem names it, with its line where the
    stratum has one, and says what the population file counts (file and row).
    """
    counts = register.groupby(["region_code", "size"]).size()
    problems = []
    keys = set()
    for row, rec in population.iterrows():
        key = (rec["region_code"], rec["size"])
        keys.add(key)
        have = int(counts.get(key, 0))
        want = int(rec["population"])
        if have == want:
            continue
        lines = register.index[(register["region_code"] == key[0]) & (register["size"] == key[1])]
        problems.append(
            Problem(
                int(lines[0]) if len(lines) else None,
                "region_code, size",
                f"expected {want} enterprises of the stratum {key[0]}/{key[1]} as the population file "
                f"{population_file} counts (row {int(row)}), found {have}"
                + (" (the stratum is missing from the register)" if have == 0 else ""),
            )
        )
    for key in counts.index:
        if key not in keys:
            first = register.index[(register["region_code"] == key[0]) & (register["size"] == key[1])][0]
            problems.append(
                Problem(
                    int(first),
                    "region_code, size",
                    f"the stratum {key[0]}/{key[1]} is not in the population file {population_file}",
                )
            )
    if problems:
        raise InputError(register_file, problems)
