"""Entry point of rule render_chapter: one Jinja2 chapter template + values -> plain Quarto Markdown.

The chapter's syntax is checked first (publish/syntax.py, the definition `make check` uses too): a
chapter that would execute code, read a file or print wrongly stops the build with its file and
line, and so does a rendered text that brings such a construct in through a value."""

from pathlib import Path

from industry_report.core.step import step  # noqa: E402


def main(inp, out, params):
    from industry_report.core.errors import TemplateError
    from industry_report.core.io import write_text
    from industry_report.publish.context import load_context
    from industry_report.publish.messages import load_messages
    from industry_report.publish.page import load_page
    from industry_report.publish.syntax import lint_quarto, unsafe_lines
    from industry_report.publish.templating import make_environment, render_chapter

    template = Path(inp.template)
    messages = load_messages(inp.messages)
    problems = [
        f"{template}:{n}: {msg}" for n, msg in lint_quarto(template.read_text(encoding="utf-8"), messages)
    ]
    if problems:
        raise TemplateError("\n".join(problems))
    context = load_context(inp["values"], params.namespaces, params.report)
    env = make_environment(template.parent, lang=params.report["lang"])
    text = render_chapter(env, template.name, context, load_page(inp.page), messages)
    problems = [f"{template} -> {out[0]}:{n}: {msg}" for n, msg in unsafe_lines(text, messages)]
    if problems:
        raise TemplateError("\n".join(problems))
    write_text(text, out[0])


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
