"""Reading YAML inputs: one path for every YAML file, validated by a JSON Schema, errors with lines.

Every YAML file the build reads (config/*.yaml, chapters/editorial.yml, report/*.yml) goes through
:func:`load_yaml`. The file is parsed once into plain Python data and once into YAML nodes, which
keep the line of every key and value; the data are checked against the file's JSON Schema
(``config/schemas/<name>.schema.yaml``, Draft 2020-12) with ``jsonschema``. Each violation becomes a
:class:`~industry_report.core.errors.Problem` naming the line and the key path (``blocks[2].questions
[0].id``) and what was expected, so no code has to carry line numbers in the data. Checks a schema
cannot express (cross-references between entries) use :func:`line_of` to name the line too.
"""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from industry_report.core.errors import InputError, Problem

SCHEMAS = Path(__file__).resolve().parents[2] / "config" / "schemas"


class _KeyTwice(yaml.constructor.ConstructorError):
    def __init__(self, key, first: int, mark):
        self.key, self.first = key, first
        super().__init__(None, None, f"the key {key!r} is given twice (first on line {first})", mark)


class _UniqueKeyLoader(yaml.SafeLoader):
    """Safe loader that refuses a key given twice in one mapping (YAML itself keeps the last)."""


def _mapping(loader, node, deep=False):
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise _KeyTwice(key, seen[key], key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
# Dates stay text (2026-11-27): JSON Schema has no date type, and no input needs a date object.
_UniqueKeyLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in rs if tag != "tag:yaml.org,2002:timestamp"]
    for ch, rs in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class YamlDoc:
    """A parsed YAML file: its plain ``data`` and where each part of it stands in the file."""

    path: str
    data: object
    node: yaml.Node | None

    def line(self, *keys) -> int | None:
        return line_of(self.node, keys)

    def problem(self, keys, message: str) -> Problem:
        """One fault at the value at ``keys`` (a key path), naming its line and key path; collect
        them and raise ``InputError(doc.path, problems)`` to report every fault at once."""
        return Problem(self.line(*keys), key_path(keys), message, "line", "key")

    def error(self, keys, message: str) -> InputError:
        """An InputError for the value at ``keys`` (a key path), naming its line and key path."""
        return InputError(self.path, [self.problem(keys, message)])


def key_path(keys) -> str | None:
    out = ""
    for k in keys:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else str(k))
    return out or None


def line_of(node: yaml.Node | None, keys) -> int | None:
    """1-based line of the value at the key path ``keys`` (of its key, for a mapping entry)."""
    line = node.start_mark.line + 1 if node is not None else None
    for k in keys:
        if isinstance(node, yaml.MappingNode):
            for kn, vn in node.value:
                if kn.value == str(k):
                    line, node = kn.start_mark.line + 1, vn
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(k, int) and k < len(node.value):
            node = node.value[k]
            line = node.start_mark.line + 1
        else:
            return line
    return line


_REFUSE = object()


def input_error(path, problems: list[Problem], say=None) -> InputError:
    """InputError of ``problems``; worded in the editors' language when ``say`` (their message
    catalogue, publish/messages.py) is given: title, and "жол"/"кілт" for line and key."""
    if say is None:
        return InputError(path, problems)
    for p in problems:
        p.row_word, p.column_word = say("yaml_line"), say("yaml_key")
    return InputError(path, problems, title=say("yaml_file_faults", file=path))


def parse_yaml(path: str | Path, what: str, empty=_REFUSE, say=None) -> YamlDoc:
    """Parse ``path``; a missing or malformed file is an InputError with its line. An empty file (or
    one of comments only) is an error too, unless ``empty`` gives the data it stands for. ``say``:
    the editors' message catalogue, for a file an editor edits (see :func:`load_yaml`)."""
    path = Path(path)

    def fail(line, english, name, **params):
        message = say(name, **params) if say is not None else english
        return input_error(path, [Problem(line, None, message, "line")], say)

    if not path.is_file():
        raise fail(None, f"the {what} file does not exist", "yaml_file_missing")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise fail(None, f"the {what} file is not UTF-8 text (byte {exc.start})", "yaml_not_text") from None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        line = mark.line + 1 if mark else None
        if isinstance(exc, _KeyTwice):
            raise fail(
                line, f"not valid YAML: {problem}", "yaml_key_twice", key=exc.key, first=exc.first
            ) from None
        raise fail(line, f"not valid YAML: {problem}", "yaml_syntax", detail=problem) from None
    if data is None:
        if empty is _REFUSE:
            raise fail(None, f"the {what} file is empty", "yaml_file_empty")
        data = empty
    return YamlDoc(str(path), data, node)


@cache
def _validator(schema_file: str):
    import jsonschema

    schema = yaml.safe_load(Path(schema_file).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _expected(err) -> str:
    """Say what the schema expected, in words, for one jsonschema error."""
    v, kw, inst = err.validator_value, err.validator, err.instance
    found = f"found {inst!r}" if not isinstance(inst, (dict, list)) else f"found a {type(inst).__name__}"
    names = {
        "string": "text",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "array": "a list",
        "object": "a mapping",
        "null": "nothing",
    }
    if kw == "type":
        types = v if isinstance(v, list) else [v]
        return f"expected {' or '.join(names.get(t, t) for t in types)}, {found}"
    if kw == "enum":
        close = difflib.get_close_matches(str(inst), [str(x) for x in v], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"expected one of {', '.join(map(repr, v))}, {found}{hint}"
    if kw == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extra = sorted(set(inst) - set(allowed))
        parts = []
        for e in extra:
            close = difflib.get_close_matches(str(e), allowed, n=1)
            parts.append(f"{e!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        return f"unknown key {', '.join(parts)}; allowed: {', '.join(allowed)}"
    if kw == "required":
        return err.message.replace("is a required property", "is required but missing")
    if kw in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        word = {
            "minimum": "at least",
            "maximum": "at most",
            "exclusiveMinimum": "more than",
            "exclusiveMaximum": "less than",
        }[kw]
        return f"expected a value {word} {v}, {found}"
    if kw == "minItems":
        return f"expected at least {v} item(s), found {len(inst)}"
    if kw == "minLength":
        return f"expected a non-empty text, {found}"
    if kw == "pattern":
        return f"expected text matching {v}, {found}"
    if kw == "uniqueItems":
        return "expected every item to be different"
    return err.message


def _found(inst, say) -> str:
    if isinstance(inst, (dict, list)):
        return say("type_object" if isinstance(inst, dict) else "type_array")
    if isinstance(inst, str):
        return f"«{inst}»"
    return "true" if inst is True else "false" if inst is False else str(inst)


def _expected_said(err, say) -> str:
    """:func:`_expected` in the words of the editors' catalogue ``say``."""
    v, kw, inst = err.validator_value, err.validator, err.instance
    found = _found(inst, say)

    def close(word, options) -> str:
        m = difflib.get_close_matches(str(word), [str(x) for x in options], n=1)
        return " " + say("schema_did_you_mean", suggestion=m[0]) if m else ""

    if kw == "type":
        types = v if isinstance(v, list) else [v]
        expected = " / ".join(say(f"type_{t}") for t in types if f"type_{t}" in say.texts)
        return say("schema_type", expected=expected, found=found)
    if kw == "enum":
        return say("schema_enum", allowed=", ".join(f"«{x}»" for x in v), found=found) + close(inst, v)
    if kw == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extra = sorted(set(inst) - set(allowed))
        shown = ", ".join(f"«{a}»" for a in allowed) or "—"
        return " ".join(say("schema_unknown_key", key=e, allowed=shown) + close(e, allowed) for e in extra)
    if kw == "required":
        missing = [k for k in v if isinstance(inst, dict) and k not in inst]
        return " ".join(say("schema_required", key=k) for k in missing)
    names = {
        "minimum": "schema_minimum",
        "maximum": "schema_maximum",
        "exclusiveMinimum": "schema_exclusive_minimum",
        "exclusiveMaximum": "schema_exclusive_maximum",
    }
    if kw in names:
        return say(names[kw], limit=v, found=found)
    if kw == "minItems":
        return say("schema_min_items", count=v)
    if kw == "minProperties":
        return say("schema_min_properties")
    if kw == "minLength" or (kw == "pattern" and v == "\\S"):
        return say("schema_non_empty")
    if kw == "pattern":
        return say("schema_pattern", found=found)
    if kw == "uniqueItems":
        return say("schema_unique")
    return say("schema_other", detail=err.message)


def schema_problems(doc: YamlDoc, schema_file: str | Path, say=None) -> list[Problem]:
    """The schema's faults of ``doc``, each with its line and key path; worded by the editors'
    catalogue ``say`` when given, in English otherwise."""
    problems = []
    errors = sorted(_validator(str(schema_file)).iter_errors(doc.data), key=lambda e: list(map(str, e.path)))
    for err in errors:
        keys = list(err.absolute_path)
        if err.validator == "additionalProperties":
            extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
            if extra:
                keys = keys + [extra[0]]
        message = _expected_said(err, say) if say is not None else _expected(err)
        problems.append(Problem(line_of(doc.node, keys), key_path(keys), message, "line", "key"))
    return problems


def load_yaml(path: str | Path, schema: str, what: str | None = None, empty=_REFUSE, say=None) -> YamlDoc:
    """Parse ``path`` and validate it against ``config/schemas/<schema>.schema.yaml`` (``empty``: see
    :func:`parse_yaml`). ``say``: for a file an editor edits, the editors' message catalogue
    (publish/messages.py ``Messages``): every fault, with its line and key, is then worded in the
    editors' language, a misspelt key with the closest valid one."""
    what = what or schema.replace("_", " ")
    doc = parse_yaml(path, what, empty, say)
    problems = schema_problems(doc, SCHEMAS / f"{schema}.schema.yaml", say)
    if problems:
        raise input_error(path, problems, say)
    return doc


def _with_defaults(cls):
    """A validator class that also fills in the schema's ``default`` of every missing property of
    an object it checks (as Snakemake's own config validation does)."""
    import jsonschema

    check_properties = cls.VALIDATORS["properties"]

    def properties(validator, props, instance, schema):
        if isinstance(instance, dict):
            for key, sub in props.items():
                if isinstance(sub, dict) and "default" in sub and key not in instance:
                    instance[key] = copy.deepcopy(sub["default"])
        yield from check_properties(validator, props, instance, schema)

    return jsonschema.validators.extend(cls, {"properties": properties})


def _value_at(data, keys):
    for k in keys:
        try:
            data = data[k]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return data


_MISSING = object()


def check_config(config: dict, schema_file: str | Path, config_files: list[str | Path]) -> None:
    """Validate the build configuration (``config``: the config files merged with ``--config``)
    against ``schema_file``, filling in the schema's defaults. Raises ConfigError naming, for each
    fault, where the offending value comes from (file and line, or the command line), its key path,
    what was expected and the closest valid key; never the schema itself."""
    from industry_report.core.errors import ConfigError

    schema = yaml.safe_load(Path(schema_file).read_text(encoding="utf-8"))
    cls = jsonschema_validator_for(schema)
    docs = [parse_yaml(f, "configuration") for f in config_files if Path(f).is_file()]
    lines = []
    for err in sorted(_with_defaults(cls)(schema).iter_errors(config), key=lambda e: list(map(str, e.path))):
        keys = list(err.absolute_path)
        if err.validator == "additionalProperties":
            extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
            keys += extra[:1]
        value = _value_at(config, keys)
        origin = next((d for d in reversed(docs) if _value_at(d.data, keys) == value), None)
        if origin is not None:
            line = origin.line(*keys)
            where = f"{origin.path}" + (f", line {line}" if line else "")
        else:
            where = "the command line (--config)"
        path = key_path(keys)
        lines.append(f"  - {where}{f', key {path!r}' if path else ''}: {_expected(err)}")
    if lines:
        raise ConfigError("Invalid configuration:\n" + "\n".join(lines))


def jsonschema_validator_for(schema: dict):
    import jsonschema

    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls
