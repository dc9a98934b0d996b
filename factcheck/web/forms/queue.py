"""The review queue's filter bar: which part of the queue, article, author, verdict, and only
the claims a revision sent back. Article, author and verdict are the claims/ filters
(claims.filters.ClaimFilterSet reads the same query string)."""

from __future__ import annotations

from typing import Any

from django import forms

from factcheck.claims.selectors import active_ratings
from factcheck.reviews.queue import STAGE_LABELS, Stage


class QueueFilterForm(forms.Form):
    stage = forms.ChoiceField(label="Show", required=False, choices=list(STAGE_LABELS.items()))
    article = forms.TypedChoiceField(label="Article", required=False, coerce=int, empty_value=None)
    author = forms.ChoiceField(label="Author", required=False)
    verdict = forms.ChoiceField(label="Verdict", required=False)
    revision = forms.BooleanField(label="Sent back by a revision", required=False)

    def __init__(self, data: Any, *, choices: dict[str, list[Any]]) -> None:
        super().__init__(data)
        article_field = self.fields["article"]
        assert isinstance(article_field, forms.ChoiceField)
        article_field.choices = [("", "All articles"), *choices["articles"]]
        author_field = self.fields["author"]
        assert isinstance(author_field, forms.ChoiceField)
        author_field.choices = [("", "All authors")] + [
            (u.username, u.display_name) for u in choices["authors"]
        ]
        verdict_field = self.fields["verdict"]
        assert isinstance(verdict_field, forms.ChoiceField)
        verdict_field.choices = [("", "All verdicts")] + [
            (r.slug, r.label) for r in active_ratings()
        ]

    @staticmethod
    def stage_of(data: Any) -> Stage:
        value = str(data.get("stage") or "") if data is not None else ""
        return Stage(value) if value in {s.value for s in Stage} else Stage.REVIEW
