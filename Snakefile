# National Report on the state of industry of the Republic of Kazakhstan: the build, as a table of
# contents. Each stage's rules are in rules/<stage>.smk; computation lives in scripts/.
#   snakemake --cores all                      build the report for config["year"]
#   snakemake --cores all --config year=2024   another year
from snakemake.utils import min_version, validate

min_version("9.0")


configfile: "config/config.yaml"


validate(config, "config/schema.yaml")


include: "rules/common.smk"
include: "rules/sample.smk"
include: "rules/indicators.smk"
include: "rules/survey.smk"
include: "rules/idi.smk"
include: "rules/recommendations.smk"
include: "rules/report.smk"
include: "rules/review.smk"
include: "rules/instruments.smk"


rule all:
    input:
        REPORT_OUTPUTS,
        REVIEW_OUTPUTS,
    default_target: True
