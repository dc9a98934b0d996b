"""The claims search form (web/search.py): a query and the filters of the claims list."""

from __future__ import annotations

from typing import Any

from django import forms

from factcheck.claims.models import ClaimStatus
from factcheck.claims.selectors import active_ratings

DATES_REVERSED = "The start date is after the end date."


class ClaimSearchForm(forms.Form):
    q = forms.CharField(
        label="Search claims",
        required=False,
        max_length=500,
        widget=forms.SearchInput(attrs={"placeholder": "A claim, a figure, a name"}),
    )
    verdict = forms.ChoiceField(label="Verdict", required=False)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *ClaimStatus.choices]
    )
    article = forms.IntegerField(
        label="Article id", required=False, min_value=1, max_value=2**31 - 1
    )
    claimant = forms.CharField(label="Claimant", required=False, max_length=300)
    tag = forms.CharField(label="Tag", required=False, max_length=50)
    author = forms.CharField(label="Author", required=False, max_length=150)
    date_from = forms.DateField(
        label="Checked from", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="Checked until", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        verdict = self.fields["verdict"]
        assert isinstance(verdict, forms.ChoiceField)
        verdict.choices = [("", "Any verdict")] + [(r.slug, r.label) for r in active_ratings()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", DATES_REVERSED)
        return data
