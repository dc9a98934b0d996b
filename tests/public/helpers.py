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


def bulk_versions(claims, *, tags=()):
    """Published versions for bulk-inserted published claims (benchmarks and big fixtures that
    cannot run the workflow 10,000 times): what `publish_version` writes, in three queries."""
    from django.db.models import OuterRef, Subquery

    from factcheck.claims.models import EvidenceLink, PublishedVersion

    evidence = {}
    for link in EvidenceLink.objects.filter(claim__in=claims, is_removed=False).order_by("id"):
        evidence.setdefault(link.claim_id, []).append({
            "id": link.pk, "url": link.url, "title": link.title, "publisher": link.publisher,
            "excerpt": link.excerpt, "stance": link.stance, "accessed_on": None,
            "archived_url": link.archived_url or None,
        })  # fmt: skip
    names = sorted(tags)
    PublishedVersion.objects.bulk_create(
        [
            PublishedVersion(
                claim=c, number=1, kind="publication", article_id=c.article_id,
                revision_id=c.revision_id, revision_number=1, start=c.start, end=c.end,
                quote=c.quote, prefix=c.prefix, suffix=c.suffix, anchor_state=c.anchor_state,
                claim_text=c.claim_text, claimant=c.claimant, verdict=c.verdict,
                verdict_slug=c.verdict.slug if c.verdict else "",
                verdict_label=c.verdict.label if c.verdict else "", rationale=c.rationale,
                evidence=evidence.get(c.pk, []), tags=names, search_tags=" ".join(names),
                author_id=c.author_id, author_name="Author", approver_id=c.approver_id,
                approver_name="Approver", claim_created_at=c.created_at,
                approved_at=c.approved_at, first_published_at=c.published_at,
                published_at=c.published_at, language=c.language,
            )
            for c in claims
        ],
        batch_size=2000,
    )  # fmt: skip
    latest = PublishedVersion.objects.filter(claim_id=OuterRef("pk")).order_by("-number")
    Claim.objects.filter(pk__in=[c.pk for c in claims]).update(
        public_version_id=Subquery(latest.values("pk")[:1])
    )
