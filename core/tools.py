"""The external programs the build runs: pandoc (from pypandoc-binary) and Typst
(from the `typst` package, in-process).

>>> Path(pandoc_path()).name
'pandoc'
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from core.diagnostics import BuildError
from core.idle import run_pending
from core.inputs import LIMITS, limit, too_large
from core.sandbox import empty_folder
from core.templatepath import SYSTEM_TEMPLATES
from core.typstworker import FAILED


@lru_cache(maxsize=None)
def pandoc_path() -> str:
    """The pandoc binary that pypandoc-binary ships, the version requirements.txt pins.

    Not ``pypandoc.get_pandoc_path()``: it runs ``pandoc --version`` on every
    candidate it knows (10–20 ms before a build can start) and takes the newest,
    so a pandoc installed on the system would silently replace the pinned one and
    the editions would no longer be reproducible.
    """
    package = find_spec("pypandoc")
    if package and package.origin:
        bundled = Path(package.origin).parent / "files" / ("pandoc.exe" if os.name == "nt" else "pandoc")
        if bundled.is_file():
            return str(bundled)
    raise BuildError("pandoc not found: the pinned pypandoc-binary is not installed",
                     hint="run `make` (or pip install -r requirements.txt) in this environment")


# Pandoc's garbage collector, tuned for documents of an article's to a book's size.
# pypandoc-binary's pandoc is linked with `-with-rtsopts=-H64m`: each run first
# claims a 64 MB heap (30 ms of page faults for an article), and its first major
# collection comes after 8 MB and takes 18 ms (`pandoc +RTS -S` shows it). An
# 8 MB start and no major collection before the old generation reaches 64 MB
# take a quarter off every run here (read 75 → 43 ms, HTML 74 → 56, Typst 71 → 53,
# EPUB 111 → 92); at 50× the article, reading takes 0.77 s instead of 1.01.
# The output is the same.
PANDOC_RUNTIME = ["+RTS", "-H8m", "-O64m", "-RTS"]


def start_pandoc(args: list[str], stdin: str | None = None, env: dict | None = None) -> subprocess.Popen:
    """Start pandoc and return at once; ``finish`` waits for its output. A thread
    feeds pandoc its input and drains its output, so that pandoc works to the end
    while this process does something else (a full pipe would stop it).

    Every run is sandboxed: ``--sandbox`` lets pandoc's readers and writers read no
    file but those the arguments name (the build's copies, ``core.sandbox``), and it
    runs in a private empty folder."""
    # its heap held to the memory limit: past it, pandoc stops ("Heap exhausted"), and says so
    runtime = [*PANDOC_RUNTIME[:-1], f"-M{max(limit('memory') // 1_000_000, 64)}m", PANDOC_RUNTIME[-1]]
    process = subprocess.Popen([pandoc_path(), *runtime, "--sandbox", *args], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               env={**os.environ, **(env or {})}, cwd=empty_folder())
    outcome: dict = {}
    # Its output is read within the ``document`` limit, and pandoc is stopped past it: its
    # reader repeats a note's or a link reference's text at each use, so a few kilobytes
    # of Markdown can come out as gigabytes (40 KB: 8 GB here before the first stage).
    budget = limit("document")

    def feed() -> None:
        try:
            if stdin:
                process.stdin.write(stdin)
        except UnicodeEncodeError as failure:  # half a UTF-16 pair: no UTF-8 text holds it
            outcome["unwritable"] = failure.object[failure.start:failure.end]
        except (BrokenPipeError, OSError, ValueError):
            pass  # pandoc stopped reading (it failed, or was stopped): its status says why
        finally:  # pandoc reads to the end of its input: it must come, or pandoc waits for ever
            try:
                process.stdin.close()
            except (BrokenPipeError, OSError, ValueError):
                pass

    def drain(stream, into: list) -> None:
        into.append(stream.read())

    def communicate() -> None:
        try:
            errors: list[str] = []
            threads = [threading.Thread(target=feed, daemon=True),
                       threading.Thread(target=drain, args=(process.stderr, errors), daemon=True)]
            for thread in threads:
                thread.start()
            chunks, size = [], 0
            while chunk := process.stdout.read(1 << 20):
                size += len(chunk)
                if size > budget:
                    process.kill()
                    outcome["too_large"] = size
                    break
                chunks.append(chunk)
            process.stdout.close()
            process.wait()
            for thread in threads:
                thread.join()
            outcome["streams"] = ("".join(chunks), "".join(errors))
        except BaseException as failure:  # raised again by finish, in the caller's thread
            process.kill()
            outcome["failure"] = failure

    def stop() -> None:  # past the time limit: its output would never come
        outcome["too_slow"] = limit("seconds")
        process.kill()

    timer = threading.Timer(limit("seconds"), stop)
    timer.daemon = True

    def communicate_in_time() -> None:
        try:
            communicate()
        finally:
            timer.cancel()

    process.press_thread = threading.Thread(target=communicate_in_time, daemon=True)
    process.press_outcome = outcome
    timer.start()
    process.press_thread.start()
    return process


def finish(process: subprocess.Popen) -> str:
    """pandoc's stdout; a failure is a BuildError with pandoc's message. While pandoc
    works, the build does what it may do early (``core.idle``)."""
    run_pending()
    process.press_thread.join()
    if "failure" in process.press_outcome:
        raise process.press_outcome["failure"]
    if "too_large" in process.press_outcome:
        raise too_large("document", None, process.press_outcome["too_large"])
    if "too_slow" in process.press_outcome:
        raise BuildError(f"pandoc was stopped after {process.press_outcome['too_slow']} s, the limit for "
                         f"{LIMITS['seconds'].what}", hint="look for a long run of one character ('<', '[', '`', "
                         "'{{<'), which pandoc's reader takes in its square; a journal that accepts slower texts "
                         "raises the limit: --limit seconds=…")
    if "unwritable" in process.press_outcome:
        raise BuildError(f"the text holds {process.press_outcome['unwritable']!r}, half of a UTF-16 pair, "
                         "which no file or tool can hold", hint="look for an escape such as \\ud800 in a "
                         "bibliography or metadata file, and write the character itself")
    stdout, stderr = process.press_outcome["streams"]
    if process.returncode != 0 and "Heap exhausted" in stderr:
        raise BuildError(f"pandoc was stopped at {limit('memory'):,} bytes, the limit for {LIMITS['memory'].what}",
                         hint="look for a CSL style or a text that repeats itself; a journal that accepts larger "
                              "texts raises the limit: --limit memory=…")
    if process.returncode != 0:
        raise BuildError(f"pandoc failed: {stderr.strip()}")
    return stdout


def run_pandoc(args: list[str], stdin: str | None = None, env: dict | None = None) -> str:
    """Run pandoc; its stdout as text."""
    return finish(start_pandoc(args, stdin, env))


def run_pandoc_verbose(args: list[str], stdin: str | None = None) -> tuple[str, list[str]]:
    """Run pandoc with ``--verbose``: its stdout, and its messages (what a reader skipped)."""
    process = start_pandoc([*args, "--verbose"], stdin)
    output = finish(process)
    return output, process.press_outcome["streams"][1].splitlines()


class TypstSession:
    """One Typst compiler for the life of the process: in watch mode a recompile
    reuses everything Typst memoised (fonts, layout), 0.02 s instead of 0.15 s.

    ``root`` is the folder Typst may read files from: the build's sandbox, which holds
    copies of the figures the text names (``core.sandbox``), or an empty folder; Typst
    refuses any path that leaves it. ``fonts``: folders of fonts a journal's templates
    bring, besides the fonts Typst ships (no system font is used: the PDF looks the
    same on every machine); packages come from nowhere (``NO_PACKAGES``).
    """

    def __init__(self):
        self._compilers: dict[tuple, object] = {}
        self._lock = threading.Lock()
        # Each compile in a process of its own, held to the memory and time limits
        # (``core.typstworker``); the author's own loop (watch, serve) compiles in this
        # process instead, where Typst's memoised layout makes a recompile ten times faster.
        self.isolated = True
        self._spare: subprocess.Popen | None = None  # a worker started early (``warm``)

    def warm(self) -> None:
        """Start the worker of the next isolated compile now, while the caller makes its
        source: Python's start and Typst's import (30 ms) are then off the PDF's path."""
        if self.isolated and self._spare is None:
            self._spare = worker()

    def compile(self, source: str, timestamp: int | None, output: str = "pdf",
                ppi: float = 72, root: Path | None = None, fonts: tuple[Path, ...] = (),
                standards: tuple[str, ...] = (), where=None) -> bytes:
        """The document as PDF or SVG, or its first page as PNG; ``standards``: the PDF
        standards it must meet (``"a-2a"``, ``"ua-1"``): Typst refuses to export a PDF
        that would break one, and says why. ``where(line)``: the file and line of the
        manuscript (or the figure) a line of ``source`` came from, for an error's message."""
        arguments = dict(source=source, timestamp=timestamp, output=output, ppi=ppi,
                         root=str(root or empty_folder()), fonts=[str(folder) for folder in fonts],
                         standards=list(standards))
        try:
            return self._compile_apart(arguments) if self.isolated else self._compile_here(arguments, fonts)
        except TypstFailed as failed:
            raise typst_failure(*failed.args, source, standards, where) from None
        except BaseException as panic:  # Typst's own panic (pyo3's PanicException), on what it cannot draw
            if type(panic).__name__ != "PanicException":
                raise
            raise BuildError(f"typst stopped on what it could not draw ({str(panic)[:120]})",
                             hint="look for a figure too large or too deeply nested to draw") from None

    def _compile_here(self, arguments: dict, fonts: tuple[Path, ...]) -> bytes:
        """One compile in this process (Typst imported only then: an isolated build never
        needs it here). Typst's refusal is a ``TypstFailed``, as a worker's is."""
        import typst

        extra = {"pdf_standards": arguments["standards"]} if arguments["standards"] else {}
        try:
            with self._lock:
                result = self._compiler(fonts).compile(
                    input=arguments["source"].encode("utf-8"), format=arguments["output"],
                    timestamp=arguments["timestamp"], ppi=arguments["ppi"], root=arguments["root"], **extra)
        except typst.TypstError as error:
            raise TypstFailed(error.message, getattr(error, "diagnostic", "") or "", list(error.hints or [])) from None
        return result[0] if isinstance(result, list) else result

    def _compile_apart(self, arguments: dict) -> bytes:
        """One compile by ``core.typstworker``, stopped past the time limit; its memory
        bounded by the memory limit (as much again for Typst's own reservations)."""
        request = json.dumps({**arguments, "memory": 2 * limit("memory"), "packages": str(NO_PACKAGES)})
        with self._lock:
            process, self._spare = self._spare or worker(), None
        try:
            stdout, stderr = process.communicate(request.encode("utf-8"), timeout=limit("seconds"))
            done = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise BuildError(f"typst was stopped after {limit('seconds')} s, the limit for "
                             f"{LIMITS['seconds'].what}", hint="look for thousands of notes, or a very long "
                             "table or paragraph; a journal that accepts slower texts raises the limit: "
                             "--limit seconds=…") from None
        if done.returncode == 0 and len(done.stdout) > limit("document"):  # a PDF figure drawn as a 450 MB SVG
            raise BuildError(f"typst wrote {len(done.stdout):,} bytes, over the limit of {limit('document'):,} for "
                             f"{LIMITS['document'].what}", hint="look for a figure that draws millions of lines; a "
                             "journal that accepts larger editions raises the limit: --limit document=…")
        if done.returncode == 0:
            return done.stdout
        if done.returncode == FAILED:
            failure = json.loads(done.stderr.decode("utf-8"))
            raise TypstFailed(failure["message"], failure["diagnostic"], failure["hints"])
        if b"PanicException" in done.stderr or b"panicked" in done.stderr:
            raise BuildError("typst stopped on what it could not draw",
                             hint="look for a figure too large or too deeply nested to draw")
        raise BuildError(f"typst was stopped at {limit('memory'):,} bytes, the limit for {LIMITS['memory'].what}"
                         if b"memory" in done.stderr.lower() or done.returncode < 0 else
                         f"typst failed: {done.stderr.decode('utf-8', 'replace').strip()[-300:]}",
                         hint="look for thousands of notes, or a very long table; a journal that accepts larger "
                              "texts raises the limit: --limit memory=…")

    def _compiler(self, fonts: tuple[Path, ...]):
        """The compiler for ``fonts`` as they are now: Typst reads its fonts once,
        when it starts, so a font added or changed (while ``watch`` runs) takes
        another compiler."""
        import typst

        key = font_files(fonts)
        if key not in self._compilers:
            offline()  # in this process; a worker is started offline (``worker``)
            self._compilers[key] = typst.Compiler(root=str(empty_folder()), ignore_system_fonts=True,
                                                  font_paths=[str(folder) for folder in fonts],
                                                  package_path=str(NO_PACKAGES),
                                                  package_cache_path=str(NO_PACKAGES))
        return self._compilers[key]


# A name Typst does not know: raw Typst that calls what another template defines.
UNKNOWN_NAME = re.compile(r"unknown variable: ([\w-]+)")
# Typst's refusal, under a PDF standard, of text no font has (each one in its diagnostics).
NO_GLYPH = re.compile(r'the text `"((?:[^"\\]|\\.)+?)"` could not be displayed with font'
                      r'|the PDF contains the codepoint `"((?:[^"\\]|\\.)+?)"`')  # a private one (PDF/A forbids it)
TYPST_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]{1,6})\}|\\(.)")


def typst_unescaped(text: str) -> str:
    r"""A Typst string literal's text as written in a diagnostic: escapes read back (Typst
    writes a character it cannot show, a noncharacter or a private one, as ``\u{…}``).

    >>> typst_unescaped(r'a\u{fffe}\"\\b') == 'a\ufffe"\\b'
    True
    """
    return TYPST_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else
                            {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(2), m.group(2)), text)


class MissingGlyphs(BuildError):
    """Typst's export refused characters that no font of the PDF has: ``characters``."""
    characters: list[str]


def worker() -> subprocess.Popen:
    """A ``core.typstworker`` process, waiting for its request on stdin; offline, whatever
    this process's environment says (``NO_NETWORK``: a proxy in it would be Typst's way out)."""
    return subprocess.Popen([sys.executable, str(TYPST_WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=empty_folder(), env={**os.environ, **NO_NETWORK})


class TypstFailed(Exception):
    """Typst's refusal in ``core.typstworker``: (message, diagnostic, hints)."""


def typst_failure(message: str, diagnostic: str, hints: list[str], source: str, standards, where) -> BuildError:
    """Typst's refusal as the build says it: the characters no font has (``MissingGlyphs``),
    a package (the network is never used), or the message at the manuscript's line."""
    missing = list(dict.fromkeys(typst_unescaped(shown or private)
                                 for shown, private in NO_GLYPH.findall(diagnostic or message)))
    if missing and standards:
        failure = MissingGlyphs(f"typst failed: {message}")
        failure.characters = missing
        return failure
    if "failed to download package" in message:
        return BuildError(f"typst failed: {message}", hint=PACKAGE_HINT)
    line = failing_line(diagnostic, source)
    path, number = where(line) if where and line else (None, None)
    unknown = UNKNOWN_NAME.search(message)
    hint = "; ".join(hints) or (
        f"raw Typst written for another template (a Quarto format's?) uses '{unknown.group(1)}', "
        "which this edition's template does not define: define it in the raw Typst, or write what "
        "it does in Markdown" if unknown else None)
    return BuildError(f"typst failed: {message}", path, number, hint=hint)


def failing_line(diagnostic: str, source: str) -> str:
    """The line of ``source`` a Typst diagnostic points at ("" when it points at none).

    >>> failing_line("error: x\\n  ┌─ __typst_py_bytes__.typ:2:1\\n", "a\\n#panic()\\n")
    '#panic()'
    """
    match = re.search(r"┌─ \S+?:(\d+):\d+", diagnostic or "")
    lines = source.splitlines()
    return lines[int(match.group(1)) - 1] if match and 0 < int(match.group(1)) <= len(lines) else ""


def font_files(folders: tuple[Path, ...]) -> tuple[tuple[str, int, int], ...]:
    """Every file of the font folders with its time and size: what a compiler's fonts were read from.

    >>> font_files(())
    ()
    """
    files = [path for folder in folders for path in sorted(folder.rglob("*")) if path.is_file()]
    return tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files)


# Typst packages (`#import "@preview/…"` in a raw Typst block) would come from the
# user's package folders or, failing those, from the network. The build reads
# neither: the package folders are one that does not exist, and Typst's downloader,
# which offers no switch to turn it off but takes its proxy from the environment,
# is sent to a proxy on port 0, which no program can listen on: a download fails
# at once, and nothing leaves the machine. Only HTTPS (Typst's packages) is
# redirected, and never for this machine's own addresses.
NO_PACKAGES = SYSTEM_TEMPLATES / "typst" / "no-packages"
NO_NETWORK = {"https_proxy": "http://127.0.0.1:0", "HTTPS_PROXY": "http://127.0.0.1:0",
              "no_proxy": "localhost,127.0.0.1,::1", "NO_PROXY": "localhost,127.0.0.1,::1"}
PACKAGE_HINT = "Typst packages are not available: the build never uses the network; remove the #import"


def offline() -> None:
    """Set this process's environment so that Typst can start no download."""
    os.environ.update(NO_NETWORK)


TYPST_WORKER = Path(__file__).parent / "typstworker.py"
TYPST = TypstSession()           # the PDF edition
TYPST_PICTURES = TypstSession()  # covers and figures, compiled alongside the PDF
