# Field instruments (issue 18): the forms the survey team, the enterprises and the experts fill in,
# the merge of the experts' returned workbooks, and the check that a real edition is not built on the
# demonstration files. `make instruments` builds the forms; `make idi-intake YEAR=<y>` merges a year.

import glob
import os

INSTRUMENTS = f"{RESULTS}/instruments"
INSTRUMENT_TEXTS = "config/instruments.yaml"
IDI_EXPERTS = list(config["instruments"]["idi_experts"])
IDI_INTAKE = config["instruments"]["idi_intake"]  # folder of returned workbooks, {year} replaced
QUESTIONNAIRE_LANGS = ["kk", "ru"]


rule check_edition_inputs:
    input:
        register=config["survey"]["register_file"],
        responses=config["survey"]["responses_file"],
        answers=IDI_ANSWERS,
        checksums="data/demo/checksums.sha256",
        code=code_of("check_edition_inputs"),
    output:
        record=f"{RESULTS}/fieldwork/edition_inputs.json",
    params:
        survey_demo=config["survey"]["demo"],
        idi_demo=config["idi"]["demo"],
    log:
        f"{LOGS}/check_edition_inputs.log",
    benchmark:
        f"{BENCHMARKS}/check_edition_inputs.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/check_edition_inputs.py"


rule build_entry_workbook:
    input:
        sample=f"{RESULTS}/fieldwork/survey_sample.csv",
        questionnaire="config/survey_questionnaire.yaml",
        lifecycle="config/lifecycle.yaml",
        texts=INSTRUMENT_TEXTS,
        code=code_of("build_entry_workbook"),
    output:
        workbook=f"{INSTRUMENTS}/survey_entry_{YEAR}.xlsx",
    log:
        f"{LOGS}/build_entry_workbook.log",
    benchmark:
        f"{BENCHMARKS}/build_entry_workbook.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/build_entry_workbook.py"


rule build_expert_workbooks:
    input:
        codebook=config["idi"]["codebook"],
        lifecycle="config/lifecycle.yaml",
        texts=INSTRUMENT_TEXTS,
        code=code_of("build_expert_workbooks"),
    output:
        workbooks=[f"{INSTRUMENTS}/idi_expert_{e}_{YEAR}.xlsx" for e in IDI_EXPERTS],
    params:
        experts=IDI_EXPERTS,
        year=YEAR,
    log:
        f"{LOGS}/build_expert_workbooks.log",
    benchmark:
        f"{BENCHMARKS}/build_expert_workbooks.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/build_expert_workbooks.py"


rule build_questionnaire:
    input:
        questionnaire="config/survey_questionnaire.yaml",
        lifecycle="config/lifecycle.yaml",
        texts=INSTRUMENT_TEXTS,
        reference=rules.build_reference_docx.output[0],
        code=code_of("build_questionnaire"),
    output:
        **{f"{kind}_{lang}": f"{INSTRUMENTS}/questionnaire_{lang}.{ext}"
           for lang in QUESTIONNAIRE_LANGS for kind, ext in (("md", "md"), ("docx", "docx"), ("pdf", "pdf"))},
    params:
        languages=QUESTIONNAIRE_LANGS,
    log:
        f"{LOGS}/build_questionnaire.log",
    benchmark:
        f"{BENCHMARKS}/build_questionnaire.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/build_questionnaire.py"


rule instruments:
    input:
        rules.build_entry_workbook.output,
        rules.build_expert_workbooks.output,
        rules.build_questionnaire.output,


# The returned expert workbooks of a year (data/intake/idi/<year>/*.xlsx) -> one answers file; point
# idi.answers at results/intake/idi/answers_{year}.csv to build the report on them.
rule merge_idi_intake:
    input:
        workbooks=lambda wc: sorted(glob.glob(os.path.join(IDI_INTAKE.format(year=wc.year), "*.xlsx"))),
        codebook=config["idi"]["codebook"],
        lifecycle="config/lifecycle.yaml",
        texts=INSTRUMENT_TEXTS,
        code=code_of("merge_idi_intake"),
    output:
        answers="results/intake/idi/answers_{year}.csv",
    wildcard_constraints:
        year=r"\d{4}",
    params:
        year=lambda wc: int(wc.year),
        folder=lambda wc: IDI_INTAKE.format(year=wc.year),
    log:
        "logs/intake/merge_idi_intake_{year}.log",
    benchmark:
        "benchmarks/intake/merge_idi_intake_{year}.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/merge_idi_intake.py"
