# Stage 1: the 16 key indicators of Appendix 2 of Order No. 260 on real statistics (data/raw/bns,
# data/raw/wdi), with the sectoral and regional reviews (chapters 02-04, annex 95).
# The catalogue of the indicators is config/indicators.yaml (config key indicators.registry); the
# divisions code list config/divisions.yaml. No invented value: where no real series exists the
# cell is empty. The WDI/UNIDO files (one release per folder) are listed in
# industry_report/indicators/files.py.

from industry_report.indicators.files import ddf_inputs  # noqa: E402

IND_RAW = "data/raw"


rule compute_indicators:
    input:
        catalogue=config["indicators"]["registry"],
        regions="config/regions.yaml",
        division_list="config/divisions.yaml",
        gva=f"{IND_RAW}/bns/dims/gva_nominal_by_section.csv",
        divisions=f"{IND_RAW}/bns/dims/gva_nominal_industry_divisions.csv",
        population=f"{IND_RAW}/bns/dims/population_avg_by_region.csv",
        output=f"{IND_RAW}/bns/dims/output_by_region_section.csv",
        investment_section=f"{IND_RAW}/bns/dims/investment_by_section.csv",
        employment_section=f"{IND_RAW}/bns/dims/employed_by_section.csv",
        gva_region=f"{IND_RAW}/bns/dims/gva_nominal_by_region_section.csv",
        grp_region=f"{IND_RAW}/bns/dims/grp_nominal_by_region.csv",
        investment_region=f"{IND_RAW}/bns/dims/investment_by_region.csv",
        ipi=f"{IND_RAW}/bns/dims/industrial_production_index_by_activity.csv",
        compensation=f"{IND_RAW}/bns/dims/income_compensation_by_section.csv",
        other_taxes=f"{IND_RAW}/bns/dims/income_other_taxes_by_section.csv",
        usd_rate=f"{IND_RAW}/bns/dims/exchange_rates_official_monthly.USD.csv",
        exports=f"{IND_RAW}/bns/national/exports.csv",
        wage=f"{IND_RAW}/bns/national/avg_wage.csv",
        **{k: str(v) for k, v in ddf_inputs(IND_RAW).items()},
        enterprises=f"{IND_RAW}/order-260-annex1/active_manufacturing_enterprises_2022.csv",
        checksums=config["checks"]["checksums"],
        code=code_of("compute_indicators"),
    output:
        table=f"{RESULTS}/tables/indicators.csv",
        context=f"{RESULTS}/tables/indicators_context.csv",
        sectors=f"{RESULTS}/tables/indicators_sectors.csv",
        regions=f"{RESULTS}/tables/indicators_regions.csv",
        world=f"{RESULTS}/tables/indicators_world.csv",
        peers=f"{RESULTS}/tables/indicators_peers.csv",
        mht=f"{RESULTS}/tables/indicators_mht.csv",
        ipi_total=f"{RESULTS}/tables/indicators_ipi_total.csv",
        values=f"{RESULTS}/values/indicators.json",
    params:
        year=YEAR,
        checks=config["checks"],
    log:
        f"{LOGS}/compute_indicators.log",
    benchmark:
        f"{BENCHMARKS}/compute_indicators.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/compute_indicators.py"


rule plot_indicators:
    input:
        catalogue=config["indicators"]["registry"],
        table=rules.compute_indicators.output.table,
        sectors=rules.compute_indicators.output.sectors,
        regions=rules.compute_indicators.output.regions,
        mht=rules.compute_indicators.output.mht,
        peers=rules.compute_indicators.output.peers,
        ipi_total=rules.compute_indicators.output.ipi_total,
        words=CHART_WORDS,
        texts=TEXT_CONFIG,
        code=code_of("plot_indicators"),
    output:
        structure=f"{RESULTS}/{{lang}}/figures/ind_structure.png",
        ipi=f"{RESULTS}/{{lang}}/figures/ind_ipi.png",
        levels=f"{RESULTS}/{{lang}}/figures/ind_levels.png",
        world=f"{RESULTS}/{{lang}}/figures/ind_world.png",
        peers=f"{RESULTS}/{{lang}}/figures/ind_peers.png",
        divisions=f"{RESULTS}/{{lang}}/figures/sec_divisions.png",
        mht=f"{RESULTS}/{{lang}}/figures/sec_mht.png",
        regions=f"{RESULTS}/{{lang}}/figures/reg_overview.png",
        svg=svg_beside(
            f"{RESULTS}/{{lang}}/figures/ind_structure.png",
            f"{RESULTS}/{{lang}}/figures/ind_ipi.png",
            f"{RESULTS}/{{lang}}/figures/ind_levels.png",
            f"{RESULTS}/{{lang}}/figures/ind_world.png",
            f"{RESULTS}/{{lang}}/figures/sec_divisions.png",
            f"{RESULTS}/{{lang}}/figures/sec_mht.png",
            f"{RESULTS}/{{lang}}/figures/reg_overview.png",
        ),
    params:
        year=YEAR,
        world_from=config["indicators"]["world_from"],
    log:
        f"{LOGS}/plot_indicators_{{lang}}.log",
    benchmark:
        f"{BENCHMARKS}/plot_indicators_{{lang}}.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/plot_indicators.py"


VALUES["indicators"] = rules.compute_indicators.output.values
FIGURES.extend(rules.plot_indicators.output)
