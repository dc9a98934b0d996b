"""Export endpoints: parse the filters → reports.selectors → one exporter → the response.

Exports are public (AllowAny): by default they contain only published claims, exactly what
the public report pages show. Newsroom staff (reviewers, editors, admins) may ask for other
statuses with `status=`; for anyone else a status filter only narrows the published set.
Anonymous clients are rate-limited. The URL fixes the format, so the `Accept` header is not
negotiated: successes carry the export's media type, errors are JSON (docs/api.md "Errors").
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any

import orjson
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, throttling
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck.claims.filters import ClaimReviewFilterSet
from factcheck.claims.filters import ExportFilterSet as ClaimFilterSet
from factcheck.core.api import error_responses, filter_parameters, parse_filters
from factcheck.reports import selectors, sql_exports
from factcheck.reports.exporters import claimreview, csv_export, jsonl_export, w3c_annotation

ANNOTATION_MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


class ExportAnonThrottle(throttling.AnonRateThrottle):
    scope = "exports_anon"
    rate = "120/min"


def _attachment(response: HttpResponse | StreamingHttpResponse, filename: str) -> Any:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


class ExportView(APIView):
    """Shared set-up: public, throttled for anonymous clients, JSON errors."""

    permission_classes = [permissions.AllowAny]
    throttle_classes = [ExportAnonThrottle]
    renderer_classes = [JSONRenderer]

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        return (JSONRenderer(), JSONRenderer.media_type)  # the URL fixes the format

    def scope(self, request: Request) -> selectors.ExportScope:
        filters = parse_filters(ClaimFilterSet, request)
        return selectors.export_scope(user=request.user, filters=filters)


def _stream(lines: Iterator[Any], content_type: str, filename: str) -> StreamingHttpResponse:
    return _attachment(StreamingHttpResponse(lines, content_type=content_type), filename)


_ERRORS = error_responses(400, 429)
# The `claims/` filters; a `status` other than published is exported only for newsroom staff.
_FILTERS = filter_parameters(ClaimFilterSet)


class ClaimsCsvExport(ExportView):
    @extend_schema(
        operation_id="exports_claims_csv",
        tags=["exports"],
        parameters=_FILTERS,
        summary="Claims as CSV (streamed)",
        description="One row per claim: article title/url, quote and offsets (code points), "
        "claim, claimant, verdict, rationale, evidence URLs (space-separated), author, approver, "
        "status, timestamps (UTC). Public; published claims unless staff ask for `status`. "
        "Cells that a spreadsheet would run as a formula start with an apostrophe.",
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV"),
            **_ERRORS,
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        scope = self.scope(request)
        if sql_exports.supported():  # PostgreSQL builds the lines and streams them (COPY)
            header = csv_export.csv_lines((), public=scope.public)
            lines: Iterator[Any] = chain(
                header, sql_exports.copy_lines(scope, sql_exports.csv_line(public=scope.public))
            )
        else:
            lines = csv_export.csv_lines(selectors.export_rows(scope), public=scope.public)
        return _stream(lines, "text/csv; charset=utf-8", "claims.csv")


class ClaimsJsonlExport(ExportView):
    @extend_schema(
        operation_id="exports_claims_jsonl",
        tags=["exports"],
        parameters=_FILTERS,
        summary="Claims as JSON Lines (streamed)",
        description="One JSON claim per line, in the shape of `/api/v1/claims/` plus "
        "`article_title` and `article_url`. Public; published claims (their published verdict, "
        "rationale and claim text) unless staff ask for `status`.",
        responses={
            (200, "application/jsonl"): OpenApiResponse(OpenApiTypes.STR, description="JSON Lines"),
            **_ERRORS,
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        scope = self.scope(request)
        if sql_exports.supported():
            lines: Iterator[Any] = sql_exports.copy_lines(
                scope, sql_exports.jsonl_line(public=scope.public)
            )
        else:
            lines = jsonl_export.jsonl_lines(selectors.export_rows(scope), public=scope.public)
        return _stream(lines, "application/jsonl; charset=utf-8", "claims.jsonl")


def _json_array(items: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    """A JSON array, one compact item a line, streamed in chunks of LINES_PER_CHUNK items.
    orjson: 0.3 µs an item where json took 5 (a third of a 100,000-claim export), the same JSON."""
    parts = [b"["]
    for index, item in enumerate(items):
        parts.append((b",\n" if index else b"\n") + orjson.dumps(item))
        if len(parts) >= sql_exports.LINES_PER_CHUNK:
            yield b"".join(parts)
            parts.clear()
    parts.append(b"\n]\n")
    yield b"".join(parts)


class ClaimReviewExport(ExportView):
    @extend_schema(
        operation_id="exports_claimreview",
        tags=["exports"],
        parameters=filter_parameters(ClaimReviewFilterSet),
        summary="schema.org ClaimReview JSON-LD",
        description="A JSON-LD array of schema.org `ClaimReview`, one per published claim with a "
        "verdict, built from the published version. `url` is the public report with the claim's "
        "anchor; `author` is the publishing organisation. Public.",
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                {"type": "array", "items": {"type": "object"}},
                description="JSON-LD array of ClaimReview",
            ),
            **_ERRORS,
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        filters = parse_filters(ClaimReviewFilterSet, request)
        reviews = claimreview.claim_reviews(selectors.public_claimreview_rows(filters))
        return _stream(_json_array(reviews), "application/ld+json", "claimreview.json")


class ArticleAnnotationsExport(ExportView):
    @extend_schema(
        operation_id="articles_annotations",
        tags=["exports"],
        parameters=_FILTERS,
        summary="An article's claims as a W3C Web Annotation collection",
        description="An `AnnotationCollection` with its first (and only) `AnnotationPage` "
        "embedded. Each claim is an `Annotation` (motivation `assessing`) targeting the article "
        "with a `TextQuoteSelector` and a `TextPositionSelector` (code points). Public once a "
        "claim of the article is published; 404 before that.",
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="AnnotationCollection"
            ),
            **error_responses(400, 404, 429),
        },
    )
    def get(self, request: Request, pk: int) -> StreamingHttpResponse:
        article = selectors.article_for_annotations(user=request.user, pk=pk)
        filters = parse_filters(ClaimFilterSet, request)
        scope = selectors.export_scope(user=request.user, filters=filters, article=article.pk)
        if scope.public:  # flat rows of the published versions
            total, rows = selectors.public_annotation_rows(scope)
            annotations = w3c_annotation.public_annotations(article, rows)
        else:
            total, claims = selectors.counted_export_rows(scope)
            annotations = w3c_annotation.working_annotations(article, claims)
        chunks = w3c_annotation.collection_chunks(article, total, annotations)
        return StreamingHttpResponse(chunks, content_type=ANNOTATION_MEDIA_TYPE)


# GET exports/: what the index lists, one row per export (name = URL name in reports-api).
EXPORTS = (
    ("claims-csv", "text/csv", "Claims as CSV, one row per claim", True),
    ("claims-jsonl", "application/jsonl", "Claims as JSON Lines, one claim per line", True),
    (
        "claimreview",
        "application/ld+json",
        "schema.org ClaimReview JSON-LD of published claims",
        True,
    ),
    ("annotations", ANNOTATION_MEDIA_TYPE, "One article's claims as W3C Web Annotations", True),
)
ARTICLE_PLACEHOLDER = 999999999  # reversed, then shown as {id}: the URL is a template


def _export_url(request: Request, name: str) -> str:
    if name == "annotations":
        path = reverse("reports-api:annotations", args=[ARTICLE_PLACEHOLDER])
        return request.build_absolute_uri(path).replace(str(ARTICLE_PLACEHOLDER), "{id}")
    return request.build_absolute_uri(reverse(f"reports-api:{name}"))


class ExportEntrySerializer(serializers.Serializer):
    name = serializers.CharField()
    format = serializers.CharField(help_text="The media type of the download.")
    url = serializers.CharField(help_text="Absolute; {id} stands for an article id.")
    description = serializers.CharField()
    filters = serializers.BooleanField(help_text="Takes the claims/ filters.")


class ExportIndexSerializer(serializers.Serializer):
    exports = ExportEntrySerializer(many=True)


class ExportIndexView(ExportView):
    """The exports this site offers: name, format, URL and what each holds. Every export is
    public (published claims); staff may ask for other statuses with `status=`."""

    @extend_schema(
        operation_id="exports_index",
        tags=["exports"],
        summary="List the exports",
        responses={200: ExportIndexSerializer, **error_responses(429)},
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                "exports": [
                    {
                        "name": name,
                        "format": media_type,
                        "url": _export_url(request, name),
                        "description": description,
                        "filters": filters,
                    }
                    for name, media_type, description, filters in EXPORTS
                ]
            }
        )
