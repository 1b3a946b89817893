# The two commands of the README: `make site` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: site test check lint typecheck pytest system-deps golden bench clean

# The virtual environment, from the pinned lock file; redone when the pins change.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

site: $(STAMP)
	$(PY) -m generator build --check-links

# Both languages to read offline from file://, zipped: dist/sijill-offline.zip.
.PHONY: bundle
bundle: $(STAMP)
	$(PY) -m generator bundle

check: $(STAMP)
	$(PY) -m generator check

# Debian packages the browser tests need: Chromium and Arabic fonts. Installed when missing and
# we are root (CI, fresh machines); otherwise the command to run is printed.
system-deps:
	@if command -v chromium >/dev/null && fc-list 2>/dev/null | grep -qi 'NotoSansArabic\|Noto Sans Arabic\|NotoNaskhArabic'; then \
		echo "system packages: chromium and fonts-noto-core present"; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; \
	else \
		echo "missing: run 'sudo apt-get install chromium fonts-noto-core'" >&2; exit 1; \
	fi

lint: $(STAMP)
	$(VENV)/bin/ruff check generator tests
	$(VENV)/bin/ruff format --check generator tests

typecheck: $(STAMP)
	$(VENV)/bin/mypy

pytest: $(STAMP) system-deps
	PYTHONWARNDEFAULTENCODING=1 $(PY) -m pytest

test: lint typecheck pytest

# Refresh the golden files of the generated Markdown after an intended change.
golden: $(STAMP)
	$(PY) -m pytest tests/test_golden.py --update-golden

bench: $(STAMP)
	$(PY) -m generator bench --people 200 --visits 1000 --json build/bench-small.json
	$(PY) -m generator bench --people 2000 --visits 10000 --json build/bench-large.json

clean:
	rm -rf site build dist

.PHONY: check-github changes

# The check as GitHub annotations: each problem shows on its line of the pull request's diff.
check-github: $(STAMP)
	$(PY) -m generator check --format github

# What the data changes in facts, from BASE to the working tree: `make changes BASE=origin/main`.
# In GitHub Actions the report goes to the job's summary page as well as the log.
BASE ?= origin/main
changes: $(STAMP)
	@set -o pipefail; \
	if [ -n "$${GITHUB_STEP_SUMMARY:-}" ]; then \
		$(PY) -m generator changes "$(BASE)" | tee -a "$$GITHUB_STEP_SUMMARY"; \
	else \
		$(PY) -m generator changes "$(BASE)"; \
	fi
