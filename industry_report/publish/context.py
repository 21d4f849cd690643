"""The Jinja2 context of the chapters: one namespace per values file, plus ``report``."""

from __future__ import annotations

from industry_report.core.io import read_json
from industry_report.core.translations import localise, translation_table


def load_context(value_files, namespaces, report, texts=()) -> dict:
    """``{namespace: values}`` read from ``value_files`` (in the order of ``namespaces``), and
    ``report`` (year, language) from the build. The values hold the texts of the data in Kazakh (the
    stages compute once for every edition); with ``texts`` (the config files holding those texts in
    every language) each one is replaced by its form in ``report["lang"]``."""
    table = translation_table(texts, report["lang"]) if texts else {}
    context = {ns: localise(read_json(path), table) for ns, path in zip(namespaces, value_files)}
    context["report"] = dict(report)
    return context
