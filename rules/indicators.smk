# Stage 1: the 16 key indicators of Appendix 2 of Order No. 260 on real statistics (data/raw/bns,
# data/raw/wdi, data/raw/datahub), with the sectoral and regional reviews (chapters 02-04, annex 95).
# The catalogue of the indicators is config/indicators.yaml (config key indicators.registry); the
# divisions code list config/divisions.yaml; invented values exist only where no real basis exists
# (config indicators.demo_file, made by tools/demo_indicators.py).

IND_RAW = "data/raw"


rule compute_indicators:
    input:
        catalogue=config["indicators"]["registry"],
        regions="config/regions.yaml",
        division_list="config/divisions.yaml",
        demo=config["indicators"]["demo_file"],
        gva=f"{IND_RAW}/bns/dims/gva_nominal_by_section.csv",
        divisions=f"{IND_RAW}/bns/dims/gva_nominal_industry_divisions.csv",
        population=f"{IND_RAW}/bns/dims/population_avg_by_region.csv",
        output=f"{IND_RAW}/bns/dims/output_by_region_section.csv",
        investment_section=f"{IND_RAW}/bns/dims/investment_by_section.csv",
        employment_section=f"{IND_RAW}/bns/dims/employed_by_section.csv",
        gva_region=f"{IND_RAW}/bns/dims/gva_nominal_by_region_section.csv",
        grp_region=f"{IND_RAW}/bns/dims/grp_nominal_by_region.csv",
        investment_region=f"{IND_RAW}/bns/dims/investment_by_region.csv",
        exports=f"{IND_RAW}/bns/national/exports.csv",
        ipi_manufacturing=f"{IND_RAW}/bns/national/ind_prod_manufacturing.csv",
        ipi_total=f"{IND_RAW}/bns/national/ind_prod.csv",
        wage=f"{IND_RAW}/bns/national/avg_wage.csv",
        tax=f"{IND_RAW}/bns/national/tax_revenue.csv",
        wdi_manf_share=f"{IND_RAW}/wdi/wdi-2013/TX.VAL.MANF.ZS.UN_WDI.csv",
        wdi_merch=f"{IND_RAW}/wdi/wdi-2013/TX.VAL.MRCH.CD.WT_WDI.csv",
        wdi_mva=f"{IND_RAW}/wdi/wdi-2023/API_NV.IND.MANF.CD_DS2_en_csv_v2_5363423.csv",
        wdi_tech=f"{IND_RAW}/wdi/wdi-2023/API_TX.VAL.TECH.MF.ZS_DS2_en_csv_v2_4771883.csv",
        gdp_usd=f"{IND_RAW}/datahub/gdp.csv",
        population_wdi=f"{IND_RAW}/datahub/population.csv",
        enterprises=f"{IND_RAW}/order-260-annex1/active_manufacturing_enterprises_2022.csv",
        code=code_of("compute_indicators"),
    output:
        table=f"{RESULTS}/tables/indicators.csv",
        sectors=f"{RESULTS}/tables/indicators_sectors.csv",
        regions=f"{RESULTS}/tables/indicators_regions.csv",
        world=f"{RESULTS}/tables/indicators_world.csv",
        mht=f"{RESULTS}/tables/indicators_mht.csv",
        ipi_total=f"{RESULTS}/tables/indicators_ipi_total.csv",
        values=f"{RESULTS}/values/indicators.json",
    params:
        year=YEAR,
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
        ipi_total=rules.compute_indicators.output.ipi_total,
        words=CHART_WORDS,
        code=code_of("plot_indicators"),
    output:
        structure=f"{RESULTS}/figures/ind_structure.png",
        ipi=f"{RESULTS}/figures/ind_ipi.png",
        levels=f"{RESULTS}/figures/ind_levels.png",
        world=f"{RESULTS}/figures/ind_world.png",
        divisions=f"{RESULTS}/figures/sec_divisions.png",
        mht=f"{RESULTS}/figures/sec_mht.png",
        regions=f"{RESULTS}/figures/reg_overview.png",
    params:
        year=YEAR,
        world_from=config["indicators"]["world_from"],
    log:
        f"{LOGS}/plot_indicators.log",
    benchmark:
        f"{BENCHMARKS}/plot_indicators.tsv",
    conda:
        SOFTWARE
    script:
        "../scripts/plot_indicators.py"


VALUES["indicators"] = rules.compute_indicators.output.values
FIGURES.extend(rules.plot_indicators.output)
