"""Helpers for report/export tests: claims built through the services, validators, streams."""

import json
import re
import subprocess
import sys
from pathlib import Path

from factcheck.claims.services import claim_create
from factcheck.reviews.workflow import TRANSITIONS
from tests.tools import STANDARDS, require

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
PUBLISH = ["submit", "approve", "publish"]


def add_claim(article, author, phrase, **fields):
    body = article.current_revision.body
    start = body.index(phrase)
    return claim_create(
        actor=author, article=article, start=start, end=start + len(phrase), quote=phrase, **fields
    )


def drive(claim, actions, *, author, editor):
    for action in actions:
        actor = author if action == "submit" else editor
        service = TRANSITIONS[action].service
        note = f"{action} note" if action in ("request_changes", "retract") else ""
        claim = service(actor=actor, claim=claim, note=note)
    return claim


def run_validator(script: str, path: Path, *args: str) -> subprocess.CompletedProcess:
    validator = STANDARDS / script
    require(validator.is_file(), f"the standards validator {validator} is absent")
    return subprocess.run(
        [sys.executable, str(STANDARDS / script), str(path), *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def streamed(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def document(response) -> dict:
    """A streamed JSON document (the annotation collection)."""
    assert response.status_code == 200, response.status_code
    return json.loads(streamed(response))
