"""Browser forms for articles: search filters and the new-article form (paste or upload)."""

from __future__ import annotations

from typing import Any

from django import forms

from factcheck.articles.models import ArticleStatus

NEED_TEXT_OR_FILE = "Paste the article text, choose a file, or fetch it from a web address."
TEXT_AND_FILE = (
    "You pasted text and chose a file: keep one of them (clear the text box, or remove the file) "
    "and try again."
)
FETCH_NEEDS_ADDRESS = "Enter the address of the page to fetch."
FETCH_WITH_TEXT = (
    "There is already text in the box: clear it (or remove the file) to fetch the page, or add "
    "the article as it is."
)
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
    language = forms.CharField(
        label="Language", max_length=16, required=False, help_text="e.g. en, de, fr (default en)."
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

    source = forms.CharField(
        label="…or fetch it from a web address",
        max_length=2000,
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text="The page's article text and details are filled in for you to check.",
    )
    action = forms.ChoiceField(choices=[("save", "Add"), ("fetch", "Fetch")], required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_text, has_file = bool((data.get("body") or "").strip()), bool(data.get("file"))
        if data.get("action") == "fetch":
            if not (data.get("source") or "").strip():
                self.add_error("source", FETCH_NEEDS_ADDRESS)
            elif has_text or has_file:
                self.add_error("source", FETCH_WITH_TEXT)
        elif has_text and has_file:
            self.add_error("file", TEXT_AND_FILE)  # never a silent choice between the two
        elif not (has_text or has_file):
            self.add_error("body", NEED_TEXT_OR_FILE)
        return data
