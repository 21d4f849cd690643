"""Select the survey sample (main + reserve per stratum) and write the fieldwork list (not for publication).

Inputs: register (sampling frame), sample allocation, region list, divisions. Params: seed, reserve_ratio.
Outputs: fieldwork sample CSV and XLSX under results/<year>/fieldwork/.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # noqa: E702
from industry_report.core.step import step  # noqa: E402


def main(inp, out, params):
    from industry_report.core.codelists import load_divisions
    from industry_report.core.io import atomic_path, write_csv
    from industry_report.core.regions import load_regions
    from industry_report.core.validation import read_csv
    from industry_report.sample.frame import REGISTER_SCHEMA, check_register_against_population
    from industry_report.sample.schemas import ALLOCATION_SCHEMA
    from industry_report.sample.selection import fieldwork_xlsx_bytes, select_sample

    # Load inputs.
    register = read_csv(inp.register, REGISTER_SCHEMA)
    alloc = read_csv(inp.allocation, ALLOCATION_SCHEMA)
    regions = load_regions(inp.regions)
    divisions = {int(c): n for c, n in load_divisions(inp.divisions).names("short_kk").items()}
    # Process data.
    check_register_against_population(register, alloc, str(inp.register), str(inp.population))
    sample = select_sample(
        register, alloc, int(params.seed), float(params.reserve_ratio), allocation_file=str(inp.allocation)
    )
    names = {c: regions[c].name("kk", 2022) for c in regions.codes()}
    data = fieldwork_xlsx_bytes(sample, names, divisions)
    # Save outputs.
    write_csv(sample, out.sample)
    with atomic_path(out.xlsx) as tmp:
        tmp.write_bytes(data)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
