"""Messages to the editors, in the language of their chapters (report/messages-<lang>.yml).

An editor reads these in `make check` and `make report`: each names the file and line, says what is
wrong and what to do, in the chapters' language, without Python names. The words live in the
catalogue (one per language, validated by config/schemas/messages.schema.yaml); the code knows only
the message names and the placeholders each may use (MESSAGES), checked when a catalogue is read, so
a catalogue with a missing message or an unknown {placeholder} is refused with its line.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from industry_report.core.errors import InputError
from industry_report.core.yaml_input import load_yaml

# Message name -> the placeholders it may use.
MESSAGES = {
    "undefined_value": {"key", "hint"},
    "did_you_mean": {"suggestion"},
    "ask_analyst": set(),
    "unformatted_number": {"value"},
    "cannot_print": {"what"},
    "template_syntax": {"detail"},
    "template_failed": {"detail"},
    "chapter_not_found": set(),
    "computed_number": {"filter", "how"},
    "how_typed": set(),
    "how_computed": set(),
    "unregistered_value": {"value", "filter"},
    "typed_number": {"number"},
    "forbidden_term": {"variant", "preferred", "term"},
    "forbidden_term_value": {"variant", "preferred", "term"},
    "code_in_text": {"code", "context"},
    "code_cell": {"text"},
    "raw_block": {"text", "format"},
    "raw_inline": {"text", "format"},
    "include": {"text"},
    "shortcode": {"text"},
    "callout": {"text"},
    "div_with_id": {"text"},
    "div_unsupported": {"text"},
    "layout": set(),
    "raw_markup": {"text"},
    "label_prefix": {"label"},
    "heading_no_label": set(),
    "one_ref_per_bracket": {"text"},
    "ref_kind": {"ref"},
    "ref_glued": {"ref", "base", "ending"},
    "image_path": {"path"},
    "duplicate_label": {"label", "other"},
    "unknown_reference": {"ref"},
    "chapter_listed_missing": {"chapter", "folder"},
    "chapter_unlisted": {"chapter", "folder"},
    "chapter_listed_twice": {"chapter"},
    "problems_found": {"folder", "count"},
    "check_passed": {"folder", "count"},
    # YAML inputs an editor edits (chapters/editorial.yml, report/typed-numbers-<lang>.yml):
    # core/yaml_input.py words their faults with these when it is given the catalogue.
    "yaml_file_faults": {"file"},
    "yaml_line": set(),
    "yaml_key": set(),
    "yaml_file_missing": set(),
    "yaml_file_empty": set(),
    "yaml_not_text": set(),
    "yaml_syntax": {"detail"},
    "yaml_key_twice": {"key", "first"},
    "schema_type": {"expected", "found"},
    "schema_enum": {"allowed", "found"},
    "schema_unknown_key": {"key", "allowed"},
    "schema_did_you_mean": {"suggestion"},
    "schema_required": {"key"},
    "schema_minimum": {"limit", "found"},
    "schema_maximum": {"limit", "found"},
    "schema_exclusive_minimum": {"limit", "found"},
    "schema_exclusive_maximum": {"limit", "found"},
    "schema_min_items": {"count"},
    "schema_min_properties": set(),
    "schema_non_empty": set(),
    "schema_pattern": {"found"},
    "schema_unique": set(),
    "schema_other": {"detail"},
    "type_string": set(),
    "type_integer": set(),
    "type_number": set(),
    "type_boolean": set(),
    "type_array": set(),
    "type_object": set(),
    "type_null": set(),
    # chapters/editorial.yml's own checks (recommendations/editorial.py)
    "editorial_unknown_id": {"id"},
    "editorial_not_selected": {"id", "selected"},
    "editorial_none_selected": set(),
    "editorial_listed_twice": {"id"},
    "editorial_drop_and_reword": {"id"},
}

# {name} of lower-case letters and underscores is a placeholder; other braces ({.source-note},
# {#sec-…}) are text.
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class Messages:
    """The catalogue of one language: ``messages("undefined_value", key=..., hint=...)``."""

    def __init__(self, texts: dict[str, str], lang: str):
        self.texts = texts
        self.lang = lang

    def __call__(self, name: str, **params) -> str:
        if name not in MESSAGES:  # a programming error, not an editor's
            raise KeyError(f"no message {name!r} in MESSAGES")
        return _PLACEHOLDER.sub(lambda m: str(params[m.group(1)]), self.texts[name])

    def at(self, file, line, name: str, **params) -> str:
        """'<file>:<line>: <message>' (the line left out when it is not known)."""
        where = f"{file}:{line}" if line else str(file)
        return f"{where}: {self(name, **params)}"


def lang_of(path: str | Path) -> str:
    m = re.match(r"messages-([\w-]+)\.ya?ml$", Path(path).name)
    return m.group(1) if m else ""


def load_messages(path: str | Path) -> Messages:
    """Read and check a catalogue: every message of MESSAGES, no other, only its placeholders."""
    doc = load_yaml(path, "messages", "editor messages")
    problems = []
    for name in doc.data:
        if name not in MESSAGES:
            close = difflib.get_close_matches(name, list(MESSAGES), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(doc.problem([name], f"unknown message {name!r}{hint}"))
            continue
        used = set(_PLACEHOLDER.findall(doc.data[name]))
        if used - MESSAGES[name]:
            allowed = ", ".join(f"{{{p}}}" for p in sorted(MESSAGES[name])) or "none"
            problems.append(
                doc.problem(
                    [name],
                    f"unknown placeholder(s) {', '.join(f'{{{p}}}' for p in sorted(used - MESSAGES[name]))}; "
                    f"this message may use: {allowed}",
                )
            )
    missing = [n for n in MESSAGES if n not in doc.data]
    if missing:
        problems.append(doc.problem([], f"messages missing: {', '.join(missing)}"))
    if problems:
        raise InputError(path, problems)
    return Messages(dict(doc.data), lang_of(path))
