# armoedemonitor — `make demo` and `make test` are all a new machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= demo
DEMO_PERSONS ?= 1100000
PYTEST_WORKERS ?= 2

.PHONY: setup system-deps demo test test-spark test-postgres lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,spark,postgres]"
	touch $(STAMP)

setup: $(STAMP)

system-deps:
	bash scripts/system-deps.sh

demo: setup system-deps
	bash scripts/demo.sh $(DEMO_DIR) $(DEMO_PERSONS)

# The PySpark variants of the engine tests run apart (make test-spark): together they take
# far longer than the rest of the suite on two cores (see the README).
test: setup system-deps
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup -q -m "not spark"

test-spark: setup system-deps
	$(BIN)/pytest -q -m spark

test-postgres: setup system-deps
	bash scripts/with-postgres.sh $(BIN)/pytest -q tests/web -m "not browser"

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: setup
	$(BIN)/python benchmarks/engine.py
	$(BIN)/python benchmarks/synth.py

clean:
	rm -rf $(VENV) $(DEMO_DIR) var .pytest_cache
