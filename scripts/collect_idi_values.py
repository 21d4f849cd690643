"""Entry point of rule collect_idi_values: the IDI tables -> results/<year>/values/idi.json
(namespace idi)."""

from industry_report.core.step import step


def main(inp, out, params):

    import pandas as pd

    from industry_report.core.io import write_json
    from industry_report.core.yaml_input import load_yaml
    from industry_report.idi.codebook import lifecycle_blocks, load_codebook
    from industry_report.idi.values import IdiTables, build_values, load_labels
    from industry_report.indicators.catalogue import load_catalogue

    lifecycle = load_yaml(inp.lifecycle, "lifecycle", "life-cycle stages").data
    registry = load_catalogue(inp.registry)
    cb = load_codebook(inp.codebook, lifecycle_blocks(lifecycle))
    tables = IdiTables(**{k: pd.read_csv(getattr(inp, k)) for k in IdiTables.names()})  # this stage's rules
    values = build_values(
        cb,
        lifecycle,
        tables,
        indicators=registry["indicators"],
        labels=load_labels(inp.labels),
        mc_params=dict(params.mc),
        mappings=dict(params.mappings),
        alpha=float(params.alpha),
        demo=bool(params.demo),
        indicator_status=pd.read_csv(inp.indicators, usecols=["indicator_id", "year", "status"]),
        hac_min_n=int(params.hac_min_n),
    )
    write_json(values, out.values)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
