"""Entry point of rule render_book_config: the Quarto project files of the assembled book."""
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.errors import main_guard  # noqa: E402


def main(inp, out, params):
    from scripts.io import atomic_path, write_text
    from scripts.rendering import add_font_paths
    from scripts.run_render_chapter import load_context
    from scripts.templating import make_environment, render_chapter

    context = load_context(inp["values"], params.namespaces, params.report)
    quarto = Path(inp.quarto)
    env = make_environment(quarto.parent, lang=params.report["lang"])
    write_text(add_font_paths(render_chapter(env, quarto.name, context)), out.quarto)
    for src, dst in ((inp.language, out.language), (inp.reference, out.reference)):
        with atomic_path(dst) as tmp:
            shutil.copyfile(src, tmp)


if __name__ == "__main__":
    snakemake = globals()["snakemake"]
    with main_guard(snakemake.log):
        main(snakemake.input, snakemake.output, snakemake.params)
