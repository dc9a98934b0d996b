"""Article shapes for the API: output, input (create / metadata edit / import / revision)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from factcheck.articles.models import Article, ArticleRevision, ArticleStatus
from factcheck.articles.selectors import PUBLISHED_CLAIM_STATUS

BODY_MAX = 5_000_000
BODY_AND_HTML = "Send either `body` (plain text) or `html` (a page), not both."
BULK_EMPTY = "Send a non-empty list of articles."
BODY_OR_HTML = "Send the article as `body` (plain text) or `html` (a page)."
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
            "id",
            "title",
            "url",
            "publisher",
            "author",
            "published_on",
            "language",
            "body",
            "revision",
            "status",
            "assignees",
            "claim_counts",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField(child=serializers.IntegerField()))
    def get_claim_counts(self, obj: Article) -> dict[str, int]:
        counts = self.context.get("claim_counts", {}).get(obj.pk, {})
        if self.context.get("public"):
            return {k: v for k, v in counts.items() if k == PUBLISHED_CLAIM_STATUS}
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


class ArticleImportFieldsSerializer(serializers.Serializer):
    """Metadata a client may give with an import; each one overrides what the page says."""

    title = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        help_text="Default: the page's title (without the site name) or the file's first line.",
    )
    url = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        help_text="Default: the page's canonical URL.",
    )
    publisher = serializers.CharField(max_length=200, required=False, allow_blank=True)
    author = serializers.CharField(max_length=300, required=False, allow_blank=True)
    published_on = serializers.DateField(required=False, allow_null=True)
    language = serializers.CharField(max_length=16, required=False, allow_blank=True)
    preview = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Return what would be imported (200), without saving it.",
    )


class ArticleImportSerializer(ArticleImportFieldsSerializer):
    file = serializers.FileField(
        help_text=".txt, .md or .html (UTF-8); HTML is reduced to the article's text."
    )


class ArticleImportURLSerializer(ArticleImportFieldsSerializer):
    url = serializers.CharField(
        max_length=2000,
        help_text="The http(s) address of the page to fetch (public addresses only). The "
        "article is saved under the page's canonical URL.",
    )


class ArticlePreviewSerializer(serializers.Serializer):
    """What an import would create; edit any field and POST it to articles/ to save it."""

    title = serializers.CharField()
    url = serializers.CharField()
    publisher = serializers.CharField()
    author = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)
    language = serializers.CharField()
    body = serializers.CharField()
    duplicates = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Fields that repeat an existing article (empty when none).",
    )


class BulkArticleSerializer(ArticleMetadataSerializer):
    """One article of a bulk import: `body` (plain text) or `html` (a page, extracted)."""

    body = serializers.CharField(
        max_length=BODY_MAX, required=False, allow_blank=True, trim_whitespace=False
    )
    html = serializers.CharField(
        max_length=BODY_MAX,
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="A web page: its article text and metadata are extracted.",
    )
    title = serializers.CharField(max_length=300, required=False, allow_blank=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        has_body, has_html = bool(attrs.get("body", "").strip()), bool(attrs.get("html", ""))
        if has_body and has_html:
            raise serializers.ValidationError({"html": BODY_AND_HTML})
        if not (has_body or has_html):
            raise serializers.ValidationError({"body": BODY_OR_HTML})
        return attrs


class ArticleBulkSerializer(serializers.Serializer):
    articles = BulkArticleSerializer(
        many=True, help_text="At most ARTICLE_BULK_MAX (default 100) articles."
    )
    dry_run = serializers.BooleanField(
        required=False, default=False, help_text="Validate everything, save nothing."
    )


class BulkOptionsSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField(required=False, default=False)


class BulkItemResultSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="Position in `articles`, from 0.")
    status = serializers.ChoiceField(choices=["created", "valid", "duplicate", "invalid"])
    id = serializers.IntegerField(allow_null=True, help_text="The new article (when created).")
    title = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class ArticleBulkResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    invalid = serializers.IntegerField()
    dry_run = serializers.BooleanField()
    results = BulkItemResultSerializer(many=True)


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
