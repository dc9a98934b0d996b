"""Create and edit claims, with optimistic locking: every change bumps `version` and writes a
ReviewEvent in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from factcheck.accounts.models import User
from factcheck.articles.anchoring import quote_context
from factcheck.articles.models import Article, ArticleStatus
from factcheck.claims.models import (
    Claim,
    EventAction,
    EvidenceLink,
    Rating,
)
from factcheck.claims.permissions import (
    ARTICLE_ARCHIVED,
    NOT_A_REVIEWER,
    can_create_claim,
    edit_refusal,
)
from factcheck.claims.services.audit import article_refresh_status, event_record
from factcheck.claims.services.validation import (
    CLAIM_FIELDS,
    CLAIM_LIMITS,
    STALE_VERSION,
    VERSION_REQUIRED,
    check_lengths,
    clean_evidence,
    resolve_tags,
    resolve_verdict,
    validate_target,
)
from factcheck.core.errors import ActionForbidden, Conflict


@transaction.atomic
def claim_create(
    *, actor: User, article: Article, start: int, end: int, quote: str,
    prefix: str | None = None, suffix: str | None = None, claim_text: str = "",
    claimant: str = "", verdict: Rating | str | None = None, rationale: str = "",
    tags: Iterable[str] = (), evidence: Iterable[Mapping[str, Any]] = (),
    see_also: Iterable[Claim] = (),
) -> Claim:  # fmt: skip
    """Create a draft claim on the article's current revision after checking the quote.

    `see_also`: earlier claims this one was started from ("Checked before?"), linked both ways.
    """
    # Locked, so a revision being saved right now finishes first and we check the quote against
    # its text (else the claim would land on the superseded revision, never re-anchored).
    # No select_related: a joined row is not re-read when the lock waits for a writer.
    article = Article.objects.select_for_update(no_key=True).get(pk=article.pk)
    if not can_create_claim(actor, article):
        raise ActionForbidden(
            ARTICLE_ARCHIVED if article.status == ArticleStatus.ARCHIVED else NOT_A_REVIEWER
        )
    revision = article.current
    validate_target(revision.body, start, end, quote)
    errors = check_lengths({"claimant": claimant}, CLAIM_LIMITS)
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
        verdict=rating, rationale=rationale or "", author=actor, language=article.language,
        search_tags=" ".join(t.name for t in tag_rows),
    )  # fmt: skip
    claim.tags.set(tag_rows)
    for row in evidence_rows:
        EvidenceLink.objects.create(claim=claim, created_by=actor, **row)
    event_record(
        actor=actor, claim=claim, action=EventAction.CREATE, to_status=claim.status,
        changes={"quote": quote, "start": start, "end": end, "evidence": len(evidence_rows)},
    )  # fmt: skip
    for other in see_also:
        claim_link_see_also(actor=actor, claim=claim, other=other)
    article_refresh_status(article)
    return claim


def claim_link_see_also(*, actor: Any, claim: Claim, other: Claim) -> bool:
    """Record that `claim` and `other` check the same thing: the link is on both claims and so
    is the audit row. Linking twice (or a claim to itself) changes nothing; returns whether it
    linked. A link is not an edit of either claim's content: no version bump."""
    if claim.pk == other.pk or claim.see_also.filter(pk=other.pk).exists():
        return False
    claim.see_also.add(other)  # symmetrical: other.see_also now holds claim too
    for one, two in ((claim, other), (other, claim)):
        event_record(actor=actor, claim=one, action=EventAction.SEE_ALSO, from_status=one.status,
                     to_status=one.status, changes={"see_also": [None, two.pk]})  # fmt: skip
    return True


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


def bump_version(claim: Claim, *, update_fields: list[str] | None = None) -> None:
    """Advance the version and save the claim (the caller holds its row lock, lock_claim).

    One save, after the increment: the history row written by this save records the version
    the claim now has, the one clients are told to send next (not the one it had before)."""
    claim.version += 1
    claim.save(update_fields=None if update_fields is None else [*update_fields, "version"])


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
            claim.search_tags = " ".join(new_names)  # feeds the search document
            diff["tags"] = [old_names, new_names]
    for name in ("claim_text", "claimant", "rationale", "verdict"):
        if name not in changes:
            continue
        value: Any = resolve_verdict(changes[name]) if name == "verdict" else (changes[name] or "")
        if name == "claim_text" and not value.strip():
            value = claim.quote.strip()
        old = getattr(claim, name)
        if old != value:
            setattr(claim, name, value)
            diff[name] = [_display(old), _display(value)]
    return diff


@transaction.atomic
def claim_update(
    *, actor: User, claim: Claim, version: int | None, evidence: Iterable[Mapping] | None = None,
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
    errors = check_lengths(changes, CLAIM_LIMITS)
    if errors:
        raise ValidationError(errors)
    diff = _apply_claim_fields(claim, changes)
    if evidence is not None:
        diff |= _sync_evidence(actor=actor, claim=claim, items=list(evidence))
    if not diff:
        return claim  # a no-op edit changes nothing, not even the version
    bump_version(claim)
    event_record(actor=actor, claim=claim, action=EventAction.EDIT, from_status=claim.status,
                 to_status=claim.status, changes=diff)  # fmt: skip
    return claim


def _sync_evidence(*, actor: User, claim: Claim, items: list[Mapping]) -> dict[str, list[Any]]:
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
