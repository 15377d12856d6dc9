"""Shared test helpers: the repository's folders, the JSON Schema validator, the CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def schema() -> dict:
    import insiders

    return json.loads((Path(insiders.__file__).parent / "schema.json").read_text())


@pytest.fixture(scope="session")
def validate(schema):
    """Validate a record dict against the shipped JSON Schema."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)

    def check(record: dict) -> None:
        errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
        assert not errors, "; ".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5])

    return check


@pytest.fixture
def cli():
    """Run the CLI in-process: cli(args, input=None) -> (exit_code, stdout, stderr)."""
    from typer.testing import CliRunner

    from insiders.cli import app

    runner = CliRunner()

    def run(args, input=None):
        result = runner.invoke(app, [str(a) for a in args], input=input)
        return result.exit_code, result.stdout, result.stderr

    return run
