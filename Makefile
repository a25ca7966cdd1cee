# The README's commands. `make help` lists them.
VENV := .venv
BIN := $(VENV)/bin

.PHONY: help setup check test demo lab lock lint bench docs mutation

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

setup:  ## install system packages and the locked Python environment
	@bash scripts/setup.sh

# make check JOBS=0 runs in one process (pytest-xdist's -n 0); each test file stays on one worker
check:  ## the fast loop while working: unit tests and back-tests on both cores, no setup, no slow or e2e tests
	$(BIN)/pytest tests/unit tests/backtests -m "not slow and not e2e" --hypothesis-profile=check \
		-n $(or $(JOBS),2) --dist loadfile

test: setup  ## run the whole test suite (what CI runs)
	$(BIN)/pytest

demo: setup  ## build the demo from the sample data in data/
	$(BIN)/bulletin demo

lab: setup  ## open JupyterLab on notebooks/ with the project's kernel
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

lock:  ## re-resolve requirements.lock from pyproject.toml
	uv pip compile pyproject.toml --extra test --extra bench -o requirements.lock

lint:  ## ruff, and the import contracts of .importlinter (layers, no cycles)
	$(BIN)/ruff check lib tests bench
	$(BIN)/lint-imports --no-cache --no-logo .importlinter

bench: setup  ## the facts benchmark (bench/README.md)
	$(BIN)/python bench/bench_facts.py

docs: setup  ## regenerate docs/config.md (config model) and docs/definitions.md (catalogue of figures)
	$(BIN)/python -c 'from bulletin.core.config import config_reference; print(config_reference(), end="")' > docs/config.md
	$(BIN)/python -c 'from bulletin.core.definitions_doc import definitions_reference; print(definitions_reference(), end="")' > docs/definitions.md

mutation: setup  ## mutation score of the computation layers, committed tree (mutmut; slow: bench/MUTATION.md)
	rm -rf .mutation && mkdir .mutation
	git archive HEAD lib tests data docs pyproject.toml | tar -x -C .mutation
	ln -s lib .mutation/src
	cd .mutation && start=$$(date +%s); \
		../$(BIN)/mutmut run --max-children $(or $(JOBS),2) $(MUTANTS); \
		echo "run time: $$(( $$(date +%s) - start )) s"; \
		../$(BIN)/mutmut results --all true > results.txt; ../$(BIN)/mutmut export-cicd-stats; \
		cat mutants/mutmut-cicd-stats.json
