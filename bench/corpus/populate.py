#!/usr/bin/env python3
"""Recreate the corpus cache from the fetched repository mirrors.

The manifest pins every file of every manuscript (repository, commit, path,
sha256, size).  This script reads each file with

    git --git-dir=<mirror> show <commit>:<folder>/<path>

writes it to <cache>/<id>/<path>, and checks its sha256 and size.  It prints
what it could not do: a mirror that has not been fetched, a commit or file the
mirror lacks, or content whose checksum differs from the manifest.

Mirrors are looked up as <mirrors>/<owner>+<name>/repo (a bare git directory)
or <mirrors>/<owner>+<name>/repo/.git, which is where the workplace's fetch
puts them.

Usage:
    python3 populate.py                      # manifest.yaml beside this file
    python3 populate.py --check              # verify an existing cache only
    python3 populate.py --only joss-aiapy,crossref-demo
    python3 populate.py --mirrors /work/.mirror --cache /tmp/cache --clean

Exit status: 0 when every file is in place and matches, 1 otherwise.
Needs Python 3 with PyYAML, and git.
"""
import argparse
import hashlib
import os
import posixpath
import shutil
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def mirror_dir(mirrors, repo):
    base = os.path.join(mirrors, repo.replace('/', '+'), 'repo')
    for cand in (os.path.join(base, '.git'), base):
        if os.path.isfile(os.path.join(cand, 'HEAD')):
            return cand
    return None


def repo_path(folder, path):
    if folder in (None, '', '.'):
        return posixpath.normpath(path)
    return posixpath.normpath(posixpath.join(folder, path))


def safe_join(root, rel):
    out = os.path.normpath(os.path.join(root, *rel.split('/')))
    if not out.startswith(os.path.normpath(root) + os.sep):
        raise ValueError(f'path escapes the cache: {rel}')
    return out


class Reader:
    """One `git cat-file --batch` per mirror, so a manuscript of many files costs one process."""

    def __init__(self, gitdir):
        self.proc = subprocess.Popen(['git', '--git-dir=' + gitdir, 'cat-file', '--batch'],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def read(self, commit, path):
        self.proc.stdin.write(f'{commit}:{path}\n'.encode('utf-8'))
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().decode('utf-8', 'replace').rstrip('\n')
        if header.endswith(' missing') or header.endswith(' ambiguous'):
            return None
        parts = header.split()
        if len(parts) != 3 or parts[1] != 'blob':
            if len(parts) == 3 and parts[2].isdigit():
                self.proc.stdout.read(int(parts[2]) + 1)
            return None
        size = int(parts[2])
        data = self.proc.stdout.read(size)
        self.proc.stdout.read(1)  # the newline after the content
        return data

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--manifest', default=os.path.join(HERE, 'manifest.yaml'))
    ap.add_argument('--mirrors', default=os.environ.get('CORPUS_MIRRORS', '/work/.mirror'))
    ap.add_argument('--cache', help='default: cache/ beside the manifest')
    ap.add_argument('--only', help='comma-separated manuscript ids')
    ap.add_argument('--check', action='store_true', help='verify the cache, write nothing')
    ap.add_argument('--clean', action='store_true',
                    help='remove files and folders in the cache that the manifest does not list')
    ap.add_argument('-q', '--quiet', action='store_true', help='print problems and the summary only')
    args = ap.parse_args()

    with open(args.manifest, encoding='utf-8') as fh:
        manifest = yaml.safe_load(fh)
    entries = manifest['manuscripts'] if isinstance(manifest, dict) else manifest
    cache = args.cache or os.path.join(os.path.dirname(os.path.abspath(args.manifest)), 'cache')
    only = set(args.only.split(',')) if args.only else None
    if only:
        unknown = only - {e['id'] for e in entries}
        if unknown:
            print('unknown ids: ' + ', '.join(sorted(unknown)), file=sys.stderr)
            return 1

    problems = []
    counts = {'manuscripts': 0, 'files': 0, 'written': 0, 'verified': 0}
    no_mirror = {}
    readers = {}
    for e in entries:
        if only and e['id'] not in only:
            continue
        counts['manuscripts'] += 1
        mid = e['id']
        gd = mirror_dir(args.mirrors, e['repo'])
        if gd is None:
            no_mirror.setdefault(e['repo'], []).append(mid)
            continue
        if gd not in readers:
            readers[gd] = Reader(gd)
        reader = readers[gd]
        dest_root = os.path.join(cache, mid)
        bad_here = 0
        for f in e['files']:
            counts['files'] += 1
            out = safe_join(dest_root, f['path'])
            if args.check:
                if not os.path.isfile(out):
                    problems.append(f'{mid}: missing in cache: {f["path"]}')
                    bad_here += 1
                    continue
                with open(out, 'rb') as fh:
                    data = fh.read()
                where = 'cache'
            else:
                data = reader.read(e['commit'], repo_path(e.get('folder'), f['path']))
                if data is None:
                    problems.append(f'{mid}: {e["repo"]} at {e["commit"][:12]} lacks '
                                    f'{repo_path(e.get("folder"), f["path"])} (commit or object not in the mirror)')
                    bad_here += 1
                    continue
                where = 'mirror'
            digest = hashlib.sha256(data).hexdigest()
            if digest != f['sha256'] or len(data) != f['bytes']:
                problems.append(f'{mid}: {f["path"]} from the {where} does not match the manifest '
                                f'(sha256 {digest[:12]}…, {len(data)} bytes; expected {f["sha256"][:12]}…, {f["bytes"]} bytes)')
                bad_here += 1
                continue
            if not args.check:
                os.makedirs(os.path.dirname(out), exist_ok=True)
                with open(out, 'wb') as fh:
                    fh.write(data)
                counts['written'] += 1
            counts['verified'] += 1
        if args.clean and os.path.isdir(dest_root):
            listed = {os.path.normpath(safe_join(dest_root, f['path'])) for f in e['files']}
            for dirpath, dirnames, filenames in os.walk(dest_root, topdown=False):
                for name in filenames:
                    p = os.path.normpath(os.path.join(dirpath, name))
                    if p not in listed:
                        if args.check:
                            problems.append(f'{mid}: not in the manifest: {os.path.relpath(p, dest_root)}')
                        else:
                            os.remove(p)
                if not args.check and dirpath != dest_root and not os.listdir(dirpath):
                    os.rmdir(dirpath)
        if not args.quiet:
            state = 'ok' if not bad_here else f'{bad_here} problem(s)'
            print(f'{mid:32} {len(e["files"]):3} files  {state}')
    for r in readers.values():
        r.close()
    if args.clean and os.path.isdir(cache) and not only:
        ids = {e['id'] for e in entries}
        for name in sorted(os.listdir(cache)):
            if name not in ids:
                if args.check:
                    problems.append(f'cache holds {name}/, which the manifest does not list')
                else:
                    shutil.rmtree(os.path.join(cache, name))
    for repo, ids in sorted(no_mirror.items()):
        problems.append(f'mirror not fetched: {repo} (needed by {", ".join(ids)}); '
                        f'fetch github:{repo}, expected at {os.path.join(args.mirrors, repo.replace("/", "+"))}/repo')
    for p in problems:
        print('PROBLEM ' + p)
    verb = 'verified in the cache' if args.check else 'written and verified'
    print(f'{counts["manuscripts"]} manuscripts, {counts["files"]} files: {counts["verified"]} {verb}, '
          f'{len(problems)} problem(s), {len(no_mirror)} mirror(s) missing')
    return 0 if not problems else 1


if __name__ == '__main__':
    sys.exit(main())
