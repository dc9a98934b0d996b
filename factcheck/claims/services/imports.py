"""Importing a claim from another annotation tool (W3C Web Annotation, Hypothesis).

The annotation's quote and position are resolved on the article's current text with the
re-anchoring search (articles.anchoring.find_quote): the exact quote with its context first,
near the given position, then a fuzzy match. A quote that is nowhere in the text still
becomes a claim, marked orphaned and kept with its quote (reviewers re-attach it or retract
it), never dropped. The claim is a draft of the importing user; the annotation's own author
and id are kept in `original_creator` and `original_id`, and the audit trail records the
import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from factcheck.accounts.models import User
from factcheck.articles import anchoring
from factcheck.articles.models import Article, ArticleStatus
from factcheck.claims.models import AnchorState, Claim, EventAction, EvidenceLink, Rating
from factcheck.claims.permissions import ARTICLE_ARCHIVED, NOT_A_REVIEWER, can_create_claim
from factcheck.claims.services.audit import article_refresh_status, event_record
from factcheck.claims.services.validation import (
    CLAIM_LIMITS,
    QUOTE_BLANK,
    check_lengths,
    clean_evidence,
    resolve_tags,
    resolve_verdict,
)
from factcheck.core.errors import ActionForbidden

ALREADY_IMPORTED = "This annotation was imported already (claim #{pk})."
IMPORT_LIMITS = {"original_creator": 300, "original_id": 2000}


def resolve_anchor(
    body: str, *, quote: str, prefix: str, suffix: str, start: int | None, end: int | None
) -> tuple[AnchorState, anchoring.Anchor | None]:
    """Where the quote is in `body`: (state, anchor), or (ORPHANED, None) when it is gone."""
    if start is not None and end is not None and anchoring.quote_matches(body, start, end, quote):
        return AnchorState.EXACT, anchoring.Anchor.from_body(body, start, end)
    wanted = anchoring.Anchor(start or 0, end or 0, quote, prefix, suffix)
    result = anchoring.find_quote(body, wanted, hint=start)
    anchor = result.to_anchor()
    if anchor is None:
        return AnchorState.ORPHANED, None
    fuzzy = result.state is anchoring.AnchorState.FUZZY
    return (AnchorState.FUZZY if fuzzy else AnchorState.EXACT), anchor


def _orphan_span(quote: str, start: int | None, end: int | None) -> tuple[int, int]:
    if start is not None and end is not None and 0 <= start < end:
        return start, end
    return 0, len(quote)


@transaction.atomic
def claim_import(
    *,
    actor: User,
    article: Article,
    quote: str,
    prefix: str = "",
    suffix: str = "",
    start: int | None = None,
    end: int | None = None,
    claim_text: str = "",
    claimant: str = "",
    verdict: Rating | str | None = None,
    rationale: str = "",
    tags: Iterable[str] = (),
    evidence: Iterable[Mapping[str, Any]] = (),
    original_creator: str = "",
    original_id: str = "",
) -> Claim:
    """Create a draft claim from an imported annotation (see the module docstring)."""
    article = Article.objects.select_for_update(no_key=True).get(pk=article.pk)
    if not can_create_claim(actor, article):
        raise ActionForbidden(
            ARTICLE_ARCHIVED if article.status == ArticleStatus.ARCHIVED else NOT_A_REVIEWER
        )
    if not quote.strip():
        raise ValidationError({"quote": QUOTE_BLANK})
    values = {
        "claimant": claimant,
        "original_creator": original_creator,
        "original_id": original_id,
    }
    errors = check_lengths(values, {**CLAIM_LIMITS, **IMPORT_LIMITS})
    if errors:
        raise ValidationError(errors)
    if original_id and (twin := article.claims.filter(original_id=original_id).first()):
        raise ValidationError(
            {"id": ValidationError(ALREADY_IMPORTED.format(pk=twin.pk), code="duplicate")}
        )
    rating = resolve_verdict(verdict)
    evidence_rows = [clean_evidence(item) for item in evidence]
    tag_rows = resolve_tags(tags)
    revision = article.current
    state, anchor = resolve_anchor(
        revision.body, quote=quote, prefix=prefix, suffix=suffix, start=start, end=end
    )
    if anchor is None:
        span_start, span_end = _orphan_span(quote, start, end)
        anchor = anchoring.Anchor(span_start, span_end, quote, prefix, suffix)
    claim = Claim.objects.create(
        article=article,
        revision=revision,
        start=anchor.start,
        end=anchor.end,
        quote=anchor.quote,
        prefix=anchor.prefix,
        suffix=anchor.suffix,
        anchor_state=state,
        previous_quote=quote if anchor.quote != quote else "",
        claim_text=(claim_text or "").strip() or anchor.quote.strip(),
        claimant=(claimant or "").strip(),
        verdict=rating,
        rationale=rationale or "",
        author=actor,
        original_creator=original_creator.strip(),
        original_id=original_id,
        language=article.language,  # the search configuration, as for a claim made here
        search_tags=" ".join(t.name for t in tag_rows),  # the tags in the search document
    )
    claim.tags.set(tag_rows)
    for row in evidence_rows:
        EvidenceLink.objects.create(claim=claim, created_by=actor, **row)
    event_record(
        actor=actor,
        claim=claim,
        action=EventAction.IMPORT,
        to_status=claim.status,
        changes={
            "quote": quote,
            "start": claim.start,
            "end": claim.end,
            "anchor_state": state,
            "original_creator": claim.original_creator,
            "original_id": original_id,
            "evidence": len(evidence_rows),
        },
    )
    article_refresh_status(article)
    return claim
