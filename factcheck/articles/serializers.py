"""Article shapes for the API: output, input (create / metadata edit / import / revision)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from factcheck.articles.models import Article, ArticleRevision, ArticleStatus

BODY_MAX = 5_000_000
ARTICLE_ORDERING = ["created_at", "updated_at", "title", "published_on", "id"]


class ArticleSerializer(serializers.ModelSerializer):
    """An article. `revision` is the current revision NUMBER (1, 2, ...): claims' `revision`
    uses the same number. `claim_counts` counts claims by status (non-staff: published only)."""

    revision = serializers.IntegerField(
        source="revision_number",
        read_only=True,
        allow_null=True,
        help_text="Number of the current body revision.",
    )
    url = serializers.CharField(read_only=True, help_text="Source URL (http/https), or empty.")
    assignees = serializers.SlugRelatedField(slug_field="username", many=True, read_only=True)
    claim_counts = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "id", "title", "url", "publisher", "author", "published_on", "language", "body",
            "revision", "status", "assignees", "claim_counts", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField()))
    def get_claim_counts(self, obj: Article) -> dict[str, int]:
        counts = self.context.get("claim_counts", {}).get(obj.pk, {})
        if self.context.get("public"):
            return {k: v for k, v in counts.items() if k == "published"}
        return counts


class RevisionSerializer(serializers.ModelSerializer):
    created_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = ArticleRevision
        fields = ["id", "number", "body", "note", "created_by", "created_at"]
        read_only_fields = fields


def _username_list(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="username",
        many=True,
        required=False,
        queryset=get_user_model().objects.filter(is_active=True),
        help_text="Usernames of the reviewers working on the article.",
        **kwargs,
    )


class ArticleMetadataSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, required=False)
    url = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, help_text="Source URL (http or https)."
    )
    publisher = serializers.CharField(max_length=200, required=False, allow_blank=True)
    author = serializers.CharField(max_length=300, required=False, allow_blank=True)
    published_on = serializers.DateField(required=False, allow_null=True)
    language = serializers.CharField(max_length=16, required=False, allow_blank=True)
    assignees = _username_list()


class ArticleCreateSerializer(ArticleMetadataSerializer):
    title = serializers.CharField(max_length=300)
    body = serializers.CharField(max_length=BODY_MAX, help_text="Plain text; \\n newlines.")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class RevisionCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=BODY_MAX, help_text="The whole new text.")
    note = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, help_text="What changed and why."
    )


class ArticleImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=".txt, .md or .html (UTF-8); HTML becomes text.")
    title = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="Default: the file's title or first line.",
    )
    url = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ArticleFilterSerializer(serializers.Serializer):
    """Query parameters of GET /api/v1/articles/."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Full-text search in title, publisher and body.",
    )
    status = serializers.ChoiceField(
        choices=ArticleStatus.choices, required=False, allow_blank=True
    )
    assignee = serializers.CharField(
        required=False, allow_blank=True, max_length=150, help_text="Username of an assignee."
    )
    publisher = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Exact publisher (case-insensitive).",
    )
    ordering = serializers.ChoiceField(
        choices=[*ARTICLE_ORDERING, *(f"-{name}" for name in ARTICLE_ORDERING)],
        required=False,
        allow_blank=True,
        help_text="Sort key; prefix with - for descending. Default: -created_at.",
    )
