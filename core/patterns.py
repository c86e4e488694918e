r"""Regular expressions compiled ahead of time, as Python compiles modules to bytecode.

The build compiles some 880 regular expressions (the language packs' month names,
the clause reader's grammar, LaTeX's commands, the libraries' own): Python's ``re``
parses and optimises each in Python, about a tenth of a second of every build, each
time the same. ``python -m press.precompile`` (run by ``make``) records what each
compiled to in a snapshot beside the bytecode (``core/__pycache__``); ``install()``,
run when ``core`` is first imported, hands ``re`` the recorded code for a pattern it
holds, and lets ``re`` compile any other one as usual. A snapshot of another Python
(its version or its regular-expression engine), or one whose checksum fails, is not
read. The code is the one ``re`` itself made, checked against a fresh compile when
recorded (a pattern whose compile warns is not recorded: its warning stays re's);
CPython's engine checks its form again when it is loaded, and what it refuses is
compiled anew. The snapshot is written only by the precompile step, never by a build,
and read as the bytecode beside it is: from the install's own folder.

>>> table = {}
>>> with recording(table):
...     _ = re.compile(r"(?P<day>\d+) (?P<month>[A-Z]\w+)", re.IGNORECASE)
>>> hit = table[key(r"(?P<day>\d+) (?P<month>[A-Z]\w+)", int(re.IGNORECASE))]
>>> loaded(r"(?P<day>\d+) (?P<month>[A-Z]\w+)", hit).match("4 june").group("month")
'june'
"""
from __future__ import annotations

import _sre
import marshal
import os
import re
import sys
import warnings
import zlib
from array import array
from contextlib import contextmanager
from pathlib import Path
from re import _compiler, _parser

SNAPSHOT = Path(__file__).resolve().parent / "__pycache__" / f"patterns.{sys.implementation.cache_tag}.marshal"

# What the recorded code is valid for: this very interpreter and its engine.
ENGINE = (sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS)

Key = tuple  # (bytes or not, pattern, flags): as re's own cache keys a pattern (b"a" is not "a")
Code = tuple  # (flags, code, groups, groupindex, indexgroup): _sre.compile's arguments, the
              # code as the bytes of an array of the engine's words (read at once, unlike a list)
WORD = next(kind for kind in "IL" if array(kind).itemsize == _sre.CODESIZE)


def key(pattern: str | bytes, flags: int) -> Key:
    return (isinstance(pattern, bytes), pattern, flags)


def compiled_code(pattern: str | bytes, flags: int) -> Code:
    """What ``re`` compiles ``pattern`` to: ``re._compiler.compile``'s steps, up to the
    engine's call (the code as the bytes of an array of words, as ``Code`` says)."""
    parsed = _parser.parse(pattern, flags)
    code = array(WORD, _compiler._code(parsed, flags)).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def loaded(pattern: str | bytes, code: Code) -> re.Pattern:
    flags, words, groups, groupindex, indexgroup = code
    return _sre.compile(pattern, flags, array(WORD, words).tolist(), groups, groupindex, indexgroup)


def pristine():
    """``re``'s own compiler, whether or not a snapshot is installed."""
    return getattr(_compiler.compile, "__wrapped__", _compiler.compile)


@contextmanager
def recording(table: dict[Key, Code]):
    """Every pattern compiled inside, into ``table``, compiled by ``re`` itself (no
    snapshot), each one's code checked to give the very pattern ``re`` compiled (the
    engine compares their code). ``re``'s own cache is emptied first: a pattern
    compiled before is compiled again, and seen."""
    installed, compile_now = _compiler.compile, pristine()

    def compile_and_record(pattern, flags=0):
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            result = compile_now(pattern, flags)
        for warning in warned:  # re's own warning, as it would have been given
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
        if isinstance(pattern, (str, bytes)) and not flags & re.DEBUG and not warned:
            code = compiled_code(pattern, int(flags))
            if loaded(pattern, code) == result:
                table[key(pattern, int(flags))] = code
        return result

    re.purge()
    _compiler.compile = compile_and_record
    try:
        yield table
    finally:
        _compiler.compile = installed


def write(table: dict[Key, Code], path: Path = SNAPSHOT) -> None:
    """The snapshot, whole or not at all (each writer its own partial file): the engine it
    is for, the table's checksum, the table."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = marshal.dumps(table)
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_bytes(marshal.dumps((ENGINE, zlib.crc32(payload), payload)))
    partial.replace(path)


def read(path: Path = SNAPSHOT) -> dict[Key, Code]:
    """The snapshot's table, or nothing if there is none, it is another Python's, or its
    checksum fails (a file damaged since it was written)."""
    try:
        engine, checksum, payload = marshal.loads(path.read_bytes())
        if engine != ENGINE or zlib.crc32(payload) != checksum:
            return {}
        table = marshal.loads(payload)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


def install(path: Path = SNAPSHOT) -> None:
    """``re`` compiles from the snapshot at ``path`` what it holds, and anything else
    itself (installed again, it reads the new snapshot in place of the old)."""
    table = read(path)
    compile_now = pristine()
    if not table:
        _compiler.compile = compile_now
        return

    def compile_from_snapshot(pattern, flags=0):
        code = table.get(key(pattern, flags)) if isinstance(pattern, (str, bytes)) else None
        if code is None:
            return compile_now(pattern, flags)
        try:
            return loaded(pattern, code)
        except (RuntimeError, TypeError, ValueError):  # code the engine refuses: compile anew
            return compile_now(pattern, flags)

    compile_from_snapshot.__wrapped__ = compile_now
    _compiler.compile = compile_from_snapshot
