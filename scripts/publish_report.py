"""Entry point of rule publish_report: the built documents of one language -> results/<year>/<lang>/
(atomically, only once all of them are built), with published.json saying what was published."""

from industry_report.core.step import step
from industry_report.publish.publishing import publish


def main(inp, out, params):
    publish(list(inp.files), list(inp.info), params.dest, out[0])


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)  # noqa: F821
