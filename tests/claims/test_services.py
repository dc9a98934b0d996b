"""Claim editing rules: quote checks, optimistic locking, evidence, constraints."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from factcheck.claims import services
from factcheck.claims.models import Claim, EvidenceLink, ReviewEvent
from factcheck.core.errors import ActionForbidden, Conflict
from factcheck.reviews import services as wf
from tests.factories import make_claim


def body_of(article):
    return article.current_revision.body


def test_claim_is_created_with_server_filled_context(article, reviewer):
    body = body_of(article)
    start = body.index("$600 billion")
    claim = services.claim_create(actor=reviewer, article=article, start=start,
                                  end=start + 12, quote="$600 billion")  # fmt: skip
    assert claim.prefix == body[max(0, start - 32) : start]
    assert claim.suffix == body[start + 12 : start + 44]
    assert claim.claim_text == "$600 billion"
    assert claim.status == "draft" and claim.version == 1


@pytest.mark.parametrize(
    ("start", "end", "quote", "field"),
    [
        (0, 5, "wrong", "quote"),
        (5, 3, "x", "start"),
        (0, 10_000, "x", "start"),
        (-1, 3, "x", "start"),
    ],
)
def test_bad_targets_are_refused_and_change_nothing(article, reviewer, start, end, quote, field):
    with pytest.raises(ValidationError) as err:
        services.claim_create(actor=reviewer, article=article, start=start, end=end, quote=quote)
    assert field in err.value.message_dict
    assert not Claim.objects.exists()


def test_blank_quote_is_refused(editor, reviewer):
    from factcheck.articles.services import article_create

    article = article_create(actor=editor, title="Spaces", body="A    B")
    with pytest.raises(ValidationError) as err:
        services.claim_create(actor=reviewer, article=article, start=1, end=4, quote="   ")
    assert err.value.message_dict["quote"] == [services.QUOTE_BLANK]


def test_unknown_verdict_is_refused(article, reviewer):
    with pytest.raises(ValidationError) as err:
        make_claim(article, reviewer, verdict="pants-on-fire")
    assert "verdict" in err.value.message_dict


def test_non_http_evidence_urls_are_refused(article, reviewer):
    claim = make_claim(article, reviewer, evidence=0)
    for url in ("javascript:alert(1)", "data:text/html,x", "ftp://example.org/x", "not a url"):
        with pytest.raises(ValidationError) as err:
            services.evidence_add(actor=reviewer, claim=claim, url=url)
        assert err.value.message_dict["url"] == [services.URL_NOT_HTTP]
    assert not EvidenceLink.objects.exists()


def test_stale_version_is_a_conflict_and_nothing_is_written(article, reviewer):
    claim = make_claim(article, reviewer)
    services.claim_update(actor=reviewer, claim=claim, version=claim.version, claimant="A")
    with pytest.raises(Conflict):
        services.claim_update(actor=reviewer, claim=claim, version=claim.version - 1,
                              claimant="B")  # fmt: skip
    claim.refresh_from_db()
    assert claim.claimant == "A"


def test_edit_records_old_and_new_values(article, reviewer):
    claim = make_claim(article, reviewer)
    claim = services.claim_update(actor=reviewer, claim=claim, version=claim.version,
                                  verdict="false", claimant="LA Times")  # fmt: skip
    event = ReviewEvent.objects.filter(claim=claim, action="edit").get()
    assert event.changes["verdict"] == ["true", "false"]
    assert event.changes["claimant"] == ["", "LA Times"]


def test_no_op_edit_changes_nothing(article, reviewer):
    claim = make_claim(article, reviewer)
    before = claim.version
    services.claim_update(actor=reviewer, claim=claim, version=before, claimant="")
    claim.refresh_from_db()
    assert claim.version == before


def test_submitted_claim_is_read_only_for_its_author(article, reviewer):
    claim = make_claim(article, reviewer)
    wf.claim_submit(actor=reviewer, claim=claim)
    claim.refresh_from_db()
    with pytest.raises(ActionForbidden):
        services.claim_update(actor=reviewer, claim=claim, version=claim.version, claimant="X")


def test_other_reviewer_cannot_edit(article, reviewer, reviewer2):
    claim = make_claim(article, reviewer)
    with pytest.raises(ActionForbidden):
        services.claim_update(actor=reviewer2, claim=claim, version=claim.version, claimant="X")


def test_removing_evidence_hides_it_and_keeps_the_row(article, reviewer):
    claim = make_claim(article, reviewer, evidence=2)
    link = claim.evidence_links.first()
    services.evidence_remove(actor=reviewer, evidence=link)
    assert EvidenceLink.objects.filter(claim=claim).count() == 2
    assert claim.evidence_links.filter(is_removed=False).count() == 1
    assert ReviewEvent.objects.filter(claim=claim, action="evidence_remove").count() == 1


def test_inline_evidence_list_updates_adds_and_hides(article, reviewer):
    claim = make_claim(article, reviewer, evidence=2)
    first, second = claim.evidence_links.order_by("id")
    services.claim_update(actor=reviewer, claim=claim, version=claim.version, evidence=[
        {"id": first.pk, "url": first.url, "title": "Renamed"},
        {"url": "https://new.example.org/"},
    ])  # fmt: skip
    second.refresh_from_db()
    assert second.is_removed
    assert claim.evidence_links.get(pk=first.pk).title == "Renamed"
    assert claim.evidence_links.filter(is_removed=False).count() == 2


def test_history_keeps_every_earlier_state(article, reviewer):
    claim = make_claim(article, reviewer)
    services.claim_update(actor=reviewer, claim=claim, version=claim.version, verdict="false")
    verdicts = [h.verdict.slug for h in claim.history.order_by("history_date")]
    assert verdicts[0] == "true" and verdicts[-1] == "false"


def test_comments_need_a_body_and_a_newsroom_role(article, reviewer, outsider):
    claim = make_claim(article, reviewer)
    with pytest.raises(ValidationError) as refused:
        services.comment_add(actor=reviewer, claim=claim, body="  ")
    assert refused.value.message_dict == {"body": [services.COMMENT_EMPTY]}
    with pytest.raises(ActionForbidden):
        services.comment_add(actor=outsider, claim=claim, body="Hi")
    comment = services.comment_add(actor=reviewer, claim=claim, body="Check the date.")
    assert comment.body == "Check the date."


@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        ({"start": 10, "end": 5}, "claim_start_before_end"),
        ({"status": "bogus"}, "claim_status_valid"),
        ({"anchor_state": "lost"}, "claim_anchor_state_valid"),
        ({"quote": ""}, "claim_quote_not_empty"),
    ],
)
def test_database_constraints_hold_even_without_the_services(article, reviewer, changes,
                                                             constraint):  # fmt: skip
    claim = make_claim(article, reviewer)
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(**changes)


def test_evidence_url_constraint_holds_in_the_database(article, reviewer):
    claim = make_claim(article, reviewer)
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceLink.objects.filter(claim=claim).update(url="javascript:alert(1)")


def test_review_events_are_append_only(article, reviewer):
    make_claim(article, reviewer)
    event = ReviewEvent.objects.first()
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        ReviewEvent.objects.all().delete()
    with pytest.raises(TypeError):
        ReviewEvent.objects.update(note="x")


def test_history_rows_record_the_version_after_the_bump(article, reviewer, editor):
    """Each history row is the claim as saved by that write: its version is the new one (the one
    the client must send next), for an edit, an evidence change and a workflow transition."""
    claim = make_claim(article, reviewer)
    claim = services.claim_update(actor=reviewer, claim=claim, version=claim.version,
                                  rationale="Checked twice.")  # fmt: skip
    assert claim.history.latest().version == claim.version
    services.evidence_add(actor=reviewer, claim=claim, url="https://evidence.example.org/more",
                          title="More")  # fmt: skip
    claim.refresh_from_db()
    assert claim.history.latest().version == claim.version
    claim = wf.claim_submit(actor=reviewer, claim=claim, version=claim.version)
    row = claim.history.latest()
    assert (row.status, row.version) == ("submitted", claim.version)
    claim.refresh_from_db()
    assert row.version == claim.version
    versions = list(claim.history.order_by("history_date").values_list("version", flat=True))
    assert versions == sorted(set(versions)), versions  # one row per version, none repeated
