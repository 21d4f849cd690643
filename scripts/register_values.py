"""Entry point of rule register_values: chapters + values -> numbers.json, one CSV per report table,
and the chapters' assembled Markdown in a stable, line-oriented form (results/<year>/<lang>/)."""

from pathlib import Path

from industry_report.core.step import step
from industry_report.publish.context import load_context
from industry_report.publish.messages import load_messages
from industry_report.publish.numbers import register
from industry_report.publish.page import load_page


def main(inp, out, params):
    context = load_context(inp["values"], params.namespaces, params.report)
    register(
        Path(inp.templates[0]).parent,
        list(params.chapters),
        context,
        dict(params.sources),
        year=params.report["year"],
        lang=params.report["lang"],
        out_numbers=out.numbers,
        out_tables=out.tables,
        out_markdown=out.markdown,
        page=load_page(inp.page),
        strict=params.strict,
        messages=load_messages(inp.messages),
    )


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)  # noqa: F821
