"""One ClaimFilterSet parses the claims/ filters for the claims list, the exports and the queue."""

import pytest
from django.http import QueryDict

from factcheck.claims.filters import ClaimFilterSet
from factcheck.claims.models import ClaimStatus
from factcheck.claims.selectors import claim_list, review_queue
from factcheck.reviews.services import claim_submit
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def _filters(query: str) -> ClaimFilterSet:
    filters = ClaimFilterSet(QueryDict(query))
    assert filters.is_valid(), filters.errors
    return filters


@pytest.mark.parametrize("query", ["status=draft,submitted", "status=draft&status=submitted",
                                   "status=draft,&status=submitted"])  # fmt: skip
def test_statuses_are_repeated_or_comma_separated_with_one_meaning(query):
    assert _filters(query).statuses == [ClaimStatus.DRAFT, ClaimStatus.SUBMITTED]


def test_a_malformed_filter_is_refused_by_name():
    filters = ClaimFilterSet(QueryDict("status=nope&article=0&ordering=body&updated_since=x"))
    assert not filters.is_valid()
    assert set(filters.errors) == {"status", "article", "ordering", "updated_since"}


def test_the_same_filters_narrow_the_claims_list_and_the_queue(article, reviewer, editor):
    first = make_claim(article, reviewer, verdict="true")
    second = make_claim(article, reviewer, "Nvidia", verdict="false")
    for claim in (first, second):
        claim_submit(actor=reviewer, claim=claim)
    listed = claim_list(user=editor, filters=_filters("verdict=false"))
    assert [c.pk for c in listed] == [second.pk]
    queued = review_queue(user=editor, filters=_filters("verdict=true"))
    assert [c.pk for c in queued] == [first.pk]
    newest_first = claim_list(user=editor, filters=_filters("ordering=-id"))
    assert [c.pk for c in newest_first] == [second.pk, first.pk]


def test_the_public_copy_is_filtered_on_its_published_verdict(article, reviewer):
    claim = make_claim(article, reviewer, verdict="true")
    filters = _filters("verdict=true")
    assert list(filters.apply(claim_list(user=reviewer), public=False)) == [claim]
    assert list(filters.apply(claim_list(user=reviewer), public=True)) == []


def test_a_time_with_an_offset_postgresql_refuses_is_compared_in_utc(article, reviewer):
    claim = make_claim(article, reviewer)
    filters = _filters("updated_since=2000-01-01T00:00:00-23:50")
    assert list(claim_list(user=reviewer, filters=filters)) == [claim]
