"""POST /api/v1/annotations/import/: annotations from another tool become draft claims.

Thin: parse → claims.annotation_import → render. The body is the annotation document itself
(W3C Web Annotation JSON-LD or a Hypothesis export); options are query parameters."""

from __future__ import annotations

from collections import Counter

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.accounts.permissions import ReadOrNewsroomWrite
from factcheck.articles.selectors import article_get
from factcheck.claims.annotation_import import import_annotations
from factcheck.core.api import error_responses, parse_query

STATUSES = ["imported", "orphaned", "duplicate", "skipped", "invalid"]


class JSONLDParser(JSONParser):
    media_type = "application/ld+json"


class AnnotationImportOptions(serializers.Serializer):
    article = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Attach every annotation to this article (default: by each target's URL).",
    )
    dry_run = serializers.BooleanField(required=False, default=False)


class AnnotationResultSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    id = serializers.CharField(help_text="The annotation's own id in the document.")
    status = serializers.ChoiceField(choices=STATUSES)
    article = serializers.IntegerField(allow_null=True)
    claim = serializers.IntegerField(allow_null=True)
    anchor_state = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    warnings = serializers.ListField(child=serializers.CharField())


class AnnotationImportResultSerializer(serializers.Serializer):
    imported = serializers.IntegerField()
    orphaned = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    skipped = serializers.IntegerField()
    invalid = serializers.IntegerField()
    dry_run = serializers.BooleanField()
    results = AnnotationResultSerializer(many=True)


class AnnotationImportView(GenericAPIView):
    permission_classes = [ReadOrNewsroomWrite]
    parser_classes = [JSONParser, JSONLDParser]
    serializer_class = AnnotationImportResultSerializer

    @extend_schema(
        operation_id="annotations_import",
        summary="Import annotations (W3C Web Annotation or Hypothesis) as draft claims",
        description="The body is the document: a W3C Annotation, AnnotationPage, "
        "AnnotationCollection with embedded pages (e.g. our annotations.jsonld), or a "
        "Hypothesis API export. Each annotation is attached to the article whose source URL "
        "is its target (or to `article`) and becomes a draft claim; a quote not found in the "
        "text becomes an orphaned claim. Re-importing the same annotation is reported as a "
        "duplicate.",
        parameters=[AnnotationImportOptions],
        request={"application/json": {"type": "object"}},
        responses={200: AnnotationImportResultSerializer, **error_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request) -> Response:
        options = parse_query(AnnotationImportOptions, request)
        article = None
        if "article" in options:
            article = article_get(user=request.user, pk=options["article"])
        dry_run = bool(options.get("dry_run"))
        results = import_annotations(
            actor=request.user, document=request.data, article=article, dry_run=dry_run
        )
        counts = Counter(r.status for r in results)
        summary = {
            "imported": counts["imported"],
            "orphaned": counts["orphaned"],
            "duplicates": counts["duplicate"],
            "skipped": counts["skipped"],
            "invalid": counts["invalid"],
            "dry_run": dry_run,
        }
        return Response({**summary, "results": [r.as_dict() for r in results]})
