"""Entry point of rule collect_idi_values: the IDI tables -> results/<year>/values/idi.json (namespace idi)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.errors import main_guard  # noqa: E402


def main(inp, out, params):
    import pandas as pd
    import yaml

    from scripts import idi
    from scripts.io import write_json

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
    snakemake = globals()["snakemake"]  # provided by Snakemake's script: directive
    with main_guard(snakemake.log):
        main(snakemake.input, snakemake.output, snakemake.params)
