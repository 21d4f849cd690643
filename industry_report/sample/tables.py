"""Schemas of the survey's tabular inputs that are not the responses (those depend on the questionnaire).

allocation: one row per stratum (region_code, size, population, sample), the lead's
``compute_sample_allocation`` output; sample: the fieldwork sample written by ``select_survey_sample``.
"""
import pandera.pandas as pa

from industry_report.sample.frame import REGISTER_SCHEMA, SIZES

ALLOCATION_SCHEMA = pa.DataFrameSchema({
    "region_code": pa.Column(str),
    "size": pa.Column(str, pa.Check.isin(list(SIZES))),
    "population": pa.Column("int64", pa.Check.ge(0)),
    "sample": pa.Column("int64", pa.Check.ge(0)),
}, unique=["region_code", "size"])

SAMPLE_SCHEMA = pa.DataFrameSchema({
    **REGISTER_SCHEMA.columns,
    "role": pa.Column(str, pa.Check.isin(["main", "reserve"])),
    "rank": pa.Column("int64", pa.Check.ge(1)),
}, unique=["enterprise_id"])
