"""Entry point of rule collect_idi_values: the IDI tables -> results/<year>/values/idi.json (namespace idi)."""
from pathlib import Path

from industry_report.core.step import step  # noqa: E402


def main(inp, out, params):
    import pandas as pd
    import yaml

    from industry_report.idi import scoring as idi
    from industry_report.core.io import write_json

    lifecycle = yaml.safe_load(Path(inp.lifecycle).read_text(encoding="utf-8"))
    registry = yaml.safe_load(Path(inp.registry).read_text(encoding="utf-8"))
    cb = idi.load_codebook(inp.codebook, idi.lifecycle_blocks(lifecycle))
    read = {k: pd.read_csv(getattr(inp, k)) for k in (
        "idi", "questions", "agreement", "change_questions", "change_acts", "gaps", "scenarios", "mc",
        "regression")}  # all written by this stage's own rules
    values = idi.build_values(
        codebook=cb, lifecycle=lifecycle, idi_tab=read["idi"], questions=read["questions"],
        agreement=read["agreement"], change_q=read["change_questions"],
        change_acts=read["change_acts"], gaps=read["gaps"], scenarios=read["scenarios"], mc=read["mc"],
        regression=read["regression"], indicators=registry["indicators"],
        mc_params={**dict(params.mc), "mappings": dict(params.mappings)}, alpha=float(params.alpha),
        demo=bool(params.demo),
        indicator_status=pd.read_csv(inp.indicators, usecols=["indicator_id", "year", "status"]))
    write_json(values, out.values)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
