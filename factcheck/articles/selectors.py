"""Reads for articles. Everything a list needs is fetched in a fixed number of queries."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Count, Q, QuerySet

from factcheck.accounts.models import Viewer
from factcheck.accounts.roles import is_newsroom_staff
from factcheck.articles.models import Article, ArticleRevision, ArticleStatus


def _search(queryset: QuerySet[Article], q: str) -> QuerySet[Article]:
    """Articles whose title, publisher, author (the article's stored document) or current body
    (its revision's stored document) match `q`, both GIN-indexed; the query is parsed in both
    configurations so English stems and other languages' plain words both match."""
    q = q.strip()
    if not q:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(q, search_type="websearch", config="english") | SearchQuery(
            q, search_type="websearch", config="simple"
        )
        in_body = ArticleRevision.objects.filter(search_document=query).values("pk")
        return queryset.filter(
            Q(search_document=query)
            | Q(current_revision__in=in_body)
            | Q(title__icontains=q)
            | Q(publisher__icontains=q)
        )
    return queryset.filter(Q(title__icontains=q) | Q(publisher__icontains=q) | Q(body__icontains=q))


# An article is public while one of its claims' latest published version is live (claims.models
# VersionKind: a publication or a correction, not a retraction). Spelled here, not imported:
# articles sit below claims.
LIVE_VERSION_KINDS = ("publication", "correction")
# Claim statuses (claims.models.ClaimStatus values), spelled here for the same reason; a test
# (tests/articles/test_claim_statuses.py) pins them to ClaimStatus. Open: not yet published.
OPEN_CLAIM_STATUSES = ("draft", "submitted", "changes_requested", "approved")
PUBLISHED_CLAIM_STATUS = "published"


def article_list(
    *, user: Viewer, q: str = "", status: str = "", assignee: Any = None, publisher: str = ""
) -> QuerySet[Article]:
    """Articles `user` may see; non-staff see only articles with a live published version.

    `assignee` is a user or a username.
    """
    queryset = (
        Article.objects.select_related("current_revision", "created_by")
        .defer("current_revision__search_document")
        .prefetch_related("assignees")
    )
    if not is_newsroom_staff(user):
        queryset = queryset.filter(claims__public_version__kind__in=LIVE_VERSION_KINDS).distinct()
    queryset = _search(queryset, q)
    if status:
        queryset = queryset.filter(status=status)
    if isinstance(assignee, str):
        queryset = queryset.filter(assignees__username=assignee)
    elif assignee is not None:
        queryset = queryset.filter(assignees=assignee)
    if publisher:
        queryset = queryset.filter(publisher__iexact=publisher)
    return queryset


def claim_counts_by_article(article_ids: list[int], *, user: Viewer) -> dict[int, dict[str, int]]:
    """{article_id: {claim status: count}} for many articles in one query (via the reverse
    relation, so this app needs no import from claims). Outside the newsroom only published
    claims are counted (a live published version): drafts, claims under review and retracted
    ones are not the public's business, whatever their working status."""
    counts: dict[int, dict[str, int]] = {pk: {} for pk in article_ids}
    if not is_newsroom_staff(user):
        published = Q(claims__public_version__kind__in=LIVE_VERSION_KINDS)
        for pk, n in (
            Article.objects.filter(pk__in=article_ids)
            .annotate(n=Count("claims", filter=published))
            .values_list("pk", "n")
        ):
            if n:
                counts[pk][PUBLISHED_CLAIM_STATUS] = n
        return counts
    rows = (
        Article.objects.filter(pk__in=article_ids, claims__isnull=False)
        .values("pk", "claims__status")
        .annotate(n=Count("claims"))
        .order_by()
    )
    for row in rows:
        counts[row["pk"]][row["claims__status"]] = row["n"]
    return counts


def article_get(*, user: Viewer, pk: int) -> Article:
    return article_list(user=user).get(pk=pk)


def revision_list(*, article: Article) -> QuerySet[ArticleRevision]:
    return article.revisions.select_related("created_by").order_by("-number")


def article_status_choices() -> list[tuple[str, str]]:
    return list(ArticleStatus.choices)


class _RevisionBodies:
    """The bodies of recently used revisions, in this process, up to `limit` code points in all.

    A revision's body never changes after it is saved, so a body read once serves every later
    claim on that revision: creating a claim on a 500 KB article checks its quote and cuts its
    context in Python instead of sending the body, or detoasting it five times, per request.
    Keyed by id and hash: an id that a test database reuses after a rollback misses the cache.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.bodies: OrderedDict[tuple[int, str], str] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, revision_id: int, body_hash: str) -> str:
        key = (revision_id, body_hash)
        with self.lock:
            if key in self.bodies:
                self.bodies.move_to_end(key)
                return self.bodies[key]
        body = ArticleRevision.objects.values_list("body", flat=True).get(pk=revision_id)
        with self.lock:
            if key not in self.bodies:
                self.bodies[key] = body
                self.size += len(body)
            while self.size > self.limit and len(self.bodies) > 1:
                _, dropped = self.bodies.popitem(last=False)
                self.size -= len(dropped)
        return body


_bodies = _RevisionBodies(limit=32_000_000)


def revision_body(revision_id: int, body_hash: str) -> str:
    """The body of revision `revision_id` (whose hash is `body_hash`), from this process's
    cache of recent revisions when it is there (`_RevisionBodies`)."""
    return _bodies.get(revision_id, body_hash)
