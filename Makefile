# One entry point for humans. Everything installs into .venv by itself.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test lint format bench bench-quick docs schema messages clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Links in the demo's e-mails (printed to the console) point at the address the demo serves.
DEMO_ADDR ?= 127.0.0.1:8000
demo: export LINTAS_SITE_URL = http://$(DEMO_ADDR)
demo: install
	$(BIN)/lintas migrate --noinput
	$(BIN)/lintas loaddemo
	@echo ""
	@echo "Lintas demo: http://$(DEMO_ADDR)/"
	@echo "Demo logins (password lintas-demo): admin, broker, broker-id, broker-th, provider, seeker, seeker-th, seeker-vi, seeker-ms, seeker-fil, seeker-km, seeker-lo, seeker-zh, officer, pending (waiting to join Guangxi University)"
	$(BIN)/lintas runserver $(DEMO_ADDR)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python benchmarks/run_all.py

bench-quick: install
	$(BIN)/python benchmarks/run_all.py --quick

schema: install
	$(BIN)/lintas spectacular --file docs/api/schema.yml

# Docs checks: every command, setting and API route documented, links and paths resolve,
# and the committed OpenAPI schema is the one the code generates.
docs: install
	$(BIN)/pytest tests/test_docs.py tests/core/test_config.py::test_every_setting_is_documented -q -p no:cacheprovider
	.ci/check-schema

messages: install
	cd src/lintas && ../../$(BIN)/lintas makemessages -l zh_Hans -l id -l ms -l th -l vi -l km -l lo -l my -l fil --ignore "*/demo/*"
	cd src/lintas && ../../$(BIN)/lintas compilemessages

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
