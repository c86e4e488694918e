#!/usr/bin/env python3
"""Benchmark of the journal build: a generated journal of N articles (from the sample
articles and the repository's own, varied: each its own slug and title, and a different
number of added paragraphs), ten per issue.

    python bench/journal.py [--articles 100] [--skip dask]

Measures: a cold build (reader editions and JATS; the store empty) on this machine's
processes, its CPU per article (the workers' and their pandoc runs', and the
coordinator's) and its wall time against the ideal (total CPU ÷ cores); a rebuild with
nothing changed; one article edited; the same cold build on a local Dask cluster of two
workers; the largest worker's peak memory. Appends its table to bench/results.md.
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work" / "journal"
sys.path.insert(0, str(REPO))
os.environ["SOURCE_DATE_EPOCH"] = "1600000000"

SOURCES = [REPO / "tests" / "samples" / "article-tr", REPO / "tests" / "samples" / "article-en",
           REPO / "tests" / "samples" / "article-de", REPO,
           REPO / "tests" / "samples" / "journal" / "issues" / "2024-2" / "02-sinir-kapilari"]
PER_ISSUE = 10
PARAGRAPH = ("An added paragraph, so that the generated articles differ in length: corridors, mediators "
             "and the trade between them, as the article's own sections discuss them.\n\n")


def generated(count: int) -> Path:
    """A journal of ``count`` articles."""
    root = WORK / "journal"
    if root.exists():
        shutil.rmtree(root)
    (root / "issues").mkdir(parents=True)
    text = (REPO / "tests" / "samples" / "journal" / "journal.yaml").read_text(encoding="utf-8")
    (root / "journal.yaml").write_text(text, encoding="utf-8")
    for issue in range((count + PER_ISSUE - 1) // PER_ISSUE):
        folder = root / "issues" / f"{2000 + issue}-1"
        names = []
        for position in range(min(PER_ISSUE, count - issue * PER_ISSUE)):
            number = issue * PER_ISSUE + position
            source = SOURCES[number % len(SOURCES)]
            name = f"{position + 1:02d}-a{number}"
            target = folder / name
            shutil.copytree(source / "manuscript", target / "manuscript")
            if (source / "bibliography").is_dir():
                shutil.copytree(source / "bibliography", target / "bibliography")
            metadata = target / "manuscript" / "metadata.yaml"
            lines = metadata.read_text(encoding="utf-8").splitlines()
            lines = [f"{line} ({number})" if line.startswith("title: ") and not line.endswith('"')
                     else line.replace('title: "', f'title: "({number}) ', 1) for line in lines]
            metadata.write_text("\n".join(lines) + f"\nslug: a{number}\n", encoding="utf-8")
            first = sorted((target / "manuscript").glob("*.md"))[0]
            first.write_text(first.read_text(encoding="utf-8") + "\n\n" + PARAGRAPH * (number % 4) * 6,
                             encoding="utf-8")  # lengths vary: so do page counts
            names.append(name)
        (folder / "issue.yaml").write_text(f"volume: {issue + 1}\nnumber: 1\ndate: {2000 + issue}-06-30\n"
                                           "first_page: 1\narticles:\n" + "".join(f"  - {n}\n" for n in names),
                                           encoding="utf-8")
    return root


def coordinator_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed_build(root: Path, out: Path, **options):
    from press.journal.build import build_journal

    cpu, started = coordinator_cpu(), time.perf_counter()
    report = build_journal(root, out, **options)
    return report, time.perf_counter() - started, coordinator_cpu() - cpu


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dask_cluster(workers: int = 2):
    port = free_port()
    dask = Path(sys.executable).parent / "dask"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    logs = WORK / "logs"
    logs.mkdir(exist_ok=True)
    processes = [subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                   "--no-dashboard"], env=env, cwd=REPO, stdout=(logs / "s.log").open("w"),
                                  stderr=subprocess.STDOUT, start_new_session=True)]
    time.sleep(3)
    for number in range(workers):
        processes.append(subprocess.Popen([str(dask), "worker", f"tcp://127.0.0.1:{port}", "--host", "127.0.0.1",
                                           "--nworkers", "1", "--nthreads", "1", "--no-dashboard"], env=env,
                                          cwd=REPO, stdout=(logs / f"w{number}.log").open("w"),
                                          stderr=subprocess.STDOUT, start_new_session=True))
    from distributed import Client
    with Client(f"tcp://127.0.0.1:{port}", timeout=30, set_as_default=False) as client:
        client.wait_for_workers(workers, timeout=60)
    return f"tcp://127.0.0.1:{port}", processes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--skip", default="")
    args = parser.parse_args()
    from press.journal.runners import default_workers

    cores = default_workers()
    root = generated(args.articles)
    out = WORK / "site"
    shutil.rmtree(out, ignore_errors=True)
    report, wall, own = timed_build(root, out, workers=cores)
    cold_wall = wall
    cpu = report.cpu + own
    rows = [("articles", f"{report.articles} in {len(list((root / 'issues').iterdir()))} issues"),
            ("cold build: wall", f"{wall:.1f} s on {cores} processes"),
            ("cold build: CPU (workers + their pandoc + coordinator)", f"{cpu:.1f} s = {cpu / report.articles:.2f} s "
             "per article"),
            ("… articles built whole, and PDFs typeset ahead (to learn a length)", ", ".join(
                f"{r.name}: {r.articles} articles, {r.cpu:.1f} s CPU, {r.seconds:.1f} s" for r in report.rounds)),
            ("wall ÷ (CPU ÷ cores)", f"{wall / (cpu / cores):.2f}"),
            ("peak memory of a worker", f"{report.memory / 1024:.0f} MB")]
    report, wall, _ = timed_build(root, out, workers=cores)
    rows.append(("nothing changed", f"{wall:.2f} s"))
    edited = sorted((root / "issues").iterdir())[-1] / "05-a94" / "manuscript"
    section = sorted(edited.glob("*.md"))[0]
    section.write_text(section.read_text(encoding="utf-8").replace("\n\n", "\n\nOne more sentence here.\n\n", 1),
                       encoding="utf-8")
    report, wall, _ = timed_build(root, out, workers=cores)
    rows.append(("one article edited (its page count unchanged)", f"{wall:.2f} s ({', '.join(f'{r.name}: {r.articles}' for r in report.rounds)})"))
    local_wall = cold_wall
    if "dask" not in args.skip:
        address, processes = dask_cluster(2)
        try:
            dask_out = WORK / "site-dask"
            shutil.rmtree(dask_out, ignore_errors=True)
            report, dask_wall, _ = timed_build(root, dask_out, scheduler=address)
        finally:
            for process in processes:
                os.killpg(process.pid, signal.SIGTERM)
        rows.append(("cold build, Dask cluster of 2 workers (127.0.0.1)", f"{dask_wall:.1f} s = "
                     f"{dask_wall / local_wall:.2f}× the local processes"))
    today = datetime.date.today().isoformat()
    table = (f"\n## The journal build ({today}, {cores} cores, {platform.machine()}, Python "
             f"{platform.python_version()})\n\n| what | figure |\n|---|---|\n"
             + "".join(f"| {what} | {figure} |\n" for what, figure in rows))
    print(table)
    with (HERE / "results.md").open("a", encoding="utf-8") as results:
        results.write(table)


if __name__ == "__main__":
    main()
