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
	$(BIN)/detente analyze examples/ --db $(DB)
	$(BIN)/detente corpus --db $(DB)
	$(BIN)/detente list --db $(DB)
	@echo
	@echo "Analysed examples/ into $(DB). Next:"
	@echo "  $(BIN)/detente show ID --db $(DB)              one document and its segments (ID from the list above)"
	@echo "  $(BIN)/detente actors ID --db $(DB)            the actors a document mentions, linked to codes"
	@echo "  $(BIN)/detente actors --top --db $(DB)         the most-mentioned actors"
	@echo "  $(BIN)/detente events --db $(DB)               coded events: who did what to whom"
	@echo "  $(BIN)/detente quotes --db $(DB)               who said what"
	@echo "  $(BIN)/detente stories --db $(DB)              the same happening across sources"
	@echo "  $(BIN)/detente report --actor RUS --db $(DB)   a brief in Markdown and HTML, with a chart"
	@echo "  $(BIN)/detente stats --db $(DB)                corpus counts"
	@echo "  $(BIN)/detente serve --db $(DB)                the web UI and REST API at http://127.0.0.1:8000/"
	@echo "  $(BIN)/detente watch docs/examples/sources.yaml --db $(DB)   follow feeds (edit the list first)"
	@echo "  $(BIN)/detente export --format jsonl --out export/ --db $(DB)"
	@echo "  $(BIN)/detente analyze YOUR_FILES_OR_URLS --db $(DB)"

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

test: lint
	$(BIN)/pytest -q -n 2 --dist loadfile   # two processes, each test file in one of them

clean:
	rm -rf $(VENV) $(DB) export .pytest_cache .mypy_cache .ruff_cache
