"""Reads for exports and reports: one optimised queryset per output, fixed query counts.

Two views of a claim exist. The *public* view is what was published: the claim's latest
PublishedVersion (immutable), for every claim whose latest version is not a retraction (a
later edit or a re-anchoring that sends the claim back to review never changes it). The
*working* view is the live claim, which newsroom staff may export by asking for a status.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import chain
from statistics import median
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Window,
)
from django.db.models.functions import Coalesce, TruncWeek

from factcheck.accounts.models import Viewer
from factcheck.accounts.roles import is_newsroom_staff
from factcheck.articles.models import Article
from factcheck.claims.filters import ClaimFilterSet
from factcheck.claims.models import (
    Claim,
    ClaimStatus,
    PublishedVersion,
    Rating,
)
from factcheck.claims.selectors import claim_base_queryset, claim_list, public_claims

# Rows fetched per round trip while streaming; each chunk also runs the prefetch queries.
EXPORT_CHUNK_SIZE = 500
# select_related copies the article and revision into every row: never their (long) bodies.
HEAVY_FIELDS = (
    "article__body",
    "revision__body",
    "search_document",
    "published_document",
    "article__search_document",
    "revision__search_document",
)
VERSION_HEAVY = "public_version__search_document"
# Exports list claims in text order: by article, then position.
EXPORT_ORDER = ("article_id", "start", "end", "id")


@dataclass(frozen=True)
class ExportScope:
    """What an export shows: the queryset and whether rows are the public snapshot."""

    claims: QuerySet[Claim]
    public: bool


def _public_claims(filters: ClaimFilterSet, order: tuple[str, ...]) -> QuerySet[Claim]:
    """The published versions, every filter on their values (a status only narrows)."""
    return filters.apply(claim_list(user=AnonymousUser()).order_by(*order), public=True)


def export_scope(
    *, user: Viewer, filters: ClaimFilterSet, article: int | None = None
) -> ExportScope:
    """Claims an export may show `user`: published ones, or (staff only) those of `status`.

    Rows come in text order unless the filters ask for another `ordering`.
    """
    if filters.statuses and is_newsroom_staff(user):
        queryset = filters.apply(claim_list(user=user).order_by(*EXPORT_ORDER))
        public = False
    else:
        queryset, public = _public_claims(filters, EXPORT_ORDER), True
    if article is not None:
        queryset = queryset.filter(article_id=article)
    if public:  # the public exports read the published version only
        queryset = queryset.prefetch_related(None).select_related("public_version")
        queryset = queryset.defer(VERSION_HEAVY)
    queryset = queryset.defer(*HEAVY_FIELDS)
    return ExportScope(claims=queryset, public=public)


def export_rows(scope: ExportScope) -> Iterator[Claim]:
    """Stream the scope's claims: constant memory, prefetches run once per chunk.

    A prefetched queryset keeps a reference to its claim (`_hints["instance"]`), a cycle only
    the cyclic garbage collector frees, so memory would pile up between collections. Each
    claim's prefetch cache is dropped once the exporter is done with it.
    """
    for claim in scope.claims.iterator(chunk_size=EXPORT_CHUNK_SIZE):
        yield claim
        claim.__dict__.pop("_prefetched_objects_cache", None)
        claim.__dict__.pop("live_evidence", None)


# What a ClaimReview reads (exporters.claimreview.claim_review): the published version's
# columns, its rating's and the rating scale's, the article's. Never the working claim.
CLAIMREVIEW_ROW_FIELDS = (
    "id",
    "article_id",
    "article__title",
    "article__url",
    "article__publisher",
    "article__published_on",
    "public_version__claim_text",
    "public_version__claimant",
    "public_version__claimant_kind",
    "public_version__first_published_at",
    "public_version__verdict_id",
    "public_version__verdict_label",
    "public_version__verdict__label",
    "public_version__verdict__value",
    "public_version__verdict__scale__best",
    "public_version__verdict__scale__worst",
)


def public_claimreview_rows(filters: ClaimFilterSet) -> Iterator[dict[str, Any]]:
    """ClaimReview describes only what was published, whoever asks: one flat row per published
    claim (CLAIMREVIEW_ROW_FIELDS), in order of first publication, one query streamed in chunks."""
    queryset = _public_claims(filters, ("public_version__first_published_at", "id"))
    rows = queryset.select_related(None).prefetch_related(None).values(*CLAIMREVIEW_ROW_FIELDS)
    return rows.iterator(chunk_size=EXPORT_CHUNK_SIZE)


# What a public Web Annotation reads (exporters.w3c_annotation.public_annotations): the published
# version's columns only; the article is the collection's.
ANNOTATION_ROW_FIELDS = (
    "id",
    "article_id",
    *(
        f"public_version__{name}"
        for name in (
            "start",
            "end",
            "quote",
            "prefix",
            "suffix",
            "anchor_state",
            "claim_text",
            "claimant",
            "verdict_label",
            "rationale",
            "evidence",
            "tags",
            "author_name",
            "claim_created_at",
            "published_at",
        )
    ),
)


# Each row of a counted export carries the number of rows (a window over the same query): a
# document that states its size before its items is streamed, and the two always agree.
ROW_COUNT = "export_row_count"


def _counted[T](rows: Iterator[T], count: Any) -> tuple[int, Iterator[T]]:
    """(the number of rows, the rows) from the first row's ROW_COUNT; 0 when there are none."""
    first = next(rows, None)
    if first is None:
        return 0, iter(())
    return count(first), chain([first], rows)


def public_annotation_rows(scope: ExportScope) -> tuple[int, Iterator[dict[str, Any]]]:
    """How many, and the public scope's claims as ANNOTATION_ROW_FIELDS rows (plus ROW_COUNT) in
    export order: one query, streamed in chunks."""
    if not scope.public:
        raise ValueError("Annotation rows are the published versions: a public scope only.")
    rows = (
        scope.claims.select_related(None)
        .prefetch_related(None)
        .annotate(**{ROW_COUNT: Window(Count("id"))})
        .values(*ANNOTATION_ROW_FIELDS, ROW_COUNT)
    )
    return _counted(rows.iterator(chunk_size=EXPORT_CHUNK_SIZE), lambda row: row[ROW_COUNT])


def counted_export_rows(scope: ExportScope) -> tuple[int, Iterator[Claim]]:
    """How many, and `export_rows` of the scope: in the same query."""
    counted = ExportScope(
        claims=scope.claims.annotate(**{ROW_COUNT: Window(Count("id"))}), public=scope.public
    )
    return _counted(export_rows(counted), lambda claim: getattr(claim, ROW_COUNT))


# --- reports ------------------------------------------------------------------------------------


def _versions_prefetch() -> Prefetch:
    return Prefetch(
        "published_versions",
        queryset=PublishedVersion.objects.select_related("verdict__scale", "published_by")
        .defer("search_document")
        .order_by("number"),
        to_attr="version_history",
    )


def report_claims(*, user: Viewer, article: Article) -> list[Claim]:
    """The report's claims in text order: every claim with a published version (read from its
    versions only); staff also see approved claims never published (their working copy).

    Claims whose latest version is a retraction are included so the report can say they
    were withdrawn (IFCN: corrections and retractions stay visible).
    """
    shown = Q(public_version__isnull=False)
    if is_newsroom_staff(user):
        shown |= Q(status=ClaimStatus.APPROVED)
    return list(
        claim_base_queryset()
        .select_related("public_version__verdict__scale")
        .prefetch_related(_versions_prefetch())
        .defer(*HEAVY_FIELDS, VERSION_HEAVY)
        .filter(shown, article=article)
        .annotate(
            position=Coalesce("public_version__start", "start"),
            position_end=Coalesce("public_version__end", "end"),
        )
        .order_by("position", "-position_end", "id")
    )


def report_article(*, user: Viewer, pk: int) -> Article:
    """The article if its report is visible to `user` (Article.DoesNotExist → 404 otherwise).

    Public while a claim's latest published version is live (not a retraction): an article
    whose only published claim was retracted is no longer public. Staff see every report.
    """
    queryset = Article.objects.select_related("current_revision")
    if not is_newsroom_staff(user):
        queryset = queryset.filter(
            Exists(public_claims(Claim.objects.filter(article=OuterRef("pk"))))
        )
    return queryset.get(pk=pk)


def report_public_state(*, article: Article) -> str:
    """A fingerprint of what the public report of `article` shows: its metadata and its latest
    published version (one indexed query; versions are immutable, so the public report changes
    only with a new one). The PDF cache key: a new publication, correction or retraction gives a
    new key, so a stale PDF is never served."""
    latest = (
        PublishedVersion.objects.filter(article=article)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    meta = repr(
        (
            article.title,
            article.url,
            article.publisher,
            article.author,
            article.published_on,
            article.current_revision_id,
        )
    )
    return f"{latest or 0}-{hashlib.sha256(meta.encode()).hexdigest()[:16]}"


def article_for_annotations(*, user: Viewer, pk: int) -> Article:
    """Same visibility as the report: a 404 for an article with nothing public."""
    return report_article(user=user, pk=pk)


def all_ratings() -> list[Rating]:
    """Every rating of every scale (a handful of rows): labels for slugs in the history."""
    return list(Rating.objects.select_related("scale"))


# --- dashboard ----------------------------------------------------------------------------------

DASHBOARD_WEEKS = 12
NO_VERDICT, NO_VERDICT_COLOR = "No verdict yet", "#8c959f"


def claims_by_verdict() -> list[dict[str, Any]]:
    """[{"label", "color", "n"}] for live claims by current verdict, scale order; one query."""
    rows = (
        Claim.objects.exclude(status=ClaimStatus.RETRACTED)
        .values("verdict__label", "verdict__color", "verdict__order", "verdict_id")
        .annotate(n=Count("id"))
        .order_by("verdict__order", "verdict_id")
    )
    return [
        {
            "label": r["verdict__label"] or NO_VERDICT,
            "color": r["verdict__color"] or NO_VERDICT_COLOR,
            "n": r["n"],
        }
        for r in rows
    ]


def claims_by_status() -> list[dict[str, Any]]:
    """[{"status", "label", "n"}] in workflow order, zeros included; one query."""
    counts = dict(Claim.objects.values_list("status").annotate(n=Count("id")).order_by())
    return [
        {"status": v, "label": label, "n": counts.get(v, 0)} for v, label in ClaimStatus.choices
    ]


def published_per_week(*, now: datetime, weeks: int = DASHBOARD_WEEKS) -> list[dict[str, Any]]:
    """[{"week": date (Monday), "n"}] for the last `weeks` weeks, zeros included; one query."""
    this_monday = (now - timedelta(days=now.weekday())).date()
    first = this_monday - timedelta(weeks=weeks - 1)
    since = datetime.combine(first, datetime.min.time(), tzinfo=UTC)
    rows = (
        Claim.objects.filter(published_at__gte=since)
        .annotate(week=TruncWeek("published_at", tzinfo=UTC))
        .values("week")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {row["week"].date(): row["n"] for row in rows}
    mondays = [first + timedelta(weeks=i) for i in range(weeks)]
    return [{"week": monday, "n": counts.get(monday, 0)} for monday in mondays]


def median_hours_to_approval() -> float | None:
    """Median hours from (last) submission to approval over approved claims; one query."""
    durations = sorted(
        # Going back to review clears the approval (reviews.services._back_to_review); rows sent
        # back before it did still hold an approval older than their submission: not counted.
        Claim.objects.filter(approved_at__isnull=False, submitted_at__isnull=False)
        .filter(approved_at__gte=F("submitted_at"))
        .annotate(
            d=ExpressionWrapper(F("approved_at") - F("submitted_at"), output_field=DurationField())
        )
        .values_list("d", flat=True)
    )
    if not durations:
        return None
    return median(d.total_seconds() for d in durations) / 3600


def reviewer_counts() -> list[dict[str, Any]]:
    """Per person: claims authored, submitted so far, published; approvals given. Two queries."""
    authored = Claim.objects.values("author__username").annotate(
        authored=Count("id"),
        submitted=Count("id", filter=Q(submitted_at__isnull=False)),
        published=Count("id", filter=Q(published_at__isnull=False)),
    )
    approvals = dict(
        Claim.objects.filter(approver__isnull=False)
        .values_list("approver__username")
        .annotate(n=Count("id"))
        .order_by()
    )
    people: dict[str, dict[str, Any]] = {}
    for row in authored.order_by():
        counts = dict(row)
        name = str(counts.pop("author__username"))
        people[name] = {"username": name, **counts, "approved": approvals.pop(name, 0)}
    for name, n in approvals.items():
        people[name] = {
            "username": name,
            "authored": 0,
            "submitted": 0,
            "published": 0,
            "approved": n,
        }
    return sorted(people.values(), key=lambda p: (-p["authored"], -p["approved"], p["username"]))


def dashboard_stats(*, now: datetime) -> dict[str, Any]:
    """Everything the dashboard shows, in a fixed number of queries (six)."""
    return {
        "by_verdict": claims_by_verdict(),
        "by_status": claims_by_status(),
        "per_week": published_per_week(now=now),
        "median_hours": median_hours_to_approval(),
        "people": reviewer_counts(),
    }
