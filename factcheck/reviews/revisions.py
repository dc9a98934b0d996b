"""Saving a corrected article text: a new immutable revision, and every claim re-anchored.

This is a reviews use case because it spans apps: it writes the article (articles), moves
every claim's target (claims) and sends approved or published claims whose words changed back
to review (the workflow). It runs in one transaction with the article and its claims locked,
so an edit of a claim made at the same moment queues behind it and then sees fresh offsets.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from factcheck.accounts.models import User
from factcheck.articles import anchoring
from factcheck.articles.models import Article, ArticleRevision
from factcheck.articles.services import body_hash, can_edit_article, prepare_body
from factcheck.claims.models import AnchorState, Claim, ClaimStatus, EventAction, ReviewEvent
from factcheck.claims.services import (
    article_refresh_status,
    check_version,
    event_record,
    lock_claim,
    validate_target,
)
from factcheck.core.errors import ActionForbidden, Conflict
from factcheck.reviews.notifications import revision_sent_back_notified
from factcheck.reviews.permissions import reattach_refusal
from factcheck.reviews.services import system_back_to_review
from factcheck.reviews.workflow import VETTED

BODY_UNCHANGED = "The new text is identical to the current revision."
BODY_EMPTY = "The article text is empty."
CANNOT_REVISE = "Only editors and the article's assignees can revise its text."
REVISED_MEANWHILE = (
    "Someone saved revision {number} while you were editing: your text was not saved. "
    "Open the new text and apply your correction to it."
)
SENT_BACK_NOTE = "Re-attached to other words: the claim needs review again."
NEEDS_REVIEW_NOTE = (
    "The article was revised (revision {number}) and the claim's words changed ({state}): "
    "it needs review again."
)
ANCHOR_FIELDS = [
    "revision",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "anchor_state",
    "previous_quote",
    "status",
    "version",
    "submitted_at",
    "approver",
    "approved_at",
    "updated_at",
]


def _anchor_of(claim: Claim) -> anchoring.Anchor:
    return anchoring.Anchor(claim.start, claim.end, claim.quote, claim.prefix, claim.suffix)


def reanchor_results(claims: list[Claim], old_body: str, new_body: str, current_id: int):
    """Re-anchor claims on the current revision through one diff; older orphans by search.

    Pure (nothing is saved): used by the save below and by the preview before saving
    (reviews.selectors.revision_preview), so both always agree."""
    on_current = [c for c in claims if c.revision_id == current_id]
    results = dict(
        zip(
            (c.pk for c in on_current),
            anchoring.reanchor(old_body, new_body, [_anchor_of(c) for c in on_current]),
            strict=True,
        )
    )
    for claim in claims:
        if claim.pk not in results:
            results[claim.pk] = anchoring.find_quote(new_body, _anchor_of(claim))
    return results


def _apply_result(claim: Claim, result: anchoring.AnchorResult, revision: ArticleRevision) -> dict:
    """Move the claim to its new anchor (or flag it orphaned); return the audit changes."""
    old = {"state": claim.anchor_state, "start": claim.start, "end": claim.end}
    anchor = result.to_anchor()
    if anchor is None:
        claim.anchor_state = AnchorState.ORPHANED  # keeps its last quote and old revision
    else:
        if result.state == AnchorState.FUZZY and anchor.quote != claim.quote:
            claim.previous_quote = claim.quote
        claim.revision = revision
        claim.start, claim.end = anchor.start, anchor.end
        claim.quote, claim.prefix, claim.suffix = anchor.quote, anchor.prefix, anchor.suffix
        claim.anchor_state = result.state
    new = {"state": claim.anchor_state, "start": claim.start, "end": claim.end}
    return {key: [old[key], new[key]] for key in old if old[key] != new[key]}


def _needs_review(claim: Claim) -> bool:
    return claim.status in VETTED and claim.anchor_state in (
        AnchorState.FUZZY,
        AnchorState.ORPHANED,
    )


@transaction.atomic
def article_revise(
    *, actor: User, article: Article, body: str, note: str = "", base_number: int | None = None
) -> ArticleRevision:
    """Save `body` as the article's next revision and re-anchor every live claim.

    `base_number`, when given, is the revision the editor started from: if another revision
    was saved since, nothing is saved (Conflict) rather than silently undoing it."""
    # Lock order: the claims (by pk), then the article, as a workflow transition does (claim,
    # then the article's status); the reverse order deadlocks against a concurrent approval.
    # NO KEY UPDATE on the article still lets concurrent edits insert rows that reference it.
    list(
        Claim.objects.select_for_update(of=("self",))
        .filter(article_id=article.pk)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    # No select_related: after waiting for a concurrent revision PostgreSQL re-reads the locked
    # article row but not a joined one, and current_revision would come back as None.
    article = Article.objects.select_for_update(no_key=True).get(pk=article.pk)
    if not can_edit_article(actor, article):
        raise ActionForbidden(CANNOT_REVISE)
    old = article.current
    if base_number is not None and old.number != base_number:
        raise Conflict(REVISED_MEANWHILE.format(number=old.number))
    body = prepare_body(body)
    if not body:
        raise ValidationError({"body": BODY_EMPTY})
    if body == article.body:
        raise ValidationError({"body": BODY_UNCHANGED})
    revision = ArticleRevision.objects.create(
        article=article,
        number=old.number + 1,
        body=body,
        body_hash=body_hash(body),
        note=(note or "").strip(),
        created_by=actor,
        language=article.language,
    )
    article.body, article.body_hash, article.current_revision = body, revision.body_hash, revision
    article.updated_by = actor
    article.save()
    _reanchor_claims(actor=actor, article=article, old=old, revision=revision)
    event_record(
        actor=actor,
        claim=None,
        article=article,
        action=EventAction.REVISE,
        note=revision.note,
        changes={"revision": [old.number, revision.number]},
    )
    article_refresh_status(article)
    return revision


def _reanchor_claims(
    *, actor: User, article: Article, old: ArticleRevision, revision: ArticleRevision
) -> None:
    claims = list(
        Claim.objects.select_for_update()
        .filter(article=article)
        .exclude(status=ClaimStatus.RETRACTED)
        .order_by("pk")
    )
    results = reanchor_results(claims, old.body, revision.body, old.pk)
    now = timezone.now()
    changed, events = [], []
    for claim in claims:
        old_revision_id = claim.revision_id
        changes = _apply_result(claim, results[claim.pk], revision)
        from_status = claim.status
        if _needs_review(claim):  # through the workflow table (SYSTEM_TRANSITIONS)
            system_back_to_review(claim, EventAction.REANCHOR_REVIEW, now=now)
        if changes or claim.status != from_status:
            events.append(_reanchor_event(actor, claim, from_status, changes, revision))
        elif claim.revision_id == old_revision_id:
            continue
        # An unmoved claim still points at the new revision (else it stays on the old one).
        claim.updated_at = now
        changed.append(claim)
    if changed:
        bulk_update_with_history(changed, Claim, ANCHOR_FIELDS, batch_size=500, default_user=actor)
        ReviewEvent.objects.bulk_create(events, batch_size=500)
    back = EventAction.REANCHOR_REVIEW
    sent_back = [(c, e.note) for e in events if e.action == back and (c := e.claim) is not None]
    if sent_back:
        transaction.on_commit(lambda: revision_sent_back_notified(actor=actor, items=sent_back))


def _reanchor_event(
    actor: User, claim: Claim, from_status: str, changes: dict, revision: ArticleRevision
) -> ReviewEvent:
    sent_back = claim.status != from_status
    return ReviewEvent(
        actor=actor,
        article_id=claim.article_id,
        claim=claim,
        action=EventAction.REANCHOR_REVIEW if sent_back else EventAction.REANCHOR,
        from_status=from_status,
        to_status=claim.status,
        note=NEEDS_REVIEW_NOTE.format(number=revision.number, state=claim.anchor_state)
        if sent_back
        else "",
        changes={**changes, "revision": revision.number},
    )


@transaction.atomic
def claim_reattach(
    *, actor: User, claim: Claim, start: int, end: int, quote: str, version: int | None
) -> Claim:
    """Attach a claim (typically orphaned or fuzzy) to a new selection on the current revision.

    `version` is the one the user read (a stale one is a Conflict). A vetted (approved or
    published) claim now stands under words nobody approved, so it goes back to review through
    the workflow (SYSTEM_TRANSITIONS); the re-attacher becomes a contributor (four eyes)."""
    claim = lock_claim(claim.pk)
    check_version(claim, version)
    if refusal := reattach_refusal(actor, claim):
        raise ActionForbidden(refusal)
    revision = claim.article.current
    validate_target(revision.body, start, end, quote)
    old = {
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "state": claim.anchor_state,
    }
    claim.revision = revision
    claim.start, claim.end, claim.quote = start, end, quote
    claim.prefix, claim.suffix = anchoring.quote_context(revision.body, start, end)
    claim.anchor_state = AnchorState.EXACT
    from_status = claim.status
    if claim.status in VETTED:
        system_back_to_review(claim, EventAction.REATTACH)
    else:
        claim.version += 1
    claim.save()
    event_record(
        actor=actor,
        claim=claim,
        action=EventAction.REATTACH,
        from_status=from_status,
        to_status=claim.status,
        note=SENT_BACK_NOTE if claim.status != from_status else "",
        changes={
            k: [v, getattr(claim, k if k != "state" else "anchor_state")] for k, v in old.items()
        },
    )
    if claim.status != from_status:
        article_refresh_status(claim.article)
    return claim
