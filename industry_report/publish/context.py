"""The Jinja2 context of the chapters: one namespace per values file, plus ``report``."""

from __future__ import annotations

from industry_report.core.io import read_json


def load_context(value_files, namespaces, report) -> dict:
    """``{namespace: values}`` read from ``value_files`` (in the order of ``namespaces``), and
    ``report`` (year, language) from the build."""
    context = {ns: read_json(path) for ns, path in zip(namespaces, value_files)}
    context["report"] = dict(report)
    return context
