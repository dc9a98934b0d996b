"""Create and edit claims, with optimistic locking: every change bumps `version` and writes a
ReviewEvent in the same transaction."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from factcheck.accounts.models import User
from factcheck.articles.anchoring import CONTEXT_CHARS
from factcheck.articles.models import Article, ArticleRevision, ArticleStatus
from factcheck.articles.selectors import revision_body
from factcheck.claims.models import (
    Claim,
    EventAction,
    EvidenceLink,
    Rating,
    ReviewEvent,
    Tag,
)
from factcheck.claims.permissions import (
    ARTICLE_ARCHIVED,
    NOT_A_REVIEWER,
    can_create_claim,
    edit_refusal,
)
from factcheck.claims.services.audit import event_new, event_record
from factcheck.claims.services.validation import (
    CLAIM_FIELDS,
    CLAIM_LIMITS,
    STALE_VERSION,
    UNKNOWN_ARTICLE,
    UNKNOWN_VERDICT,
    VERSION_REQUIRED,
    check_lengths,
    check_target,
    clean_evidence,
    resolve_tags,
    resolve_verdict,
    tag_order,
)
from factcheck.core.errors import ActionForbidden, Conflict
from factcheck.core.live import live_notify_sql
from factcheck.core.queries import insert_select, insert_values, prepared_cursor

LOCK_ATTEMPTS = 3  # reads of the article under lock when concurrent revisions keep moving it


@transaction.atomic
def claim_create(
    *,
    actor: User,
    article: Article | int,
    start: int,
    end: int,
    quote: str,
    prefix: str | None = None,
    suffix: str | None = None,
    claim_text: str = "",
    claimant: str = "",
    verdict: Rating | str | None = None,
    rationale: str = "",
    tags: Iterable[str] = (),
    evidence: Iterable[Mapping[str, Any]] = (),
    see_also: Iterable[Claim] = (),
) -> Claim:
    """Create a draft claim on the article's current revision after checking the quote.

    A handful of queries whatever the article's size: one locked read checks the quote and cuts
    the context inside the database, then the inserts (claim, its history row, the audit row).
    The returned claim carries its revision, verdict, author, tags and evidence, so a response
    is built without reading it back.

    `see_also`: earlier claims this one was started from ("Checked before?"), linked both ways.
    """
    article_id = article.pk if isinstance(article, Article) else int(article)
    target = _lock_target(article_id, start, end, verdict)
    if target is None:
        raise ValidationError({"article": UNKNOWN_ARTICLE})
    if isinstance(article, Article):
        article.status = target["status"]
    else:
        article = _deferred(
            Article, id=article_id, status=target["status"], language=target["language"]
        )
    if not can_create_claim(actor, article):
        raise ActionForbidden(
            ARTICLE_ARCHIVED if article.status == ArticleStatus.ARCHIVED else NOT_A_REVIEWER
        )
    check_target(
        length=target["body_length"],
        actual=target["actual"] or "",
        start=start,
        end=end,
        quote=quote,
    )
    errors = check_lengths({"claimant": claimant}, CLAIM_LIMITS)
    if errors:
        raise ValidationError(errors)
    rating = _target_rating(verdict, target)
    evidence_rows = [clean_evidence(item) for item in evidence]
    tag_rows = resolve_tags(tags)
    claim = Claim(
        article_id=article_id,
        revision_id=target["current_revision_id"],
        start=start,
        end=end,
        quote=quote,
        prefix=target["auto_prefix"] if prefix is None else prefix,
        suffix=target["auto_suffix"] if suffix is None else suffix,
        claim_text=(claim_text or "").strip() or quote.strip(),
        claimant=(claimant or "").strip(),
        verdict=rating,
        rationale=rationale or "",
        author=actor,
        language=article.language,
        search_tags=" ".join(t.name for t in tag_rows),
    )
    changes = {"quote": quote, "start": start, "end": end, "evidence": len(evidence_rows)}
    _insert_with_trail(claim, actor=actor, article=article, changes=changes)
    claim.revision = _deferred(
        ArticleRevision,
        id=target["current_revision_id"],
        article_id=article_id,
        number=target["revision_number"],
    )
    claim.article = article
    if tag_rows:
        Claim.tags.through.objects.bulk_create(
            [Claim.tags.through(claim_id=claim.pk, tag_id=tag.pk) for tag in tag_rows]
        )
    cache_tags(claim, tag_rows)
    claim.live_evidence = [  # type: ignore[attr-defined]
        EvidenceLink.objects.create(claim=claim, created_by=actor, **row) for row in evidence_rows
    ]
    if article.status != ArticleStatus.IN_PROGRESS:
        # A draft makes its article "in progress" (PRODUCT.md §3), whatever its other claims.
        Article.objects.filter(pk=article_id).update(status=ArticleStatus.IN_PROGRESS)
        article.status = ArticleStatus.IN_PROGRESS
    for other in see_also:
        claim_link_see_also(actor=actor, claim=claim, other=other)
    return claim


def _insert_with_trail(
    claim: Claim, *, actor: User, article: Article, changes: dict[str, Any]
) -> None:
    """Save the new `claim` with its history row and its audit row ("created").

    On PostgreSQL the three rows are one statement (data-modifying CTEs), its SQL built from the
    models: this is the hot path of the highlight flow, and the ORM's three compiled inserts
    (and simple-history's signal) cost more than the database's work. Elsewhere: the ORM, with
    the same rows (tests/claims/test_create_statement.py compares both).
    """
    claim._history_user = actor  # type: ignore[attr-defined]  # simple-history's author
    if connection.vendor != "postgresql":
        claim.save(force_insert=True)
        event_record(
            actor=actor,
            claim=claim,
            article=article,
            action=EventAction.CREATE,
            to_status=claim.status,
            changes=changes,
        )
        return
    values = insert_values(claim)
    history, copied = _claim_history(tuple(values))
    history_values = {
        "history_date": timezone.now(),
        "history_type": "+",
        "history_user_id": actor.pk,
        "history_change_reason": None,
    }
    event = event_new(
        actor=actor, claim=None, article=article, action=EventAction.CREATE,
        to_status=claim.status, changes=changes,
    )  # fmt: skip
    event_values = insert_values(event)
    del event_values["claim_id"]
    claim_sql, claim_params = insert_select(Claim, values)
    # The history row copies the claim's columns from the row just written (RETURNING): no
    # second set of parameters, which kept psycopg from caching the statement's parsing.
    copies = {name: f"c.{column}" for name, column in copied.items()}
    history_sql, history_params = insert_select(history, history_values, copies)
    event_sql, event_params = insert_select(ReviewEvent, event_values, {"claim_id": "c.id"})
    sql = (
        f"WITH c AS ({claim_sql} RETURNING {', '.join(copied.values())}), "  # noqa: S608
        f"h AS ({history_sql} FROM c), "
        f"e AS ({event_sql} FROM c RETURNING id) "
        f"SELECT c.id, e.id, {live_notify_sql('event', 'e.id')} FROM c, e"
    )
    with prepared_cursor() as cursor:
        cursor.execute(sql, [*claim_params, *history_params, *event_params])
        claim.pk, event.pk, _ = cursor.fetchone()
    for instance in (claim, event):
        instance._state.adding = False
        instance._state.db = connection.alias


@functools.cache
def _claim_history(names: tuple[str, ...]) -> tuple[type[Model], dict[str, str]]:
    """The historical claim model, and the claim fields of `names` it copies (with `id`), each
    with its column, quoted. `Claim.history` builds a new manager class at every access: read
    once."""
    model = Claim.history.model  # type: ignore[attr-defined]
    qn = connection.ops.quote_name
    columns = {f.attname: qn(str(f.column)) for f in model._meta.concrete_fields}
    return model, {name: columns[name] for name in ("id", *names) if name in columns}


def _lock_target(
    article_id: int, start: int, end: int, verdict: Rating | str | None
) -> dict[str, Any] | None:
    """Lock the article and read, from its current revision, only what a new claim needs.

    Locked, so a revision being saved right now finishes first and the quote is checked against
    its text (else the claim would land on the superseded revision, never re-anchored). The
    body comes from this process's cache of revision bodies (`articles.selectors.revision_body`:
    a revision never changes), so this costs the same on a 9 KB and a 1 MB article. The verdict
    slug's rating on the active scale comes with it (`rating_id`).
    """
    slug = verdict if isinstance(verdict, str) and verdict else None
    for _ in range(LOCK_ATTEMPTS):
        with prepared_cursor() as cursor:
            cursor.execute(_target_sql(), [slug, article_id])
            found = cursor.fetchone()
        if found is not None:
            row = dict(zip(TARGET_COLUMNS, found, strict=True))
            body = revision_body(row["current_revision_id"], row["revision_hash"])
            return row | _cut_target(body, start, end)
        if not Article.objects.filter(pk=article_id).exists():
            return None
        # The lock waited for a revision being saved: PostgreSQL re-checks the locked article
        # row but not the joined old revision, so the row drops out. The writer has committed
        # now; reading again finds (and locks) the article on its new revision.
    return None


TARGET_COLUMNS = (
    "status", "language", "current_revision_id", "revision_number", "revision_hash", "rating_id"
)  # fmt: skip


@functools.cache
def _target_sql() -> str:
    """The locked read of `_lock_target` (parameters: verdict slug, article id), written once
    from the models: the ORM compiled it on every create in more time than the query took."""
    qn = connection.ops.quote_name
    article, revision = Article._meta, ArticleRevision._meta
    rating, scale = Rating._meta, Rating._meta.get_field("scale").related_model._meta
    lock = ""
    if connection.features.has_select_for_update:  # PostgreSQL; SQLite serialises writers
        lock = " FOR NO KEY UPDATE OF a"
    return (
        "SELECT a.status, a.language, a.current_revision_id, r.number, r.body_hash, "  # noqa: S608
        f"(SELECT v.id FROM {qn(rating.db_table)} v JOIN {qn(scale.db_table)} s "
        "ON s.id = v.scale_id WHERE s.is_active AND v.slug = %s) "
        f"FROM {qn(article.db_table)} a JOIN {qn(revision.db_table)} r "
        f"ON r.id = a.current_revision_id WHERE a.id = %s{lock}"
    )


def _cut_target(body: str, start: int, end: int) -> dict[str, Any]:
    """The body's length, its text at [start, end) and the context either side (code points)."""
    first, end = max(start, 0), max(end, 0)
    before = max(0, first - CONTEXT_CHARS)
    return {
        "body_length": len(body),
        "actual": body[first:end] if end > first else "",
        "auto_prefix": body[before:first],
        "auto_suffix": body[end : end + CONTEXT_CHARS],
    }


def _target_rating(verdict: Rating | str | None, target: Mapping[str, Any]) -> Rating | None:
    if not isinstance(verdict, str) or not verdict:
        return resolve_verdict(verdict)
    if target["rating_id"] is None:
        raise ValidationError({"verdict": UNKNOWN_VERDICT.format(slug=verdict)})
    return _deferred(Rating, id=target["rating_id"], slug=verdict)


def _deferred[M: Model](model: type[M], **values: Any) -> M:
    """An instance holding only `values`; any other field is loaded on first access."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(None, names, [values[name] for name in names])


def cache_tags(claim: Claim, tags: list[Tag]) -> None:
    """Give `claim` its tags as if prefetched, so serialising it runs no query."""
    queryset = claim.tags.all()
    queryset._result_cache = list(tags)  # type: ignore[attr-defined]
    queryset._prefetch_done = True  # type: ignore[attr-defined]
    claim._prefetched_objects_cache = {"tags": queryset}  # type: ignore[attr-defined]


def claim_link_see_also(*, actor: User, claim: Claim, other: Claim) -> bool:
    """Record that `claim` and `other` check the same thing: the link is on both claims and so
    is the audit row. Linking twice (or a claim to itself) changes nothing; returns whether it
    linked. A link is not an edit of either claim's content: no version bump."""
    if claim.pk == other.pk or claim.see_also.filter(pk=other.pk).exists():
        return False
    claim.see_also.add(other)  # symmetrical: other.see_also now holds claim too
    for one, two in ((claim, other), (other, claim)):
        event_record(
            actor=actor,
            claim=one,
            action=EventAction.SEE_ALSO,
            from_status=one.status,
            to_status=one.status,
            changes={"see_also": [None, two.pk]},
        )
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


def _apply_claim_fields(
    claim: Claim, changes: Mapping[str, Any], old_tags: list[Tag]
) -> tuple[dict[str, list[Any]], list[Tag]]:
    """Set changed fields on `claim`; return ({field: [old, new]} for the audit trail, tags)."""
    diff: dict[str, list[Any]] = {}
    tags = old_tags
    if "tags" in changes:
        new_tags = resolve_tags(changes["tags"])
        old_names = [t.name for t in old_tags]
        new_names = [t.name for t in new_tags]
        if old_names != new_names:
            claim.tags.set(new_tags)
            claim.search_tags = " ".join(new_names)  # feeds the search document
            diff["tags"] = [old_names, new_names]
            tags = new_tags
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
    return diff, tags


def _lock_for_edit(claim_id: int) -> Claim:
    """The claim under a row lock, with what an edit and its response read (no article).

    If the lock waited for a revision that re-anchored this claim, PostgreSQL re-checks the
    claim row but not the joined old revision, and the row drops out: read it again then (the
    writer has committed), as `_lock_target` does for a new claim.
    """
    locked = (
        Claim.objects.select_for_update(of=("self",))
        .select_related("revision", "verdict", "published_verdict", "author", "approver")
        .defer("revision__body")
    )
    for _ in range(LOCK_ATTEMPTS - 1):
        try:
            return locked.get(pk=claim_id)
        except Claim.DoesNotExist:
            if not Claim.objects.filter(pk=claim_id).exists():
                raise
    return locked.get(pk=claim_id)


@transaction.atomic
def claim_update(
    *,
    actor: User,
    claim: Claim | int,
    version: int | None,
    evidence: Iterable[Mapping] | None = None,
    **changes: Any,
) -> Claim:
    """Edit a claim's content. `version` must be the one the editor read (else Conflict).

    `evidence`, when given, is the whole desired list: items with an `id` are updated, items
    without are added, and live links not in the list are hidden (never deleted). The returned
    claim carries its tags and `live_evidence`, so a response needs no further read.
    """
    unknown = set(changes) - set(CLAIM_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be changed here." for name in unknown})
    claim = _lock_for_edit(claim.pk if isinstance(claim, Claim) else int(claim))
    check_version(claim, version)
    if refusal := edit_refusal(actor, claim):
        raise ActionForbidden(refusal)
    errors = check_lengths(changes, CLAIM_LIMITS)
    if errors:
        raise ValidationError(errors)
    diff, tags = _apply_claim_fields(claim, changes, sorted(claim.tags.all(), key=tag_order))
    cache_tags(claim, tags)
    live = list(claim.evidence_links.filter(is_removed=False).order_by("id"))
    if evidence is not None:
        evidence_diff, live = _sync_evidence(
            actor=actor, claim=claim, live=live, items=list(evidence)
        )
        diff |= evidence_diff
    claim.live_evidence = live  # type: ignore[attr-defined]
    if not diff:
        return claim  # a no-op edit changes nothing, not even the version
    fields: list[str] = [name for name in ("claim_text", "claimant", "rationale") if name in diff]
    if "verdict" in diff:
        fields.append("verdict")
    if "tags" in diff:
        fields.append("search_tags")  # the search document is generated from it
    bump_version(claim, update_fields=[*fields, "updated_at"])
    event_record(
        actor=actor,
        claim=claim,
        action=EventAction.EDIT,
        from_status=claim.status,
        to_status=claim.status,
        changes=diff,
    )
    return claim


def _sync_evidence(
    *, actor: User, claim: Claim, live: list[EvidenceLink], items: list[Mapping]
) -> tuple[dict[str, list[Any]], list[EvidenceLink]]:
    """Make the live links `items`; return the audit diff and the live links after."""
    by_id = {e.pk: e for e in live}
    cleaned = [
        (item.get("id"), clean_evidence({k: v for k, v in item.items() if k != "id"}))
        for item in items
    ]
    unknown = [pk for pk, _ in cleaned if pk is not None and pk not in by_id]
    if unknown:
        raise ValidationError({"evidence": f"Unknown evidence id(s) for this claim: {unknown}."})
    added: list[EvidenceLink] = []
    changed = 0
    keep = set()
    for pk, values in cleaned:
        if pk is None:
            added.append(EvidenceLink.objects.create(claim=claim, created_by=actor, **values))
            continue
        keep.add(pk)
        link = by_id[pk]
        if any(getattr(link, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(link, k, v)
            link.save()
            changed += 1
    removed = [pk for pk in by_id if pk not in keep]
    for pk in removed:
        by_id[pk].is_removed = True
        by_id[pk].save()
    after = [link for link in live if link.pk in keep] + added
    if not (added or changed or removed):
        return {}, after
    return {"evidence": [f"{len(live)} links", f"+{len(added)} ~{changed} -{len(removed)}"]}, after
