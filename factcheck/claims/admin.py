"""Claims admin. Content edits go through claims.services (with the version the editor read);
no admin form can set `status`: workflow actions call the reviews services via reviews.admin."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from factcheck.claims import services
from factcheck.claims.models import (
    Claim,
    Comment,
    EvidenceLink,
    Rating,
    ReviewEvent,
    Tag,
    VerdictScale,
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


class ReviewEventInline(ReadOnlyInline):
    model = ReviewEvent
    fk_name = "claim"
    fields = ("at", "actor", "action", "from_status", "to_status", "note")
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
    list_display = ("id", "short_claim", "article", "status", "verdict", "author", "approver",
                    "anchor_state", "evidence_count", "updated_at")  # fmt: skip
    list_filter = ("status", "verdict", "anchor_state", "article", "author", "tags")
    search_fields = ("claim_text", "quote", "claimant", "rationale")
    list_select_related = ("article", "verdict", "author", "approver")
    readonly_fields = ("article", "revision", "start", "end", "quote", "prefix", "suffix",
                       "anchor_state", "previous_quote", "status", "version", "author",
                       "approver", "submitted_at", "approved_at", "published_at",
                       "published_verdict", "published_rationale")  # fmt: skip
    fieldsets = (
        ("Claim", {"fields": ("claim_text", "claimant", "verdict", "rationale", "tag_names",
                              "loaded_version")}),
        ("Target", {"fields": ("article", "revision", "start", "end", "quote", "prefix",
                               "suffix", "anchor_state", "previous_quote")}),
        ("Workflow", {"fields": ("status", "version", "author", "approver", "submitted_at",
                                 "approved_at", "published_at", "published_verdict",
                                 "published_rationale")}),
    )  # fmt: skip
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
        return obj.claim_text[:80]

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
            actor=request.user, claim=obj, version=data.get("loaded_version"),
            claim_text=data["claim_text"], claimant=data["claimant"], verdict=data["verdict"],
            rationale=data["rationale"], tags=tags,
        )  # fmt: skip


class RatingInline(admin.TabularInline):
    model = Rating
    extra = 0
    fields = ("order", "slug", "label", "value", "color", "description")


@admin.register(VerdictScale)
class VerdictScaleAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "is_active", "best", "worst")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [RatingInline]


@admin.register(ReviewEvent)
class ReviewEventAdmin(admin.ModelAdmin):
    """The audit trail: visible, never editable."""

    list_display = ("at", "actor", "action", "claim", "article", "from_status", "to_status")
    list_filter = ("action", "to_status", "actor")
    search_fields = ("note", "claim__claim_text", "article__title")
    list_select_related = ("actor", "claim", "article")
    date_hierarchy = "at"

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
