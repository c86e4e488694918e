"""A command line's parser whose usage errors exit with status 2 after the usage
line (1 is a content error's, named at its file and line): the article's commands
(``press.cli``) and the journal's (``press.journal.cli``) share it.

>>> parser = Parser(prog="press")
>>> _ = parser.add_argument("--workers", type=int)
>>> parser.parse_args(["--workers", "2"]).workers
2
"""
from __future__ import annotations

import argparse
import sys


class Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: exit 2 with the usage line
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        sys.exit(2)
