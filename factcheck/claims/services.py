"""Writes for claims: create, edit (with optimistic locking), evidence, comments, audit events.

Workflow transitions live in reviews.services; every function here that changes a claim bumps
its `version` and records a ReviewEvent in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F

from factcheck.articles.anchoring import quote_context, quote_matches
from factcheck.articles.models import Article, ArticleStatus
from factcheck.claims.models import (
    Claim,
    ClaimStatus,
    Comment,
    EvidenceLink,
    Rating,
    ReviewEvent,
    Stance,
    Tag,
    VerdictScale,
)
from factcheck.claims.permissions import (
    ARTICLE_ARCHIVED,
    NOT_A_REVIEWER,
    can_comment_claim,
    can_create_claim,
    edit_refusal,
)
from factcheck.core.errors import ActionForbidden, Conflict

QUOTE_MISMATCH = (
    "The quote does not match the article text at these offsets: "
    "the text at [{start}, {end}) is {actual!r}."
)
OFFSETS_OUT_OF_RANGE = "Offsets must satisfy 0 <= start < end <= {length} (the body length)."
QUOTE_BLANK = "A claim must quote some text, not only spaces."
UNKNOWN_VERDICT = "Unknown verdict {slug!r}: use a slug from the active verdict scale."
STALE_VERSION = (
    "This claim was changed by someone else (you have version {given}, the current one is "
    "{current}). Reload it and apply your changes again."
)
VERSION_REQUIRED = "Send the version of the claim you are editing."
URL_NOT_HTTP = "Enter a valid http:// or https:// URL."
UNKNOWN_STANCE = "Stance must be one of: supports, refutes, context."
COMMENT_EMPTY = "A comment cannot be empty."
BAD_TAG = "Tags are short words: letters, digits, hyphens and underscores (max 50)."

CLAIM_FIELDS = ("claim_text", "claimant", "verdict", "rationale", "tags")
EVIDENCE_FIELDS = ("url", "title", "publisher", "excerpt", "stance", "accessed_on", "archived_url")
EVIDENCE_LIMITS = {"url": 2000, "title": 300, "publisher": 200, "archived_url": 2000}
CLAIM_LIMITS = {"claimant": 300}

http_url_validator = URLValidator(schemes=["http", "https"], message=URL_NOT_HTTP)


# --- audit ------------------------------------------------------------------------------------


def event_record(
    *, actor: Any, claim: Claim | None, article: Article | None = None, action: str,
    from_status: str = "", to_status: str = "", note: str = "", changes: Mapping | None = None,
) -> ReviewEvent:  # fmt: skip
    """Append one row to the audit trail."""
    return ReviewEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        claim=claim, article=article or claim.article,  # type: ignore[union-attr]
        action=action, from_status=from_status, to_status=to_status, note=note,
        changes=dict(changes or {}),
    )  # fmt: skip


def article_refresh_status(article: Article) -> Article:
    """Derive the article's status from its live claims (PRODUCT.md §3); archived stays put."""
    # Lock the article row before reading its claims: two transitions on claims of one article
    # would otherwise each miss the other's uncommitted change and both write a stale status.
    article.status = (
        Article.objects.select_for_update(no_key=True)
        .values_list("status", flat=True)
        .get(pk=article.pk)
    )
    if article.status == ArticleStatus.ARCHIVED:
        return article
    live = article.claims.exclude(status=ClaimStatus.RETRACTED)
    statuses = set(live.values_list("status", flat=True))
    if statuses & {ClaimStatus.DRAFT, ClaimStatus.CHANGES_REQUESTED}:
        new = ArticleStatus.IN_PROGRESS
    elif ClaimStatus.SUBMITTED in statuses:
        new = ArticleStatus.IN_REVIEW
    elif ClaimStatus.APPROVED in statuses:
        new = ArticleStatus.REVIEWED
    elif ClaimStatus.PUBLISHED in statuses:
        new = ArticleStatus.PUBLISHED
    else:
        new = ArticleStatus.IN_PROGRESS if article.assignees.exists() else ArticleStatus.NEW
    if new != article.status:
        Article.objects.filter(pk=article.pk).update(status=new)
        article.status = new
    return article


# --- validation helpers -------------------------------------------------------------------------


def active_scale() -> VerdictScale | None:
    return VerdictScale.objects.filter(is_active=True).first()


def resolve_verdict(value: Rating | str | None) -> Rating | None:
    if value is None or value == "" or isinstance(value, Rating):
        return value or None
    rating = Rating.objects.filter(scale__is_active=True, slug=value).first()
    if rating is None:
        raise ValidationError({"verdict": UNKNOWN_VERDICT.format(slug=value)})
    return rating


def resolve_tags(names: Iterable[str]) -> list[Tag]:
    cleaned = sorted({name.strip().lower() for name in names if name and name.strip()})
    tag_field = Tag._meta.get_field("name")
    for name in cleaned:
        try:
            tag_field.run_validators(name)
        except ValidationError:
            raise ValidationError({"tags": BAD_TAG}) from None
        if len(name) > 50:
            raise ValidationError({"tags": BAD_TAG})
    return [Tag.objects.get_or_create(name=name)[0] for name in cleaned]


def _check_lengths(values: Mapping[str, Any], limits: Mapping[str, int]) -> dict[str, str]:
    return {
        name: f"Ensure this field has no more than {limit} characters."
        for name, limit in limits.items()
        if isinstance(values.get(name), str) and len(values[name]) > limit
    }


def clean_evidence(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate and normalise one evidence link's fields (raises ValidationError by field)."""
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
    errors = _check_lengths(values, EVIDENCE_LIMITS)
    for name in ("url", "archived_url"):
        if values.get(name) and name not in errors:
            try:
                http_url_validator(values[name])
            except ValidationError:
                errors[name] = URL_NOT_HTTP
    if "url" in values and not values["url"]:
        errors["url"] = "Give the evidence URL."
    if "stance" in values and values["stance"] not in Stance.values:
        errors["stance"] = UNKNOWN_STANCE
    if errors:
        raise ValidationError(errors)
    if "archived_url" in values:
        values["archived_url"] = values["archived_url"] or ""
    return values


# --- claims -------------------------------------------------------------------------------------


def validate_target(body: str, start: int, end: int, quote: str) -> None:
    """Raise ValidationError unless `quote` is the body text at code points [start, end)."""
    if not (0 <= start < end <= len(body)):
        raise ValidationError({"start": OFFSETS_OUT_OF_RANGE.format(length=len(body))})
    if not quote.strip():
        raise ValidationError({"quote": QUOTE_BLANK})
    if not quote_matches(body, start, end, quote):
        raise ValidationError(
            {"quote": QUOTE_MISMATCH.format(start=start, end=end, actual=body[start:end][:200])}
        )


@transaction.atomic
def claim_create(
    *, actor: Any, article: Article, start: int, end: int, quote: str,
    prefix: str | None = None, suffix: str | None = None, claim_text: str = "",
    claimant: str = "", verdict: Rating | str | None = None, rationale: str = "",
    tags: Iterable[str] = (), evidence: Iterable[Mapping[str, Any]] = (),
) -> Claim:  # fmt: skip
    """Create a draft claim on the article's current revision after checking the quote."""
    # Locked, so a revision being saved right now finishes first and we check the quote against
    # its text (else the claim would land on the superseded revision, never re-anchored).
    # No select_related: a joined row is not re-read when the lock waits for a writer.
    article = Article.objects.select_for_update(no_key=True).get(pk=article.pk)
    if not can_create_claim(actor, article):
        raise ActionForbidden(
            ARTICLE_ARCHIVED if article.status == ArticleStatus.ARCHIVED else NOT_A_REVIEWER
        )
    revision = article.current_revision
    validate_target(revision.body, start, end, quote)
    errors = _check_lengths({"claimant": claimant}, CLAIM_LIMITS)
    if errors:
        raise ValidationError(errors)
    rating = resolve_verdict(verdict)
    evidence_rows = [clean_evidence(item) for item in evidence]
    tag_rows = resolve_tags(tags)
    auto_prefix, auto_suffix = quote_context(revision.body, start, end)
    claim = Claim.objects.create(
        article=article, revision=revision, start=start, end=end, quote=quote,
        prefix=auto_prefix if prefix is None else prefix,
        suffix=auto_suffix if suffix is None else suffix,
        claim_text=(claim_text or "").strip() or quote.strip(), claimant=(claimant or "").strip(),
        verdict=rating, rationale=rationale or "", author=actor,
    )  # fmt: skip
    claim.tags.set(tag_rows)
    for row in evidence_rows:
        EvidenceLink.objects.create(claim=claim, created_by=actor, **row)
    event_record(
        actor=actor, claim=claim, action="create", to_status=claim.status,
        changes={"quote": quote, "start": start, "end": end, "evidence": len(evidence_rows)},
    )  # fmt: skip
    article_refresh_status(article)
    return claim


def lock_claim(claim_id: int) -> Claim:
    """Re-read the claim under a row lock: concurrent writers queue here, then see fresh data."""
    return (
        Claim.objects.select_for_update(of=("self",))
        .select_related("article", "verdict")
        .get(pk=claim_id)
    )


def check_version(claim: Claim, version: int | None) -> None:
    if version is None:
        raise ValidationError({"version": VERSION_REQUIRED})
    if int(version) != claim.version:
        raise Conflict(STALE_VERSION.format(given=version, current=claim.version))


def bump_version(claim: Claim) -> None:
    Claim.objects.filter(pk=claim.pk).update(version=F("version") + 1)
    claim.version += 1


def _display(value: Any) -> Any:
    if isinstance(value, Rating):
        return value.slug
    return value


def _apply_claim_fields(claim: Claim, changes: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Set changed fields on `claim`; return {field: [old, new]} for the audit trail."""
    diff: dict[str, list[Any]] = {}
    if "tags" in changes:
        new_tags = resolve_tags(changes["tags"])
        old_names = sorted(claim.tags.values_list("name", flat=True))
        new_names = [t.name for t in new_tags]
        if old_names != new_names:
            claim.tags.set(new_tags)
            diff["tags"] = [old_names, new_names]
    for name in ("claim_text", "claimant", "rationale", "verdict"):
        if name not in changes:
            continue
        value = resolve_verdict(changes[name]) if name == "verdict" else (changes[name] or "")
        if name == "claim_text" and not value.strip():
            value = claim.quote.strip()
        old = getattr(claim, name)
        if old != value:
            setattr(claim, name, value)
            diff[name] = [_display(old), _display(value)]
    return diff


@transaction.atomic
def claim_update(
    *, actor: Any, claim: Claim, version: int | None, evidence: Iterable[Mapping] | None = None,
    **changes: Any,
) -> Claim:  # fmt: skip
    """Edit a claim's content. `version` must be the one the editor read (else Conflict).

    `evidence`, when given, is the whole desired list: items with an `id` are updated, items
    without are added, and live links not in the list are hidden (never deleted).
    """
    unknown = set(changes) - set(CLAIM_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be changed here." for name in unknown})
    claim = lock_claim(claim.pk)
    check_version(claim, version)
    if refusal := edit_refusal(actor, claim):
        raise ActionForbidden(refusal)
    errors = _check_lengths(changes, CLAIM_LIMITS)
    if errors:
        raise ValidationError(errors)
    diff = _apply_claim_fields(claim, changes)
    if evidence is not None:
        diff |= _sync_evidence(actor=actor, claim=claim, items=list(evidence))
    if not diff:
        return claim  # a no-op edit changes nothing, not even the version
    claim.save()
    bump_version(claim)
    event_record(actor=actor, claim=claim, action="edit", from_status=claim.status,
                 to_status=claim.status, changes=diff)  # fmt: skip
    return claim


def _sync_evidence(*, actor: Any, claim: Claim, items: list[Mapping]) -> dict[str, list[Any]]:
    live = {e.pk: e for e in claim.evidence_links.filter(is_removed=False)}
    cleaned = [(item.get("id"), clean_evidence({k: v for k, v in item.items() if k != "id"}))
               for item in items]  # fmt: skip
    unknown = [pk for pk, _ in cleaned if pk is not None and pk not in live]
    if unknown:
        raise ValidationError({"evidence": f"Unknown evidence id(s) for this claim: {unknown}."})
    added, changed = 0, 0
    keep = set()
    for pk, values in cleaned:
        if pk is None:
            EvidenceLink.objects.create(claim=claim, created_by=actor, **values)
            added += 1
            continue
        keep.add(pk)
        link = live[pk]
        if any(getattr(link, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(link, k, v)
            link.save()
            changed += 1
    removed = [pk for pk in live if pk not in keep]
    for pk in removed:
        live[pk].is_removed = True
        live[pk].save()
    if not (added or changed or removed):
        return {}
    return {"evidence": [f"{len(live)} links", f"+{added} ~{changed} -{len(removed)}"]}


# --- evidence -----------------------------------------------------------------------------------


def _edit_guard(actor: Any, claim_id: int) -> Claim:
    claim = lock_claim(claim_id)
    if refusal := edit_refusal(actor, claim):
        raise ActionForbidden(refusal)
    return claim


def _record_evidence_change(actor: Any, claim: Claim, action: str, changes: dict) -> None:
    claim.save(update_fields=["updated_at"])
    bump_version(claim)
    event_record(actor=actor, claim=claim, action=action, from_status=claim.status,
                 to_status=claim.status, changes=changes)  # fmt: skip


@transaction.atomic
def evidence_add(
    *, actor: Any, claim: Claim, url: str, title: str = "", publisher: str = "",
    excerpt: str = "", stance: str = Stance.SUPPORTS, accessed_on: date | None = None,
    archived_url: str = "",
) -> EvidenceLink:  # fmt: skip
    claim = _edit_guard(actor, claim.pk)
    values = clean_evidence({
        "url": url, "title": title, "publisher": publisher, "excerpt": excerpt,
        "stance": stance, "accessed_on": accessed_on, "archived_url": archived_url,
    })  # fmt: skip
    link = EvidenceLink.objects.create(claim=claim, created_by=actor, **values)
    _record_evidence_change(actor, claim, "evidence_add", {"url": [None, link.url]})
    return link


@transaction.atomic
def evidence_update(*, actor: Any, evidence: EvidenceLink, **changes: Any) -> EvidenceLink:
    unknown = set(changes) - set(EVIDENCE_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be changed here." for name in unknown})
    claim = _edit_guard(actor, evidence.claim_id)
    link = EvidenceLink.objects.select_for_update().get(pk=evidence.pk, is_removed=False)
    values = clean_evidence(changes)
    diff = {k: [str(getattr(link, k)), str(v)] for k, v in values.items() if getattr(link, k) != v}
    if not diff:
        return link
    for name, value in values.items():
        setattr(link, name, value)
    link.save()
    _record_evidence_change(actor, claim, "evidence_edit", {"evidence": link.pk, **diff})
    return link


@transaction.atomic
def evidence_remove(*, actor: Any, evidence: EvidenceLink) -> EvidenceLink:
    """Hide an evidence link. It stays in the database and in the audit trail."""
    claim = _edit_guard(actor, evidence.claim_id)
    link = EvidenceLink.objects.select_for_update().get(pk=evidence.pk)
    if link.is_removed:
        return link
    link.is_removed = True
    link.save()
    _record_evidence_change(actor, claim, "evidence_remove", {"url": [link.url, None]})
    return link


# --- comments -----------------------------------------------------------------------------------


@transaction.atomic
def comment_add(*, actor: Any, claim: Claim, body: str) -> Comment:
    if not can_comment_claim(actor, claim):
        raise ActionForbidden(NOT_A_REVIEWER)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": COMMENT_EMPTY})
    comment = Comment.objects.create(claim=claim, author=actor, body=body)
    event_record(actor=actor, claim=claim, action="comment", from_status=claim.status,
                 to_status=claim.status, changes={"comment": comment.pk})  # fmt: skip
    return comment
