"""Demonstration IDI answers: invented expert answers to the codebook, one CSV per year.

No real expert assessment of Kazakhstan's legislation with this codebook exists yet, so the build
runs on invented answers until one does (a config change swaps in the real files). How they are made
(all assumptions, also written to data/demo/idi_answers/README.md):

* Each question q has a latent "favourability" θ_q,t in [0, 1]. In the first year θ ~ U(0.1, 0.8).
  Each later year a reform improves it with probability 0.08 (θ += U(0.2, 0.5)), or a setback
  worsens it with probability 0.04 (θ −= U(0.2, 0.4)); θ is clipped to [0, 1]. From 2022 (the Law
  on Industrial Policy in force) the improvement probability is 0.20 in the finance, market and
  innovation blocks.
* Each expert reads θ with noise N(0, 0.12²) and answers the class it falls in: favourable above
  2/3, partial above 1/3, unfavourable otherwise (for yes/no questions: favourable above 1/2). The
  option with that class is written.
* Not applicable: PRD05 (integrated environmental permit) before 2021 and EXT05 (repayment of
  stimulation measures under the Law on Industrial Policy) before 2022, for every expert; for the
  other questions that allow N/A, an expert answers N/A with probability 0.05.
* Three experts (E01–E03) answer every year; a fourth (E04) joins from 2020.
* The citation is the article and the act from the codebook; the comment says the row is invented.

Usage: ``python -m tools.demo_idi_answers [--out data/demo/idi_answers] [--first 2016]
[--last 2025] [--seed 20261127]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from industry_report.core.io import write_csv, write_text  # noqa: E402
from industry_report.idi.codebook import Codebook, load_codebook  # noqa: E402

SEED = 20261127
FIRST, LAST = 2016, 2025
NA_BEFORE = {"PRD05": 2021, "EXT05": 2022}
REFORM_BLOCKS = {"finance", "market", "innovation"}
REFORM_FROM = 2022
P_UP, P_UP_REFORM, P_DOWN, P_NA = 0.08, 0.20, 0.04, 0.05
NOISE = 0.12

README = """# Demonstration IDI answers (invented data)

These files are **demonstration data**: invented answers to the IDI codebook
(`config/idi_codebook.yaml`, version {version}), made by `python -m tools.demo_idi_answers`
(seed {seed}). They are not an assessment of Kazakhstan's legislation. The report labels every
figure and table built from them as "демонстрациялық деректер". To use a real assessment, put the
experts' files in another folder and point `idi.answers` in `config/config.yaml` at it.

## Format (the same for real answers)
One file per assessment year, `answers_<year>.csv` (UTF-8; an `.xlsx` with the same columns also
works), one row per expert and question:

| column | content |
|---|---|
| expert | the expert's code (e.g. E01); the same code across years |
| question | the question id from the codebook (e.g. ENT01) |
| answer | an option id of the question's option set (e.g. yes, partly, no, le10), or `na` (not applicable) where the question allows it |
| citation | the article and act the answer rests on; required unless the answer is `na` |
| comment | free text, may be empty |
| block (optional) | the question's block id; checked against the codebook if present |

Every expert answers every question (a missing answer is an error unless `idi.missing: skip`).

## How they were generated
{method}

Years: {first}–{last}; experts: E01–E03 every year, E04 from 2020.
"""


def _class_of(theta: np.ndarray, has_partial: bool) -> np.ndarray:
    if has_partial:
        return np.where(theta > 2 / 3, "favourable", np.where(theta > 1 / 3, "partial", "unfavourable"))
    return np.where(theta > 0.5, "favourable", "unfavourable")


def generate(
    codebook: Codebook, first: int = FIRST, last: int = LAST, seed: int = SEED
) -> dict[int, pd.DataFrame]:
    """Answers per year as frames with columns expert, question, answer, citation, comment."""
    rng = np.random.default_rng(seed)
    qs = codebook.questions
    nq = len(qs)
    theta = rng.uniform(0.1, 0.8, nq)
    opt = codebook.options
    option_for = {(q, c): o for q, o, c in zip(opt["question"], opt["option"], opt["class"])}
    has_partial = qs["question"].map(lambda q: (q, "partial") in option_for).to_numpy()
    reform_block = qs["block"].isin(REFORM_BLOCKS).to_numpy()
    out = {}
    for year in range(first, last + 1):
        if year > first:
            p_up = np.where(reform_block & (year >= REFORM_FROM), P_UP_REFORM, P_UP)
            u = rng.uniform(size=nq)
            up = u < p_up
            down = (u >= p_up) & (u < p_up + P_DOWN)
            theta = np.clip(
                theta + up * rng.uniform(0.2, 0.5, nq) - down * rng.uniform(0.2, 0.4, nq), 0.0, 1.0
            )
        experts = ["E01", "E02", "E03"] + (["E04"] if year >= 2020 else [])
        rows = []
        for e in experts:
            seen = theta + rng.normal(0.0, NOISE, nq)
            na_draw = rng.uniform(size=nq)
            for i, q in enumerate(qs.itertuples()):
                cls = _class_of(seen[i : i + 1], bool(has_partial[i]))[0]
                na = not codebook.applies(q.question, year)  # the act was not in force yet
                na = na or (q.question in NA_BEFORE and year < NA_BEFORE[q.question])
                na = na or (q.na_allowed and q.question not in NA_BEFORE and na_draw[i] < P_NA)
                if na:
                    rows.append((e, q.question, codebook.na_code, "", "demonstration: not applicable"))
                    continue
                article = q.article.split("/")[-1].strip()
                rows.append(
                    (
                        e,
                        q.question,
                        option_for[(q.question, cls)],
                        f"{article}, {codebook.acts[q.act]['en']}",
                        "demonstration answer",
                    )
                )
        out[year] = pd.DataFrame(rows, columns=["expert", "question", "answer", "citation", "comment"])
    return out


def write_demo(
    out_dir: str | Path, codebook: Codebook, first: int = FIRST, last: int = LAST, seed: int = SEED
) -> list[Path]:
    out_dir = Path(out_dir)
    paths = []
    for year, df in generate(codebook, first, last, seed).items():
        p = out_dir / f"answers_{year}.csv"
        write_csv(df, p)
        paths.append(p)
    method = __doc__.split("(all assumptions, also written to data/demo/idi_answers/README.md):")[1]
    method = method.split("Usage:")[0].strip()
    write_text(
        README.format(version=codebook.version, seed=seed, first=first, last=last, method=method),
        out_dir / "README.md",
    )
    return paths


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "data/demo/idi_answers"))
    ap.add_argument("--codebook", default=str(ROOT / "config/idi_codebook.yaml"))
    ap.add_argument("--lifecycle", default=str(ROOT / "config/lifecycle.yaml"))
    ap.add_argument("--first", type=int, default=FIRST)
    ap.add_argument("--last", type=int, default=LAST)
    ap.add_argument("--seed", type=int, default=SEED)
    a = ap.parse_args(argv)
    blocks = [s["id"] for s in yaml.safe_load(Path(a.lifecycle).read_text(encoding="utf-8"))["stages"]]
    cb = load_codebook(a.codebook, blocks)
    for p in write_demo(a.out, cb, a.first, a.last, a.seed):
        print(p)


if __name__ == "__main__":
    main()
