"""Entry point of rule render_chapter: one Jinja2 chapter template + values -> plain Quarto Markdown."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.errors import main_guard  # noqa: E402


def load_context(value_files, namespaces, report) -> dict:
    from scripts.io import read_json

    context = {ns: read_json(path) for ns, path in zip(namespaces, value_files)}
    context["report"] = dict(report)
    return context


def main(inp, out, params):
    from scripts.io import write_text
    from scripts.templating import make_environment, render_chapter

    template = Path(inp.template)
    context = load_context(inp["values"], params.namespaces, params.report)
    env = make_environment(template.parent, lang=params.report["lang"])
    write_text(render_chapter(env, template.name, context), out[0])


if __name__ == "__main__":
    snakemake = globals()["snakemake"]
    with main_guard(snakemake.log):
        main(snakemake.input, snakemake.output, snakemake.params)
