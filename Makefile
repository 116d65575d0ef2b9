# Partenariats numériques — the two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
LOCAL_APPS := accounts partnership initiatives sports startups training alerts awards commitments notifications api portal

.PHONY: run test install install-dev migrate messages compilemessages demo lint format check ci clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python requirements.txt constraints.txt
	$(BIN)/pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

install: $(STAMP)
install-dev: $(DEV_STAMP)

compilemessages: $(STAMP)
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

## Regenerate the French and English catalogues (project and each app), then fill English identity entries.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l fr -l en --ignore=.venv --ignore=node_modules --ignore=staticfiles $(foreach app,$(LOCAL_APPS),--ignore=$(app)) --no-obsolete -v0
	$(BIN)/python tools/app_messages.py $(LOCAL_APPS)

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --noinput -v0

demo: migrate
	$(BIN)/python manage.py load_demo

## Links in emails and calendar files, and allauth's site domain, follow the port (make run PORT=8765);
## SITE_URL=... make run keeps an address of your own.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: $(STAMP) compilemessages demo
	@mkdir -p var/mail
	@$(BIN)/python manage.py sync_site -v0
	@echo ""
	@echo "Portal: http://127.0.0.1:$(PORT)/   admin: http://127.0.0.1:$(PORT)/fr/admin/   (SITE_URL=$$SITE_URL)"
	@echo "Emails are not sent in this mode: they are written as files in var/mail/ (open them with any text editor)."
	@echo "Periodic jobs (alert digest, reminders, slots, retention) do not run by themselves here; run them by hand:"
	@echo "  $(BIN)/python manage.py run_periodic_jobs --list | --only digest | --only reminders   (no option: all)"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: $(DEV_STAMP) compilemessages
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=check-deploy-$$(printf '%064d' 0) DJANGO_ALLOWED_HOSTS=example.org \
		DJANGO_SETTINGS_MODULE=config.settings.production $(BIN)/python manage.py check --deploy --fail-level WARNING

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $@

test: $(DEV_STAMP) compilemessages lint check
	@[ -f node_modules/.installed ] || $(MAKE) node_modules/.installed || echo "npm unavailable: validator tests will skip"
	$(BIN)/pytest -n auto $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles var private_media db.sqlite3
