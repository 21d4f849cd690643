# Stage 2 foundation: the survey sample of Appendix 1 (paragraph 10 of Order No. 260).


rule compute_sample_allocation:
    input:
        population=config["sample"]["population_file"],
        published=config["sample"]["published_file"],
        regions="config/regions.yaml",
        sizes="config/size_classes.yaml",
        checksums=config["checks"]["checksums"],
        code=code_of("compute_sample_allocation"),
    output:
        allocation=f"{RESULTS}/tables/sample_allocation.csv",
        precision=f"{RESULTS}/tables/sample_precision.csv",
        comparison=f"{RESULTS}/tables/sample_vs_appendix1.csv",
        values=f"{RESULTS}/values/sample.json",
    params:
        design={k: config["sample"][k] for k in ("confidence", "p", "margin", "min_per_stratum",
                                                 "min_total", "allocation", "fraction_decimals")},
        population_year=config["sample"]["population_year"],
        checks=config["checks"],
    log:
        f"{LOGS}/compute_sample_allocation.log",
    benchmark:
        f"{BENCHMARKS}/compute_sample_allocation.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/compute_sample_allocation.py"


rule plot_sample_allocation:
    input:
        allocation=rules.compute_sample_allocation.output.allocation,
        regions="config/regions.yaml",
        sizes="config/size_classes.yaml",
        words=CHART_WORDS,
        texts=TEXT_CONFIG,
        code=code_of("plot_sample_allocation"),
    output:
        figure=f"{RESULTS}/{{lang}}/figures/sample_by_region.png",
        svg=svg_beside(
            f"{RESULTS}/{{lang}}/figures/sample_by_region.png",
        ),
    params:
        population_year=config["sample"]["population_year"],
    log:
        f"{LOGS}/plot_sample_allocation_{{lang}}.log",
    benchmark:
        f"{BENCHMARKS}/plot_sample_allocation_{{lang}}.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/plot_sample_allocation.py"


VALUES["sample"] = rules.compute_sample_allocation.output.values
FIGURES.append(rules.plot_sample_allocation.output.figure)
