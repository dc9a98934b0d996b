"""Article endpoints: list/create, retrieve/edit metadata, import a file. Thin: parse → call a
selector or service → render. Revisions live in reviews.api (saving one re-anchors claims)."""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.accounts.permissions import ReadOrNewsroomWrite, public_context
from factcheck.accounts.roles import is_reviewer
from factcheck.articles.bulk import NOT_AN_OBJECT, Record, check_batch_size, import_records
from factcheck.articles.extraction import ExtractedArticle
from factcheck.articles.models import Article
from factcheck.articles.selectors import article_get, article_list, claim_counts_by_article
from factcheck.articles.serializers import (
    BULK_EMPTY,
    ArticleBulkResultSerializer,
    ArticleBulkSerializer,
    ArticleCreateSerializer,
    ArticleFilterSerializer,
    ArticleImportSerializer,
    ArticleImportURLSerializer,
    ArticleMetadataSerializer,
    ArticlePreviewSerializer,
    ArticleSerializer,
    BulkOptionsSerializer,
)
from factcheck.articles.services import (
    CANNOT_CREATE,
    article_assign,
    article_create,
    article_update,
    find_duplicate,
    prepare_body,
)
from factcheck.articles.sources import article_from_file, article_from_url
from factcheck.core.api import JSONOnly, error_responses, parse_query, validated
from factcheck.core.errors import ActionForbidden


def article_context(request: Request, articles: list[Article]) -> dict[str, Any]:
    """Serializer context with the claim counts of all `articles` (one query)."""
    counts = claim_counts_by_article([article.pk for article in articles], user=request.user)
    return {**public_context(request), "claim_counts": counts}


def render_article(request: Request, pk: int) -> dict[str, Any]:
    article = article_get(user=request.user, pk=pk)
    return ArticleSerializer(article, context=article_context(request, [article])).data


class ArticleListView(JSONOnly, GenericAPIView):
    """Articles: the news texts that claims annotate, with their metadata, status and claim
    counts. Reviewers see the articles assigned to them, editors all."""

    permission_classes = [ReadOrNewsroomWrite]
    serializer_class = ArticleSerializer
    filter_backends: list = []  # filters: ArticleFilterSerializer; visibility: the selector

    @extend_schema(
        operation_id="articles_list",
        summary="List the articles you may see",
        parameters=[ArticleFilterSerializer],
        responses={200: ArticleSerializer(many=True), **error_responses(400, 401, 404)},
    )
    def get(self, request: Request) -> Response:
        filters = parse_query(ArticleFilterSerializer, request)
        ordering = filters.pop("ordering", None)
        queryset = article_list(user=request.user, **filters)
        if ordering:
            queryset = queryset.order_by(ordering, "-id")
        page = self.paginate_queryset(queryset)
        data = ArticleSerializer(page, many=True, context=article_context(request, page)).data
        return self.get_paginated_response(data)

    @extend_schema(
        operation_id="articles_create",
        summary="Add an article (reviewers and editors)",
        request=ArticleCreateSerializer,
        responses={201: ArticleSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request: Request) -> Response:
        data = validated(ArticleCreateSerializer, request.data)
        article = article_create(actor=request.user, **data)
        return Response(render_article(request, article.pk), status=status.HTTP_201_CREATED)


class ArticleDetailView(JSONOnly, GenericAPIView):
    """One article with its current body. Its text changes only through a new revision."""

    permission_classes = [ReadOrNewsroomWrite]
    serializer_class = ArticleSerializer

    @extend_schema(
        operation_id="articles_retrieve",
        summary="One article",
        responses={200: ArticleSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(render_article(request, pk))

    @extend_schema(
        operation_id="articles_partial_update",
        summary="Edit an article's metadata (the body changes through revisions/)",
        request=ArticleMetadataSerializer,
        responses={200: ArticleSerializer, **error_responses(400, 401, 403, 404)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        article = article_get(user=request.user, pk=pk)
        data = validated(ArticleMetadataSerializer, request.data)
        assignees = data.pop("assignees", None)
        with transaction.atomic():
            if data or assignees is None:
                article_update(actor=request.user, article=article, **data)
            if assignees is not None:
                article_assign(actor=request.user, article=article, assignees=assignees)
        return Response(render_article(request, pk))


IMPORT_OVERRIDES = ("title", "publisher", "author", "published_on", "language")


def imported_fields(found: ExtractedArticle, data: dict[str, Any]) -> dict[str, Any]:
    """The extracted article's fields, each overridden by what the client sent (if anything)."""
    fields: dict[str, Any] = {
        "title": found.title,
        "url": found.url,
        "publisher": found.publisher,
        "author": found.author,
        "published_on": found.published_on,
        "language": found.language,
        "body": found.body,
    }
    for name in (*IMPORT_OVERRIDES, "url"):
        if data.get(name) not in (None, ""):
            fields[name] = data[name]
    return fields


def preview_response(fields: dict[str, Any], aliases: list[str]) -> Response:
    duplicates = find_duplicate(
        url=fields["url"], body=prepare_body(fields["body"]), aliases=aliases
    )
    data = {**fields, "duplicates": {k: e.messages for k, e in duplicates.items()}}
    return Response(ArticlePreviewSerializer(data).data)


def create_imported(
    request: Request, fields: dict[str, Any], *, aliases: list[str], note: str, body_field: str
) -> Response:
    try:
        article = article_create(actor=request.user, alias_urls=aliases, note=note, **fields)
    except ValidationError as exc:
        # The text came from the file or the page: name that field, not "body".
        errors = getattr(exc, "error_dict", None)
        if errors and "body" in errors:
            errors[body_field] = errors.pop("body")
        raise
    return Response(render_article(request, article.pk), status=status.HTTP_201_CREATED)


class ArticleImportView(GenericAPIView):
    permission_classes = [ReadOrNewsroomWrite]
    parser_classes = [MultiPartParser, FormParser]
    serializer_class = ArticleImportSerializer

    @extend_schema(
        operation_id="articles_import",
        summary="Import an article from a .txt, .md or .html file",
        description="HTML is reduced to the article's main text (navigation, ads, captions "
        "and footers dropped); its title, authors, date, publisher, canonical URL and language "
        "fill the fields not given. `preview=true` returns the result without saving it.",
        request={"multipart/form-data": ArticleImportSerializer},
        responses={
            201: ArticleSerializer,
            200: ArticlePreviewSerializer,
            **error_responses(400, 401, 403),
        },
    )
    def post(self, request: Request) -> Response:
        data = validated(ArticleImportSerializer, request.data)
        found = article_from_file(data["file"])
        fields = imported_fields(found, data)
        aliases = [found.url] if found.url else []
        if data["preview"]:
            return preview_response(fields, aliases)
        name = PurePath(data["file"].name or "").name
        return create_imported(
            request, fields, aliases=aliases, note=f"Imported from {name}.", body_field="file"
        )


class ArticleImportURLView(JSONOnly, GenericAPIView):
    permission_classes = [ReadOrNewsroomWrite]
    serializer_class = ArticleImportURLSerializer

    @extend_schema(
        operation_id="articles_import_url",
        summary="Import an article from a web address",
        description="The page is fetched by the server (http/https only, public addresses "
        "only, bounded time, size and redirects), its main text and metadata extracted; fields "
        "given here override the page's. Refused if an article exists under the address, "
        "where it redirects, or its canonical URL. `preview=true` returns the result without "
        "saving it.",
        request=ArticleImportURLSerializer,
        responses={
            201: ArticleSerializer,
            200: ArticlePreviewSerializer,
            **error_responses(400, 401, 403),
        },
    )
    def post(self, request: Request) -> Response:
        if not is_reviewer(request.user):
            raise ActionForbidden(CANNOT_CREATE)  # before fetching anything
        data = validated(ArticleImportURLSerializer, request.data)
        address = data.pop("url").strip()
        if duplicates := find_duplicate(url=address, body=""):
            raise ValidationError(duplicates)  # known already: no need to fetch it
        found, aliases = article_from_url(address)
        fields = imported_fields(found, data)
        if data["preview"]:
            return preview_response(fields, aliases)
        return create_imported(
            request, fields, aliases=aliases, note=f"Imported from {address}.", body_field="url"
        )


class ArticleBulkView(JSONOnly, GenericAPIView):
    permission_classes = [ReadOrNewsroomWrite]
    serializer_class = ArticleBulkSerializer

    @extend_schema(
        operation_id="articles_bulk",
        summary="Import many articles at once (at most ARTICLE_BULK_MAX, default 100)",
        description="Each article is validated as by POST articles/ (plus `html`: a page whose "
        "text and metadata are extracted) and saved in its own transaction: one refused article "
        "does not stop the others. The answer lists each article's result in order. "
        "`dry_run=true` validates everything and saves nothing.",
        request=ArticleBulkSerializer,
        responses={200: ArticleBulkResultSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request: Request) -> Response:
        if not is_reviewer(request.user):
            raise ActionForbidden(CANNOT_CREATE)
        items = request.data.get("articles") if isinstance(request.data, dict) else None
        if not isinstance(items, list) or not items:
            raise ValidationError({"articles": BULK_EMPTY})
        check_batch_size(len(items), settings.ARTICLE_BULK_MAX)
        dry_run = validated(BulkOptionsSerializer, request.data)["dry_run"]
        records = [
            Record(f"articles.{n}", item)
            if isinstance(item, dict)
            else Record(f"articles.{n}", None, NOT_AN_OBJECT)
            for n, item in enumerate(items)
        ]
        results = [
            r.as_dict()
            for r in import_records(actor=request.user, records=records, dry_run=dry_run)
        ]
        counts = Counter(r["status"] for r in results)
        summary = {
            "created": counts["created"],
            "duplicates": counts["duplicate"],
            "invalid": counts["invalid"],
            "dry_run": dry_run,
        }
        return Response({**summary, "results": results})
