"""Schemas of the tables the sample rules hand to the survey rules (the register's is in frame.py).

allocation: one row per stratum (region_code, size, population, sample), written by
``compute_sample_allocation``; sample: the fieldwork sample (the register's columns plus role and
rank), written by ``select_survey_sample``. The responses' schema depends on the questionnaire
(:func:`industry_report.survey.responses.response_schema`).
"""

import pandera.pandas as pa

from industry_report.core.codelists import SIZES
from industry_report.sample.frame import REGISTER_SCHEMA

ALLOCATION_SCHEMA = pa.DataFrameSchema(
    {
        "region_code": pa.Column(str),
        "size": pa.Column(str, pa.Check.isin(list(SIZES))),
        "population": pa.Column("int64", pa.Check.ge(0)),
        "sample": pa.Column("int64", pa.Check.ge(0)),
    },
    unique=["region_code", "size"],
)

SAMPLE_SCHEMA = pa.DataFrameSchema(
    {
        **REGISTER_SCHEMA.columns,
        "role": pa.Column(str, pa.Check.isin(["main", "reserve"])),
        "rank": pa.Column("int64", pa.Check.ge(1)),
    },
    unique=["enterprise_id"],
)
