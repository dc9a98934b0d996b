"""Article endpoints: list/create, retrieve/edit metadata, import a file. Thin: parse → call a
selector or service → render. Revisions live in reviews.api (saving one re-anchors claims)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.accounts.permissions import ReadOrNewsroomWrite, public_context
from factcheck.articles.importers import extract_article
from factcheck.articles.models import Article
from factcheck.articles.selectors import article_get, article_list, claim_counts_by_article
from factcheck.articles.serializers import (
    ArticleCreateSerializer,
    ArticleFilterSerializer,
    ArticleImportSerializer,
    ArticleMetadataSerializer,
    ArticleSerializer,
)
from factcheck.articles.services import article_assign, article_create, article_update
from factcheck.core.api import JSONOnly, error_responses, parse_query, validated


def article_context(request: Request, articles: list[Article]) -> dict[str, Any]:
    """Serializer context with the claim counts of all `articles` (one query)."""
    counts = claim_counts_by_article([article.pk for article in articles])
    return {**public_context(request), "claim_counts": counts}


def render_article(request: Request, pk: int) -> dict[str, Any]:
    article = article_get(user=request.user, pk=pk)
    return ArticleSerializer(article, context=article_context(request, [article])).data


class ArticleListView(JSONOnly, GenericAPIView):
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
    permission_classes = [ReadOrNewsroomWrite]
    serializer_class = ArticleSerializer

    @extend_schema(
        operation_id="articles_retrieve",
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


class ArticleImportView(GenericAPIView):
    permission_classes = [ReadOrNewsroomWrite]
    parser_classes = [MultiPartParser, FormParser]
    serializer_class = ArticleImportSerializer

    @extend_schema(
        operation_id="articles_import",
        summary="Import an article from a .txt, .md or .html file",
        request={"multipart/form-data": ArticleImportSerializer},
        responses={201: ArticleSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request: Request) -> Response:
        data = validated(ArticleImportSerializer, request.data)
        imported = extract_article(data["file"])
        name = PurePath(data["file"].name or "").name
        try:
            article = article_create(
                actor=request.user, title=data.get("title") or imported.title,
                body=imported.body, url=data.get("url", ""), note=f"Imported from {name}.",
            )  # fmt: skip
        except ValidationError as exc:
            # The text came from the uploaded file: name that field, not "body".
            errors = getattr(exc, "error_dict", None)
            if errors and "body" in errors:
                errors["file"] = errors.pop("body")
            raise
        return Response(render_article(request, article.pk), status=status.HTTP_201_CREATED)
