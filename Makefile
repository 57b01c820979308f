# The two commands of the README: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DB ?= detente.duckdb
export HF_HUB_OFFLINE := 1

.PHONY: setup run test lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: setup
	$(BIN)/detente analyze examples/ --db $(DB) || test $$? -eq 1
	$(BIN)/detente stats --db $(DB)
	@echo
	@echo "Analysed examples/ into $(DB). Next:"
	@echo "  $(BIN)/detente stats --db $(DB)"
	@echo "  $(BIN)/detente show DOC_ID --db $(DB)      (ids: $(BIN)/detente export --format jsonl --out export/)"
	@echo "  $(BIN)/detente analyze YOUR_FILES_OR_URLS --db $(DB)"

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

test: lint
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) $(DB) export .pytest_cache .mypy_cache .ruff_cache
