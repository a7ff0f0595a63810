# The two commands of the README: `make serve` (build the site and serve it) and `make test`.
# Both set up everything they need on first use: a virtual environment in .venv with the
# pinned dependencies, and (for the tests) Debian's Chromium when it is missing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: serve build test chromium clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

serve: $(INSTALLED)
	$(BIN)/muwazi serve

build: $(INSTALLED)
	$(BIN)/muwazi build

chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) ; \
	  else echo "Chromium is missing: install Debian's 'chromium' package for the browser tests" >&2; fi; }

test: $(INSTALLED) chromium
	$(BIN)/pytest

clean:
	rm -rf site test-output docs/index.md docs/articles docs/glossary
