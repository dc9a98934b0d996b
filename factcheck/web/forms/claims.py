"""Browser forms for claims: field names match the API (claim_text, claimant, verdict, ...).

Forms only parse and shape input; the services validate the domain rules and their
ValidationErrors are attached back to these fields by the views.
"""

from __future__ import annotations

from typing import Any

from django import forms

from factcheck.claims.models import Claim, Rating, Stance
from factcheck.claims.services import STANCE_REQUIRED, VERSION_REQUIRED
from factcheck.core.validators import http_url_validator


class RatingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Rating) -> str:
        return obj.label


class ClaimForm(forms.Form):
    claim_text = forms.CharField(
        label="Claim",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="The claim as you restate it. Defaults to the quote.",
    )
    claimant = forms.CharField(
        label="Claimant",
        max_length=300,
        required=False,
        widget=forms.TextInput(
            attrs={
                "list": "claimant-suggestions",
                "autocomplete": "off",
                "data-suggest": "claimants",
            }
        ),
        help_text="Who made the claim: a person or an organisation.",
    )
    verdict = RatingChoiceField(
        label="Verdict",
        queryset=Rating.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="— No verdict yet —",
    )
    rationale = forms.CharField(
        label="Rationale",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="Markdown: **bold**, _italic_, [links](https://…), lists.",
    )
    tags = forms.CharField(
        label="Tags",
        required=False,
        max_length=500,
        widget=forms.TextInput(
            attrs={"list": "tag-suggestions", "autocomplete": "off", "data-suggest": "tags"}
        ),
        help_text="Comma-separated, e.g. economy, DeepSeek. Case is kept; an existing tag is "
        "reused whatever its case.",
    )

    def __init__(self, *args: Any, ratings: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["verdict"].queryset = (  # type: ignore[attr-defined]
            ratings if ratings is not None else Rating.objects.filter(scale__is_active=True)
        )

    def tag_list(self) -> list[str]:
        raw = self.cleaned_data.get("tags") or ""
        return [t.strip() for t in raw.split(",") if t.strip()]

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "claim_text": data.get("claim_text", ""),
            "claimant": data.get("claimant", ""),
            "verdict": data.get("verdict"),
            "rationale": data.get("rationale", ""),
            "tags": self.tag_list(),
        }


class NewClaimForm(ClaimForm):
    """A claim on a selection: the target comes from the browser in code points."""

    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quote = forms.CharField(strip=False, widget=forms.HiddenInput)
    # "Start from it" ("Checked before?"): the earlier claim this one was started from.
    see_also = forms.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        widget=forms.HiddenInput(attrs={"data-see-also": ""}),
    )


class EditClaimForm(ClaimForm):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


def claim_initial(claim: Claim) -> dict[str, Any]:
    return {
        "claim_text": claim.claim_text,
        "claimant": claim.claimant,
        "verdict": claim.verdict.slug if claim.verdict else "",
        "rationale": claim.rationale,
        "tags": ", ".join(t.name for t in claim.tags.all()),
        "version": claim.version,
    }


class EvidenceForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    url = forms.CharField(
        label="URL",
        max_length=2000,
        validators=[http_url_validator],
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    title = forms.CharField(label="Title", max_length=300, required=False)
    publisher = forms.CharField(label="Publisher", max_length=200, required=False)
    excerpt = forms.CharField(
        label="Excerpt", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    # No default: an untouched row must not be published as "supports" (issue 11).
    stance = forms.ChoiceField(
        label="Stance",
        choices=[("", "— Choose —"), *Stance.choices],
        error_messages={"required": STANCE_REQUIRED},
    )
    accessed_on = forms.DateField(
        label="Accessed on", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    archived_url = forms.CharField(
        label="Archived copy URL",
        max_length=2000,
        required=False,
        validators=[http_url_validator],
        widget=forms.URLInput,
    )


EvidenceFormSet = forms.formset_factory(EvidenceForm, extra=0, can_delete=True, max_num=50)


def evidence_formset(
    data: Any = None, claim: Claim | None = None, rows: list[dict[str, Any]] | None = None
) -> forms.BaseFormSet:
    """The evidence rows: posted (`data`), of a saved claim, or restored from a draft (`rows`)."""
    initial = rows
    if claim is not None and data is None and rows is None:
        initial = [
            {
                name: getattr(link, name)
                for name in (
                    "id",
                    "url",
                    "title",
                    "publisher",
                    "excerpt",
                    "stance",
                    "accessed_on",
                    "archived_url",
                )
            }
            for link in getattr(claim, "live_evidence", None)
            or claim.evidence_links.filter(is_removed=False)
        ]
    return EvidenceFormSet(data=data, initial=initial, prefix="evidence")


def evidence_items(formset: forms.BaseFormSet, *, with_ids: bool) -> list[dict[str, Any]]:
    """The kept evidence rows as service dicts (deleted and blank rows dropped)."""
    items = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if not data or data.get("DELETE") or not data.get("url"):
            continue
        item = {k: v for k, v in data.items() if k not in ("DELETE", "id")}
        item["archived_url"] = item.get("archived_url") or ""
        if with_ids and data.get("id"):
            item["id"] = data["id"]
        items.append(item)
    return items


class CommentForm(forms.Form):
    body = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 3}))


VERSION_INVALID = "The claim's version must be a whole number: reload the claim and try again."
VERSION_ERRORS = {
    "required": VERSION_REQUIRED,
    "invalid": VERSION_INVALID,
    "min_value": VERSION_INVALID,
    "max_value": VERSION_INVALID,
}


def form_problem(form: forms.Form) -> str:
    """One sentence naming each field the form refused ("version: Send the version ...")."""
    return " ".join(f"{name}: {' '.join(map(str, errors))}" for name, errors in form.errors.items())


class NoteForm(forms.Form):
    """A workflow action's input; `version` is the claim's version the page showed."""

    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        widget=forms.HiddenInput,
        error_messages=VERSION_ERRORS,
    )
    verdict = forms.CharField(required=False)
    rationale = forms.CharField(required=False, widget=forms.Textarea)


# --- drafts: the form as typed <-> the draft's JSON (claims.services.drafts) --------------------

DRAFT_CLAIM_KEYS = ("claim_text", "claimant", "verdict", "rationale", "tags", "see_also")
DRAFT_EVIDENCE_KEYS = (
    "id",
    "url",
    "title",
    "publisher",
    "excerpt",
    "stance",
    "accessed_on",
    "archived_url",
)


def draft_fields_from_post(post: Any) -> dict[str, Any]:
    """What the claim form holds, unvalidated (a draft keeps half-typed input as it is)."""
    fields: dict[str, Any] = {key: post.get(key, "") for key in DRAFT_CLAIM_KEYS}
    try:
        total = min(int(post.get("evidence-TOTAL_FORMS", 0)), 50)
    except ValueError:
        total = 0
    rows = []
    for i in range(max(total, 0)):
        row = {key: post.get(f"evidence-{i}-{key}", "") for key in DRAFT_EVIDENCE_KEYS}
        row["removed"] = bool(post.get(f"evidence-{i}-DELETE"))
        if row["id"] or any(row[key] for key in DRAFT_EVIDENCE_KEYS[1:]):
            rows.append(row)
    fields["evidence"] = rows
    return fields


def draft_initial(fields: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(the claim form's initial values, the evidence rows' initial values) of a draft."""
    initial = {key: fields.get(key, "") for key in DRAFT_CLAIM_KEYS}
    rows = []
    for row in fields.get("evidence", []):
        item: dict[str, Any] = {key: row.get(key, "") for key in DRAFT_EVIDENCE_KEYS}
        item["id"] = item["id"] or None
        item["DELETE"] = bool(row.get("removed"))
        rows.append(item)
    return initial, rows
