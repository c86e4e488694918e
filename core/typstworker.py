"""One Typst compile in a process of its own, held to the build's limits: its memory
(an address-space bound, set before Typst starts) and its time (the caller stops it).
Typst takes some texts in far more than their size (40,000 footnotes, 389 KB of
Markdown: 84 s and 3.1 GB), and a compile in the build's own process can be neither
stopped nor bounded.

Run as ``python core/typstworker.py``: the request (JSON: source, root, fonts and the
rest of ``core.tools.TypstSession.compile``'s arguments) on stdin; the document's
bytes on stdout, or a Typst error as JSON on stderr with status 2.
"""
from __future__ import annotations

import json
import resource
import sys

FAILED = 2


def main() -> int:
    import typst  # before the request comes: a worker started early has Typst ready when it does

    text = sys.stdin.buffer.read()
    if not text:  # started early for a compile that never came (the build stopped before it)
        return 0
    request = json.loads(text)
    if request["memory"]:
        resource.setrlimit(resource.RLIMIT_AS, (request["memory"], request["memory"]))

    compiler = typst.Compiler(root=request["root"], ignore_system_fonts=True, font_paths=request["fonts"],
                              package_path=request["packages"], package_cache_path=request["packages"])
    extra = {"pdf_standards": request["standards"]} if request["standards"] else {}
    try:
        result = compiler.compile(input=request["source"].encode("utf-8"), format=request["output"],
                                  timestamp=request["timestamp"], ppi=request["ppi"], root=request["root"], **extra)
    except typst.TypstError as error:
        json.dump({"message": error.message, "diagnostic": getattr(error, "diagnostic", "") or "",
                   "hints": list(getattr(error, "hints", []) or [])}, sys.stderr)
        return FAILED
    sys.stdout.buffer.write(result[0] if isinstance(result, list) else result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
