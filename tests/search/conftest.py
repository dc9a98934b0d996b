"""Claims in several articles, built through the services, for the "Checked before?" tests."""

import pytest

from factcheck.reviews.services import claim_approve, claim_publish, claim_submit
from tests.api.conftest import api  # noqa: F401  (the API client fixture, shared)
from tests.factories import ArticleFactory

BODY = (
    "Nvidia lost nearly $600 billion in market value in one day.\n\n"
    "The MMR vaccine causes autism in children, a campaigner claimed.\n\n"
    "Unemployment fell to 3.5%, the lowest rate in 50 years.\n\n"
    "Unemployment fell to 5.3%, the lowest rate in 50 years.\n\n"
    "The Great Wall of China is visible from space with the naked eye."
)


def publish(claim, reviewer, editor, editor2):
    claim_submit(actor=reviewer, claim=claim)
    claim_approve(actor=editor, claim=claim)
    claim_publish(actor=editor2, claim=claim)
    claim.refresh_from_db()
    return claim


@pytest.fixture
def older(editor):
    """An earlier article whose claims the new one is matched against."""
    return ArticleFactory(actor=editor, title="Earlier checks", body=BODY)


@pytest.fixture
def newer(editor):
    return ArticleFactory(actor=editor, title="Today's story", body=BODY + "\n\nFresh copy.")
