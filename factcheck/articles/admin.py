"""Article admin. Writes go through articles.services, so the same rules hold as in the app."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q

from factcheck.articles import services
from factcheck.articles.models import Article, ArticleRevision
from factcheck.articles.selectors import OPEN_CLAIM_STATUSES, PUBLISHED_CLAIM_STATUS


class ArticleRevisionInline(admin.TabularInline):
    model = ArticleRevision
    fields = ("number", "note", "created_by", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = (
            "title",
            "url",
            "publisher",
            "author",
            "published_on",
            "language",
            "body",
            "assignees",
        )

    def clean(self):
        data = super().clean()
        body = services.prepare_body(data.get("body") or "") if self.instance.pk is None else ""
        errors = services.find_duplicate(
            url=(data.get("url") or "").strip(), body=body, exclude_pk=self.instance.pk
        )
        if data.get("url"):
            try:
                services.http_url_validator(data["url"])
            except ValidationError:
                errors["url"] = services.URL_NOT_HTTP
        if errors:
            raise ValidationError(errors)
        return data


class ArticleAdmin(admin.ModelAdmin):
    """Registered once, with "New revision", by reviews.admin (revising re-anchors claims)."""

    form = ArticleAdminForm
    list_display = (
        "title",
        "publisher",
        "status",
        "assignee_names",
        "claims_total",
        "claims_open",
        "claims_published",
        "created_at",
    )
    list_filter = ("status", "publisher", "language", "assignees")
    search_fields = ("title", "publisher", "url", "author")
    filter_horizontal = ("assignees",)
    date_hierarchy = "created_at"
    inlines = [ArticleRevisionInline]
    readonly_fields = (
        "status",
        "current_revision",
        "created_by",
        "updated_by",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("title", "url", "publisher", "author", "published_on", "language")}),
        ("Text", {"fields": ("body",)}),
        ("Work", {"fields": ("assignees", "status")}),
        (
            "Record",
            {
                "fields": (
                    "current_revision",
                    "created_by",
                    "updated_by",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )

    def get_queryset(self, request):
        is_open = Q(claims__status__in=OPEN_CLAIM_STATUSES)
        is_published = Q(claims__status=PUBLISHED_CLAIM_STATUS)
        return (
            super()
            .get_queryset(request)
            .prefetch_related("assignees")
            .annotate(
                n_claims=Count("claims", distinct=True),
                n_open=Count("claims", filter=is_open, distinct=True),
                n_published=Count("claims", filter=is_published, distinct=True),
            )
        )

    def get_readonly_fields(self, request, obj=None):
        # The body of an existing article changes only through a new revision.
        return (*self.readonly_fields, "body") if obj else self.readonly_fields

    @admin.display(description="Assignees")
    def assignee_names(self, obj: Article) -> str:
        return ", ".join(u.username for u in obj.assignees.all()) or "—"

    @admin.display(description="Claims", ordering="n_claims")
    def claims_total(self, obj: Article) -> int:
        return obj.n_claims

    @admin.display(description="Open", ordering="n_open")
    def claims_open(self, obj: Article) -> int:
        return obj.n_open

    @admin.display(description="Published", ordering="n_published")
    def claims_published(self, obj: Article) -> int:
        return obj.n_published

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
        if change:
            services.article_update(actor=request.user, article=obj, **data)
        else:
            created = services.article_create(
                actor=request.user, body=form.cleaned_data["body"], **data
            )
            obj.pk = created.pk
            obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        assignees = form.cleaned_data.get("assignees")
        if assignees is not None:
            services.article_assign(actor=request.user, article=form.instance, assignees=assignees)
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
