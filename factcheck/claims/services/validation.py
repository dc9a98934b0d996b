"""Input checks shared by the claim write services; messages are constants tests import."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower

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
STANCE_REQUIRED = (
    "Choose a stance for this link: does it support or refute the claim, or give context?"
)
COMMENT_EMPTY = "A comment cannot be empty."
BAD_TAG = "Tags are short words: letters, digits, hyphens and underscores (max 50)."
UNKNOWN_ARTICLE = "No article with this id."

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
    """The tags named, created when new. Case is kept as typed ("DeepSeek"), but matching
    ignores it: an existing tag keeps its spelling, so no two tags differ only by case."""
    wanted: dict[str, str] = {}  # lower-case key -> the first spelling given
    for raw in names:
        name = (raw or "").strip()
        if name:
            wanted.setdefault(name.lower(), name)
    tag_field = Tag._meta.get_field("name")
    for name in wanted.values():
        try:
            tag_field.run_validators(name)
        except ValidationError:
            raise ValidationError({"tags": BAD_TAG}) from None
        if len(name) > 50:
            raise ValidationError({"tags": BAD_TAG})
    if not wanted:
        return []
    # Two or three queries however many tags: read the existing ones (ignoring case), insert
    # the missing ones (a concurrent insert of the same name is skipped), read those back.
    found = {t.key: t for t in Tag.objects.annotate(key=Lower("name")).filter(key__in=wanted)}
    missing = [name for key, name in wanted.items() if key not in found]
    if missing:
        Tag.objects.bulk_create([Tag(name=name) for name in missing], ignore_conflicts=True)
        keys = [name.lower() for name in missing]
        found |= {t.key: t for t in Tag.objects.annotate(key=Lower("name")).filter(key__in=keys)}
    return sorted(found.values(), key=tag_order)


def tag_order(tag: Tag) -> tuple[str, str]:
    """Tags sorted ignoring case, the same in Python whatever the database's collation."""
    return (tag.name.lower(), tag.name)


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
    actual = body[max(start, 0) : max(end, 0)]
    check_target(length=len(body), actual=actual, start=start, end=end, quote=quote)


def check_target(*, length: int, actual: str, start: int, end: int, quote: str) -> None:
    """`validate_target` when the database cut the text: `length` is the body's length and
    `actual` the body at [start, end) (both in code points), so the body never leaves it."""
    if not (0 <= start < end <= length):
        raise ValidationError({"start": OFFSETS_OUT_OF_RANGE.format(length=length)})
    if not quote.strip():
        raise ValidationError({"quote": QUOTE_BLANK})
    if actual != quote:
        raise ValidationError(
            {"quote": QUOTE_MISMATCH.format(start=start, end=end, actual=actual[:200])}
        )
