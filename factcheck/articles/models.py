"""Articles and their immutable body revisions."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q

from factcheck.core.models import TimeStampedModel
from factcheck.core.search import WeightedDocument

# An article body may hold 5,000,000 characters; its search document indexes the first million
# (positions stripped), which keeps the stored tsvector far below PostgreSQL's 1 MB limit.
BODY_INDEXED_CHARS = 1_000_000


class ArticleStatus(models.TextChoices):
    NEW = "new", "New"
    IN_PROGRESS = "in_progress", "In progress"
    IN_REVIEW = "in_review", "In review"
    REVIEWED = "reviewed", "Reviewed"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class Article(TimeStampedModel):
    title = models.CharField(max_length=300)
    url = models.URLField("source URL", max_length=2000, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=16, default="en")
    status = models.CharField(
        max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.NEW, db_index=True
    )
    # The current revision's text, copied here so lists and search need no join.
    body = models.TextField()
    body_hash = models.CharField(max_length=64, db_index=True, editable=False)
    current_revision = models.OneToOneField(
        "ArticleRevision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    assignees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_articles"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    # Title and publisher, weighted; the body's document lives on its (immutable) revision so
    # that the article's frequent status updates never re-parse a long body.
    search_document = models.GeneratedField(
        expression=WeightedDocument(
            "language", ("title", "A"), ("publisher", "B"), ("author", "C")
        ),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        editable=False,
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            GinIndex(fields=["search_document"], name="article_search_gin", fastupdate=False)
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values), name="article_status_valid"
            ),
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="article_url_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def current(self) -> "ArticleRevision":
        """The current revision: every article has one from its creation on (article_create)."""
        if self.current_revision is None:
            raise ArticleRevision.DoesNotExist(f"Article {self.pk} has no revision yet.")
        return self.current_revision

    @property
    def revision_number(self) -> int | None:
        revision = self.current_revision
        return revision.number if revision is not None else None


class ArticleRevision(models.Model):
    """One version of an article's body. Never edited after creation."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    body = models.TextField()
    body_hash = models.CharField(max_length=64, editable=False)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The article's language when the revision was made: picks the text search configuration.
    language = models.CharField(max_length=16, default="en", editable=False)
    search_document = models.GeneratedField(
        expression=WeightedDocument(
            "language", ("body", "D"), stripped=True, max_chars=BODY_INDEXED_CHARS
        ),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        editable=False,
    )

    class Meta:
        ordering = ["article_id", "number"]
        indexes = [
            GinIndex(fields=["search_document"], name="revision_search_gin", fastupdate=False)
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="revision_number_positive"),
        ]

    def __str__(self) -> str:
        return f"Revision {self.number}"
