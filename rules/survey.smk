# Stage 2: the enterprise survey and the map of problems and risks (issue 5).
# RESULTS, LOGS, VALUES and FIGURES come from rules/common.smk (included first).

from industry_report.survey.questionnaire import problem_ids  # noqa: E402

# A cause graph is drawn for every problem of the questionnaire, so the outputs do not depend on the
# answers; the chapter shows those of the problems that get a root-cause analysis (ranking.py).
try:
    SURVEY_PROBLEMS = problem_ids("config/survey_questionnaire.yaml")
except InputError as exc:
    raise WorkflowError(str(exc)) from None
SURVEY_GRAPHS = [f"{RESULTS}/{{lang}}/figures/survey_cause_graph_{p}.png" for p in SURVEY_PROBLEMS]


rule select_survey_sample:
    input:
        register=config["survey"]["register_file"],
        population=config["sample"]["population_file"],  # named when the register disagrees
        allocation=rules.compute_sample_allocation.output.allocation,
        regions="config/regions.yaml",
        divisions="config/divisions.yaml",
        code=code_of("select_survey_sample"),
    output:
        sample=f"{RESULTS}/fieldwork/survey_sample.csv",
        xlsx=f"{RESULTS}/fieldwork/survey_fieldwork.xlsx",
    params:
        seed=config["survey"]["selection_seed"],
        reserve_ratio=config["survey"]["reserve_ratio"],
    log:
        f"{LOGS}/select_survey_sample.log",
    benchmark:
        f"{BENCHMARKS}/select_survey_sample.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/select_survey_sample.py"


rule compute_problem_map:
    input:
        responses=config["survey"]["responses_file"],
        register=config["survey"]["register_file"],
        population=config["sample"]["population_file"],  # named when the register disagrees
        sample=f"{RESULTS}/fieldwork/survey_sample.csv",
        allocation=rules.compute_sample_allocation.output.allocation,
        questionnaire="config/survey_questionnaire.yaml",
        lifecycle="config/lifecycle.yaml",
        sizes="config/size_classes.yaml",
        regions="config/regions.yaml",  # names of the fieldwork table's regions
        instruments="config/instruments.yaml",  # the entry workbook's layout, when responses are one
        edition=f"{RESULTS}/fieldwork/edition_inputs.json",  # rule check_edition_inputs
        code=code_of("compute_problem_map"),
    output:
        weights=f"{RESULTS}/fieldwork/survey_weights.csv",
        response=f"{RESULTS}/tables/survey_response.csv",
        prevalence=f"{RESULTS}/tables/survey_problem_prevalence.csv",
        stages=f"{RESULTS}/tables/survey_stage_prevalence.csv",
        causes=f"{RESULTS}/tables/survey_causes.csv",
        roots=f"{RESULTS}/tables/survey_root_causes.csv",
        models=f"{RESULTS}/tables/survey_outcome_models.csv",
        risks=f"{RESULTS}/tables/survey_risks.csv",
        fieldwork=f"{RESULTS}/tables/survey_fieldwork.csv",
        values=f"{RESULTS}/values/survey.json",
    params:
        demo=config["survey"]["demo"],
        min_cell=config["survey"]["min_cell"],
        fdr=config["survey"]["fdr"],
        root_cause_top_k=config["survey"]["root_cause_top_k"],
        reserve_ratio=config["survey"]["reserve_ratio"],
        confidence=config["sample"]["confidence"],
    log:
        f"{LOGS}/compute_problem_map.log",
    benchmark:
        f"{BENCHMARKS}/compute_problem_map.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/compute_problem_map.py"


rule plot_survey_figures:
    input:
        prevalence=f"{RESULTS}/tables/survey_problem_prevalence.csv",
        stages=f"{RESULTS}/tables/survey_stage_prevalence.csv",
        causes=f"{RESULTS}/tables/survey_causes.csv",
        roots=f"{RESULTS}/tables/survey_root_causes.csv",
        models=f"{RESULTS}/tables/survey_outcome_models.csv",
        risks=f"{RESULTS}/tables/survey_risks.csv",
        questionnaire="config/survey_questionnaire.yaml",
        lifecycle="config/lifecycle.yaml",
        regions="config/regions.yaml",
        words=CHART_WORDS,
        texts=TEXT_CONFIG,
        sizes="config/size_classes.yaml",
        code=code_of("plot_survey_figures"),
    output:
        region=f"{RESULTS}/{{lang}}/figures/survey_prevalence_region.png",
        size=f"{RESULTS}/{{lang}}/figures/survey_prevalence_size.png",
        division=f"{RESULTS}/{{lang}}/figures/survey_prevalence_division.png",
        stage=f"{RESULTS}/{{lang}}/figures/survey_prevalence_stage.png",
        graphs=SURVEY_GRAPHS,
        effects=f"{RESULTS}/{{lang}}/figures/survey_outcome_effects.png",
        risks=f"{RESULTS}/{{lang}}/figures/survey_risks.png",
        svg=svg_beside(
            f"{RESULTS}/{{lang}}/figures/survey_prevalence_region.png",
            f"{RESULTS}/{{lang}}/figures/survey_prevalence_size.png",
            f"{RESULTS}/{{lang}}/figures/survey_prevalence_division.png",
            f"{RESULTS}/{{lang}}/figures/survey_prevalence_stage.png",
            SURVEY_GRAPHS,
            f"{RESULTS}/{{lang}}/figures/survey_outcome_effects.png",
            f"{RESULTS}/{{lang}}/figures/survey_risks.png",
        ),
    params:
        demo=config["survey"]["demo"],
    log:
        f"{LOGS}/plot_survey_figures_{{lang}}.log",
    benchmark:
        f"{BENCHMARKS}/plot_survey_figures_{{lang}}.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/plot_survey_figures.py"


VALUES["survey"] = rules.compute_problem_map.output.values
FIGURES.extend(rules.plot_survey_figures.output)
