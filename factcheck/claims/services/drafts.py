"""Autosaved drafts of the claim form: private scratch for their author, never a claim.

A draft is written on every pause in typing, so it is an upsert without an audit row (the claim
itself is audited when it is saved). Only the person who may create or edit the claim may keep
a draft of it; only its owner reads or discards it (claims.selectors.draft_get).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from factcheck.accounts.models import User
from factcheck.articles.models import Article, ArticleStatus
from factcheck.claims.models import Claim, ClaimDraft
from factcheck.claims.permissions import (
    ARTICLE_ARCHIVED,
    NOT_A_REVIEWER,
    can_create_claim,
    edit_refusal,
)
from factcheck.core.errors import ActionForbidden

DRAFT_TEXT_FIELDS = ("claim_text", "claimant", "verdict", "rationale", "tags", "see_also")
DRAFT_EVIDENCE_FIELDS = (
    "id",
    "url",
    "title",
    "publisher",
    "excerpt",
    "stance",
    "accessed_on",
    "archived_url",
)
DRAFT_MAX_CHARS = 200_000
DRAFT_MAX_EVIDENCE = 50
DRAFT_TOO_LARGE = "This draft is too large to keep (more than 200,000 characters)."
DRAFT_BAD_SELECTION = "A draft of a new claim needs its selection: 0 <= start < end."
DRAFT_WRONG_ARTICLE = "This claim is not on this article."


def clean_draft_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Keep only the form's known fields, as strings; evidence rows as lists of string dicts."""
    cleaned: dict[str, Any] = {
        name: str(fields.get(name) or "") for name in DRAFT_TEXT_FIELDS if fields.get(name)
    }
    rows = fields.get("evidence") or []
    if not isinstance(rows, list):
        rows = []
    evidence = []
    for row in rows[:DRAFT_MAX_EVIDENCE]:
        if not isinstance(row, Mapping):
            continue
        item: dict[str, str | bool] = {
            name: str(row.get(name) or "") for name in DRAFT_EVIDENCE_FIELDS
        }
        item["removed"] = bool(row.get("removed"))
        evidence.append(item)
    if evidence:
        cleaned["evidence"] = evidence
    size = sum(len(v) for v in cleaned.values() if isinstance(v, str)) + sum(
        len(v) for row in evidence for v in row.values() if isinstance(v, str)
    )
    if size > DRAFT_MAX_CHARS:
        raise ValidationError({"fields": DRAFT_TOO_LARGE})
    return cleaned


@transaction.atomic
def draft_save(
    *,
    actor: User,
    article: Article,
    fields: Mapping[str, Any],
    claim: Claim | None = None,
    start: int | None = None,
    end: int | None = None,
    quote: str = "",
    base_version: int | None = None,
) -> ClaimDraft:
    """Keep what `actor` has typed in the form of a new claim on a selection, or of `claim`.

    `base_version`: the version of `claim` the typing started from, when it is known to be
    older than the claim's (an edit refused as stale); else the claim's version at the first
    save of the draft."""
    values = clean_draft_fields(fields)
    if claim is not None:
        if claim.article_id != article.pk:
            raise ValidationError({"claim": DRAFT_WRONG_ARTICLE})
        if refusal := edit_refusal(actor, claim):
            raise ActionForbidden(refusal)
        defaults: dict[str, Any] = {"article": article, "fields": values}
        if base_version is not None:
            defaults["base_version"] = base_version
        draft, _ = ClaimDraft.objects.update_or_create(
            user=actor,
            claim=claim,
            defaults=defaults,
            create_defaults={"base_version": claim.version} | defaults,
        )
        return draft
    if not can_create_claim(actor, article):
        archived = article.status == ArticleStatus.ARCHIVED
        raise ActionForbidden(ARTICLE_ARCHIVED if archived else NOT_A_REVIEWER)
    if start is None or end is None or not 0 <= start < end:
        raise ValidationError({"start": DRAFT_BAD_SELECTION})
    draft, _ = ClaimDraft.objects.update_or_create(
        user=actor,
        article=article,
        claim=None,
        start=start,
        end=end,
        defaults={"fields": values, "quote": quote[:DRAFT_MAX_CHARS]},
    )
    return draft


def draft_discard(*, actor: User, draft: ClaimDraft) -> None:
    """Delete a draft: only its owner may (anyone else is told it does not exist)."""
    if draft.user_id != actor.pk:
        raise ClaimDraft.DoesNotExist
    ClaimDraft.objects.filter(pk=draft.pk, user=actor).delete()


def draft_clear(
    *,
    actor: User,
    claim: Claim | None = None,
    article: Article | None = None,
    start: int | None = None,
    end: int | None = None,
) -> int:
    """Delete `actor`'s draft of `claim` (or of the new claim on [start, end)) once it is saved."""
    drafts = ClaimDraft.objects.filter(user=actor)
    if claim is not None:
        drafts = drafts.filter(claim=claim)
    else:
        drafts = drafts.filter(article=article, claim=None, start=start, end=end)
    deleted, _ = drafts.delete()
    return deleted
