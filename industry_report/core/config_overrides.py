"""Command-line overrides of nested config keys, typed like the file's values.

``snakemake --config sample='{margin: 0.05}'`` merges the partial mapping into config/config.yaml,
but Snakemake parses the values inside it as text ('0.05'), so the schema would refuse a valid
number. :func:`coerce_overrides` reads every text value whose key the schema declares as a number,
integer, boolean, list or mapping as YAML, so '0.05' becomes 0.05; a value that still has the wrong
type is left as it is and the schema check names the key and what it expected.
"""

from __future__ import annotations

from pathlib import Path

import yaml


def _types(schema: dict) -> set[str]:
    t = schema.get("type")
    return set(t) if isinstance(t, list) else ({t} if t else set())


def _coerce(value, schema: dict):
    if not isinstance(schema, dict):
        return value
    types = _types(schema)
    if isinstance(value, str) and types and "string" not in types:
        try:
            parsed = yaml.safe_load(value)
        except yaml.YAMLError:
            return value
        kinds = {
            "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
            "boolean": lambda v: isinstance(v, bool),
            "array": lambda v: isinstance(v, list),
            "object": lambda v: isinstance(v, dict),
            "null": lambda v: v is None,
        }
        if any(kinds.get(t, lambda v: False)(parsed) for t in types):
            value = parsed
    if isinstance(value, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for k in list(value):
            sub = props.get(k, extra if isinstance(extra, dict) else {})
            value[k] = _coerce(value[k], sub)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        value[:] = [_coerce(v, schema["items"]) for v in value]
    return value


def coerce_overrides(config: dict, schema_file: str | Path) -> dict:
    """Type the text values of ``config`` (in place) by the JSON Schema in ``schema_file``."""
    schema = yaml.safe_load(Path(schema_file).read_text(encoding="utf-8"))
    return _coerce(config, schema)
