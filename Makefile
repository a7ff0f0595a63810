# The two commands of the README: `make serve` (build the site and serve it) and `make test`.
# Both set up everything they need on first use: a virtual environment in .venv with the
# pinned dependencies, and (for the tests) Debian's Chromium when it is missing.
# For development: `make test-fast` (no Chromium, no whole-site build), `make lint`, and
# `make golden` to record the generated pages anew when a change to them is intended.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# Test-only JavaScript (axe-core), pinned in package.json and package-lock.json.
NODE_INSTALLED := node_modules/.installed

.PHONY: serve build test test-fast lint golden chromium clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

$(NODE_INSTALLED): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js (Debian: nodejs npm) for the accessibility tests" >&2; exit 1; }
	npm ci --no-audit --no-fund --silent
	touch $@

serve: $(INSTALLED)
	$(BIN)/muwazi serve

build: $(INSTALLED)
	$(BIN)/muwazi build

chromium:
	@command -v chromium >/dev/null && command -v pdftotext >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && apt-get install -y -qq chromium poppler-utils libfribidi0 >/dev/null) ; \
	  else echo "Install Debian's chromium, poppler-utils and libfribidi0 for the browser and print tests" >&2; fi; }

# Everything CI runs: the lint and type checks first (a lint or type error fails the run), then every test.
test: lint $(NODE_INSTALLED) chromium
	$(BIN)/pytest --cov=muwazi --cov-report=term:skip-covered

# The tests marked neither `browser` nor `slow` (see tests/conftest.py): no Chromium needed.
test-fast: $(INSTALLED)
	$(BIN)/pytest -m "not browser and not slow"

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Rewrites tests/golden/expected/ from what the current code generates: review the diff, then commit it.
golden: $(INSTALLED)
	$(BIN)/pytest -q tests/test_golden.py --update-golden

clean:
	rm -rf site .site.building .cache .coverage test-output docs/index.md docs/search.md docs/feed.xml docs/articles docs/glossary docs/archive node_modules
