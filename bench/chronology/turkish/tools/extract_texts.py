#!/usr/bin/env python3
"""Cut the corpus texts out of their sources, by the fixed selections below, and write
texts/<id>.md (YAML header + prose); every text is checked against the sha256 that
manifest.yaml pins, and read at the commit it pins.

    python bench/chronology/turkish/tools/extract_texts.py            # write texts/, check them
    python bench/chronology/turkish/tools/extract_texts.py --manifest # also rewrite manifest.yaml
                                                                       # (only when a selection changes)

Sources (read-only snapshots brought here by the search tool's `fetch`; their content
is not to be committed anywhere):
  - TQuad/turkish-nlp-qa-dataset (Turkish Wikipedia paragraphs, TQuAD v0.1)
  - mehmetaksoy/Nutuk-Turkce-NLP-Dataset (Nutuk, vol. 1, OCR of the 2015 Kaynak edition)

Normalisation (the only changes to the source text): CR LF -> LF; trailing spaces
stripped; a source paragraph (TQuAD: text between blank lines; Nutuk: one line) becomes
a Markdown paragraph; section titles become "## " headings (TQuAD: "== x ==" wikitext;
Nutuk: the lines listed as headings); the selected context/line ranges are the only
cut. No word inside a paragraph is changed, OCR and spelling errors included.
"""
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIRROR = Path('/work/.mirror')
TQUAD = ('TQuad/turkish-nlp-qa-dataset', MIRROR / 'TQuad+turkish-nlp-qa-dataset/repo')
NUTUK = ('mehmetaksoy/Nutuk-Turkce-NLP-Dataset', MIRROR / 'mehmetaksoy+Nutuk-Turkce-NLP-Dataset/repo')
RETRIEVED = '2026-12-06'

def git(repo, *args):
    return subprocess.run(['git', '-C', str(repo), *args], capture_output=True, check=True).stdout

PINNED = {}  # repository -> commit, from manifest.yaml


def blob(src, path):
    name, repo = src
    if not repo.is_dir():
        sys.exit(f"no snapshot at {repo}: run the search tool's `fetch github:{name}` first")
    commit = PINNED.get(name) or git(repo, 'rev-parse', 'HEAD').decode().strip()
    data = git(repo, 'show', f'{commit}:{path}')
    return name, commit, path, data

def sha(b): return hashlib.sha256(b).hexdigest()

def paras_from_context(ctx):
    ctx = ctx.replace('\ufeff', '').replace('\r\n', '\n').replace('\r', '\n')
    out = []
    for block in re.split(r'\n\s*\n', ctx):
        lines = [l.rstrip() for l in block.strip('\n').split('\n')]
        lines = [l for l in lines if l.strip()]
        cur = []
        for l in lines:
            m = re.fullmatch(r'\s*(=+)\s*(.*?)\s*\1\s*', l)
            if m:
                if cur: out.append('\n'.join(cur)); cur = []
                if len(m.group(1)) >= 2:
                    out.append('## ' + m.group(2))
            else:
                cur.append(l.strip())
        if cur: out.append('\n'.join(cur))
    return out

TQ = {
  # id: (file, article index in data[], [(context index, cut-before-marker or None)], title, note)
  'tr-cevdet': ('train-v0.1.json', 418, [(i, None) for i in range(0, 29)], 'Ahmed Cevdet Paşa',
                'contexts 0-28 (29, a list of works, left out)'),
  'tr-hamdi': ('train-v0.1.json', 534, [(1, None), (2, None), (3, '== Anısına yapılanlar ==')], 'Osman Hamdi Bey',
               'contexts 1-3 (0, a list of paintings, left out; 3 cut before its list section "Anısına yapılanlar")'),
  'tr-demirag': ('train-v0.1.json', 525, [(i, None) for i in range(0, 8)], 'Nuri Demirağ',
                 'contexts 0-7 (8, a bibliography, left out)'),
  'tr-muteferrika': ('dev-v0.1.json', 50, [(i, None) for i in (0, 1, 2, 3, 4, 6, 7, 8)], 'İbrahim Müteferrika',
                     'contexts 0-4 and 6-8 (5, a list of the 17 books, left out)'),
  'tr-elektrik': ('train-v0.1.json', None, [((377, 0), None), ((377, 1), None), ((379, 0), None), ((377, 2), None), ((377, 3), None)],
                  "Türkiye'de elektriğin tarihi",
                  'articles 377 and 379 (same title, twice): 377/0, 377/1, 379/0, 377/2, 377/3, i.e. in the order of the years they tell'),
  'tr-turksat': ('train-v0.1.json', None, [((271, i), None) for i in range(0, 9)] + [((375, 2), None)], 'Türksat',
                 'article 271 contexts 0-8, then article 375 context 2 (375/0-1 repeat 271)'),
  'tr-ytu': ('train-v0.1.json', 403, [(i, None) for i in range(0, 15) if i != 12], 'Yıldız Teknik Üniversitesi',
             'contexts 0-14 except 12 (a verbatim repeat of 11)'),
  'tr-harbiye': ('train-v0.1.json', 543, [(6, '== Ayrıca bakınız ==')], 'Kara Harp Okulu',
                 'context 6 (the whole article; 0-5 are parts of it), its "= title =" line dropped, cut before "Ayrıca bakınız" (navigation, references)'),
}

NU = {
  # id: (first line, last line (1-based, inclusive), heading lines, blocks of lines kept together, title, note)
  'tr-nutuk-mayis': (375, 413, {375, 398, 402, 406, 412}, [], 'Nutuk (1927), 1. cilt: "Ordu ile temas" – "Milli tezahürlerin akisleri"',
                     'lines 375-413 of NUTUK_1.txt; ends with the sentence that introduces a telegram the passage does not include'),
  'tr-nutuk-sivas': (773, 830, {773, 792, 807, 817, 828}, [(784, 790)], 'Nutuk (1927), 1. cilt: "Erzurum\'u terk lüzumu" – "Amerika mandası için propagandalar"',
                     'lines 773-830 of NUTUK_1.txt; the quoted certificate (lines 784-790) kept as one block'),
  'tr-nutuk-ekim': (1364, 1418, {1384, 1388, 1401, 1408}, [(1391, 1396)], 'Nutuk (1927), 1. cilt: Kerim Paşa haberleşmesi – "Ali Rıza Paşa kabinesi"',
                    'lines 1364-1418 of NUTUK_1.txt; the quoted telegram head and signature (lines 1391-1396) kept as one block each way'),
}

def words(body):
    return sum(1 for t in body.split() if re.search(r'\w', t) and not t.startswith('#'))

def write(tid, title, source, licence, body, extra):
    w = words(body)
    head = (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nsource: {json.dumps(source, ensure_ascii=False)}\n"
            f"retrieved: {RETRIEVED}\nlicence: {json.dumps(licence, ensure_ascii=False)}\nwords: {w}\n---\n\n")
    (ROOT / 'texts' / f'{tid}.md').write_text(head + body.rstrip('\n') + '\n', encoding='utf-8')
    extra.update(words=w, text_sha256=sha(body.encode('utf-8')))
    return extra

def main():
    import yaml
    pinned = yaml.safe_load((ROOT / 'manifest.yaml').read_text(encoding='utf-8'))['texts']
    PINNED.update({v['repo']: v['commit'] for v in pinned.values()})
    (ROOT / 'texts').mkdir(exist_ok=True)
    manifest = {
        'generated_by': 'tools/extract_texts.py',
        'retrieved': RETRIEVED,
        'fetch_notice': ('Every text below was cut from a repository snapshot brought here by the search tool\'s fetch. '
                         'Under the workplace rule such content must not be committed; repo, commit, path and the '
                         'sha256 of the source file (source_sha256) and of the stored prose (text_sha256, the body '
                         'after the YAML header) are recorded so that the texts can be rebuilt from the public sources.'),
        'pages_corpus': ('No text came from the search tool\'s pages corpus: it returns excerpts of at most about '
                         '2,500 characters and never a whole page, too short for texts of 650-2,400 words.'),
        'texts': {}}
    cache = {}
    for tid, (fname, art, picks, title, note) in TQ.items():
        if fname not in cache:
            cache[fname] = blob(TQUAD, fname)
        name, commit, path, data = cache[fname]
        js = json.loads(data)
        paras = []
        for pick, cut in picks:
            a, c = (pick if isinstance(pick, tuple) else (art, pick))
            ctx = js['data'][a]['paragraphs'][c]['context']
            if cut: ctx = ctx.split(cut)[0]
            paras += paras_from_context(ctx)
        body = '\n\n'.join(paras) + '\n'
        src = f'https://github.com/{name} @ {commit} : {path}'
        lic = 'CC BY-SA 3.0 (Turkish Wikipedia text, as carried by the TQuAD dataset; the dataset repository states no licence of its own)'
        manifest['texts'][tid] = write(tid, f'{title} (Vikipedi)', src, lic, body, {
            'repo': name, 'commit': commit, 'path': path, 'source_sha256': sha(data),
            'origin': 'Turkish Wikipedia article "%s" (revision not recorded by TQuAD, 2018)' % title,
            'selection': note})
    name, commit, path, data = blob(NUTUK, 'NUTUK_1.txt')
    lines = data.decode('utf-8').split('\n')
    for tid, (a, b, heads, blocks, title, note) in NU.items():
        paras, n = [], a
        while n <= b:
            blk = next(((x, y) for x, y in blocks if x == n), None)
            if blk:
                paras.append('\n'.join(lines[k - 1].strip() for k in range(blk[0], blk[1] + 1)))
                n = blk[1] + 1; continue
            s = lines[n - 1].strip()
            if s:
                paras.append(('## ' + s) if n in heads else s)
            n += 1
        body = '\n\n'.join(paras) + '\n'
        src = f'https://github.com/{name} @ {commit} : {path}'
        lic = ('public domain text (Nutuk, Mustafa Kemal Atatürk, 1927; the author died in 1938). The transcription is an OCR of the '
               '2015 Kaynak Yayınları edition, whose publisher claims rights in the edition; the repository states CC BY 4.0 for its data '
               '(MIT licence file). Evaluation use; check before redistributing.')
        manifest['texts'][tid] = write(tid, title, src, lic, body, {
            'repo': name, 'commit': commit, 'path': path, 'source_sha256': sha(data),
            'origin': 'Nutuk, vol. 1, transcription of the Kaynak Yayınları edition (2015), OCR by the repository author',
            'selection': note})
    wrong = [k for k, v in manifest['texts'].items()
             if k in pinned and v['text_sha256'] != pinned[k]['text_sha256']]
    if '--manifest' in sys.argv[1:]:
        (ROOT / 'manifest.yaml').write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False, width=120), encoding='utf-8')
    tot = sum(t['words'] for t in manifest['texts'].values())
    for k, v in manifest['texts'].items(): print(f"{k:18} {v['words']:6}" + ('  SHA256 DIFFERS' if k in wrong else ''))
    print('total', tot)
    if wrong:
        sys.exit(f"{len(wrong)} texts differ from the sha256 that manifest.yaml pins")

if __name__ == '__main__':
    main()
