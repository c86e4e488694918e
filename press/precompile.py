"""``python -m press.precompile``: the regular expressions a build compiles, recorded
once so that every build after loads them (``core.patterns``). ``make`` runs it after
installing; run it again after an upgrade of Python or of this system (a pattern the
snapshot lacks is only compiled as before, a little slower).

It imports every module of the layers and builds every edition of the repository's
article and of each language's sample (tests/samples/article-*), in a folder of its
own that it removes: what these compile is what an author's build compiles, save the
patterns made from an author's own words (a citation key, a name), which are
compiled each time and never written down.
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
SAMPLES = (REPOSITORY, *sorted((REPOSITORY / "tests" / "samples").glob("article-*")))


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
        build_samples(samples)
    return table


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
    write(table)
    print(f"{len(table)} regular expressions recorded in {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
