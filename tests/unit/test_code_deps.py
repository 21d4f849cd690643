"""core.code_deps on a tiny fake package: absolute and relative imports, imports inside functions,
`from package import module`, and the __init__.py of every package on the way."""

from pathlib import Path

from industry_report.core.code_deps import code_files


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


PACKAGE = {
    "industry_report/__init__.py": "",
    "industry_report/core/__init__.py": "",
    "industry_report/core/errors.py": "",
    "industry_report/core/io.py": "from .errors import InputError\n",
    "industry_report/core/unused.py": "",
    "industry_report/stage/__init__.py": "from . import base\n",
    "industry_report/stage/base.py": "from ..core import io\n",
    "industry_report/stage/lazy.py": "def f():\n    from industry_report.core.errors import ConfigError\n",
    "industry_report/stage/other.py": "import json\n",
    "industry_report/publish/__init__.py": "",
    "industry_report/publish/render.py": "",
}


def test_relative_imports_and_init_chain(tmp_path):
    write(tmp_path, {**PACKAGE, "scripts/a.py": "from industry_report.stage.base import x\n"})
    assert code_files("scripts/a.py", tmp_path) == [
        "industry_report/__init__.py",
        "industry_report/core/__init__.py",
        "industry_report/core/errors.py",
        "industry_report/core/io.py",
        "industry_report/stage/__init__.py",
        "industry_report/stage/base.py",
    ]


def test_import_inside_a_function(tmp_path):
    write(tmp_path, {**PACKAGE, "scripts/b.py": "def main():\n    from industry_report.stage import lazy\n"})
    files = code_files("scripts/b.py", tmp_path)
    assert "industry_report/stage/lazy.py" in files and "industry_report/core/errors.py" in files
    # stage/__init__ imports base, which imports core.io: Python runs them all on the way
    assert "industry_report/core/io.py" in files
    assert "industry_report/stage/other.py" not in files and "industry_report/core/unused.py" not in files


def test_plain_import_and_other_packages(tmp_path):
    script = "import json\nimport yaml\nimport industry_report.publish.render\n"
    write(tmp_path, {**PACKAGE, "scripts/c.py": script})
    assert code_files("scripts/c.py", tmp_path) == [
        "industry_report/__init__.py",
        "industry_report/publish/__init__.py",
        "industry_report/publish/render.py",
    ]


def test_a_name_that_is_not_a_module(tmp_path):
    write(tmp_path, {**PACKAGE, "scripts/d.py": "from industry_report.core.errors import InputError\n"})
    assert code_files("scripts/d.py", tmp_path) == [
        "industry_report/__init__.py",
        "industry_report/core/__init__.py",
        "industry_report/core/errors.py",
    ]


def test_yaml_schemas_are_code(tmp_path):
    """A module that validates a YAML input with load_yaml(path, "<name>") depends on that schema."""
    files = {
        **PACKAGE,
        "industry_report/stage/reader.py": (
            "from industry_report.core.yaml_input import load_yaml\n"
            "def read(p):\n    return load_yaml(p, 'codebook', 'the codebook')\n"
        ),
        "industry_report/core/yaml_input.py": "def load_yaml(path, schema, what=None):\n    pass\n",
        "config/schemas/codebook.schema.yaml": "type: object\n",
        "config/schemas/other.schema.yaml": "type: object\n",
        "scripts/d.py": "from industry_report.stage.reader import read\n",
    }
    write(tmp_path, files)
    deps = code_files("scripts/d.py", tmp_path)
    assert "config/schemas/codebook.schema.yaml" in deps
    assert "config/schemas/other.schema.yaml" not in deps
