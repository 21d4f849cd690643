"""Entry point of rule render_chapter: one Jinja2 chapter template + values -> plain Quarto Markdown."""

from pathlib import Path

from industry_report.core.step import step  # noqa: E402


def main(inp, out, params):
    from industry_report.core.io import write_text
    from industry_report.publish.context import load_context
    from industry_report.publish.page import load_page
    from industry_report.publish.templating import make_environment, render_chapter

    template = Path(inp.template)
    context = load_context(inp["values"], params.namespaces, params.report)
    env = make_environment(template.parent, lang=params.report["lang"])
    write_text(render_chapter(env, template.name, context, load_page(inp.page)), out[0])


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
