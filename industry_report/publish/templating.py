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

import difflib
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
    """A value printed without a format: ``name`` and ``params`` of the editor message."""

    def __init__(self, name: str, **params):
        super().__init__(name)
        self.name, self.params = name, params


class MissingValue(jinja2.UndefinedError):
    """An undefined value: the object it was looked up in (or None for a top-level name) and the
    name; render_chapter() turns it into the value's full key and the closest existing key."""

    def __init__(self, obj, name):
        super().__init__(f"undefined value {name!r}")
        self.obj, self.name = obj, name


class _Undefined(jinja2.StrictUndefined):
    __slots__ = ()

    def _fail_with_undefined_error(self, *args, **kwargs):
        obj = None if self._undefined_obj is jinja2.utils.missing else self._undefined_obj
        raise MissingValue(obj, self._undefined_name)

    # StrictUndefined binds these to the base method at class creation; rebind them to ours.
    __iter__ = __str__ = __len__ = __eq__ = __ne__ = __bool__ = __hash__ = __contains__ = (
        _fail_with_undefined_error
    )
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __div__ = __rdiv__ = (
        _fail_with_undefined_error
    )
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = (
        _fail_with_undefined_error
    )
    __pos__ = __neg__ = __call__ = __getitem__ = __lt__ = __le__ = __gt__ = __ge__ = __int__ = (
        _fail_with_undefined_error
    )
    __float__ = __complex__ = __pow__ = __rpow__ = _fail_with_undefined_error

    def __getattr__(self, name):
        if name[:2] == "__":
            raise AttributeError(name)
        return self._fail_with_undefined_error()


def _finalize(value):
    if isinstance(value, jinja2.Undefined):
        value._fail_with_undefined_error()
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, str):
        return escape_markdown(value)
    if isinstance(value, bool) or value is None:
        raise _Unformatted("cannot_print", what={True: "true", False: "false", None: "none"}[value])
    if isinstance(value, (int, float)) or hasattr(value, "__float__"):
        raise _Unformatted("unformatted_number", value=value)
    kind = {dict: "mapping", list: "list", tuple: "list"}
    raise _Unformatted("cannot_print", what=next((w for t, w in kind.items() if isinstance(value, t)), "?"))


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
        undefined=_Undefined,
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

    # << plural(n, "регион", "региона", "регионов") >>: the noun after a number, by the language's rules
    def plural(x, one, few=None, many=None, other=None):
        forms = {"one": one, "few": few, "many": many, "other": other}
        return formatting.plural(x, {k: v for k, v in forms.items() if v is not None}, lang)

    env.globals["plural"] = plural
    return env


def _template_line(tb, name: str) -> int | None:
    line = None
    for frame, lineno in traceback.walk_tb(tb):
        if frame.f_code.co_filename.endswith(name):
            line = lineno
    return line


def _value_paths(context: dict) -> tuple[dict, list[str]]:
    """{id(container): its key} and every key of the context (name.field, name.list[0].field)."""
    ids, keys = {}, []

    def walk(obj, path):
        if isinstance(obj, dict):
            ids[id(obj)] = getattr(obj, "registry_path", path)
            items = obj.items()
        elif isinstance(obj, list):
            ids[id(obj)] = getattr(obj, "registry_path", path)
            items = ((f"[{i}]", v) for i, v in enumerate(obj))
        else:
            return
        for k, v in items:
            if str(k).startswith("_"):
                continue
            p = f"{path}{k}" if str(k).startswith("[") else (f"{path}.{k}" if path else str(k))
            keys.append(p)
            walk(v, p)

    walk(dict(context), "")
    return ids, keys


def missing_value_message(exc: MissingValue, context: dict, messages) -> str:
    """The editor's message for an undefined value: its full key and the closest key that exists."""
    ids, keys = _value_paths(context)
    parent = ids.get(id(exc.obj)) if exc.obj is not None else ""
    name = exc.name if isinstance(exc.name, str) else f"[{exc.name}]"
    if parent is None:  # a value made inside the template (a loop variable's record, a macro)
        parent = "…"
    key = f"{parent}{name}" if name.startswith("[") else (f"{parent}.{name}" if parent else name)
    siblings = [str(k) for k in exc.obj.keys()] if isinstance(exc.obj, dict) else list(context)
    close = difflib.get_close_matches(name, [k for k in siblings if not k.startswith("_")], n=1, cutoff=0.6)
    if close:
        # Inside a record of a list the editor wrote a loop variable (r.nn): name the field only.
        suggestion = f"{parent}.{close[0]}" if parent and "[" not in parent and parent != "…" else close[0]
    else:
        close = difflib.get_close_matches(key, keys, n=1, cutoff=0.8)
        suggestion = close[0] if close else None
    hint = messages("did_you_mean", suggestion=suggestion) if suggestion else messages("ask_analyst")
    return messages("undefined_value", key=key, hint=hint)


def render_chapter(
    env: jinja2.Environment, name: str, context: dict, page: Page | None = None, messages=None
) -> str:
    """Render one chapter; any error becomes a TemplateError naming the chapter file and line.

    With ``page`` every pipe table gets the column widths of that page (fit_pipe_tables); without,
    tables keep the separators they were written with (for checks that read only the words).
    ``messages`` (publish/messages.py): the editors' catalogue of the chapter's language; without
    it (the book's _quarto.yml, which developers edit) the messages are in English."""
    where = f"{env.loader.searchpath[0]}/{name}"

    def say(line, key, english, **params):
        text = messages(key, **params) if messages is not None else english
        return TemplateError(f"{where}:{line}: {text}" if line else f"{where}: {text}")

    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise say(
            exc.lineno, "template_syntax", f"template syntax error: {exc.message}", detail=exc.message
        ) from None
    except jinja2.TemplateNotFound:
        raise say(None, "chapter_not_found", "chapter file not found") from None
    try:
        text = template.render(**context)
        return fit_pipe_tables(text, page) if page is not None else text
    except MissingValue as exc:
        line = _template_line(sys.exc_info()[2], name)
        if messages is None:
            raise TemplateError(f"{where}:{line}: undefined value: {exc.name!r}") from None
        raise TemplateError(f"{where}:{line}: {missing_value_message(exc, context, messages)}") from None
    except jinja2.UndefinedError as exc:
        line = _template_line(sys.exc_info()[2], name)
        raise say(line, "template_failed", f"undefined value: {exc.message}", detail=exc.message) from None
    except _Unformatted as exc:
        line = _template_line(sys.exc_info()[2], name)
        english = f"cannot print {exc.params}: use a format filter (integer, number(1), percent(1), year)"
        raise say(line, exc.name, english, **exc.params) from None
    except (TypeError, ValueError, KeyError) as exc:
        line = _template_line(sys.exc_info()[2], name)
        detail = f"{type(exc).__name__}: {exc}"
        raise say(line, "template_failed", detail, detail=detail) from None
