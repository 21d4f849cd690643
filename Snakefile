# National Report on the state of industry of the Republic of Kazakhstan: the build, as a table of
# contents. Each stage's rules are in rules/<stage>.smk; computation lives in scripts/.
#   snakemake --cores all                      build the report for config["year"]
#   snakemake --cores all --config year=2024   another year
import sys

from snakemake.utils import min_version

min_version("9.0")


# A syntax error in the config file names its line (Snakemake alone says only "not valid YAML").
from snakemake.exceptions import WorkflowError

from industry_report.core.errors import InputError
from industry_report.core.yaml_input import parse_yaml

try:
    parse_yaml("config/config.yaml", "build configuration")
    parse_yaml("config/schema.yaml", "build configuration schema")
except InputError as exc:
    raise WorkflowError(str(exc)) from None


configfile: "config/config.yaml"


# The configuration (config files merged with --config) against config/schema.yaml, defaults filled
# in; a fault stops here with its file and line or the command line, key, expectation, closest key.
sys.path.insert(0, workflow.basedir)
from industry_report.core.errors import ConfigError  # noqa: E402
from industry_report.core.yaml_input import check_config  # noqa: E402

# --config sample='{margin: 0.05}' gives '0.05' as text: type overrides as the schema declares them.
from industry_report.core.config_overrides import coerce_overrides  # noqa: E402

coerce_overrides(config, "config/schema.yaml")
try:
    check_config(config, "config/schema.yaml", workflow.configfiles)
    # The title page's emblem: the file exists and is a PNG or an SVG (by its content).
    from industry_report.publish.emblem import check_emblem  # noqa: E402

    check_emblem(config["publication"].get("emblem"), workflow.basedir)
except ConfigError as exc:
    sys.exit(str(exc))


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
