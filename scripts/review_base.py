"""Entry point of rule review_base: build a base git revision in a temporary worktree.

The work is industry_report/review/base.py (build_base). Params: repo, base (the revision as named),
sha, year, langs, cores. Input: page (today's page geometry, for the tables' layout).
Output folder (results/<year>/review/base/): meta.json, figures.json, <lang>/numbers.json,
<lang>/tables/, <lang>/markdown/, <lang>/national-report.docx.
"""

from pathlib import Path

from industry_report.core.step import step


def main(inp, out, params, log=None):
    from industry_report.publish.page import load_page
    from industry_report.review.base import build_base

    build_base(
        Path(params.repo),
        params.base,
        params.sha,
        int(params.year),
        list(params.langs),
        Path(out[0]),
        int(params.cores),
        load_page(inp.page),
        log=log,
    )


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params, log=snakemake.log[0])
