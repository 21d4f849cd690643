"""Entry point of rule check_chapters (`make check`): render every chapter template without building
documents; fail with chapter and line on undefined values, unregistered values, unsupported syntax."""

from pathlib import Path

from industry_report.core.step import step  # noqa: E402


def main(inp, out, params):
    from industry_report.core.errors import TemplateError
    from industry_report.core.io import write_text
    from industry_report.publish.check import check_chapters
    from industry_report.publish.context import load_context

    context = load_context(inp["values"], params.namespaces, params.report)
    chapters_dir = Path(inp.templates[0]).parent
    problems = check_chapters(chapters_dir, list(params.chapters), context, params.report["lang"])
    if problems:
        raise TemplateError(f"{len(problems)} problem(s) in the chapters:\n" + "\n".join(problems))
    write_text(f"{len(params.chapters)} chapters of {chapters_dir} checked: no problems.\n", out[0])


if __name__ == "__main__":
    with step(snakemake):  # noqa: F821 - provided by Snakemake's script: directive
        main(snakemake.input, snakemake.output, snakemake.params)
