"""`pip install .` installs press as a tool: what the package declares is what the
repository holds (every package of the layers, the templates, the console script) and
its dependencies are the build's one pinned list."""
import importlib
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PROJECT["tool"]["setuptools"]


def test_every_package_of_the_layers_is_installed():
    folders = {str(path.parent.relative_to(REPO)).replace("/", ".")
               for layer in ("core", "filters", "press") for path in (REPO / layer).rglob("*.py")
               if "samples" not in path.parts and "__pycache__" not in path.parts}
    assert folders <= set(SETUPTOOLS["packages"]), folders - set(SETUPTOOLS["packages"])


def test_the_dependencies_are_the_builds_pinned_list():
    assert PROJECT["project"]["dynamic"] == ["dependencies"]
    [listed] = SETUPTOOLS["dynamic"]["dependencies"]["file"]
    lines = [line for line in (REPO / listed).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines and all("==" in line for line in lines), lines  # pinned, every one
    assert f"-r {listed}" in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()


def test_the_console_script_is_the_command_line():
    module, function = PROJECT["project"]["scripts"]["press"].split(":")
    assert callable(getattr(importlib.import_module(module), function))
    assert module.split(".")[0] in {*SETUPTOOLS["packages"], *SETUPTOOLS.get("py-modules", [])}
