#!/usr/bin/env python3
"""What an ``--untrusted`` build opens, runs and connects to, seen by strace.

    python bench/strace_untrusted.py [PROJECT…]   (default: the samples and the seed)

Each project is built with ``--untrusted`` in every edition (PDF, HTML, EPUB, LaTeX
folder, JATS, DOCX; the Crossref deposit when the metadata allows it) under
``strace -f -e trace=open,openat,connect,execve``, into a fresh output folder
outside it. Every file opened is sorted into what it may be: the project's own
files, read by the build itself; the output folder; a sandbox or another private
temporary folder of the build; the tools (this system's code and templates, the
Python environment, pandoc); the system's own files (libraries, locale, fonts,
``/proc/self``, ``/dev/null``…). Anything else is a finding, and so is every
``connect`` (no network, and no local socket either). Exits 1 on a finding.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SAMPLES = REPO / "tests" / "samples"
EDITIONS = ["pdf", "html", "epub", "latex", "jats", "docx"]
SYSTEM = ("/usr/", "/lib/", "/lib64/", "/etc/ld.so", "/etc/localtime", "/etc/nsswitch.conf", "/etc/fonts/",
          "/etc/ssl/", "/etc/mime.types", "/etc/python", "/proc/self/", "/proc/cpuinfo", "/proc/meminfo",
          "/proc/stat", "/proc/sys/vm/", "/sys/devices/system/cpu/", "/sys/fs/cgroup/", "/dev/null", "/dev/urandom",
          "/dev/tty", "/dev/shm/", "/var/cache/fontconfig/")
OPEN = re.compile(r'^(\d+)\s+(?:open|openat)\((?:AT_FDCWD|\d+)?,?\s*"([^"]*)"[^)]*\)\s*=\s*(-?\d+)')
CONNECT = re.compile(r"^(\d+)\s+connect\(")
EXEC = re.compile(r'^(\d+)\s+execve\("([^"]*)"')


# What the seed lacks to be deposited, as a journal adds it (tests/test_deliverables.py).
SEED_JOURNAL = """
journal: {name: Test Journal of Area Studies, issn: 1234-5679}
doi: 10.5555/press.seed.2021
url: https://example.org/articles/seed
crossref: {depositor: Test Editorial Office, email: doi@example.org, registrant: Test Publisher}
"""


def projects(arguments: list[str], scratch: Path) -> dict[str, Path]:
    """The projects to build: those named, else the samples and the seed (a copy, with its journal)."""
    if arguments:
        return {Path(name).name: Path(name).resolve() for name in arguments}
    found = {name: SAMPLES / name for name in ("article-en", "article-tr", "article-de")}
    seed = scratch / "seed"
    for folder in ("manuscript", "bibliography"):
        shutil.copytree(REPO / folder, seed / folder)
    metadata = seed / "manuscript" / "metadata.yaml"
    metadata.write_text(metadata.read_text(encoding="utf-8") + SEED_JOURNAL, encoding="utf-8")
    found["seed"] = seed
    return found


def tool_prefixes() -> tuple[str, ...]:
    """The tools' own files: this system's code and templates, Python and its packages."""
    paths = {sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    code = [str(REPO / name) for name in ("build.py", "core", "filters", "press", "templates", ".venv")]
    return tuple(sorted({*paths, *code, str(Path(sys.executable).resolve().parent.parent), sys.prefix,
                         os.path.realpath(REPO / ".venv")}))


def kind_of(path: str, project: Path, out: Path, temporary: str, tools: tuple[str, ...]) -> str:
    """What an opened path is (``finding`` when it is none of what may be opened)."""
    real = os.path.realpath(path) if path.startswith("/") else path
    folders = (str(project / "manuscript"), str(project / "bibliography"))
    if real.startswith(tuple(folder + "/" for folder in folders)) or real in folders:
        return "project"
    if real == str(REPO):  # Python lists the folders of its path (this system's own folder among them)
        return "tools"
    if real.startswith(str(out)):
        return "output"
    if real.startswith(temporary + "/"):
        return "sandbox" if "/press-sandbox-" in real or "/press-empty-" in real else "private temporary"
    if path in (".", "") or not path.startswith("/"):
        return "relative"
    if real.startswith(tools) or path.startswith(tools):
        return "tools"
    if real.startswith(SYSTEM) or path.startswith(SYSTEM) or re.match(r"/proc/\d+/", path):
        return "system"
    return "finding"


def traced_build(name: str, project: Path, scratch: Path) -> dict:
    out = scratch / f"out-{name}"
    log = scratch / f"strace-{name}.log"
    editions = EDITIONS + (["crossref"] if "crossref" in (project / "manuscript" / "metadata.yaml").read_text(
        encoding="utf-8") else [])
    command = ["strace", "-f", "-qq", "-e", "trace=open,openat,connect,execve", "-o", str(log),
               sys.executable, str(REPO / "build.py"), *editions, "--untrusted", "--no-cache", "--quiet",
               "--root", str(project), "--out", str(out)]
    result = subprocess.run(command, capture_output=True, text=True,
                            env={**os.environ, "SOURCE_DATE_EPOCH": "1600000000"})
    temporary = os.path.realpath(tempfile.gettempdir())
    tools = tool_prefixes()
    kinds, findings, programs, connects = Counter(), [], Counter(), []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if CONNECT.match(line):
            connects.append(line)
        elif (match := EXEC.match(line)) and " = 0" in line:
            programs[Path(match.group(2)).name] += 1
        elif (match := OPEN.match(line)) and int(match.group(3)) >= 0:
            kind = kind_of(match.group(2), project.resolve(), out.resolve(), temporary, tools)
            kinds[kind] += 1
            if kind == "finding":
                findings.append(match.group(2))
    return {"status": result.returncode, "stderr": result.stderr.strip()[-400:], "kinds": kinds,
            "findings": sorted(set(findings)), "programs": programs, "connects": connects}


def main() -> int:
    if not shutil.which("strace"):
        print("strace not found: apt-get install strace", file=sys.stderr)
        return 2
    failed = False
    with tempfile.TemporaryDirectory(prefix="press-strace-") as scratch:
        print("| project | build | opened: project · output · sandbox · temporary · tools · system | "
              "programs run | outside | connects |")
        print("|---|---|---|---|---|---|")
        for name, project in projects(sys.argv[1:], Path(scratch)).items():
            seen = traced_build(name, project, Path(scratch))
            kinds = seen["kinds"]
            opened = " · ".join(str(kinds[k]) for k in ("project", "output", "sandbox", "private temporary",
                                                          "tools", "system"))
            programs = ", ".join(f"{program} ×{count}" for program, count in sorted(seen["programs"].items()))
            print(f"| {name} | {'ok' if seen['status'] == 0 else 'failed'} | {opened} | {programs} | "
                  f"{len(seen['findings'])} | {len(seen['connects'])} |")
            for path in seen["findings"]:
                print(f"    outside: {path}")
            for line in seen["connects"]:
                print(f"    connect: {line}")
            if seen["status"] != 0:
                print(f"    {seen['stderr']}")
            failed |= bool(seen["findings"] or seen["connects"] or seen["status"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
