"""Entry point of rule build_reference_docx: the DOCX reference document (styles, page, footer)."""

from industry_report.core.io import atomic_path
from industry_report.core.step import step
from industry_report.publish.page import load_page
from industry_report.publish.reference_docx import build_reference


def main(inp, out, params):
    with atomic_path(out[0]) as tmp:
        build_reference(tmp, load_page(inp.page))


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)  # noqa: F821
