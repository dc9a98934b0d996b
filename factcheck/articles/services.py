"""Writes for articles: create (with the first revision), edit metadata, assign, archive."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from factcheck.accounts.models import User, Viewer
from factcheck.accounts.roles import is_editor, is_reviewer
from factcheck.articles.anchoring import normalize_text
from factcheck.articles.models import Article, ArticleRevision, ArticleStatus
from factcheck.core.errors import ActionForbidden
from factcheck.core.validators import URL_NOT_HTTP, http_url_validator

BODY_EMPTY = "The article text is empty."
TITLE_EMPTY = "Give the article a title."
DUPLICATE_URL = "An article with this source URL already exists: {link}"
DUPLICATE_TEXT = "An article with identical text already exists: {link}"
CANNOT_CREATE = "Only reviewers and editors can add articles."
CANNOT_EDIT = "Only editors and the article's assignees can edit it."
CANNOT_ASSIGN = "Only editors can assign articles."


EDITABLE_FIELDS = ("title", "url", "publisher", "author", "published_on", "language")


def body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def prepare_body(raw: str) -> str:
    """Normalise newlines and Unicode (NFC) and trim the ends: the stored, counted form."""
    return normalize_text(raw).strip()


def article_link(article: Article) -> str:
    return reverse("articles:detail", args=[article.pk])


def find_duplicate(
    *, url: str, body: str, exclude_pk: int | None = None, aliases: Iterable[str] = ()
) -> dict[str, ValidationError]:
    """Field errors (code "duplicate") for an article that repeats an existing URL or text.

    `aliases` are other URLs of the same page (the address asked for, where redirects ended,
    its canonical URL): an article stored under any of them is the same article."""
    errors: dict[str, ValidationError] = {}
    others = Article.objects.all() if exclude_pk is None else Article.objects.exclude(pk=exclude_pk)
    urls = [u for u in dict.fromkeys([url, *aliases]) if u]
    if urls and (match := others.filter(url__in=urls).order_by("pk").first()):
        message = DUPLICATE_URL.format(link=article_link(match))
        errors["url"] = ValidationError(message, code="duplicate")
    if body and (match := others.filter(body_hash=body_hash(body)).first()):
        message = DUPLICATE_TEXT.format(link=article_link(match))
        errors["body"] = ValidationError(message, code="duplicate")
    return errors


def is_duplicate_error(error: ValidationError) -> bool:
    """Whether every problem in `error` is a duplicate (the article exists already)."""
    if hasattr(error, "error_dict"):
        problems = [e for errors in error.error_dict.values() for e in errors]
    else:
        problems = error.error_list
    return all(e.code == "duplicate" for e in problems)


def _validate_metadata(data: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if "title" in data and not (data["title"] or "").strip():
        errors["title"] = TITLE_EMPTY
    if data.get("url"):
        try:
            http_url_validator(data["url"])
        except ValidationError:
            errors["url"] = URL_NOT_HTTP
    return errors


@transaction.atomic
def article_create(
    *,
    actor: User,
    title: str,
    body: str,
    url: str = "",
    publisher: str = "",
    author: str = "",
    published_on: date | None = None,
    language: str = "en",
    assignees: Iterable[Any] = (),
    note: str = "",
    alias_urls: Iterable[str] = (),
) -> Article:
    if not is_reviewer(actor):
        raise ActionForbidden(CANNOT_CREATE)
    body = prepare_body(body)
    fields = {"title": title.strip(), "url": url.strip()}
    errors: dict[str, Any] = dict(_validate_metadata(fields))
    if not body:
        errors["body"] = BODY_EMPTY
    if assignees and not is_editor(actor):
        errors["assignees"] = CANNOT_ASSIGN
    errors |= find_duplicate(url=fields["url"], body=body, aliases=alias_urls)
    if errors:
        raise ValidationError(errors)
    article = Article.objects.create(
        title=fields["title"],
        url=fields["url"],
        publisher=publisher.strip(),
        author=author.strip(),
        published_on=published_on,
        language=language or "en",
        body=body,
        body_hash=body_hash(body),
        created_by=actor,
        updated_by=actor,
    )
    revision = ArticleRevision.objects.create(
        article=article,
        number=1,
        body=body,
        body_hash=article.body_hash,
        note=note or "Imported.",
        created_by=actor,
        language=article.language,
    )
    article.current_revision = revision
    article.save(update_fields=["current_revision"])
    if assignees:
        article.assignees.set(assignees)
    return article


def can_edit_article(user: Viewer, article: Article) -> bool:
    if is_editor(user):
        return True
    if not (is_reviewer(user) and isinstance(user, User)):
        return False
    return article.assignees.filter(pk=user.pk).exists()


@transaction.atomic
def article_update(*, actor: User, article: Article, **changes: Any) -> Article:
    """Edit metadata (not the body: a new body is a revision, see reviews.revisions).

    The row is locked and only the fields that change are written: a revision saved at the
    same moment (body, hash, current revision) is neither overwritten with the values this
    request read before it nor lost, whichever commits first."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be changed here." for name in unknown})
    locked = Article.objects.select_for_update(no_key=True).get(pk=article.pk)
    if not can_edit_article(actor, locked):
        raise ActionForbidden(CANNOT_EDIT)
    changes = {k: (v.strip() if isinstance(v, str) else v) for k, v in changes.items()}
    errors: dict[str, Any] = dict(_validate_metadata(changes))
    if changes.get("url"):
        errors |= find_duplicate(url=changes["url"], body="", exclude_pk=article.pk)
    if errors:
        raise ValidationError(errors)
    changed = [name for name, value in changes.items() if getattr(locked, name) != value]
    for name in changed:
        setattr(locked, name, changes[name])
        setattr(article, name, changes[name])  # the caller's copy shows the edit too
    if changed:
        locked.updated_by = actor
        locked.save(update_fields=[*changed, "updated_by", "updated_at"])
    return locked


# Extension point: callables run inside article_assign's transaction with (actor, article,
# added, removed) when the assignees changed. The apps above hook in here: reviews writes the
# audit row (claims.ReviewEvent) in this transaction and notifies the new assignees after it.
assign_hooks: list[Callable[[User, Article, list[Any], list[Any]], None]] = []


@transaction.atomic
def article_assign(*, actor: User, article: Article, assignees: Iterable[Any]) -> Article:
    """Make `assignees` the article's reviewers (editors only); a change runs `assign_hooks`."""
    if not is_editor(actor):
        raise ActionForbidden(CANNOT_ASSIGN)
    assignees = list(assignees)
    before = {user.pk: user for user in article.assignees.all()}
    article.assignees.set(assignees)
    after = {getattr(user, "pk", user): user for user in assignees}
    added = [user for pk, user in after.items() if pk not in before]
    removed = [user for pk, user in before.items() if pk not in after]
    if added or removed:
        for hook in assign_hooks:
            hook(actor, article, added, removed)
    if article.status == ArticleStatus.NEW and article.assignees.exists():
        article.status = ArticleStatus.IN_PROGRESS
        article.save(update_fields=["status", "updated_at"])
    return article
