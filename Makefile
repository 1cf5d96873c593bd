.PHONY: lint format test run

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format:
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

test:
	.venv/bin/python -m pytest

run:
	.venv/bin/streamlit run app.py
