#!/usr/bin/env python3
"""Recreate cache/ (the WikiWars 1.0.4 files) from the fetched git snapshot.

    python3 populate.py            # write cache/, verify sizes and sha256
    python3 populate.py --verify   # only check an existing cache/
    python3 populate.py --check    # also check the corpus' internal consistency

The snapshot is the bare git directory that ``fetch github:xszhong/syntime``
creates (manifest.yaml: ``source.mirror``); every file is read with
``git --git-dir=MIRROR show COMMIT:PREFIX/PATH`` at the pinned commit. Nothing
here downloads anything. Standard library only.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


# --- the manifest: a small, fixed subset of YAML (see its header) ---------------

def _scalar(text: str) -> str:
    return text.strip()


def _flow_mapping(text: str) -> dict[str, str]:
    body = text.strip()
    if not (body.startswith("{") and body.endswith("}")):
        raise ValueError(f"not a one-line flow mapping: {text!r}")
    result = {}
    for item in body[1:-1].split(","):
        key, sep, value = item.partition(":")
        if not sep:
            raise ValueError(f"no 'key: value' in {item!r}")
        result[key.strip()] = _scalar(value)
    return result


def read_manifest(path: Path) -> dict:
    """Top-level ``key: value``, one nested level of ``key: value`` and lists of
    ``- {k: v, …}``; comments and blank lines ignored."""
    data: dict = {}
    current: str | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        if not line.startswith(" "):
            key, sep, value = line.partition(":")
            if not sep:
                raise ValueError(f"{path}:{number}: expected 'key: value'")
            key = key.strip()
            if value.strip():
                data[key] = _scalar(value)
                current = None
            else:
                data[key] = None  # a mapping or a list follows
                current = key
            continue
        if current is None:
            raise ValueError(f"{path}:{number}: indented line outside a block")
        stripped = line.strip()
        if stripped.startswith("- "):
            if data[current] is None:
                data[current] = []
            data[current].append(_flow_mapping(stripped[2:]))
        else:
            key, sep, value = stripped.partition(":")
            if not sep:
                raise ValueError(f"{path}:{number}: expected 'key: value'")
            if data[current] is None:
                data[current] = {}
            data[current][key.strip()] = _scalar(value)
    return data


# --- populating -------------------------------------------------------------------

def git_show(mirror: str, commit: str, path: str) -> bytes:
    done = subprocess.run(["git", "--git-dir", mirror, "show", f"{commit}:{path}"],
                          capture_output=True)
    if done.returncode != 0:
        raise RuntimeError(f"git show {commit}:{path} failed: {done.stderr.decode().strip()}")
    return done.stdout


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def populate(manifest: dict, mirror: str, force: bool) -> int:
    source = manifest["source"]
    commit, prefix = source["commit"], source["prefix"]
    if not Path(mirror).is_dir():
        print(f"no snapshot at {mirror}: run the search tool's `fetch github:{source['repo']}` first",
              file=sys.stderr)
        return 2
    check = subprocess.run(["git", "--git-dir", mirror, "cat-file", "-e", f"{commit}^{{commit}}"],
                           capture_output=True)
    if check.returncode != 0:
        print(f"commit {commit} is not in {mirror}", file=sys.stderr)
        return 2
    cache = HERE / manifest["cache"]
    written = kept = 0
    for entry in manifest["files"]:
        target = cache / entry["path"]
        if target.is_file() and not force and digest(target.read_bytes()) == entry["sha256"]:
            kept += 1
            continue
        data = git_show(mirror, commit, f"{prefix}/{entry['path']}")
        if len(data) != int(entry["bytes"]) or digest(data) != entry["sha256"]:
            print(f"MISMATCH in the snapshot: {entry['path']} ({len(data)} bytes, sha256 {digest(data)})",
                  file=sys.stderr)
            return 1
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    print(f"{manifest['cache']}: {written} written, {kept} already there and correct")
    return 0


def verify(manifest: dict) -> int:
    cache = HERE / manifest["cache"]
    bad = 0
    for entry in manifest["files"]:
        target = cache / entry["path"]
        if not target.is_file():
            print(f"missing: {target}", file=sys.stderr)
            bad += 1
            continue
        data = target.read_bytes()
        if len(data) != int(entry["bytes"]) or digest(data) != entry["sha256"]:
            print(f"wrong content: {target}", file=sys.stderr)
            bad += 1
    print(f"{manifest['cache']}: {len(manifest['files']) - bad} of {len(manifest['files'])} files verified")
    return 1 if bad else 0


# --- the corpus' own consistency ----------------------------------------------------

TAG = re.compile(r"<[^>]*>")


def consistency(manifest: dict) -> int:
    """Each keyinline file, tags removed, equals its .sgm file, tags removed; each APF
    charseq (UTF-8 byte offsets, END inclusive) holds its TIMEX2's text; the counts."""
    cache = HERE / manifest["cache"]
    problems = timexes = in_text = 0
    for sgm in sorted((cache / "in").glob("*.sgm")):
        doc = sgm.name[:-len(".sgm")]
        raw = TAG.sub("", sgm.read_text(encoding="utf-8"))
        key = (cache / "keyinline" / f"{doc}.key.xml").read_text(encoding="utf-8")
        if TAG.sub("", key) != raw:
            print(f"{doc}: keyinline text differs from in/{doc}.sgm", file=sys.stderr)
            problems += 1
        count = len(re.findall(r"<TIMEX2\b", key, re.I))
        timexes += count
        body = key[key.index("<TEXT>"):]
        in_text += len(re.findall(r"<TIMEX2\b", body, re.I))
        apf = (cache / "key" / f"{doc}.key.apf.xml").read_text(encoding="utf-8")
        seqs = re.findall(r'<charseq START="(\d+)" END="(\d+)">(.*?)</charseq>', apf, re.S)
        encoded = raw.encode("utf-8")
        wrong = sum(1 for s, e, t in seqs
                    if encoded[int(s):int(e) + 1].decode("utf-8", "replace") != html.unescape(t))
        if wrong or len(seqs) != count:
            print(f"{doc}: {wrong} APF offsets wrong, {len(seqs)} APF vs {count} inline", file=sys.stderr)
            problems += 1
    print(f"consistency: {timexes} TIMEX2 ({in_text} in TEXT, {timexes - in_text} in DATETIME), "
          f"{problems} problems")
    return 1 if problems else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", type=Path, default=HERE / "manifest.yaml")
    parser.add_argument("--mirror", help="bare git dir (default: source.mirror in the manifest)")
    parser.add_argument("--verify", action="store_true", help="only verify cache/")
    parser.add_argument("--check", action="store_true", help="also check the corpus' consistency")
    parser.add_argument("--force", action="store_true", help="rewrite files even if correct")
    args = parser.parse_args(argv)
    manifest = read_manifest(args.manifest)
    status = verify(manifest) if args.verify else populate(
        manifest, args.mirror or manifest["source"]["mirror"], args.force)
    if status == 0 and not args.verify:
        status = verify(manifest)
    if status == 0 and args.check:
        status = consistency(manifest)
    return status


if __name__ == "__main__":
    sys.exit(main())
