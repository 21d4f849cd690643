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
    """Every stratum of the population (or allocation) table must be in the register with the same count.

    ``population`` rows are indexed by their line in ``population_file``; ``register`` rows by line too.
    A stratum in the register but missing from the population table names the register's first line
    of that stratum.
    """
    counts = register.groupby(["region_code", "size"]).size()
    problems_pop, problems_reg = [], []
    keys = set()
    for row, rec in population.iterrows():
        key = (rec["region_code"], rec["size"])
        keys.add(key)
        have = int(counts.get(key, 0))
        if int(rec["population"]) > 0 and have == 0:
            problems_pop.append(
                Problem(
                    int(row),
                    "region_code, size",
                    f"the stratum {key[0]}/{key[1]} is missing from the register "
                    f"{register_file} (expected {int(rec['population'])} enterprises)",
                )
            )
        elif have != int(rec["population"]):
            problems_pop.append(
                Problem(
                    int(row),
                    "population",
                    f"expected the register's count of {key[0]}/{key[1]} ({have}), "
                    f"found {int(rec['population'])}",
                )
            )
    if problems_pop:
        raise InputError(population_file, problems_pop)
    for key in counts.index:
        if key not in keys:
            first = register.index[(register["region_code"] == key[0]) & (register["size"] == key[1])][0]
            problems_reg.append(
                Problem(
                    int(first),
                    "region_code, size",
                    f"the stratum {key[0]}/{key[1]} is missing from {population_file}",
                )
            )
    if problems_reg:
        raise InputError(register_file, problems_reg)
