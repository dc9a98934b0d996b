"""Browser forms for articles: search filters and the new-article form (paste or upload)."""

from __future__ import annotations

from typing import Any

from django import forms

from factcheck.articles.models import ArticleStatus

NEED_TEXT_OR_FILE = "Paste the article text or choose a file to upload."
UPLOAD_ACCEPT = ".txt,.text,.md,.markdown,.html,.htm"
NEED_TITLE = "Give the article a title (or upload a file that has one)."


class ArticleFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": "Title, publisher or text"}),
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *ArticleStatus.choices]
    )
    mine = forms.BooleanField(label="Assigned to me", required=False)


class ArticleForm(forms.Form):
    title = forms.CharField(label="Title", max_length=300, required=False)
    url = forms.CharField(
        label="Source URL",
        max_length=2000,
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    publisher = forms.CharField(label="Publisher", max_length=200, required=False)
    author = forms.CharField(label="Author(s)", max_length=300, required=False)
    published_on = forms.DateField(
        label="Publication date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    body = forms.CharField(
        label="Article text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Paragraphs are separated by a blank line.",
    )
    file = forms.FileField(
        label="…or upload a file",
        required=False,
        help_text=".txt, .md or .html (HTML is reduced to plain text).",
        widget=forms.ClearableFileInput(attrs={"accept": UPLOAD_ACCEPT}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("body") or "").strip() and not data.get("file"):
            self.add_error("body", NEED_TEXT_OR_FILE)
        return data
