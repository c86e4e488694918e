#!/usr/bin/env python3
"""This repository's command line: ``python build.py …`` is ``press …`` (press/cli.py,
where the commands are listed), its default project the repository's own article when
run from the repository, else the working folder (an author's paper).

    python build.py --help
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from press.cli import entry  # noqa: E402

if __name__ == "__main__":
    # Run from an author's folder (python ~/press/build.py pdf), the author's paper is
    # built, not this repository's sample article.
    entry(home=HERE if Path.cwd().resolve() == HERE else None)
