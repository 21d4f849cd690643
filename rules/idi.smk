# Stage 3: the Industrial Development Index (paragraph 11 of Order No. 260): codebook + expert
# answers -> IDI, change, gap register, sensitivity, regression-correlation with the key indicators.

IDI_YEARS = list(range(int(config["idi"]["first_year"]), YEAR + 1))
if len(IDI_YEARS) < 3:  # a change needs a base, a trend and a correlation at least three years
    raise WorkflowError(
        f"config key idi.first_year: expected a year no later than {YEAR - 2} (the index series "
        f"needs at least 3 years up to the reporting year {YEAR}), found {config['idi']['first_year']}"
    )
IDI_ANSWERS = [config["idi"]["answers"].format(year=y) for y in IDI_YEARS]
IDI_COMMON = dict(years=IDI_YEARS, combine=config["idi"]["combine"], missing=config["idi"]["missing"])


rule score_idi:
    input:
        codebook=config["idi"]["codebook"],
        lifecycle="config/lifecycle.yaml",
        answers=IDI_ANSWERS,
        edition=f"{RESULTS}/fieldwork/edition_inputs.json",  # rule check_edition_inputs (production mode)
        code=code_of("score_idi"),
    output:
        idi=f"{RESULTS}/tables/idi.csv",
        questions=f"{RESULTS}/tables/idi_questions.csv",
        agreement=f"{RESULTS}/tables/idi_agreement.csv",
        change_questions=f"{RESULTS}/tables/idi_change_questions.csv",
        change_acts=f"{RESULTS}/tables/idi_change_acts.csv",
        gaps=f"{RESULTS}/tables/idi_gaps.csv",
    params:
        **IDI_COMMON,
    log:
        f"{LOGS}/score_idi.log",
    benchmark:
        f"{BENCHMARKS}/score_idi.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/score_idi.py"


rule compute_idi_sensitivity:
    input:
        codebook=config["idi"]["codebook"],
        lifecycle="config/lifecycle.yaml",
        answers=IDI_ANSWERS,
        code=code_of("compute_idi_sensitivity"),
    output:
        scenarios=f"{RESULTS}/tables/idi_sensitivity.csv",
        mc=f"{RESULTS}/tables/idi_mc.csv",
    params:
        **IDI_COMMON,
        mappings=config["idi"]["sensitivity"]["mappings"],
        mc=config["idi"]["mc"],
    log:
        f"{LOGS}/compute_idi_sensitivity.log",
    benchmark:
        f"{BENCHMARKS}/compute_idi_sensitivity.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/compute_idi_sensitivity.py"


rule compute_idi_regression:
    input:
        idi=rules.score_idi.output.idi,
        indicators=f"{RESULTS}/tables/indicators.csv",  # rule compute_indicators (stage 1)
        registry="config/indicators.yaml",
        code=code_of("compute_idi_regression"),
    output:
        table=f"{RESULTS}/tables/idi_regression.csv",
    params:
        alpha=config["idi"]["alpha"],
        **config["idi"]["regression"],
    log:
        f"{LOGS}/compute_idi_regression.log",
    benchmark:
        f"{BENCHMARKS}/compute_idi_regression.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/compute_idi_regression.py"


rule compute_idi_experts:
    input:
        codebook=config["idi"]["codebook"],
        lifecycle="config/lifecycle.yaml",
        answers=IDI_ANSWERS,
        code=code_of("compute_idi_experts"),
    output:
        table=f"{RESULTS}/tables/idi_experts.csv",
    params:
        **IDI_COMMON,
    log:
        f"{LOGS}/compute_idi_experts.log",
    benchmark:
        f"{BENCHMARKS}/compute_idi_experts.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/compute_idi_experts.py"


rule collect_idi_values:
    input:
        codebook=config["idi"]["codebook"],
        lifecycle="config/lifecycle.yaml",
        registry="config/indicators.yaml",
        labels="config/idi_labels.yaml",
        **{k: v for k, v in rules.score_idi.output.items()},
        scenarios=rules.compute_idi_sensitivity.output.scenarios,
        mc=rules.compute_idi_sensitivity.output.mc,
        regression=rules.compute_idi_regression.output.table,
        experts=rules.compute_idi_experts.output.table,
        indicators=f"{RESULTS}/tables/indicators.csv",  # statuses: which indicators hold demo values
        code=code_of("collect_idi_values"),
    output:
        values=f"{RESULTS}/values/idi.json",
    params:
        mc=config["idi"]["mc"],
        mappings=config["idi"]["sensitivity"]["mappings"],
        alpha=config["idi"]["alpha"],
        demo=config["idi"]["demo"],
        hac_min_n=config["idi"]["regression"]["hac_min_n"],
    log:
        f"{LOGS}/collect_idi_values.log",
    benchmark:
        f"{BENCHMARKS}/collect_idi_values.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/collect_idi_values.py"


rule plot_idi:
    input:
        values=rules.collect_idi_values.output.values,
        idi=rules.score_idi.output.idi,
        regression=rules.compute_idi_regression.output.table,
        indicators=f"{RESULTS}/tables/indicators.csv",
        registry="config/indicators.yaml",
        words=CHART_WORDS,
        texts=TEXT_CONFIG,
        code=code_of("plot_idi"),
    output:
        blocks=f"{RESULTS}/{{lang}}/figures/idi_blocks.png",
        trend=f"{RESULTS}/{{lang}}/figures/idi_trend.png",
        change=f"{RESULTS}/{{lang}}/figures/idi_change.png",
        gaps=f"{RESULTS}/{{lang}}/figures/idi_gaps.png",
        sensitivity=f"{RESULTS}/{{lang}}/figures/idi_sensitivity.png",
        heatmap=f"{RESULTS}/{{lang}}/figures/idi_heatmap.png",
        scatter=f"{RESULTS}/{{lang}}/figures/idi_scatter.png",
        svg=svg_beside(
            f"{RESULTS}/{{lang}}/figures/idi_blocks.png",
            f"{RESULTS}/{{lang}}/figures/idi_trend.png",
            f"{RESULTS}/{{lang}}/figures/idi_change.png",
            f"{RESULTS}/{{lang}}/figures/idi_gaps.png",
            f"{RESULTS}/{{lang}}/figures/idi_sensitivity.png",
            f"{RESULTS}/{{lang}}/figures/idi_heatmap.png",
            f"{RESULTS}/{{lang}}/figures/idi_scatter.png",
        ),
    params:
        demo=config["idi"]["demo"],
    log:
        f"{LOGS}/plot_idi_{{lang}}.log",
    benchmark:
        f"{BENCHMARKS}/plot_idi_{{lang}}.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/plot_idi.py"


VALUES["idi"] = rules.collect_idi_values.output.values
FIGURES.extend(rules.plot_idi.output)
