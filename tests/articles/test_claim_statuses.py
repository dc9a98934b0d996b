"""The claim statuses the articles app spells (it sits below claims, so it cannot import
ClaimStatus): they are ClaimStatus values, and "open" is every status before publication."""

from factcheck.articles.selectors import OPEN_CLAIM_STATUSES, PUBLISHED_CLAIM_STATUS
from factcheck.claims.models import ClaimStatus


def test_published_is_the_claim_status():
    assert PUBLISHED_CLAIM_STATUS == ClaimStatus.PUBLISHED


def test_open_is_every_status_before_publication():
    before_publication = set(ClaimStatus) - {ClaimStatus.PUBLISHED, ClaimStatus.RETRACTED}
    assert set(OPEN_CLAIM_STATUSES) == before_publication
    assert len(OPEN_CLAIM_STATUSES) == len(before_publication)
