"""The regular expressions compiled ahead of time (core/patterns.py, press/precompile.py):
what the snapshot gives is what ``re`` compiles, a snapshot ``re`` cannot use is not
used, and the precompile step records what the layers compile."""
from __future__ import annotations

import marshal
import re
import subprocess
import sys
import zlib
from array import array
from pathlib import Path

import pytest

from core import patterns

REPO = Path(__file__).resolve().parent.parent
# Named groups, flags, a Unicode range, a bytes pattern, a look-behind and a repeat.
SAMPLES = [(r"(?P<day>\d{1,2}) (?P<month>[A-ZÇĞİÖŞÜ]\w+)", re.IGNORECASE),
           (r"""(?x) \\(?:cite|ref) \{ ([^}]*) \}  # a command and its argument""", 0),
           ("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]", 0),
           (rb"(?<=/)[a-z]+\.(?:png|svg)$", 0), (r"(?:ab|c){2,5}?d", re.S)]


def test_the_snapshot_gives_the_pattern_re_compiles(tmp_path):
    table = {}
    with patterns.recording(table):
        for pattern, flags in SAMPLES:
            re.compile(pattern, flags)
    assert set(table) == {patterns.key(pattern, int(flags)) for pattern, flags in SAMPLES}
    patterns.write(table, tmp_path / "snapshot")
    read = patterns.read(tmp_path / "snapshot")
    for pattern, flags in SAMPLES:
        made = patterns.loaded(pattern, read[patterns.key(pattern, int(flags))])
        assert made == patterns.pristine()(pattern, int(flags))  # the engine compares the code
        assert made.groupindex == re.compile(pattern, flags).groupindex


def test_a_snapshot_of_another_python_or_a_damaged_one_is_not_read(tmp_path):
    table = {}
    with patterns.recording(table):
        re.compile("a+b", 0)
    payload = marshal.dumps(table)
    other = tmp_path / "other"
    other.write_bytes(marshal.dumps((("3.10.0", 20171005, 4, 0, 0), zlib.crc32(payload), payload)))
    broken = tmp_path / "broken"
    broken.write_bytes(b"\x00not marshal")
    patterns.write(table, tmp_path / "good")
    good = (tmp_path / "good").read_bytes()
    flipped = tmp_path / "flipped"  # one bit of the table changed: it would load another pattern
    flipped.write_bytes(good[:-40] + bytes([good[-40] ^ 1]) + good[-39:])
    assert patterns.read(tmp_path / "good") == table
    assert patterns.read(other) == {} and patterns.read(broken) == {} and patterns.read(flipped) == {}
    assert patterns.read(tmp_path / "missing") == {}


def test_a_pattern_whose_compile_warns_is_not_recorded():
    table = {}
    with pytest.warns(FutureWarning, match="nested set"), patterns.recording(table):
        re.compile("[[:alpha:]]")  # re's warning is given as ever
    assert patterns.key("[[:alpha:]]", 0) not in table


def installed(tmp_path: Path, table: dict, code: str, *options: str) -> str:
    """What ``code`` prints in a new process (``options``: Python's) with ``table``
    installed as its snapshot."""
    snapshot = tmp_path / "snapshot"
    patterns.write(table, snapshot)
    script = f"import re\nfrom core import patterns\npatterns.install(__import__('pathlib').Path({str(snapshot)!r}))\n{code}"
    return subprocess.run([sys.executable, *options, "-c", script], cwd=REPO, capture_output=True, text=True,
                          check=True).stdout


def test_an_installed_snapshot_is_what_re_compiles_from(tmp_path):
    # The snapshot's code for "zzz" is the code of "a+": re now takes "zzz" for "a+",
    # which shows the table is read; a pattern it lacks is compiled as ever, and a bytes
    # pattern is never looked up as the str one (python -bb stops on such a comparison).
    table = {}
    with patterns.recording(table):
        re.compile("a+")
        re.compile(rb"\s+")
        re.compile(r"\s+")
    table[patterns.key("zzz", 0)] = table[patterns.key("a+", 0)]
    code = "print(bool(re.match('zzz', 'aaa')), bool(re.match('b+', 'bb')), re.match(rb'\\s+', b' ').end())"
    assert installed(tmp_path, table, code, "-bb") == "True True 1\n"


def test_code_the_engine_refuses_is_compiled_anew(tmp_path):
    refused = array(patterns.WORD, [99999]).tobytes()  # no opcode: "invalid SRE code"
    table = {patterns.key("a+", 0): (0, refused, 0, {}, (None,))}
    assert installed(tmp_path, table, "print(re.match('a+', 'aaa').group())") == "aaa\n"


def test_the_precompile_step_records_what_the_layers_compile_when_imported():
    # In a new process (this one imported the layers already): their module-level
    # patterns, such as the raw-HTML reader's, are recorded.
    script = ("from press.precompile import record_patterns\n"
              "table = record_patterns(samples=())\n"
              "import filters.rawhtml, core.tools\n"
              "from core.patterns import key\n"
              "print(key(filters.rawhtml.TABLE.pattern, filters.rawhtml.TABLE.flags & ~32) in table,"
              " key(core.tools.UNKNOWN_NAME.pattern, 0) in table)")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout == "True True\n"
