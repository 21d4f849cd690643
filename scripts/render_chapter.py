"""Entry point of rule render_chapter: one Jinja2 chapter template + values -> plain Quarto Markdown,
and the chapter's tracking record (which registry values it printed, where and how) that rule
register_values merges into numbers.json, so an edit renders that one chapter only once.

The chapter's syntax is checked first (publish/syntax.py, the definition `make check` uses too): a
chapter that would execute code, read a file or print wrongly stops the build with its file and
line, and so does a rendered text that brings such a construct in through a value."""

from pathlib import Path

from industry_report.core.step import step


def main(inp, out, params):
    from industry_report.core.errors import TemplateError
    from industry_report.core.io import write_json, write_text
    from industry_report.publish.context import load_context
    from industry_report.publish.messages import load_messages
    from industry_report.publish.numbers import render_tracked, tracking_record
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
    context = load_context(inp["values"], params.namespaces, params.report, inp.get("texts", []))
    page = load_page(inp.page)
    lang = params.report["lang"]
    # The tracking render prints the same text as the plain one (tests/unit/test_registry_records.py).
    texts, tracker, errors = render_tracked(template.parent, [template.name], context, lang, page, messages)
    if errors:  # the plain render raises the chapter's error as the editor should read it
        render_chapter(make_environment(template.parent, lang=lang), template.name, context, page, messages)
        raise TemplateError("\n".join(errors))  # only if the plain render unexpectedly succeeds
    text = texts[template.name]
    problems = [f"{template} -> {out.chapter}:{n}: {msg}" for n, msg in unsafe_lines(text, messages)]
    if problems:
        raise TemplateError("\n".join(problems))
    write_text(text, out.chapter)
    write_json(tracking_record(tracker, template.name), out.tracking)


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)  # noqa: F821
