PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APP := $(VENV)/.installed-app
DEV := $(VENV)/.installed-dev

.PHONY: install install-dev run test lint bench clean

# The app and what it needs to run (quick: no compiler involved).
$(APP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[postgres,pdf,llm]'
	touch $(APP)

# Plus the test tools, including a real LLM server (llama-cpp-python builds from source once).
$(DEV): $(APP)
	$(BIN)/pip install --quiet -e '.[test,postgres,pdf,llm,llm-server]'
	touch $(DEV)

install: $(APP)

install-dev: $(DEV)

run: $(APP)
	$(BIN)/hireloop serve

test: $(DEV)
	$(BIN)/python -m pytest -q

lint: $(DEV)
	$(BIN)/ruff check src tests benchmarks scripts

bench: $(APP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache
