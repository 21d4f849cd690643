"""Entry point of rule score_idi: codebook + yearly answers -> IDI tables, change, gap register."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.errors import main_guard  # noqa: E402


def main(inp, out, params):
    from scripts import idi
    from scripts.io import write_csv

    cb = idi.load_codebook_in_order(inp.codebook, inp.lifecycle)
    years = [int(y) for y in params.years]
    scores = idi.score_files(list(inp.answers), years, cb, rule=params.combine, missing=params.missing)

    write_csv(idi.idi_table(scores), out.idi)
    write_csv(idi.questions_table(scores, cb), out.questions)
    write_csv(idi.agreement_table(scores), out.agreement)
    q, acts = idi.explain_change(scores[-2], scores[-1], cb)
    write_csv(q, out.change_questions)
    write_csv(acts, out.change_acts)
    write_csv(idi.gap_register(scores[-1], cb), out.gaps)


if __name__ == "__main__":
    snakemake = globals()["snakemake"]  # provided by Snakemake's script: directive
    with main_guard(snakemake.log):
        main(snakemake.input, snakemake.output, snakemake.params)
