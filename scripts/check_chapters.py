"""Entry point of rule check_chapters (`make check`, and a prerequisite of every document): render
every chapter template without building documents; fail with chapter and line on undefined values,
unregistered or typed numbers, forbidden term variants (config/termbase-<lang>.yaml), codes in the
running text, unsupported syntax and broken references, in the editors' language."""

from pathlib import Path

from industry_report.core.step import step  # noqa: E402


def main(inp, out, params):
    from industry_report.core.errors import TemplateError
    from industry_report.core.io import write_text
    from industry_report.core.yaml_input import load_yaml
    from industry_report.publish.book import book_structure
    from industry_report.publish.check import check_chapters
    from industry_report.publish.context import load_context
    from industry_report.publish.messages import load_messages
    from industry_report.publish.termbase import load_termbase

    messages = load_messages(inp.messages)
    allowed = load_yaml(inp.typed_numbers, "typed_numbers", "typed numbers", say=messages).data
    context = load_context(inp["values"], params.namespaces, params.report, inp.get("texts", []))
    chapters_dir = Path(inp.templates[0]).parent
    problems = check_chapters(
        chapters_dir,
        list(params.chapters),
        context,
        params.report["lang"],
        messages,
        allowed,
        termbase=load_termbase(inp.termbase),
        annexes=book_structure(inp.book)["appendices"],
    )
    if problems:
        head = messages("problems_found", folder=chapters_dir, count=len(problems))
        raise TemplateError(head + "\n" + "\n".join(problems))
    write_text(messages("check_passed", folder=chapters_dir, count=len(params.chapters)) + "\n", out[0])


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
