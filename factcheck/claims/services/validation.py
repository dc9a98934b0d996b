"""Input checks shared by the claim write services; messages are constants tests import."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError

from factcheck.articles.anchoring import quote_matches
from factcheck.claims.models import (
    Rating,
    Stance,
    Tag,
)
from factcheck.core.validators import URL_NOT_HTTP, http_url_validator

QUOTE_MISMATCH = (
    "The quote does not match the article text at these offsets: "
    "the text at [{start}, {end}) is {actual!r}."
)
OFFSETS_OUT_OF_RANGE = "Offsets must satisfy 0 <= start < end <= {length} (the body length)."
QUOTE_BLANK = "A claim must quote some text, not only spaces."
UNKNOWN_VERDICT = "Unknown verdict {slug!r}: use a slug from the active verdict scale."
STALE_VERSION = (
    "This claim was changed by someone else (you have version {given}, the current one is "
    "{current}). Reload it and apply your changes again."
)
VERSION_REQUIRED = "Send the version of the claim you are editing."
UNKNOWN_STANCE = "Stance must be one of: supports, refutes, context."
COMMENT_EMPTY = "A comment cannot be empty."
BAD_TAG = "Tags are short words: letters, digits, hyphens and underscores (max 50)."

CLAIM_FIELDS = ("claim_text", "claimant", "verdict", "rationale", "tags")
EVIDENCE_FIELDS = ("url", "title", "publisher", "excerpt", "stance", "accessed_on", "archived_url")
EVIDENCE_LIMITS = {"url": 2000, "title": 300, "publisher": 200, "archived_url": 2000}
CLAIM_LIMITS = {"claimant": 300}


def resolve_verdict(value: Rating | str | None) -> Rating | None:
    if isinstance(value, Rating):
        return value
    if not value:
        return None
    rating = Rating.objects.filter(scale__is_active=True, slug=value).first()
    if rating is None:
        raise ValidationError({"verdict": UNKNOWN_VERDICT.format(slug=value)})
    return rating


def resolve_tags(names: Iterable[str]) -> list[Tag]:
    cleaned = sorted({name.strip().lower() for name in names if name and name.strip()})
    tag_field = Tag._meta.get_field("name")
    for name in cleaned:
        try:
            tag_field.run_validators(name)
        except ValidationError:
            raise ValidationError({"tags": BAD_TAG}) from None
        if len(name) > 50:
            raise ValidationError({"tags": BAD_TAG})
    return [Tag.objects.get_or_create(name=name)[0] for name in cleaned]


def check_lengths(values: Mapping[str, Any], limits: Mapping[str, int]) -> dict[str, str]:
    return {
        name: f"Ensure this field has no more than {limit} characters."
        for name, limit in limits.items()
        if isinstance(values.get(name), str) and len(values[name]) > limit
    }


def clean_evidence(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate and normalise one evidence link's fields (raises ValidationError by field)."""
    values = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
    errors = check_lengths(values, EVIDENCE_LIMITS)
    for name in ("url", "archived_url"):
        if values.get(name) and name not in errors:
            try:
                http_url_validator(values[name])
            except ValidationError:
                errors[name] = URL_NOT_HTTP
    if "url" in values and not values["url"]:
        errors["url"] = "Give the evidence URL."
    if "stance" in values and values["stance"] not in Stance.values:
        errors["stance"] = UNKNOWN_STANCE
    if errors:
        raise ValidationError(errors)
    if "archived_url" in values:
        values["archived_url"] = values["archived_url"] or ""
    return values


def validate_target(body: str, start: int, end: int, quote: str) -> None:
    """Raise ValidationError unless `quote` is the body text at code points [start, end)."""
    if not (0 <= start < end <= len(body)):
        raise ValidationError({"start": OFFSETS_OUT_OF_RANGE.format(length=len(body))})
    if not quote.strip():
        raise ValidationError({"quote": QUOTE_BLANK})
    if not quote_matches(body, start, end, quote):
        raise ValidationError(
            {"quote": QUOTE_MISMATCH.format(start=start, end=end, actual=body[start:end][:200])}
        )
