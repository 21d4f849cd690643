"""Entry point of rule compute_sample_allocation: population -> allocation, precision, values."""

from industry_report.core.step import step


def main(inp, out, params):
    from industry_report.core.codelists import load_sizes
    from industry_report.core.io import write_csv, write_json
    from industry_report.core.regions import load_regions
    from industry_report.core.series_checks import check_checksum
    from industry_report.sample import design as sampling

    # Load inputs.
    regions = load_regions(inp.regions)
    year = int(params.population_year)
    population = sampling.read_population(inp.population, regions, year)
    published = sampling.read_appendix1(inp.published)
    if getattr(params, "checks", None):  # after the content checks, which say more about a fault
        for path in (inp.population, inp.published):
            check_checksum(path, params.checks)
    d = dict(params.design)
    design = sampling.SampleDesign(
        confidence=d["confidence"],
        p=d["p"],
        margin=d["margin"],
        min_per_stratum=d["min_per_stratum"],
        min_total=d["min_total"],
        method=d["allocation"],
        fraction_decimals=d["fraction_decimals"],
    )
    sampling.check_covers_country(population, regions, year, inp.population)
    sampling.check_feasible(population, design, inp.population)
    sizes = load_sizes(inp.sizes)

    # Process data.
    values = sampling.design_values(population, published, design, regions, year, sizes)
    alloc = sampling.allocate(population, design)
    precision = sampling.precision_table(alloc, design.z, design.p)
    comparison = sampling.comparison_table(population, published, design)

    # Save outputs.
    write_csv(alloc, out.allocation)
    write_csv(precision, out.precision, float_format="%.6f")
    write_csv(comparison, out.comparison)
    write_json(values, out.values)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
