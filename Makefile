# Outreach assistant: `make run` to chat, `make test` to check everything.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export PYTHONPATH := $(CURDIR)
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
RASA_DATA := data/nlu data/rules data/stories
DOMAIN_DIR := .build/domain

.PHONY: help install run run-actions run-rasa run-bot counsellor check eval-nlu train domain validate test-stories \
	test unit bench coverage preview feedback-report lint format types lint-all clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

install: ## Create .venv (Python 3.10) with the pinned dependencies
	@bash scripts/bootstrap.sh

run: install ## Train if data changed, start everything, open the chat (console without TELEGRAM_TOKEN)
	@$(PY) -m launcher

run-actions: install ## Start only the action server
	SANIC_HOST=127.0.0.1 $(PY) -m rasa_sdk --actions actions --port $${ACTION_PORT:-5055}

run-rasa: install train ## Start only the Rasa server (REST channel + HTTP API)
	ACTION_ENDPOINT_URL=http://127.0.0.1:$${ACTION_PORT:-5055}/webhook $(PY) -m rasa run \
	  --enable-api --interface 127.0.0.1 --port $${RASA_PORT:-5005} \
	  --endpoints endpoints.yml --credentials credentials.yml --model models

run-bot: install ## Start only the gateway (Rasa and actions must be running)
	$(PY) -m bot

counsellor: install ## Counsellor console against the same handoff store (use with make run)
	@$(PY) -m bot.counsellor_console

check: install ## Check all content (answers, terminology, readability, helplines) in seconds
	@$(PY) -m content.check

eval-nlu: install ## NLU quality per language on a held-out split (macro-F1, crisis recall)
	$(PY) -m evaluation.nlu_report --report var/nlu_report.md

domain: install ## Build .build/domain from domain.yml and data/responses
	@$(PY) -m content.build_domain >/dev/null

train: install ## Train the model if (and only if) training data changed
	@$(PY) -m launcher.training

validate: domain ## rasa data validate --fail-on-warnings
	$(PY) -m rasa data validate --fail-on-warnings --domain $(DOMAIN_DIR) \
	  --config config.yml --data $(RASA_DATA)

test-stories: train ## Conversation tests in tests/conversations
	$(PY) -m rasa test core --stories tests/conversations --fail-on-prediction-errors \
	  --model $$($(PY) -m launcher.training --print-path) \
	  --out var/results/core

coverage: install ## What exists per topic × language × age band, gaps marked (var/coverage.md, .html)
	@$(PY) -m content.coverage_report

# LANG is also the locale variable: `make preview LANG=sv` would give every program
# the locale "sv", so the recipe resets it (only when LANG came from the command line).
preview: install ## TOPIC=grooming [LANG=sv BAND=child] lists answers; LANG=sv BAND=young_teen chats
	@$(if $(filter command line,$(origin LANG)),LANG=C.UTF-8) $(PY) -m preview \
	  $(if $(TOPIC),--topic "$(TOPIC)") $(if $(ANSWER),--answer "$(ANSWER)") \
	  $(if $(filter command line,$(origin LANG)),--language "$(LANG)") \
	  $(if $(BAND),--band "$(BAND)") $(if $(COUNTRY),--country "$(COUNTRY)")

feedback-report: install ## Answers young people found least helpful, weakest first (writes var/feedback.md)
	@$(PY) -m feedback.report

bench: install ## Benchmarks against a stock rasa init (writes bench/RESULTS.md, ~15 min)
	$(PY) -m bench

unit: install ## Python tests only (unit and integration)
	$(PY) -m pytest

test: check validate train test-stories unit ## Everything CI runs: content checks, validate, train, story tests, pytest

lint: install ## ruff check + format check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install ## Format and autofix
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean: ## Remove build output, models and local state (not the venv cache)
	rm -rf .build models var .rasa results .pytest_cache
