"""The texts of the data in every language of the report, from the config entries that hold them.

Each text of the data (a division, a region, a problem, an indicator, a recommendation...) is written
in its config entry once per language, in one of two forms: sibling keys ``name_kk`` / ``name_ru``,
or a mapping ``{kk: ..., ru: ...}``. The computation stages write the Kazakh form (the source
language) into their values and tables; an edition in another language replaces each such text by
its counterpart from the same entry when it renders (:func:`localise`), so the two editions share
every computation and differ only in their words.

:func:`missing_translations` is the check that every text has its form in every language of the
build (a missing one names the file, line and key); :func:`translation_table` is the source text ->
translated text table; a Kazakh text translated two different ways is an error, since the edition
could not know which one is meant.
"""

from __future__ import annotations

import re
from pathlib import Path

from industry_report.core.errors import InputError, Problem
from industry_report.core.yaml_input import key_path, line_of, parse_yaml

SOURCE = "kk"
# Config files whose entries hold report texts (every other config file holds no prose).
TEXT_FILES = (
    "config/divisions.yaml",
    "config/regions.yaml",
    "config/size_classes.yaml",
    "config/lifecycle.yaml",
    "config/indicators.yaml",
    "config/idi_codebook.yaml",
    "config/idi_labels.yaml",
    "config/survey_questionnaire.yaml",
    "config/recommendations.yaml",
)
# Files written wholly in the source language, with the other languages' forms in a top-level mapping
# of the same shape (``ru: {transform: {level: ...}, ...}``).
MIRRORED = ("config/idi_labels.yaml",)
_SUFFIXED = re.compile(rf"^(.*)_{SOURCE}$")
# A text with placeholders ("«{block}» блогынсыз") is matched as a pattern, its parts translated too.
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# The separators a composed text joins texts with (lists, "label: value" pairs, "ID. question",
# "option – code"), tried in this order: the first that splits off a known text is used.
_SEPARATORS = (": ", "; ", ", ", " — ", " – ", ". ", "\n")
# Keys whose value holds the three languages in one text, "kk / ru / en" (the codebook's articles).
_TRIPLE_KEYS = ("article",)


class Table(dict):
    """Source text -> translated text, and the texts with placeholders as (regex, template) pairs."""

    def __init__(self):
        super().__init__()
        self.patterns: list[tuple[re.Pattern, str]] = []


def _pairs(data, lang: str, keys=()):
    """(key path of the source text, source value, translated value or None) of every text in
    ``data``; a mapping ``{kk: {...}}`` (a text given as a sub-mapping) pairs leaf by leaf."""
    if isinstance(data, dict):
        for k, v in data.items():
            m = _SUFFIXED.match(str(k)) if isinstance(k, str) else None
            if k in _TRIPLE_KEYS and isinstance(v, str) and v.count(" / ") == 2 and lang in ("ru", "en"):
                parts = [x.strip() for x in v.split(" / ")]
                yield (*keys, k), parts[0], parts[("ru", "en").index(lang) + 1]
            elif m:
                yield from _leaves((*keys, k), v, data.get(f"{m.group(1)}_{lang}"))
            elif k == SOURCE:
                yield from _leaves((*keys, k), v, data.get(lang))
            else:
                yield from _pairs(v, lang, (*keys, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _pairs(v, lang, (*keys, i))


def _leaves(keys, src, dst):
    if isinstance(src, dict):
        for k, v in src.items():
            yield from _leaves((*keys, k), v, dst.get(k) if isinstance(dst, dict) else None)
    elif isinstance(src, list):
        for i, v in enumerate(src):
            yield from _leaves((*keys, i), v, dst[i] if isinstance(dst, list) and i < len(dst) else None)
    else:
        yield keys, src, dst


def _doc_pairs(path, data, lang: str):
    if str(path).replace("\\", "/").endswith(MIRRORED) and isinstance(data, dict):
        mirror = data.get(lang)
        src = {k: v for k, v in data.items() if k not in (lang, "ru", "en")}
        return _leaves((), src, mirror if isinstance(mirror, dict) else None)
    return _pairs(data, lang)


def missing_translations(paths, languages) -> None:
    """Raise InputError (file, line, key) for every text of ``paths`` that lacks a language of
    ``languages`` (the source language needs nothing)."""
    for path in paths:
        doc = parse_yaml(path, "configuration")
        problems = []
        for lang in languages:
            if lang == SOURCE:
                continue
            for keys, src, dst in _doc_pairs(path, doc.data, lang):
                if isinstance(src, str) and src.strip() and not (isinstance(dst, str) and dst.strip()):
                    where = key_path(keys)
                    problems.append(
                        Problem(
                            line_of(doc.node, keys),
                            where,
                            f"no {lang!r} form of this text (add it beside the {SOURCE!r} one)",
                            "line",
                            "key",
                        )
                    )
        if problems:
            raise InputError(str(path), problems)


def translation_table(paths, lang: str) -> Table:
    """Source text -> its ``lang`` form, over every text of ``paths`` (stripped of outer blanks)."""
    table = Table()
    where: dict[str, str] = {}
    if lang == SOURCE:
        return table
    for path in paths:
        doc = parse_yaml(path, "configuration")
        for keys, src, dst in _doc_pairs(path, doc.data, lang):
            if not (isinstance(src, str) and isinstance(dst, str)):
                continue
            s, d = src.strip(), dst.strip()
            if _PLACEHOLDER.search(s):
                parts = _PLACEHOLDER.split(s)  # text, name, text, name, ..., text
                rx = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
                table.patterns.append((re.compile(f"^{rx}$"), d))
                continue
            if s in table and table[s] != d:
                raise InputError(
                    str(path),
                    [
                        Problem(
                            line_of(doc.node, keys),
                            key_path(keys),
                            f"{s!r} is translated as {table[s]!r} at {where[s]} and as {d!r} here",
                            "line",
                            "key",
                        )
                    ],
                )
            table[s] = d
            where[s] = f"{path}: {key_path(keys)}"
    return table


def _text(s: str, table, depth: int = 0) -> str:
    core = s.strip()
    if not core:
        return s
    t = table.get(core)
    if t is None and core[0].isupper() and core[0].lower() + core[1:] in table:
        t = table[core[0].lower() + core[1:]]
        t = t[0].upper() + t[1:]  # a text at the start of a cell (Барлығы -> Итого)
    for rx, template in getattr(table, "patterns", []):
        m = t is None and rx.match(core)
        if m:
            t = template.format(**{k: _text(v, table, depth + 1) for k, v in m.groupdict().items()})
    if t is None and depth < 4:
        # a composed text: "нақты: 2013–2025; жанама: 2010–2012", a list of acts, "2016: <note>"
        for sep in _SEPARATORS:
            if sep in core:
                out = _split_translate(core.split(sep), sep, table, depth)
                if out != core:
                    t = out
                    break
    return s if t is None else s.replace(core, t)


def _split_translate(parts, sep, table, depth) -> str:
    """The parts joined by ``sep``, each run of parts that is a known text (longest first, since a
    text may hold the separator itself: "Сәулет, қала құрылысы ... туралы заң") translated."""
    out, i = [], 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            run = sep.join(parts[i:j])
            if j - i > 1 and run.strip() in table:
                out.append(_text(run, table, depth + 1))
                break
        else:
            j = i + 1
            out.append(_text(parts[i], table, depth + 1))
        i = j
    return sep.join(out)


def localise(obj, table: dict[str, str]):
    """``obj`` (JSON-like) with every string that is a source text replaced by its translation; a
    text composed of source texts (joined by separators, or filling a text with placeholders) is
    translated part by part."""
    if not table:
        return obj
    if isinstance(obj, str):
        return _text(obj, table)
    if isinstance(obj, dict):
        return {k: localise(v, table) for k, v in obj.items()}
    if isinstance(obj, list):
        return [localise(v, table) for v in obj]
    return obj


def localise_frame(frame, table: dict[str, str]):
    """A pandas DataFrame with its text cells localised (numbers untouched)."""
    if not table:
        return frame
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype) in ("str", "string"):
            out[col] = out[col].map(lambda v: localise(v, table))
    return out


def text_files(root: str | Path = ".") -> list[str]:
    """The text config files, relative to ``root`` (the ones that exist)."""
    return [p for p in TEXT_FILES if (Path(root) / p).exists()]
