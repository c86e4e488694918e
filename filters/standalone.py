"""Running one stage as a pandoc filter: ``pandoc -F filters/chronology.py``.

Pandoc runs the stage's file as a script, with ``filters/`` (not the project) on
Python's path, so none of the stage's own imports would work. Its first lines hand
over to ``run``::

    if __name__ == "__main__":  # pandoc -F filters/NAME.py
        import standalone; standalone.run(__file__)

which imports the stage as the package module it is, runs its ``main`` on the
document pandoc sends (errors printed together, exit status 1) and exits: the
script's own copy of the module never runs further.
"""
from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path


def run(stage_file: str) -> None:
    project = Path(stage_file).resolve().parent.parent
    sys.path.insert(0, str(project))
    from core.diagnostics import run_filter_main

    stage = import_module(f"filters.{Path(stage_file).stem}")
    run_filter_main(stage.main)
    sys.exit(0)
