"""API test helpers: DRF's APIClient signed in as each role."""

import pytest
from rest_framework.test import APIClient

from tests.factories import make_claim


@pytest.fixture
def api():
    """An anonymous client; `api.as_user(user)` signs in (session, as the browser does)."""

    class Client(APIClient):
        def as_user(self, user):
            if user is None:
                self.logout()
            else:
                self.force_login(user)
            return self

    return Client()


@pytest.fixture
def draft_claim(article, reviewer):
    """A draft claim by `reviewer`, ready to submit."""
    return make_claim(article, reviewer)


@pytest.fixture
def published_claim(article, reviewer, editor, editor2):
    from factcheck.reviews.services import claim_approve, claim_publish, claim_submit

    claim = make_claim(article, reviewer, "DeepSeek")
    claim_submit(actor=reviewer, claim=claim)
    claim_approve(actor=editor, claim=claim)
    claim_publish(actor=editor2, claim=claim)
    claim.refresh_from_db()
    return claim
