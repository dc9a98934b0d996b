"""Claims admin. Content edits go through claims.services (with the version the editor read);
no admin form can set `status`: workflow actions call the reviews services via reviews.admin."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.template.defaultfilters import date as date_filter
from django.utils.text import Truncator
from simple_history.admin import SimpleHistoryAdmin

from factcheck.claims import services
from factcheck.claims.models import (
    Claim,
    ClaimStatus,
    Comment,
    EvidenceLink,
    Rating,
    ReviewEvent,
    Tag,
    VerdictScale,
    change_label,
)
from factcheck.claims.permissions import can_edit_claim

CONTENT_FIELDS = ("claim_text", "claimant", "verdict", "rationale", "tag_names")


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class EvidenceLinkInline(ReadOnlyInline):
    model = EvidenceLink
    fields = ("url", "title", "publisher", "stance", "accessed_on", "archived_url", "is_removed")
    readonly_fields = fields


class CommentInline(ReadOnlyInline):
    model = Comment
    fields = ("author", "body", "created_at")
    readonly_fields = fields


def _short(text: str, chars: int) -> str:
    return Truncator(text).chars(chars)


def _moment(value) -> str:
    """A datetime column that may wrap: the admin keeps real DateTimeFields on one line."""
    return date_filter(value, "DATETIME_FORMAT")


def _status_move(event: ReviewEvent) -> str:
    if not event.from_status or event.from_status == event.to_status:
        return event.to_status_label
    return f"{event.from_status_label} → {event.to_status_label}"


class AuditTrailColumns:
    """Columns of the audit trail as people read it: labels ("Changes requested", "added
    evidence"), never stored codes; 24-hour times (factcheck/core/formats)."""

    @admin.display(description="When", ordering="at")
    def when(self, obj: ReviewEvent) -> str:
        return _moment(obj.at)

    @admin.display(description="Status")
    def status_move(self, obj: ReviewEvent) -> str:
        return _status_move(obj)


class ReviewEventInline(AuditTrailColumns, ReadOnlyInline):
    model = ReviewEvent
    fk_name = "claim"
    fields = ("when", "actor", "action", "status_move", "note")
    readonly_fields = fields


class ClaimAdminForm(forms.ModelForm):
    # The version the editor loaded: a stale one is refused instead of overwriting.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    tag_names = forms.CharField(required=False, label="Tags", help_text="Comma-separated.")

    class Meta:
        model = Claim
        fields = ("claim_text", "claimant", "verdict", "rationale")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Content fields are absent when the claim is shown read-only (see get_readonly_fields).
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
            if "tag_names" in self.fields:
                self.fields["tag_names"].initial = ", ".join(
                    t.name for t in self.instance.tags.all()
                )
        if "verdict" in self.fields:
            self.fields["verdict"].queryset = Rating.objects.filter(scale__is_active=True)

    def clean(self):
        data = super().clean()
        current = (
            Claim.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
        )
        loaded = data.get("loaded_version")
        if current is not None and loaded is not None and loaded != current:
            raise forms.ValidationError(
                services.STALE_VERSION.format(given=loaded, current=current)
            )
        return data


class ClaimAdmin(SimpleHistoryAdmin):
    """Registered once, with the workflow actions, by reviews.admin (they call its services)."""

    form = ClaimAdminForm
    # Fits a 1440 px window beside the admin's sidebars: long text columns wrap (a foreign key
    # column would not), the approver and the full dates are on the claim's page.
    list_display = (
        "id",
        "short_claim",
        "article_title",
        "status",
        "verdict_label",
        "author_name",
        "anchor",
        "evidence_count",
        "updated",
    )
    list_filter = ("status", "verdict", "anchor_state", "article", "author", "tags")
    search_fields = ("claim_text", "quote", "claimant", "rationale")
    list_select_related = ("article", "verdict", "author", "approver")
    readonly_fields = (
        "article",
        "revision",
        "start",
        "end",
        "quote",
        "prefix",
        "suffix",
        "anchor_state",
        "previous_quote",
        "status",
        "version",
        "author",
        "approver",
        "submitted_at",
        "approved_at",
        "published_at",
        "published_verdict",
        "published_rationale",
    )
    fieldsets = (
        (
            "Claim",
            {
                "fields": (
                    "claim_text",
                    "claimant",
                    "verdict",
                    "rationale",
                    "tag_names",
                    "loaded_version",
                )
            },
        ),
        (
            "Target",
            {
                "fields": (
                    "article",
                    "revision",
                    "start",
                    "end",
                    "quote",
                    "prefix",
                    "suffix",
                    "anchor_state",
                    "previous_quote",
                )
            },
        ),
        (
            "Workflow",
            {
                "fields": (
                    "status",
                    "version",
                    "author",
                    "approver",
                    "submitted_at",
                    "approved_at",
                    "published_at",
                    "published_verdict",
                    "published_rationale",
                )
            },
        ),
    )
    inlines = [EvidenceLinkInline, CommentInline, ReviewEventInline]
    history_list_display = ("status", "verdict", "version")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_evidence=Count("evidence_links"))

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not can_edit_claim(request.user, obj):
            return (*self.readonly_fields, *CONTENT_FIELDS)
        return self.readonly_fields

    @admin.display(description="Tags")
    def tag_names(self, obj: Claim) -> str:  # the read-only form of the tag_names field
        return ", ".join(t.name for t in obj.tags.all())

    @admin.display(description="Claim")
    def short_claim(self, obj: Claim) -> str:
        return _short(obj.claim_text, 80)

    @admin.display(description="Article", ordering="article__title")
    def article_title(self, obj: Claim) -> str:
        return _short(obj.article.title, 50)

    @admin.display(description="Verdict", ordering="verdict__order")
    def verdict_label(self, obj: Claim) -> str:
        return obj.verdict.label if obj.verdict else "—"

    @admin.display(description="Author", ordering="author__username")
    def author_name(self, obj: Claim) -> str:
        return str(obj.author)

    @admin.display(description="Anchor", ordering="anchor_state")
    def anchor(self, obj: Claim) -> str:
        return obj.get_anchor_state_display()

    @admin.display(description="Updated", ordering="updated_at")
    def updated(self, obj: Claim) -> str:
        return _moment(obj.updated_at)

    @admin.display(description="Evidence", ordering="n_evidence")
    def evidence_count(self, obj: Claim) -> int:
        return obj.n_evidence

    def has_add_permission(self, request) -> bool:
        return False  # claims are created by selecting text in the reading view

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        if not form.changed_data or "claim_text" not in form.cleaned_data:
            return  # read-only view of a claim the user may not edit
        data = form.cleaned_data
        tags = [t for t in data.get("tag_names", "").split(",") if t.strip()]
        services.claim_update(
            actor=request.user,
            claim=obj,
            version=data.get("loaded_version"),
            claim_text=data["claim_text"],
            claimant=data["claimant"],
            verdict=data["verdict"],
            rationale=data["rationale"],
            tags=tags,
        )


class RatingInline(admin.TabularInline):
    model = Rating
    extra = 0
    fields = ("order", "slug", "label", "value", "color", "description")


@admin.register(VerdictScale)
class VerdictScaleAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "is_active", "best", "worst")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [RatingInline]


class ToStatusFilter(admin.SimpleListFilter):
    """The status an event left the claim in, by its label."""

    title = "status after"
    parameter_name = "to_status"

    def lookups(self, request, model_admin):
        return ClaimStatus.choices

    def queryset(self, request, queryset):
        return queryset.filter(to_status=self.value()) if self.value() else queryset


@admin.register(ReviewEvent)
class ReviewEventAdmin(AuditTrailColumns, admin.ModelAdmin):
    """The audit trail: visible, never editable."""

    list_display = ("when", "actor", "action", "claim_text", "article_title", "status_move")
    list_filter = ("action", ToStatusFilter, "actor")
    search_fields = ("note", "claim__claim_text", "article__title")
    list_select_related = ("actor", "claim", "article")
    date_hierarchy = "at"
    fields = ("when", "actor", "action", "claim", "article", "status_move", "note", "what_changed")
    readonly_fields = fields

    @admin.display(description="What changed")
    def what_changed(self, obj: ReviewEvent) -> str:
        rows = [
            f"{change_label(str(key))}: {value[0] if value[0] not in (None, '') else '∅'} → "
            f"{value[1] if value[1] not in (None, '') else '∅'}"
            for key, value in (obj.changes or {}).items()
            if isinstance(value, list) and len(value) == 2
        ]
        return "; ".join(rows) or "—"

    @admin.display(description="Claim", ordering="claim_id")
    def claim_text(self, obj: ReviewEvent) -> str:
        return f"#{obj.claim_id} {_short(obj.claim.claim_text, 60)}" if obj.claim else "—"

    @admin.display(description="Article", ordering="article__title")
    def article_title(self, obj: ReviewEvent) -> str:
        return _short(obj.article.title, 50)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ("name",)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
