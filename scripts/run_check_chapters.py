"""Entry point of rule check_chapters (`make check`): render every chapter template without building
documents; fail with chapter and line on undefined values, unregistered values, unsupported syntax."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.errors import main_guard  # noqa: E402


def main(inp, out, params):
    from scripts.check import check_chapters
    from scripts.errors import TemplateError
    from scripts.io import write_text
    from scripts.run_register_values import load_context

    context = load_context(inp["values"], params.namespaces, params.report)
    chapters_dir = Path(inp.templates[0]).parent
    problems = check_chapters(chapters_dir, list(params.chapters), context, params.report["lang"])
    if problems:
        raise TemplateError(f"{len(problems)} problem(s) in the chapters:\n" + "\n".join(problems))
    write_text(f"{len(params.chapters)} chapters of {chapters_dir} checked: no problems.\n", out[0])


if __name__ == "__main__":
    snakemake = globals()["snakemake"]  # provided by Snakemake's script: directive
    with main_guard(snakemake.log):
        main(snakemake.input, snakemake.output, snakemake.params)
