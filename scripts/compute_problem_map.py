"""Weight the survey responses and build the map of problems and risks.

Inputs: responses (CSV/XLSX export, or the returned entry workbook), register, fieldwork sample,
allocation, questionnaire, life cycle, size classes, regions (names in the fieldwork table), instrument
words (the entry workbook's layout).
Params: demo, min_cell, fdr, root_cause_top_k, reserve_ratio, confidence (of the achieved margin).
Outputs: respondent weights (results/<year>/fieldwork/, with identifiers: not for publication), the
publication tables under results/<year>/tables/ (no identifiers; survey_fieldwork.csv, the contacts
by stratum, is empty unless the responses are the entry workbook) and values/survey.json.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # noqa: E702
from industry_report.core.step import step  # noqa: E402


def main(inp, out, params):
    import pandas as pd

    from industry_report.core.codelists import load_sizes
    from industry_report.core.errors import InputError
    from industry_report.core.io import write_csv, write_json
    from industry_report.core.regions import load_regions
    from industry_report.core.validation import read_csv
    from industry_report.instruments.entry_workbook import (
        coverage_problems,
        is_entry_workbook,
        workbook_responses,
    )
    from industry_report.instruments.fieldwork import COLUMNS as FIELDWORK_COLUMNS
    from industry_report.instruments.fieldwork import (
        fieldwork_by_domain,
        fieldwork_domain_records,
        fieldwork_table,
        fieldwork_values,
    )
    from industry_report.instruments.texts import load_texts
    from industry_report.sample.frame import REGISTER_SCHEMA, check_register_against_population
    from industry_report.sample.schemas import ALLOCATION_SCHEMA, SAMPLE_SCHEMA
    from industry_report.survey import problem_map as pm
    from industry_report.survey.disclosure import round_for_publication
    from industry_report.survey.questionnaire import load_questionnaire
    from industry_report.survey.responses import read_responses
    from industry_report.survey.weights import WEIGHT_COLUMNS, compute_weights, respondent_frame

    # Load inputs.
    q = load_questionnaire(inp.questionnaire, inp.lifecycle)
    texts = load_texts(inp.instruments)
    sizes = load_sizes(inp.sizes)
    register = read_csv(inp.register, REGISTER_SCHEMA)
    alloc = read_csv(inp.allocation, ALLOCATION_SCHEMA)
    sample = read_csv(inp.sample, SAMPLE_SCHEMA)
    check_register_against_population(register, alloc, str(inp.register), str(inp.population))
    by_domain = None
    if is_entry_workbook(inp.responses, texts):
        responses, entry = workbook_responses(inp.responses, q, texts, register, sample)
        fieldwork = fieldwork_table(entry.status, alloc)
        by_domain = fieldwork_by_domain(entry.status, alloc, list(sizes.codes))
        if not params.demo and (gaps := coverage_problems(entry, sample)):
            raise InputError(entry.label, gaps)  # a real edition accounts for every sampled unit
    elif not params.demo:
        raise InputError(
            inp.responses,
            "survey.demo is false (a real edition): expected the returned entry workbook (make instruments), "
            "whose status column shows that the responses cover the selected sample",
        )
    else:
        responses, fieldwork = read_responses(inp.responses, q, register, sample), None
    # Process data.
    w = compute_weights(respondent_frame(responses, sample), alloc, str(inp.responses))
    a = pm.analysis_frame(w, q)
    min_cell = int(params.min_cell)
    tables = pm.map_tables(a, q, sample, alloc, min_cell, float(params.fdr))
    values = pm.build_values(
        q,
        tables["response"],
        tables["prevalence"],
        tables["stages"],
        tables["causes"],
        tables["roots"],
        tables["models"],
        tables["risks"],
        a,
        {
            "demo": params.demo,
            "min_cell": min_cell,
            "fdr": params.fdr,
            "root_cause_top_k": int(params.root_cause_top_k),
            "n_strata": len(alloc),
            "reserve_ratio": params.reserve_ratio,
            "confidence": float(params.confidence),
        },
        pm.size_labels(sizes),
    )
    # The fieldwork report needs the status of every contact: only the entry workbook has it.
    values["fieldwork"] = fieldwork_values(fieldwork) if fieldwork is not None else None
    if by_domain is not None:  # the annex's table: by size class and region, response rate RR1
        regions = load_regions(inp.regions)
        names = {**pm.size_labels(sizes), **{c: regions[c].name("kk") for c in regions.codes()}}
        values["fieldwork"]["domains"] = fieldwork_domain_records(by_domain, names)
    # Save outputs.
    write_csv(
        fieldwork if fieldwork is not None else pd.DataFrame(columns=FIELDWORK_COLUMNS),
        out.fieldwork,
        float_format="%.6g",
    )
    write_csv(w[WEIGHT_COLUMNS], out.weights)
    for key, table in tables.items():
        write_csv(round_for_publication(table), getattr(out, key), float_format="%.6g")
    write_json(values, out.values)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
