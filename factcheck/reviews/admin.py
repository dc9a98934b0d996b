"""Workflow actions in the admin. They call the same services as the app and the API, so the
four-eyes rule, the required notes and the audit trail hold here too."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from factcheck.articles.admin import ArticleAdmin
from factcheck.articles.models import Article
from factcheck.articles.services import can_edit_article
from factcheck.claims.admin import ClaimAdmin
from factcheck.claims.models import Claim
from factcheck.core.errors import describe_error
from factcheck.reviews.revisions import article_revise
from factcheck.reviews.workflow import TRANSITIONS, Who


class NoteForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=True)


def run_transition(request, queryset, action: str, note: str = "") -> None:
    """Apply `action` to each selected claim; report what was done and what was refused, why."""
    service = TRANSITIONS[action].service
    done, refused = [], []
    for claim in queryset.order_by("pk"):
        try:
            service(actor=request.user, claim=claim, note=note)
            done.append(f"#{claim.pk}")
        except Exception as error:
            if (info := describe_error(error)) is None:
                raise
            refused.append(f"#{claim.pk}: {info.message}")
    label = TRANSITIONS[action].label.lower()
    if done:
        messages.success(request, f"{TRANSITIONS[action].label}: done for {', '.join(done)}.")
    for line in refused:
        messages.warning(request, f"Could not {label} {line}")


def _note_action(action: str):
    def admin_action(modeladmin, request, queryset):
        if "apply" in request.POST:
            form = NoteForm(request.POST)
            if form.is_valid():
                run_transition(request, queryset, action, form.cleaned_data["note"])
                return None
        else:
            form = NoteForm()
        return TemplateResponse(
            request,
            "admin/claims/claim/transition_note.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": f"{TRANSITIONS[action].label}: a note is required",
                "form": form,
                "claims": queryset,
                "action_name": admin_action.__name__,
                "opts": modeladmin.model._meta,
            },
        )

    admin_action.__name__ = f"{action}_selected"
    admin_action.short_description = f"{TRANSITIONS[action].label} selected claims…"
    return admin_action


def _plain_action(action: str):
    def admin_action(modeladmin, request, queryset):
        run_transition(request, queryset, action)

    admin_action.__name__ = f"{action}_selected"
    admin_action.short_description = f"{TRANSITIONS[action].label} selected claims"
    return admin_action


@admin.register(Claim)
class ReviewClaimAdmin(ClaimAdmin):
    # The editors' actions that take nothing but a note (a correction needs a new verdict).
    actions = [
        (_note_action if t.note_required else _plain_action)(t.action)
        for t in TRANSITIONS.values()
        if t.who is not Who.AUTHOR_OR_EDITOR and not t.inputs
    ]


class RevisionForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 30, "cols": 100}), strip=False)
    note = forms.CharField(
        required=False,
        help_text="What changed in the source, e.g. 'Publisher corrected the "
        "figure in paragraph 3'.",
    )


@admin.register(Article)
class RevisingArticleAdmin(ArticleAdmin):
    """Adds "New revision": save corrected text, re-anchoring every claim (reviews.revisions)."""

    change_form_template = "admin/articles/article/change_form.html"

    def get_urls(self):
        revise = self.admin_site.admin_view(self.revise_view)
        return [
            path("<int:pk>/revise/", revise, name="articles_article_revise"),
            *super().get_urls(),
        ]

    def revise_view(self, request, pk: int):
        article = get_object_or_404(Article, pk=pk)
        if not can_edit_article(request.user, article):
            raise PermissionDenied
        form = RevisionForm(request.POST or None, initial={"body": article.body})
        if request.method == "POST" and form.is_valid():
            try:
                revision = article_revise(actor=request.user, article=article, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Saved revision {revision.number}; claims re-anchored.")
                return redirect(reverse("admin:articles_article_change", args=[pk]))
        return TemplateResponse(
            request,
            "admin/articles/article/revise.html",
            {
                **self.admin_site.each_context(request),
                "title": f"New revision of “{article}”",
                "form": form,
                "article": article,
                "opts": self.model._meta,
            },
        )
