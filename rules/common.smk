# Shared names for all rule files: the report year, output folders, and the registries that the
# stage rule files add to (values namespaces for the chapters, figures for the documents).
import yaml

YEAR = int(config["year"])
RESULTS = f"results/{YEAR}"
LOGS = f"logs/{YEAR}"
LANGS = list(config["languages"])

# Namespace -> JSON file: the Jinja2 context of the chapters. Each stage adds its own.
VALUES = {}
# Figures (PNG) the chapters may show. Each stage adds its own.
FIGURES = []


def code(*modules):
    """The scripts/ modules a rule's computation imports: inputs, so that a change reruns the rule."""
    return [f"scripts/{m}.py" for m in modules]


def book_files():
    """Chapter and appendix files in the order report/_quarto.yml gives them."""
    with open("report/_quarto.yml", encoding="utf-8") as fh:
        book = yaml.safe_load(fh)["book"]
    return list(book.get("chapters", [])) + list(book.get("appendices", []))


CHAPTERS = [f.removesuffix(".qmd") for f in book_files()]
