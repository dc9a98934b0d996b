"""The house style is part of the suite: ruff (lint + format) everywhere, mypy on the domain."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    result = run(str(BIN / "ruff"), "check", "--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout


def test_code_is_ruff_formatted():
    result = run(str(BIN / "ruff"), "format", "--check", ".")
    assert result.returncode == 0, result.stdout


@pytest.mark.slow
def test_domain_layer_type_checks():
    result = run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout
