"""The shared vocabulary below the filter stages (``filters``) and the editions
(``press``): names, diagnostics, language packs, markup helpers, options,
templating, running the tools, and reading source lines. It imports neither layer
above it (``tests/test_layers.py`` holds every module to this).
"""

# The layers, bottom to top: a module imports only from its own layer and those below
# (``build.py``, the command line, sits on top of them all).
LAYERS = ("core", "filters", "press")

# Before any module of the layers compiles its regular expressions: those the
# precompile step recorded come from its snapshot (see core/patterns.py).
from core import patterns as _patterns  # noqa: E402

_patterns.install()
