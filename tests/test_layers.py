"""Layering: the engine never imports Textual, and the command line starts light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import wargame

PACKAGE = Path(wargame.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_module_of_the_engine_imports_textual() -> None:
    offenders = [p for p in PACKAGE.rglob("*.py") if "textual" in _imports(p)]
    assert offenders == []


def test_loading_everything_does_not_load_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, wargame\n"
        "for m in pkgutil.walk_packages(wargame.__path__, 'wargame.'):\n"
        "    if m.name != 'wargame.__main__': importlib.import_module(m.name)\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_importing_the_cli_is_light() -> None:
    heavy = "('numpy', 'simpy', 'rich', 'cattrs', 'textual')"
    code = f"import sys, wargame.cli\nprint(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _wargame_imports(path: Path) -> set[str]:
    """The ``wargame`` modules ``path`` imports, lazily or not (absolute imports only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.startswith("wargame")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("wargame"):
            names.add(node.module)
    return names


# Each layer may import itself and the layers below it (docs/design.md): model <- engine <- session
# <- analysis. The command line (wargame/cli*.py) sits on top and may import anything.
LAYERS = ("model", "engine", "session", "analysis")


def test_model_layer_has_no_simpy_and_no_io() -> None:
    for path in (PACKAGE / "model").glob("*.py"):
        assert "simpy" not in _imports(path), path
        assert "open(" not in path.read_text(), path


def test_each_layer_imports_only_itself_and_the_layers_below() -> None:
    offenders = []
    for rank, layer in enumerate(LAYERS):
        allowed = {"wargame", "wargame.scenarios", *(f"wargame.{below}" for below in LAYERS[: rank + 1])}
        for path in sorted((PACKAGE / layer).glob("*.py")):
            for name in sorted(_wargame_imports(path)):
                top = ".".join(name.split(".")[:2])
                if top not in allowed:
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_the_import_contracts_hold() -> None:
    """``lint-imports`` (``[tool.importlinter]`` in pyproject.toml): the layers model <- engine <-
    session <- analysis <- ui <- cli, and no import circle among the engine's modules."""
    root = PACKAGE.parent
    if not (root / "pyproject.toml").exists():
        pytest.skip("an installed copy, without pyproject.toml")
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:]
