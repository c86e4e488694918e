"""``python -m press.precompile``: the regular expressions a build compiles, recorded
once so that every build after loads them (``core.patterns``). ``make`` runs it after
installing; run it again after an upgrade of Python or of this system (a pattern the
snapshot lacks is only compiled as before, a little slower).

It imports every module of the layers and builds every edition of each language's
sample (tests/samples/article-*), in a folder of its own that it removes: what these
compile is what an author's build compiles, save the patterns a build makes from the
text's own words (a citation key, a line to find), which an author's build compiles
each time. It builds none of an author's texts (not even the repository's own
``manuscript/``, where an author may write theirs): no author's words are written down.
"""
from __future__ import annotations

import pkgutil
import sys
import tempfile
from importlib import import_module
from pathlib import Path

from core import LAYERS
from core.patterns import SNAPSHOT, recording, write

REPOSITORY = Path(__file__).resolve().parent.parent
SAMPLES = tuple(sorted((REPOSITORY / "tests" / "samples").glob("article-*")))


def every_module() -> list[str]:
    """The layers' modules by name, packages and their modules (not ``__main__``s)."""
    names = []
    for layer in LAYERS:
        package = import_module(layer)
        names.append(layer)
        names += [module.name for module in pkgutil.walk_packages(package.__path__, f"{layer}.")
                  if not module.name.endswith("__main__")]
    return names


def record_patterns(samples: tuple[Path, ...] = SAMPLES) -> dict:
    """The patterns compiled while every module is imported and every sample built
    (this module imports nothing of the layers before: what they compile when
    imported is recorded too)."""
    table: dict = {}
    with recording(table):
        for name in every_module():
            import_module(name)
        every_date_form()
        build_samples(samples)
    return table


def every_date_form() -> None:
    """Every form of every language's date grammar compiled (``filters.dates``): a build
    compiles a form when a paragraph first holds its words, and no sample holds them all."""
    from dataclasses import fields

    from core.language import LANGUAGE_CODES
    from filters.dates import Form, grammar

    def compile_all(value) -> None:
        if isinstance(value, Form):
            value.pattern  # noqa: B018 (compiled on first use)
        elif isinstance(value, tuple):
            for item in value:
                compile_all(item)

    for code in LANGUAGE_CODES:
        rules = grammar(code)
        for part in fields(rules):
            compile_all(getattr(rules, part.name))


def build_samples(samples: tuple[Path, ...]) -> None:
    """Every edition of each sample, in a folder removed after, nothing printed."""
    from core.diagnostics import BuildError
    from press.editions import EDITION
    from press.pipeline import build, collected_warnings

    with tempfile.TemporaryDirectory(prefix="press-precompile-") as scratch, collected_warnings(printed=False):
        for number, root in enumerate(samples):
            if (root / "manuscript").is_dir():
                try:
                    build(root, Path(scratch) / str(number), list(EDITION), use_cache=False)
                except BuildError:  # an edition the sample lacks metadata for: the others ran
                    pass


def main() -> int:
    table = record_patterns()
    try:
        write(table)
    except OSError as failure:  # an install's folder this user cannot write: builds compile as before
        print(f"the regular expressions were not recorded ({failure}); builds compile them as they go")
        return 0
    print(f"{len(table)} regular expressions recorded in {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
