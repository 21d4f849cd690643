"""Entry point of rule build_reference_docx: the DOCX reference document (styles, page, footer)."""

from industry_report.core.io import source_date_epoch
from industry_report.core.step import step
from industry_report.publish.page import load_page
from industry_report.publish.reference_docx import build_reference


def main(inp, out, params):
    build_reference(out[0], load_page(inp.page), epoch=source_date_epoch(), lang=params.lang)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)  # noqa: F821
