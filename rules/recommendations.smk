# Stage 4: recommendations on systemic transformations (paragraph 12 of Order No. 260), selected and
# ranked from this year's evidence (survey problem map, IDI gaps) and traced to it (issue 7).
# Needs rules/survey.smk and rules/idi.smk (included before this file).


rule compute_recommendations:
    input:
        candidates=config["recommendations"]["candidates"],
        questionnaire="config/survey_questionnaire.yaml",
        lifecycle="config/lifecycle.yaml",
        codebook=config["idi"]["codebook"],
        registry=config["indicators"]["registry"],
        prevalence=f"{RESULTS}/tables/survey_problem_prevalence.csv",
        roots=f"{RESULTS}/tables/survey_root_causes.csv",
        idi_questions=f"{RESULTS}/tables/idi_questions.csv",
        idi_blocks=f"{RESULTS}/tables/idi.csv",
        # stage 1: which key indicators have recent real values (an expected result is measured on one)
        indicators=f"{RESULTS}/tables/indicators.csv",
        indicator_values=VALUES["indicators"],
        editorial="chapters/editorial.yml",
        # a number typed into reworded text is refused as in the chapters (make check)
        typed_numbers=f"report/typed-numbers-{LANGS[0]}.yml",
        messages=MESSAGES.format(lang=LANGS[0]),
        code=code_of("compute_recommendations"),
    output:
        table=f"{RESULTS}/tables/recommendations.csv",
        values=f"{RESULTS}/values/recommendations.json",
    params:
        year=YEAR,
        max_selected=config["recommendations"]["max_selected"],
        demo_survey=config["survey"]["demo"],
        demo_idi=config["idi"]["demo"],
    log:
        f"{LOGS}/compute_recommendations.log",
    benchmark:
        f"{BENCHMARKS}/compute_recommendations.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/compute_recommendations.py"


VALUES["recommendations"] = rules.compute_recommendations.output.values
