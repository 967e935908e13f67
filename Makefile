# The two commands of this repository: `make benchmark` and `make test`.
# Each creates .venv from pyproject.toml first, with what it needs (again only when
# pyproject.toml changes): the benchmark's extra, or the tests' and the benchmark's.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-test
BENCHMARK_STAMP := $(VENV)/.installed-benchmark
EXPRESS := tests/learners/express_defaults
EXPRESS_MODULES := $(EXPRESS)/node_modules/.package-lock.json

# Debian packages that `make test` needs: Chromium for the browser test, Node.js for the
# learners' Express apps that the grader is tested against, valgrind for the counts,
# nginx for the tested deployment recipe (harness/servers/nginx.conf), curl for the card's curl lines,
# a JDK for the learner's Java server (tests/learners/JavaSum.java).
.PHONY: benchmark calibration test mutation clean chromium node java valgrind wrk nginx curl

BENCHMARK_ARGS := --servers waitress granian uvicorn --windows 10 --starts 5

benchmark: $(BENCHMARK_STAMP) wrk valgrind
	$(BIN)/python -m loadtests $(BENCHMARK_ARGS) $(ARGS)

# Not part of the two commands (about 27 minutes on 2 cores): the default benchmark three
# times back to back, and whether each run's intervals hold the other runs' figures
# (docs/benchmark.md, "Intervals that hold from run to run").
calibration: $(BENCHMARK_STAMP) wrk valgrind
	$(BIN)/python -m loadtests.calibration --runs 3 $(ARGS) -- $(BENCHMARK_ARGS)

test: $(STAMP) chromium node java valgrind nginx curl $(EXPRESS_MODULES)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -n 4 $(ARGS)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet '.[test,benchmark]'
	touch $(STAMP) $(BENCHMARK_STAMP)

$(BENCHMARK_STAMP): pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet '.[benchmark]'
	touch $(BENCHMARK_STAMP)

# Mutation testing, not part of `make test` (about 25 minutes on 2 cores): mutmut changes
# core/, the adapters and the grader one small edit at a time and runs the fast in-process
# behaviour tests against each ([tool.mutmut] in pyproject.toml); docs/testing.md lists what
# survives, and why each survivor changes nothing.
mutation: $(STAMP)
	$(BIN)/python -m pip install --quiet "mutmut>=3.3,<4"
	rm -rf mutants
	$(BIN)/python -m devtools.mutation run --max-children 2
	$(BIN)/python -m devtools.mutation results

# The real Express that tests/test_fixes.py grades a beginner's app on, from its lock file.
$(EXPRESS_MODULES): $(EXPRESS)/package-lock.json | node
	npm ci --prefix $(EXPRESS) --no-audit --no-fund --silent

# Debian's Chromium for the browser test (never a browser download).
chromium:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser test..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "The browser test needs Chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

node:
	@command -v node >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's nodejs for the grader's tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null; \
	  else echo "The grader's tests need Node.js: sudo apt-get install nodejs" >&2; exit 1; fi; }

java:
	@command -v javac >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's JDK for the grader's tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jdk-headless >/dev/null; \
	  else echo "The grader's tests need a JDK: sudo apt-get install default-jdk-headless" >&2; exit 1; fi; }

curl:
	@command -v curl >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's curl for the card's curl lines..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null; \
	  else echo "The grader's tests need curl: sudo apt-get install curl" >&2; exit 1; fi; }

nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's nginx for the deployment recipe's tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	  else echo "The deployment recipe's tests need nginx: sudo apt-get install nginx" >&2; exit 1; fi; }

# valgrind for the instruction counts; the benchmark says so and goes on where it cannot be
# installed, and the test of the counts fails with the same words.
valgrind:
	@command -v valgrind >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's valgrind for the instruction counts..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null) \
	      || echo "valgrind could not be installed: the report will skip the instruction counts"; \
	  else echo "valgrind is not installed (apt-get install valgrind): no instruction counts"; fi; }

# wrk for the benchmark's cross-check; optional: the report says when it is missing.
wrk:
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing wrk for the cross-check..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) \
	      || echo "wrk could not be installed: the report will skip the cross-check"; \
	  else echo "wrk is not installed: the report will skip the cross-check"; fi; }

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache mutants
