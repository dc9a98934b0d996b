"""Schemathesis fuzzes every operation of /api/schema/ in-process (WSGI, no network), signed in
by token as a reviewer and as an editor, with demo-like data so that ids resolve.

Checks: no 5xx, every status code documented, every response body matching its schema. Bounded
(max-examples per operation) and deterministic (fixed seed, derandomized, no example database).
The test database is the usual transaction-wrapped one: nothing is left behind.
"""

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode

from factcheck.reviews.services import (
    claim_approve,
    claim_publish,
    claim_request_changes,
    claim_submit,
)
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.slow

MAX_EXAMPLES = 12
FUZZ_SETTINGS = hypothesis.settings(
    max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck), print_blob=False,
)  # fmt: skip
CONFIG = {
    "seed": 20261129,
    "cache": {"enabled": False},
    "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
    "phases": {
        "examples": {"enabled": False},
        "coverage": {"enabled": False},
        "stateful": {"enabled": False},
    },
    "checks": {
        "enabled": False,
        "not_a_server_error": {"enabled": True},
        "status_code_conformance": {"enabled": True},
        "response_schema_conformance": {"enabled": True},
    },
}


@pytest.fixture
def demo_world(reviewer, reviewer2, editor, editor2, settings):
    """An article with claims in several statuses; returns the real ids by kind."""
    settings.AXES_ENABLED = False  # the token endpoint is fuzzed with random passwords
    article = ArticleFactory(actor=editor)
    article.assignees.add(reviewer)
    draft = make_claim(article, reviewer, "$600 billion")
    submitted = claim_submit(actor=reviewer, claim=make_claim(article, reviewer, "DeepSeek"))
    sent_back = claim_submit(actor=reviewer, claim=make_claim(article, reviewer, "Nasdaq"))
    claim_request_changes(actor=editor, claim=sent_back, note="Needs a primary source.")
    published = claim_submit(actor=reviewer, claim=make_claim(article, reviewer, "$5.6 million"))
    claim_approve(actor=editor, claim=published)
    claim_publish(actor=editor2, claim=published)
    claims = [draft.pk, submitted.pk, sent_back.pk, published.pk]
    evidence = [e.pk for c in (draft, published) for e in c.evidence_links.all()]
    return {"articles": [article.pk], "claims": claims, "evidence": evidence}


@pytest.fixture
def wsgi_app():
    """Django's WSGI app in-process, without closing the test's connection after each request
    (what django.test.Client does too)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(demo_world, wsgi_app):
    config = SchemathesisConfig.from_dict(CONFIG)
    return schemathesis.openapi.from_wsgi("/api/schema/", wsgi_app, config=config)


def token_header(user):
    from rest_framework.authtoken.models import Token

    return {"Authorization": f"Token {Token.objects.get_or_create(user=user)[0].key}"}


def resolve_ids(case, world):
    """Point most generated ids at real objects (deterministically, from the drawn value); keep
    one in five as drawn so that unknown ids (404) are fuzzed too."""
    params = case.path_parameters or {}
    kind = "articles" if case.operation.path.startswith("/api/v1/articles/") else "claims"
    for name, real in (("id", world[kind]), ("eid", world["evidence"])):
        value = params.get(name)
        if isinstance(value, int) and value % 5 != 4:
            params[name] = real[value % len(real)]


def has_inputs(operation) -> bool:
    """Whether the schema gives the operation anything a negative case could break: only an
    operation with no parameters and no body may have no negative case at all (the security
    schemes' token header and cookie are not the operation's own inputs)."""
    declared = operation.definition.raw
    return bool(declared.get("parameters") or declared.get("requestBody"))


def fuzz(schema, world, headers) -> list[str]:
    """Every operation, positive then negative data; returns one report per failing operation.

    (A plain Hypothesis loop: schemathesis' lazy pytest integration does not run under pytest 9.)
    """
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @hypothesis.settings(FUZZ_SETTINGS)
            @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
            def check(case):
                resolve_ids(case, world)
                case.call_and_validate(headers=headers)

            try:
                check()
            except hypothesis.errors.Unsatisfiable:
                if mode == GenerationMode.POSITIVE or has_inputs(operation):
                    failures.append(f"{operation.label} ({mode.value}): no case could be generated")
            except (Exception, FailureGroup) as error:
                failures.append(f"{operation.label} ({mode.value}): {error}")
    return failures


def test_the_api_answers_a_reviewer_within_its_schema(api_schema, demo_world, reviewer):
    failures = fuzz(api_schema, demo_world, token_header(reviewer))
    assert not failures, "\n\n".join(failures)


def test_the_api_answers_an_editor_within_its_schema(api_schema, demo_world, editor):
    failures = fuzz(api_schema, demo_world, token_header(editor))
    assert not failures, "\n\n".join(failures)
