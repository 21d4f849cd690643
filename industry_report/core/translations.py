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
_SUFFIXED = re.compile(rf"^(.*)_{SOURCE}$")


def _pairs(data, lang: str, keys=()):
    """(key path of the source text, source value, translated value or None) of every text in
    ``data``; a mapping ``{kk: {...}}`` (a text given as a sub-mapping) pairs leaf by leaf."""
    if isinstance(data, dict):
        for k, v in data.items():
            m = _SUFFIXED.match(str(k)) if isinstance(k, str) else None
            if m:
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


def missing_translations(paths, languages) -> None:
    """Raise InputError (file, line, key) for every text of ``paths`` that lacks a language of
    ``languages`` (the source language needs nothing)."""
    for path in paths:
        doc = parse_yaml(path, "configuration")
        problems = []
        for lang in languages:
            if lang == SOURCE:
                continue
            for keys, src, dst in _pairs(doc.data, lang):
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


def translation_table(paths, lang: str) -> dict[str, str]:
    """Source text -> its ``lang`` form, over every text of ``paths`` (stripped of outer blanks)."""
    table: dict[str, str] = {}
    where: dict[str, str] = {}
    if lang == SOURCE:
        return table
    for path in paths:
        doc = parse_yaml(path, "configuration")
        for keys, src, dst in _pairs(doc.data, lang):
            if not (isinstance(src, str) and isinstance(dst, str)):
                continue
            s, d = src.strip(), dst.strip()
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


def localise(obj, table: dict[str, str]):
    """``obj`` (JSON-like) with every string that is a source text replaced by its translation."""
    if not table:
        return obj
    if isinstance(obj, str):
        t = table.get(obj.strip())
        return obj if t is None else obj.replace(obj.strip(), t)
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
        if out[col].dtype == object:
            out[col] = out[col].map(lambda v: localise(v, table))
    return out


def text_files(root: str | Path = ".") -> list[str]:
    """The text config files, relative to ``root`` (the ones that exist)."""
    return [p for p in TEXT_FILES if (Path(root) / p).exists()]
