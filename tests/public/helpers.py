"""Build the state issue 15 is about: a published claim sent back to its author by a revision
of the article, whose working copy the author then changes (none of it approved)."""

from factcheck.claims.models import Claim, ClaimStatus
from factcheck.reviews import revisions
from factcheck.reviews.services import (
    claim_approve,
    claim_publish,
    claim_request_changes,
    claim_submit,
)
from tests.factories import make_claim


def run(service, claim, actor, **kwargs):
    """Call a workflow service with the version the actor read."""
    claim.refresh_from_db()
    return service(actor=actor, claim=claim, version=claim.version, **kwargs)


def publish(claim, *, author, approver, publisher):
    run(claim_submit, claim, author)
    run(claim_approve, claim, approver)
    return run(claim_publish, claim, publisher)


def published_claim(article, *, author, approver, publisher, phrase="DeepSeek", **extra):
    claim = make_claim(article, author, phrase, **extra)
    return publish(claim, author=author, approver=approver, publisher=publisher)


def send_back_by_revision(claim, *, editor, old="DeepSeek said", new="Deepseek said"):
    """Revise the article so the claim's words change (back to review), then request changes:
    the author may edit the working copy again."""
    article = claim.article
    article.refresh_from_db()
    revisions.article_revise(actor=editor, article=article,
                             body=article.body.replace(old, new), note="Typo")  # fmt: skip
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED, claim.anchor_state
    run(claim_request_changes, claim, editor, note="Check the new wording.")
    return Claim.objects.get(pk=claim.pk)
