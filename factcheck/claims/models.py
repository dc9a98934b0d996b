"""Claims (the annotations), their evidence, comments, the verdict scale and the audit trail."""

import re

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from simple_history.models import HistoricalRecords

from factcheck.articles.text.anchors import AnchorState
from factcheck.core.models import TimeStampedModel
from factcheck.core.search import WeightedDocument


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    RETRACTED = "retracted", "Retracted"


class EventAction(models.TextChoices):
    """What a ReviewEvent records; the label is how the history shows it ("approved")."""

    CREATE = "create", "created the claim"
    EDIT = "edit", "edited"
    COMMENT = "comment", "commented"
    EVIDENCE_ADD = "evidence_add", "added evidence"
    EVIDENCE_EDIT = "evidence_edit", "edited evidence"
    EVIDENCE_REMOVE = "evidence_remove", "removed evidence"
    SEE_ALSO = "see_also", "linked a related check (see also)"
    # The workflow actions (reviews.workflow.TRANSITIONS has one entry for each).
    SUBMIT = "submit", "submitted"
    APPROVE = "approve", "approved"
    REQUEST_CHANGES = "request_changes", "requested changes"
    PUBLISH = "publish", "published"
    CORRECT = "correct", "corrected"
    RETRACT = "retract", "retracted"
    # Revisions of the article text (reviews.revisions).
    REVISE = "revise", "revised the text"
    REANCHOR = "reanchor", "re-anchored"
    REANCHOR_REVIEW = "reanchor_review", "re-anchored and sent back to review"
    REATTACH = "reattach", "re-attached"
    # Annotations brought in from another tool (claims.annotation_import).
    IMPORT = "import", "imported the claim"
    # Article-level: who is assigned to check it (reviews.notifications.assignment_record).
    ASSIGN = "assign", "assigned reviewers"


# The events that change what a claim says (its text, quote/anchor, verdict, rationale,
# claimant, evidence, tags): whoever recorded one since the claim was last published is a
# contributor, and four eyes keep contributors from approving or publishing it. A re-anchoring
# by a revision is the system's doing, not a contribution; a comment changes nothing.
CONTENT_ACTIONS = frozenset(
    {
        EventAction.CREATE,
        EventAction.IMPORT,
        EventAction.EDIT,
        EventAction.EVIDENCE_ADD,
        EventAction.EVIDENCE_EDIT,
        EventAction.EVIDENCE_REMOVE,
        EventAction.REATTACH,
        EventAction.CORRECT,
    }
)


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    REFUTES = "refutes", "Refutes"
    CONTEXT = "context", "Context"


class VerdictScale(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=50, unique=True)
    is_active = models.BooleanField(default=False)
    best = models.SmallIntegerField(null=True, blank=True, help_text="bestRating in ClaimReview")
    worst = models.SmallIntegerField(null=True, blank=True, help_text="worstRating in ClaimReview")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="one_active_scale"
            ),
            models.CheckConstraint(
                condition=Q(best__isnull=True) | Q(worst__isnull=True) | Q(best__gt=F("worst")),
                name="scale_best_above_worst",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    scale = models.ForeignKey(VerdictScale, on_delete=models.PROTECT, related_name="ratings")
    slug = models.SlugField(max_length=50)
    label = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    color = models.CharField(max_length=7, help_text="Hex colour, e.g. #1a7f37")
    value = models.SmallIntegerField(
        null=True, blank=True, help_text="Numeric ratingValue; empty for ratings off the scale."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["scale_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "slug"], name="rating_slug_unique_per_scale"),
            models.CheckConstraint(
                condition=Q(color__regex=r"^#[0-9a-fA-F]{6}$"), name="rating_color_hex"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Tag(models.Model):
    """A tag keeps the case it was first typed in ("DeepSeek"); names are unique ignoring case,
    so "deepseek" typed later finds the same tag (claims.services.resolve_tags)."""

    name = models.SlugField(max_length=50, allow_unicode=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="tag_name_unique_ignoring_case")]

    def __str__(self) -> str:
        return self.name


def claim_gin_index(field: str, name: str, *, trigrams: bool = False) -> GinIndex:
    """A GIN index of the claims table, with a small pending list (why: above `Claim.language`)."""
    opclasses = ["gin_trgm_ops"] if trigrams else []
    return GinIndex(
        fields=[field], name=name, opclasses=opclasses, fastupdate=True, gin_pending_list_limit=64
    )


class Claim(TimeStampedModel):
    article = models.ForeignKey("articles.Article", on_delete=models.PROTECT, related_name="claims")
    revision = models.ForeignKey(
        "articles.ArticleRevision", on_delete=models.PROTECT, related_name="claims"
    )
    # Target: code-point offsets into revision.body (W3C TextPositionSelector) + TextQuoteSelector.
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    prefix = models.TextField(blank=True)
    suffix = models.TextField(blank=True)
    anchor_state = models.CharField(
        max_length=10, choices=AnchorState.choices, default=AnchorState.EXACT
    )
    previous_quote = models.TextField(
        blank=True, help_text="The quote before a fuzzy re-anchoring changed it."
    )
    # Set when the claim was imported from another annotation tool (claims.annotation_import).
    original_creator = models.CharField(
        max_length=300, blank=True, help_text="Who made the annotation in the tool it came from."
    )
    original_id = models.CharField(
        max_length=2000, blank=True, help_text="The imported annotation's id (its URL or IRI)."
    )

    claim_text = models.TextField()
    claimant = models.CharField(max_length=300, blank=True)
    verdict = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    rationale = models.TextField(blank=True, help_text="Markdown")
    tags = models.ManyToManyField(Tag, blank=True, related_name="claims")

    status = models.CharField(
        max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT, editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="authored_claims"
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_claims",
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # What the public sees: frozen at publish and at each correction, so later edits
    # (or a re-anchoring that sends the claim back to review) never silently change it.
    published_verdict = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    published_rationale = models.TextField(blank=True, editable=False)
    published_claim_text = models.TextField(blank=True, editable=False)
    # The latest PublishedVersion (publication, correction or retraction): what the public reads.
    # Written only by claims.services.publication.publish_version, under the claim's row lock.
    public_version = models.OneToOneField(
        "PublishedVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="current_for",
    )

    # The GIN indexes below keep a pending list of at most 64 kB (the least PostgreSQL allows):
    # an insert appends its entries there instead of updating the index page by page (half the
    # cost of a claim's insert, and a seventh of its WAL), and the next insert past 64 kB merges
    # the list in. A search scans at most those 64 kB unsorted: no difference measured
    # (bench/README.md, "GIN pending list").
    # Search ("Checked before?"): the article's language when the claim was made (picks the text
    # search configuration), the tag names as text (a generated column cannot read the M2M),
    # and two stored, GIN-indexed documents: the working copy (newsroom) and the published copy
    # (everyone else). Weights: claim text A, quote B, claimant and tags C, rationale D.
    language = models.CharField(max_length=16, default="en", editable=False)
    search_tags = models.TextField(blank=True, default="", editable=False)
    search_document = models.GeneratedField(
        expression=WeightedDocument(
            "language",
            ("claim_text", "A"),
            ("quote", "B"),
            ("claimant", "C"),
            ("search_tags", "C"),
            ("rationale", "D"),
        ),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        editable=False,
    )
    published_document = models.GeneratedField(
        expression=WeightedDocument(
            "language",
            ("published_claim_text", "A"),
            ("quote", "B"),
            ("claimant", "C"),
            ("search_tags", "C"),
            ("published_rationale", "D"),
        ),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        editable=False,
    )
    see_also = models.ManyToManyField(
        "self",
        symmetrical=True,
        blank=True,
        help_text="Related earlier checks (recorded on both claims).",
    )

    history = HistoricalRecords(
        excluded_fields=["updated_at", "search_document", "published_document", "public_version"]
    )

    class Meta:
        ordering = ["article_id", "start", "end", "id"]
        indexes = [
            models.Index(fields=["article", "start"]),
            models.Index(fields=["status", "submitted_at"]),
            claim_gin_index("search_document", "claim_search_gin"),
            claim_gin_index("published_document", "claim_published_search_gin"),
            claim_gin_index("claim_text", "claim_text_trgm", trigrams=True),
            claim_gin_index("published_claim_text", "claim_published_text_trgm", trigrams=True),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="claim_start_before_end"),
            models.CheckConstraint(condition=Q(start__gte=0), name="claim_start_non_negative"),
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(anchor_state__in=AnchorState.values), name="claim_anchor_state_valid"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="claim_version_positive"),
            models.CheckConstraint(condition=~Q(quote=""), name="claim_quote_not_empty"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.claim_text[:60]}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.status != ClaimStatus.RETRACTED

    @property
    def is_retracted(self) -> bool:
        return self.status == ClaimStatus.RETRACTED


class EvidenceLink(TimeStampedModel):
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="evidence_links")
    url = models.URLField(max_length=2000)
    title = models.CharField(max_length=300, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    excerpt = models.TextField(blank=True)
    stance = models.CharField(max_length=10, choices=Stance.choices, default=Stance.SUPPORTS)
    accessed_on = models.DateField(null=True, blank=True)
    archived_url = models.URLField(max_length=2000, blank=True)
    is_removed = models.BooleanField(default=False, help_text="Hidden; kept for the audit trail.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["claim_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(stance__in=Stance.values), name="evidence_stance"),
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="evidence_url_http",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class Comment(TimeStampedModel):
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    is_removed = models.BooleanField(default=False)

    class Meta:
        ordering = ["claim_id", "created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="comment_not_empty")]

    def __str__(self) -> str:
        return f"Comment {self.pk} on claim {self.claim_id}"


class ReviewEventQuerySet(models.QuerySet):
    """The audit trail is append-only: bulk updates and deletes are refused."""

    def update(self, **kwargs):  # type: ignore[override]
        raise TypeError("Review events are append-only.")

    def delete(self):  # type: ignore[override]
        raise TypeError("Review events are append-only.")


class ReviewEvent(models.Model):
    """Who did what to which claim (or article), when, between which statuses, and why."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.PROTECT, related_name="review_events"
    )
    claim = models.ForeignKey(
        Claim, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=40, choices=EventAction.choices)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ReviewEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["claim", "at"])]

    def __str__(self) -> str:
        moved = (
            f" ({self.from_status_label} → {self.to_status_label})"
            if self.from_status and self.from_status != self.to_status
            else ""
        )
        when = date_format(localtime(self.at), "DATETIME_FORMAT") if self.at else ""
        return f"{capfirst(self.get_action_display())}{moved}, {when}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise TypeError("Review events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Review events are append-only.")

    @property
    def from_status_label(self) -> str:
        return status_label(self.from_status)

    @property
    def to_status_label(self) -> str:
        return status_label(self.to_status)


def status_label(status: str) -> str:
    """A stored status value as people read it: changes_requested → "Changes requested"."""
    return str(dict(ClaimStatus.choices).get(status, status or "—"))


# ReviewEvent.changes keys that are not the name of the field they record.
_CHANGE_FIELD_ALIASES = {"state": "anchor_state"}


def change_label(key: str) -> str:
    """A ReviewEvent.changes key as people read it, from the model's own field names:
    claim_text → "Claim text", anchor_state → "Anchor state", url → "URL"."""
    name = _CHANGE_FIELD_ALIASES.get(key, key)
    label = name.replace("_", " ")
    for model in (Claim, EvidenceLink):
        try:
            label = str(getattr(model._meta.get_field(name), "verbose_name", label))
            break
        except FieldDoesNotExist:
            continue
    return re.sub(r"\burl\b", "URL", capfirst(label), flags=re.IGNORECASE)


class VersionKind(models.TextChoices):
    """Why a PublishedVersion was written (its label is what the public history says)."""

    PUBLICATION = "publication", "Published"
    CORRECTION = "correction", "Corrected"
    RETRACTION = "retraction", "Retracted"


class ClaimantKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"


class PublishedVersionQuerySet(models.QuerySet):
    """Published versions are immutable: bulk updates and deletes are refused."""

    def update(self, **kwargs):  # type: ignore[override]
        raise TypeError(VERSION_IMMUTABLE)

    def delete(self):  # type: ignore[override]
        raise TypeError(VERSION_IMMUTABLE)


VERSION_IMMUTABLE = "A published version is an immutable record."


class PublishedVersion(models.Model):
    """Everything the public sees of a claim, as two people approved it: one row per
    publication, correction and retraction, never changed (the model refuses, and on
    PostgreSQL a trigger refuses raw UPDATE and DELETE too). The claim's `public_version`
    points at its latest; a claim's correction history is its list of versions."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="published_versions")
    number = models.PositiveIntegerField(help_text="1, 2, ... per claim.")
    kind = models.CharField(max_length=12, choices=VersionKind.choices)
    note = models.TextField(blank=True, help_text="The public note (correction, retraction).")
    article = models.ForeignKey("articles.Article", on_delete=models.PROTECT, related_name="+")
    revision = models.ForeignKey(
        "articles.ArticleRevision", on_delete=models.PROTECT, related_name="+"
    )
    revision_number = models.PositiveIntegerField()
    # Target (W3C TextPositionSelector in code points, TextQuoteSelector).
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    prefix = models.TextField(blank=True)
    suffix = models.TextField(blank=True)
    anchor_state = models.CharField(max_length=10, choices=AnchorState.choices)
    claim_text = models.TextField()
    claimant = models.CharField(max_length=300, blank=True)
    claimant_kind = models.CharField(max_length=12, choices=ClaimantKind.choices, blank=True)
    verdict = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verdict_slug = models.CharField(max_length=50, blank=True)
    verdict_label = models.CharField(max_length=100, blank=True)
    rationale = models.TextField(blank=True, help_text="Markdown")
    evidence = models.JSONField(default=list, blank=True, help_text="The live links, as the API.")
    tags = models.JSONField(default=list, blank=True, help_text="Tag names, sorted.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_name = models.CharField(max_length=300)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approver_name = models.CharField(max_length=300, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    original_creator = models.CharField(max_length=300, blank=True)
    original_id = models.CharField(max_length=2000, blank=True)
    claim_created_at = models.DateTimeField()
    approved_at = models.DateTimeField(null=True, blank=True)
    first_published_at = models.DateTimeField(help_text="When the claim first went public.")
    published_at = models.DateTimeField(help_text="When this version went public.")
    language = models.CharField(max_length=16, default="en")
    search_tags = models.TextField(blank=True, default="")
    search_document = models.GeneratedField(
        expression=WeightedDocument(
            "language",
            ("claim_text", "A"),
            ("quote", "B"),
            ("claimant", "C"),
            ("search_tags", "C"),
            ("rationale", "D"),
        ),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        editable=False,
    )

    objects = PublishedVersionQuerySet.as_manager()

    class Meta:
        ordering = ["claim_id", "number"]
        indexes = [
            models.Index(fields=["article", "claim"], name="version_article_claim"),
            GinIndex(fields=["search_document"], name="version_search_gin", fastupdate=False),
            GinIndex(
                fields=["claim_text"],
                opclasses=["gin_trgm_ops"],
                name="version_claim_text_trgm",
                fastupdate=False,
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["claim", "number"], name="version_number_per_claim"),
            models.CheckConstraint(condition=Q(number__gte=1), name="version_number_positive"),
            models.CheckConstraint(
                condition=Q(kind__in=VersionKind.values), name="version_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="version_start_before_end"
            ),
        ]

    def __str__(self) -> str:
        return f"Claim {self.claim_id} version {self.number} ({self.kind})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError(VERSION_IMMUTABLE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(VERSION_IMMUTABLE)

    @property
    def is_retracted(self) -> bool:
        return self.kind == VersionKind.RETRACTION


class ClaimDraft(TimeStampedModel):
    """Unsaved work in the claim form, autosaved for its author alone (claims.services.drafts).

    Not a claim: never listed, exported, published or audited; only its owner reads it. One
    draft per user and claim being edited, or per user, article and selection for a new claim.
    Saving the claim or discarding the draft deletes it (it is scratch, not a record).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claim_drafts"
    )
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="claim_drafts"
    )
    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, null=True, blank=True, related_name="drafts"
    )
    # The selection of a new claim (code points); empty when editing an existing claim.
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    quote = models.TextField(blank=True)
    base_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The claim's version when the draft was started."
    )
    fields = models.JSONField(default=dict, help_text="The form's values as typed.")

    class Meta:
        ordering = ["-updated_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "claim"],
                condition=Q(claim__isnull=False),
                name="one_draft_per_user_and_claim",
            ),
            models.UniqueConstraint(
                fields=["user", "article", "start", "end"],
                condition=Q(claim__isnull=True),
                name="one_draft_per_user_and_selection",
            ),
            models.CheckConstraint(
                condition=Q(claim__isnull=False) | (Q(start__isnull=False) & Q(end__gt=F("start"))),
                name="draft_new_claim_has_selection",
            ),
        ]

    def __str__(self) -> str:
        return f"Draft of {self.user_id} on article {self.article_id}"
