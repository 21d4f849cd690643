"""The values registry: every value the chapters can print, with the text they print it as.

Purpose: make every number in the report traceable. The Jinja2 context of the chapters (one namespace
per results/<year>/values/<ns>.json, plus `report`) is flattened into registry keys such as
``sample.N`` or ``sample.by_region[AKM].sample_total``; records of a list are named by an identifying
field (``id``, ``key``, ``code``, ``region_code``, ``size``, ... or a pair of them such as
``[AKM/small]``) when every record has a unique one, otherwise by
position (``sample.mismatches[0].region``).

Method: the chapters are rendered once more with a *tracking* context. Every leaf value carries its
registry key (an int/float/str subclass), the format filters and `table()` are wrapped, and the
wrappers record which key each chapter printed, on which template line, in which format and as which
text. A number that reaches a format filter or a table cell without a registry key (a literal typed in
the chapter, or arithmetic done in the template) is recorded as *unregistered*: chapters may only print
values that are in the registry. Loop counters (`loop.index`) used to build ids are allowed.

Tables: one CSV per report table: raw values for tables made by `table()`, and the printed cell texts
for pipe tables a chapter writes by hand (found in the rendered Markdown by their `{#tbl-…}` caption).

Units: raw values are stored as the stages wrote them (fractions are fractions: 0.123 is 12,3%).
``unit`` is taken from an optional ``_units`` mapping inside a values file ({relative key: unit}),
otherwise from the format a chapter printed the value with (`percent` -> "fraction", `year` -> "year").

Pure functions only: no config, no snakemake object.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import sys
import warnings
from collections import defaultdict
from pathlib import Path

import jinja2

from industry_report.core.errors import TemplateError
from industry_report.publish.templating import _cell, make_environment, render_chapter

ID_FIELDS = ("id", "key", "code", "region_code", "indicator", "stage", "block", "size", "year", "name")
FORMAT_FILTERS = ("integer", "number", "percent", "pvalue", "signed", "year")
UNITS_KEY = "_units"


# --------------------------------------------------------------------------------------------------
# Flattening
# --------------------------------------------------------------------------------------------------
def _record_label(items: list) -> tuple | None:
    """The field (or pair of fields) naming the records of a list: unique and present in all."""
    if not items or not all(isinstance(x, dict) for x in items):
        return None

    def ok(field):
        return all(isinstance(x.get(field), (str, int)) and not isinstance(x.get(field), bool) for x in items)

    fields = [f for f in ID_FIELDS if ok(f)]
    for combo in [(f,) for f in fields] + [(f, g) for i, f in enumerate(fields) for g in fields[i + 1 :]]:
        names = ["/".join(str(x[f]) for f in combo) for x in items]
        if len(set(names)) == len(names):
            return combo
    return None


def _child_paths(obj, path: str):
    """(child key, child path) pairs of a dict or list, in a stable order."""
    if isinstance(obj, dict):
        for k in obj:
            if path and k == UNITS_KEY and "." not in path and "[" not in path:
                continue
            yield k, f"{path}.{k}" if path else str(k)
    elif isinstance(obj, list):
        label = _record_label(obj)
        for i, item in enumerate(obj):
            seg = "/".join(str(item[f]) for f in label) if label else str(i)
            yield i, f"{path}[{seg}]"


def flatten(context: dict) -> dict:
    """{registry key: raw leaf value} of a nested context (dicts and lists of records)."""
    out = {}

    def walk(obj, path):
        if isinstance(obj, (dict, list)):
            if not obj:
                out[path] = obj  # an empty list/dict is a value too (e.g. "no mismatches")
            for k, p in _child_paths(obj, path):
                walk(obj[k], p)
        else:
            out[path] = obj

    for ns in context:
        walk(context[ns], ns)
    return out


def namespace_of(key: str) -> str:
    return key.split(".", 1)[0].split("[", 1)[0]


# --------------------------------------------------------------------------------------------------
# Tracking context
# --------------------------------------------------------------------------------------------------
class KeyedInt(int):
    registry_key: str


class KeyedFloat(float):
    registry_key: str


class KeyedStr(str):
    registry_key: str


def _keyed(value, key):
    if isinstance(value, bool) or value is None:
        return value
    for base, cls in ((int, KeyedInt), (float, KeyedFloat), (str, KeyedStr)):
        if isinstance(value, base):
            v = cls(value)
            v.registry_key = key
            return v
    return value


class Tracker:
    """What the chapters used: keys read, keys printed (format, text), unregistered prints, tables."""

    def __init__(self):
        self.used = defaultdict(set)  # key -> {(chapter, line)}
        self.printed = defaultdict(set)  # key -> {(format, text)}
        self.unregistered = []  # {chapter, line, value, format}
        self.tables = []  # {id, chapter, line, caption, columns, rows}
        self.derived = {}  # "<key>|length" -> (value, description)
        self.chapter = None
        self._template = None
        self._loop_lines = set()

    def start(self, env: jinja2.Environment, chapter: str) -> None:
        self.chapter = chapter
        self._template = env.get_template(chapter)
        self._loop_lines = _loop_counter_lines(env, chapter)

    def line(self) -> int | None:
        if self._template is None:
            return None
        # The outermost frame of the chapter: the call site in the text, not the body of a macro.
        f, line = sys._getframe(1), None
        while f is not None:
            if f.f_code.co_filename == self._template.filename:
                line = self._template.get_corresponding_lineno(f.f_lineno)
            f = f.f_back
        return line

    def use(self, key: str) -> None:
        if self.chapter is not None:
            self.used[key].add((self.chapter, self.line()))

    def print_(self, value, fmt: str, text: str) -> None:
        key = getattr(value, "registry_key", None)
        if key is not None:
            self.use(key)
            self.printed[key].add((fmt, text))
            return
        line = self.line()
        if isinstance(value, int) and line in self._loop_lines:
            return  # a loop counter numbering ids, not a statistic
        self.unregistered.append(
            {"chapter": self.chapter, "line": line, "value": value, "format": fmt, "text": text}
        )


def _loop_counter_lines(env, chapter) -> set:
    """Template lines where a format filter is applied to `loop.<attr>`."""
    source = env.loader.get_source(env, chapter)[0]
    lines = set()
    for node in env.parse(source).find_all(jinja2.nodes.Filter):
        inner = node.node
        if (
            isinstance(inner, jinja2.nodes.Getattr)
            and isinstance(inner.node, jinja2.nodes.Name)
            and inner.node.name == "loop"
        ):
            lines.add(node.lineno)
    return lines


class TrackedDict(dict):
    def __init__(self, data: dict, paths: dict, tracker: Tracker):
        super().__init__(data)
        self._TrackedDict__paths = paths
        self._TrackedDict__tracker = tracker

    def __getitem__(self, k):
        v = dict.__getitem__(self, k)
        if not isinstance(v, (dict, list)):
            self.__tracker.use(self.__paths[k])
        return v

    def get(self, k, default=None):
        return self[k] if k in self else default


class TrackedList(list):
    registry_path: str


def track(obj, path: str, tracker: Tracker):
    """A copy of ``obj`` whose leaves carry their registry keys and whose dicts record reads."""
    if isinstance(obj, dict):
        data, paths = {}, {}
        for k, p in _child_paths(obj, path):
            data[k] = track(obj[k], p, tracker)
            paths[k] = p
        for k in obj:  # `_units` stays readable, untracked
            if k not in data:
                data[k], paths[k] = obj[k], f"{path}.{k}"
        out = TrackedDict(data, paths, tracker)
        out.registry_path = path
        return out
    if isinstance(obj, list):
        out = TrackedList(track(obj[i], p, tracker) for i, p in _child_paths(obj, path))
        out.registry_path = path
        return out
    return _keyed(obj, path)


def tracking_environment(chapters_dir, lang: str, tracker: Tracker) -> jinja2.Environment:
    """The chapters' environment (industry_report.publish.templating) with format filters and table()
    wrapped."""
    env = make_environment(chapters_dir, lang=lang)
    for name in FORMAT_FILTERS:
        env.filters[name] = _wrap_filter(name, env.filters[name], tracker)
    original_table = env.globals["table"]

    def table(rows, columns, **kw):
        line = tracker.line()
        cols = [(list(c) + ["text"])[:3] for c in columns]
        plain_rows, keys = [], set()
        for rec in rows:
            plain = {}
            for key, _, fmt in cols:
                if key in rec:
                    v = rec[key]
                    text = _cell(v, fmt, lang)
                    if (
                        isinstance(v, (int, float))
                        and not isinstance(v, bool)
                        or getattr(v, "registry_key", None)
                    ):
                        tracker.print_(v, f"table:{fmt}", text)
                        if getattr(v, "registry_key", None):
                            keys.add(v.registry_key)
                    plain[key] = _plain(v)
            plain_rows.append(plain)
        tracker.tables.append(
            {
                "id": kw.get("id"),
                "chapter": tracker.chapter,
                "line": line,
                "caption": str(kw.get("caption") or ""),
                "columns": cols,
                "rows": plain_rows,
                "keys": keys,
            }
        )
        return original_table(rows, columns, **kw)

    env.globals["table"] = table
    length = env.filters["length"]

    def counted(value):
        """`x | length` of a registered list is registered too, as the key "<list key>|length"."""
        n = length(value)
        path = getattr(value, "registry_path", None)
        if path is None:
            return n
        key = f"{path}|length"
        tracker.derived[key] = (n, f"number of records in {path}")
        return _keyed(n, key)

    env.filters["length"] = env.filters["count"] = counted
    return env


def _plain(v):
    if isinstance(v, bool) or v is None:
        return v
    for base in (int, float, str):
        if isinstance(v, base):
            return base(v)
    return v


def _wrap_filter(name, fn, tracker):
    @jinja2.pass_context  # a context filter is never folded at compile time: every call is seen
    def wrapper(ctx, value, *args):
        out = fn(value, *args)
        fmt = name + (f"({', '.join(map(str, args))})" if args else "")
        tracker.print_(value, fmt, str(out))
        return out

    wrapper.__name__ = name
    return wrapper


# --------------------------------------------------------------------------------------------------
# Rendering with tracking, and the registry
# --------------------------------------------------------------------------------------------------
def render_tracked(chapters_dir, chapters: list[str], context: dict, lang: str, page=None, messages=None):
    """Render each chapter with a tracking context.

    Returns (texts {chapter: markdown}, tracker, errors [TemplateError message per failed chapter]).
    """

    tracker = Tracker()
    env = tracking_environment(chapters_dir, lang, tracker)
    tracked = {ns: track(v, ns, tracker) for ns, v in context.items()}
    texts, errors = {}, []
    for ch in chapters:
        try:
            tracker.start(env, ch)
        except (jinja2.TemplateSyntaxError, jinja2.TemplateNotFound):
            pass  # render_chapter() below reports it with the chapter and line
        try:
            texts[ch] = render_chapter(env, ch, tracked, page, messages)
        except TemplateError as exc:
            errors.append(str(exc))
    tracker.chapter, tracker._template = None, None
    return texts, tracker, errors


def _unit(key: str, context: dict, formats: set) -> str | None:
    ns = namespace_of(key)
    units = context.get(ns, {}).get(UNITS_KEY) if isinstance(context.get(ns), dict) else None
    rel = key[len(ns) + 1 :] if key.startswith(ns + ".") else key[len(ns) :]
    if isinstance(units, dict) and rel in units:
        return str(units[rel])
    kinds = {f.removeprefix("table:").split("(")[0].split(":")[0] for f, _ in formats}
    if kinds == {"percent"}:
        return "fraction"
    if kinds == {"year"}:
        return "year"
    return None


def table_id(table: dict, n: int) -> str:
    return table["id"] or f"table-{Path(table['chapter']).stem}-{n}"


def build_registry(context: dict, tracker: Tracker, sources: dict, *, year, lang) -> dict:
    """numbers.json: every flattened value with its source, the text printed and where it is used.

    ``sources``: {namespace: {"file": values file, "rule": rule that writes it}}.
    """
    flat = flatten(context)
    tables, in_table = {}, defaultdict(set)
    for n, t in enumerate(tracker.tables, start=1):
        tid = table_id(t, n)
        tables[tid] = {
            "chapter": t["chapter"],
            "line": t["line"],
            "caption": t["caption"],
            "kind": "values",
            "columns": t["columns"],
            "csv": f"tables/{tid}.csv",
            "n_rows": len(t["rows"]),
        }
        for key in t["keys"]:
            in_table[key].add(tid)
    values = {}
    for key, raw in flat.items():
        used = tracker.used.get(key, set())
        printed = tracker.printed.get(key, set())
        values[key] = {
            "value": raw,
            "unit": _unit(key, context, printed),
            "formatted": sorted({text for _, text in printed}),
            "formats": sorted({fmt for fmt, _ in printed}),
            "used_in": sorted({f"{ch}:{line}" for ch, line in used}),
            "tables": sorted(in_table.get(key, ())),
            "source": sources.get(namespace_of(key), {}),
        }
    for key, (raw, what) in tracker.derived.items():
        printed = tracker.printed.get(key, set())
        values[key] = {
            "value": raw,
            "unit": "count",
            "derived": what,
            "formatted": sorted({text for _, text in printed}),
            "formats": sorted({fmt for fmt, _ in printed}),
            "used_in": sorted({f"{ch}:{line}" for ch, line in tracker.used.get(key, set())}),
            "source": sources.get(namespace_of(key), {}),
        }
    chapters = defaultdict(set)
    for key, uses in tracker.used.items():
        for ch, _ in uses:
            chapters[ch].add(key)
    return {
        "year": year,
        "lang": lang,
        "values": values,
        "tables": tables,
        "chapters": {ch: sorted(keys) for ch, keys in chapters.items()},
        "unregistered": [{**u, "value": _plain(u["value"])} for u in tracker.unregistered],
    }


def add_printed_tables(registry: dict, csvs: dict, texts: dict, tracker: Tracker) -> None:
    """Add the tables a chapter writes by hand (pipe tables not made by table()) to the registry
    and to ``csvs``, as the text they print (kind "printed"; table() tables are kind "values")."""
    made = {(t["chapter"], tuple(h.replace("\\", "") for _, h, _ in t["columns"])) for t in tracker.tables}
    for ch, text in texts.items():
        for tid, rows in markdown_tables(text, ch).items():
            if f"{tid}.csv" in csvs or (ch, tuple(c.replace("\\", "") for c in rows[0])) in made:
                continue
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerows(rows)
            csvs[f"{tid}.csv"] = buf.getvalue()
            registry["tables"][tid] = {
                "chapter": ch,
                "kind": "printed",
                "csv": f"tables/{tid}.csv",
                "n_rows": len(rows) - 1,
            }


def table_csvs(tracker: Tracker) -> dict:
    """{file name: CSV text} for each table the chapters print: raw values, columns as in the table."""
    out = {}
    for n, t in enumerate(tracker.tables, start=1):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        keys = [c[0] for c in t["columns"]]
        w.writerow(keys)
        for row in t["rows"]:
            w.writerow(
                [
                    ""
                    if row.get(k) is None
                    else repr(row[k])
                    if isinstance(row.get(k), float)
                    else row.get(k)
                    for k in keys
                ]
            )
        out[f"{table_id(t, n)}.csv"] = buf.getvalue()
    return out


_CAPTION = re.compile(r"^: .*\{#(tbl-[^\s}]+)\}\s*$")


def markdown_tables(text: str, chapter: str) -> dict:
    """{table id: [rows of cell texts]} of the pipe tables in rendered Markdown, as printed.

    A table is named by the id of its caption line (`: … {#tbl-x}`), else `table-<chapter>-md<n>`.
    Tables written by hand in a chapter (a loop over records) are found here, not by table().
    """
    lines = text.split("\n")
    out, i, n = {}, 0, 0
    while i < len(lines):
        if lines[i].startswith("|") and i + 1 < len(lines) and re.match(r"^\|[\s:|-]+\|$", lines[i + 1]):
            start = i
            while i < len(lines) and lines[i].startswith("|"):
                i += 1
            rows = [
                [c.strip() for c in ln.strip().strip("|").split(" | ")]
                for k, ln in enumerate(lines[start:i])
                if k != 1
            ]
            tid = None
            for ln in lines[i : i + 3]:
                m = _CAPTION.match(ln)
                if m:
                    tid = m.group(1)
                    break
            n += 1
            out[tid or f"table-{Path(chapter).stem}-md{n}"] = rows
        else:
            i += 1
    return out


def unregistered_messages(registry: dict, chapters_dir, messages=None) -> list[str]:
    """'<chapter>:<line>: …' for each printed number that is not in the registry, from the editors'
    catalogue ``messages`` (publish/messages.py); in English without one (the review's base build)."""
    if messages is None:
        return [
            f"{chapters_dir}/{u['chapter']}:{u['line']}: the value {u['text']} is printed with "
            f"'{u['format']}' but is not in the values registry"
            for u in registry["unregistered"]
        ]
    return [
        messages.at(
            f"{chapters_dir}/{u['chapter']}",
            u["line"],
            "unregistered_value",
            value=u["text"],
            filter=u["format"],
        )
        for u in registry["unregistered"]
    ]


# --------------------------------------------------------------------------------------------------
# Per-chapter tracking records (rule render_chapter writes one, rule register_values merges them)
# --------------------------------------------------------------------------------------------------
def tracking_record(tracker: Tracker, chapter: str) -> dict:
    """What one chapter used and printed, as JSON (the tracker of a render of that chapter alone).

    Rendering each chapter with tracking once, where it is rendered for the book, lets the registry
    be merged from these records instead of rendering every chapter again for every edit."""
    return {
        "chapter": chapter,
        "used": {k: sorted(([ch, ln] for ch, ln in v), key=repr) for k, v in tracker.used.items()},
        "printed": {k: sorted([f, t] for f, t in v) for k, v in tracker.printed.items()},
        "unregistered": [{**u, "value": _plain(u["value"])} for u in tracker.unregistered],
        "tables": [{**t, "keys": sorted(t["keys"])} for t in tracker.tables],
        "derived": {k: [v, what] for k, (v, what) in tracker.derived.items()},
    }


def merge_records(records: list[dict]) -> Tracker:
    """One tracker from the chapters' records, in the given (book) order: as if the chapters were
    rendered one after another with a single tracker (tables keep their numbering)."""
    tracker = Tracker()
    for rec in records:
        for k, uses in rec["used"].items():
            tracker.used[k].update((ch, ln) for ch, ln in uses)
        for k, prints in rec["printed"].items():
            tracker.printed[k].update((f, t) for f, t in prints)
        tracker.unregistered.extend(rec["unregistered"])
        tracker.tables.extend({**t, "keys": set(t["keys"])} for t in rec["tables"])
        tracker.derived.update({k: (v, what) for k, (v, what) in rec["derived"].items()})
    return tracker


def register(chapters_dir, chapters, context, sources, *, lang, page, messages=None, **options):
    """Render with tracking and write the registry, table CSVs and stable Markdown.

    ``page`` (publish/page.py) lays out the tables as the build prints them; ``messages`` the
    editors' catalogue (publish/messages.py); ``options`` (year, the outputs, strict) are those of
    :func:`write_registry`."""
    texts, tracker, errors = render_tracked(chapters_dir, chapters, context, lang, page, messages)
    if errors:
        raise TemplateError("\n".join(errors))
    return write_registry(
        texts, tracker, chapters_dir, chapters, context, sources, lang=lang, messages=messages, **options
    )


def write_registry(
    texts,
    tracker,
    chapters_dir,
    chapters,
    context,
    sources,
    *,
    year,
    lang,
    out_numbers,
    out_tables,
    out_markdown,
    strict=False,
    messages=None,
):
    """The registry, table CSVs and stable Markdown from rendered chapters and what they tracked
    (``texts`` {chapter: Markdown}; ``tracker`` from :func:`render_tracked` or :func:`merge_records`)."""
    from industry_report.core.io import write_json, write_text
    from industry_report.review.markdown import stable_markdown

    registry = build_registry(context, tracker, sources, year=year, lang=lang)
    if registry["unregistered"]:
        problems = unregistered_messages(registry, chapters_dir, messages)
        if strict:
            raise TemplateError("\n".join(problems))
        for msg in problems:  # recorded in numbers.json ("unregistered"); `make check` fails on them
            warnings.warn(msg, stacklevel=3)
    for d in (out_tables, out_markdown):
        shutil.rmtree(d, ignore_errors=True)
        Path(d).mkdir(parents=True)
    csvs = table_csvs(tracker)
    add_printed_tables(registry, csvs, texts, tracker)
    for name, text in csvs.items():
        write_text(text, Path(out_tables) / name)
    for ch in chapters:
        write_text(stable_markdown(texts[ch]), Path(out_markdown) / (Path(ch).stem + ".md"))
    write_json(registry, out_numbers)
    return registry
