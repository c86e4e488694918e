"""TeX math in the Typst PDF: every math command an author may write (``core/texmath.txt``,
texmath's own list) reaches the pinned Typst as a name it knows (``press.typstsymbols``),
and math in a metadata field has its alternative text (an author's trial: `$A \\cap B$`
stopped the whole PDF, "unknown variable: sect"; math in a title, "missing alt text")."""
from __future__ import annotations

import subprocess

import typst

from core.texmath import math_commands
from core.tools import pandoc_path
from press.readback import pdf_text
from press.typstsymbols import current_symbols
from tests.conftest import paper_build


def test_every_math_command_compiles_in_typst():
    names = sorted(math_commands())
    markdown = "\n\n".join(f"$a \\{name} b$" for name in names)
    written = subprocess.run([pandoc_path(), "-f", "markdown", "-t", "typst"], input=markdown,
                             capture_output=True, text=True, check=True).stdout
    typst.compile(("#set page(width: 8cm, height: auto)\n" + current_symbols(written)).encode(), format="pdf")


def test_math_with_renamed_symbols_in_the_text_and_the_title_builds_the_pdf(tmp_path):
    result = paper_build(tmp_path, "---\ntitle: On $A \\cap B$\nchronology: false\n---\n\n"
                                   "X $A \\cap B \\otimes C$ and $\\bigcap_i A_i$, ∩ written as itself: $A ∩ B$.\n", "pdf")
    assert result.returncode == 0, result.stderr
    text = pdf_text(next((tmp_path / "out").glob("*.pdf")))
    assert "𝐴 ∩ 𝐵 ⊗ 𝐶" in text and "⋂" in text
