"""Chapter templates: Jinja2 over Quarto Markdown, with values from results/<year>/values/*.json.

Delimiters are `<< expr >>`, `<% stmt %>` and `<# comment #>`: Jinja's defaults collide with Quarto
(`{#fig-x}` opens a Jinja comment, `{{< include >}}` is a shortcode), these collide with nothing.

Safety rules, so that an editor cannot print a wrong number by accident:
- an undefined value is an error that names the chapter file and line (StrictUndefined);
- a string inserted into Markdown is escaped (a region name with `*`, `#`, `$`, `@` or `<` prints
  literally);
- a number must go through a format filter (`integer`, `number(1)`, `percent(1)`, `signed(1)`,
  `year`), which writes it the Kazakh way with Babel; a bare number is an error.
"""

from __future__ import annotations

import re
import sys
import traceback
from pathlib import Path

import jinja2
from markupsafe import Markup

from industry_report.core import formatting
from industry_report.core.errors import TemplateError
from industry_report.publish.page import Page
from industry_report.publish.table_layout import fit_pipe_tables

# Characters with a meaning in pandoc Markdown inside a line.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#$@|~^])")
_LINE_START = re.compile(r"^(\s*)([-+:>]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """Escape a plain string so that pandoc prints it literally."""
    s = _MD_SPECIAL.sub(r"\\\1", str(text))
    s = _LINE_START.sub(
        lambda m: (
            m.group(1) + "\\" + m.group(2)
            if len(m.group(2)) == 1
            else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1]
        ),
        s,
    )
    return s.replace("\n", " ")


class _Unformatted(Exception):
    pass


def _finalize(value):
    if isinstance(value, jinja2.Undefined):
        value._fail_with_undefined_error()
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, str):
        return escape_markdown(value)
    if isinstance(value, bool) or value is None:
        raise _Unformatted(f"cannot print {value!r}: expected a string or a formatted number")
    if isinstance(value, (int, float)) or hasattr(value, "__float__"):
        raise _Unformatted(
            f"the number {value!r} is printed without a format filter; write e.g. "
            "'| integer', '| number(1)', '| percent(1)' or '| year'"
        )
    raise _Unformatted(f"cannot print a {type(value).__name__}; pick a field or format it")


def _safe(fn):
    def wrapper(*args, **kwargs):
        return Markup(fn(*args, **kwargs))

    wrapper.__name__ = fn.__name__
    return wrapper


def _cell(value, fmt: str, lang: str) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "–"  # an en dash marks a missing value, as in statistical tables
    kind, _, arg = fmt.partition(":")
    d = int(arg) if arg else 1
    if kind == "text":
        return escape_markdown(str(value))
    if kind == "integer":
        return formatting.integer(value, lang)
    if kind == "number":
        return formatting.number(value, d, lang)
    if kind == "percent":
        return formatting.percent(value, d, lang)
    if kind == "signed":
        return formatting.signed(value, d, lang)
    if kind == "pvalue":
        return formatting.pvalue(value, int(arg) if arg else 3, lang)
    if kind == "year":
        return formatting.year(value)
    raise ValueError(
        f"unknown column format {fmt!r} (expected text, integer, number:N, percent:N, signed:N, "
        "pvalue:N or year)"
    )


def make_table(rows, columns, caption=None, id=None, source=None, lang="kk"):
    """A list of records as a Quarto pipe table with caption, id and source note.

    ``columns``: list of [key, header, format]; numeric formats are right-aligned. A record with
    ``"_emphasis": True`` (a total row) is printed in bold. The separator line only sets the
    alignment: render_chapter() lays out every pipe table of a chapter (table_layout.fit_pipe_tables).
    """
    if not columns:
        raise ValueError("table() needs at least one column")
    specs = [(list(col) + ["text"])[:3] for col in columns]
    heads = [escape_markdown(header) for _, header, _ in specs]
    body = []
    for rec in rows:
        cells = []
        for key, _, fmt in specs:
            if key not in rec:
                raise KeyError(f"table column {key!r} is not in the rows (keys: {', '.join(rec)})")
            cell = _cell(rec[key], fmt, lang)
            if rec.get("_emphasis") and cell != "–":
                cell = f"**{cell}**"
            cells.append(cell)
        body.append(cells)
    aligns = [":--" if fmt.startswith("text") else "--:" for _, _, fmt in specs]
    lines = ["| " + " | ".join(heads) + " |", "|" + "|".join(aligns) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    out = "\n".join(lines) + "\n"
    if caption or id:
        out += "\n: " + (escape_markdown(caption) if caption else "") + (f" {{#{id}}}" if id else "") + "\n"
    if source:
        out += "\n::: {.source-note}\n" + escape_markdown(source) + "\n:::\n"
    return Markup(out)


def make_environment(chapters_dir: str | Path, lang: str = "kk") -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(chapters_dir)),
        variable_start_string="<<",
        variable_end_string=">>",
        block_start_string="<%",
        block_end_string="%>",
        comment_start_string="<#",
        comment_end_string="#>",
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
        autoescape=False,
    )
    env.filters.update(
        {
            "integer": _safe(lambda x: formatting.integer(x, lang)),
            "number": _safe(lambda x, d=1: formatting.number(x, d, lang)),
            "percent": _safe(lambda x, d=1: formatting.percent(x, d, lang)),
            "pvalue": _safe(lambda x, d=3: formatting.pvalue(x, d, lang)),
            "signed": _safe(lambda x, d=1: formatting.signed(x, d, lang)),
            "year": _safe(formatting.year),
            "raw": lambda x: Markup(x),  # for trusted Markdown written in config by editors
        }
    )
    env.globals["table"] = lambda rows, columns, **kw: make_table(rows, columns, lang=lang, **kw)
    return env


def _template_line(tb, name: str) -> int | None:
    line = None
    for frame, lineno in traceback.walk_tb(tb):
        if frame.f_code.co_filename.endswith(name):
            line = lineno
    return line


def render_chapter(env: jinja2.Environment, name: str, context: dict, page: Page | None = None) -> str:
    """Render one chapter; any error becomes a TemplateError naming the chapter file and line.

    With ``page`` every pipe table gets the column widths of that page (fit_pipe_tables); without,
    tables keep the separators they were written with (for checks that read only the words)."""
    where = f"{env.loader.searchpath[0]}/{name}"
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{where}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.TemplateNotFound:
        raise TemplateError(f"{where}: chapter file not found") from None
    try:
        text = template.render(**context)
        return fit_pipe_tables(text, page) if page is not None else text
    except jinja2.UndefinedError as exc:
        line = _template_line(sys.exc_info()[2], name)
        raise TemplateError(f"{where}:{line}: undefined value: {exc.message}") from None
    except _Unformatted as exc:
        line = _template_line(sys.exc_info()[2], name)
        raise TemplateError(f"{where}:{line}: {exc}") from None
    except (TypeError, ValueError, KeyError) as exc:
        line = _template_line(sys.exc_info()[2], name)
        raise TemplateError(f"{where}:{line}: {type(exc).__name__}: {exc}") from None
