"""Claim shapes for the API (and the JSONL exporter): output serializers and input validation.

Output serializers read only what `claims.selectors.claim_base_queryset()` prefetches (the
live evidence in `live_evidence`, the tags, the verdict, author, approver and revision), so a
page of claims costs no per-row query. Pass `context={"public": True}` to show what the public
sees: the verdict, rationale and claim text frozen at the last publication or correction.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import UTC, datetime
from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from factcheck.claims.models import (
    Claim,
    Comment,
    EvidenceLink,
    PublishedVersion,
    Rating,
    ReviewEvent,
    Stance,
    VersionKind,
)
from factcheck.claims.selectors import CLAIM_ROW_FIELDS, EVIDENCE_ROW_FIELDS, PUBLIC_ROW_FIELDS
from factcheck.claims.services import QUOTE_BLANK, STANCE_REQUIRED, http_url_validator

MAX_INT = 2**31 - 1
PUBLIC_VERSION_FIELDS = [name.removeprefix("public_version__") for name in PUBLIC_ROW_FIELDS[2:]]
TEXT_MAX = 100_000  # claim text, rationale, excerpt, quote context: generous but bounded


# --- output -------------------------------------------------------------------------------------


class EvidenceSerializer(serializers.ModelSerializer):
    archived_url = serializers.SerializerMethodField()

    class Meta:
        model = EvidenceLink
        fields = [
            "id",
            "url",
            "title",
            "publisher",
            "excerpt",
            "stance",
            "accessed_on",
            "archived_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_archived_url(self, obj: EvidenceLink) -> str | None:
        return obj.archived_url or None


class ClaimSerializer(serializers.ModelSerializer):
    """A claim as docs/api.md describes it. `revision` is the revision NUMBER (1, 2, ...) of the
    article revision the offsets point into, the same number as an article's `revision`."""

    article = serializers.IntegerField(source="article_id", read_only=True)
    revision = serializers.IntegerField(
        source="revision.number",
        read_only=True,
        help_text="Number of the article revision the offsets point into.",
    )
    verdict = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    tags = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    approver = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    evidence = EvidenceSerializer(source="live_evidence", many=True, read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "article",
            "revision",
            "start",
            "end",
            "quote",
            "prefix",
            "suffix",
            "anchor_state",
            "claim_text",
            "claimant",
            "verdict",
            "rationale",
            "tags",
            "status",
            "version",
            "author",
            "approver",
            "evidence",
            "created_at",
            "updated_at",
            "published_at",
            "original_creator",
            "original_id",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Claim) -> dict[str, Any]:
        data = super().to_representation(instance)
        if self.context.get("public"):  # every key from the published version
            data.update(public_payload(version_row(instance.public_version)))
        return data


# --- fast output ----------------------------------------------------------------------------
# The same JSON as ClaimSerializer (same keys, order and values; a test compares them), built
# from flat rows (`claims.selectors.claim_rows`) or from a claim a service just wrote, without
# DRF's per-field machinery: lists of thousands of claims cost milliseconds.


def iso_z(value: datetime | None) -> str | None:
    """DRF's DateTimeField output: ISO 8601 in UTC, "Z" for "+00:00"."""
    if value is None:
        return None
    text = value.astimezone(UTC).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def evidence_payload(row: Mapping[str, Any]) -> dict[str, Any]:
    accessed_on = row["accessed_on"]
    return {
        "id": row["id"],
        "url": row["url"],
        "title": row["title"],
        "publisher": row["publisher"],
        "excerpt": row["excerpt"],
        "stance": row["stance"],
        "accessed_on": accessed_on.isoformat() if accessed_on is not None else None,
        "archived_url": row["archived_url"] or None,
    }


def version_row(version: PublishedVersion | None) -> dict[str, Any]:
    """A published version as a `claims.selectors.PUBLIC_ROW_FIELDS` row."""
    if version is None:
        raise ValueError("The claim has no published version.")
    row = {f"public_version__{name}": getattr(version, name) for name in PUBLIC_VERSION_FIELDS}
    return {"id": version.claim_id, "article_id": version.article_id, **row}


def public_payload(row: Mapping[str, Any]) -> dict[str, Any]:
    """What the public sees of a claim, in the API's claim shape, read from its published
    version only (a `PUBLIC_ROW_FIELDS` row): people by display name (no usernames), `version`
    the published version's number, `updated_at` when that version went public."""

    def v(name: str) -> Any:
        return row[f"public_version__{name}"]

    return {
        "id": row["id"],
        "article": row["article_id"],
        "revision": v("revision_number"),
        "start": v("start"),
        "end": v("end"),
        "quote": v("quote"),
        "prefix": v("prefix"),
        "suffix": v("suffix"),
        "anchor_state": v("anchor_state"),
        "claim_text": v("claim_text"),
        "claimant": v("claimant"),
        "verdict": v("verdict_slug") or None,
        "rationale": v("rationale"),
        "tags": list(v("tags")),
        "status": "retracted" if v("kind") == VersionKind.RETRACTION else "published",
        "version": v("number"),
        "author": v("author_name"),
        "approver": v("approver_name") or None,
        "evidence": list(v("evidence")),
        "created_at": iso_z(v("claim_created_at")),
        "updated_at": iso_z(v("published_at")),
        "published_at": iso_z(v("first_published_at")),
        "original_creator": v("original_creator"),
        "original_id": v("original_id"),
    }


def claim_payload(row: Mapping[str, Any], *, public: bool = False) -> dict[str, Any]:
    """A claim row (keys: `claims.selectors.CLAIM_ROW_FIELDS` plus `tags` and `evidence`) as the
    API shows it; `public`: a `PUBLIC_ROW_FIELDS` row, shown by `public_payload`."""
    if public:
        return public_payload(row)
    verdict, rationale, claim_text = row["verdict__slug"], row["rationale"], row["claim_text"]
    return {
        "id": row["id"],
        "article": row["article_id"],
        "revision": row["revision__number"],
        "start": row["start"],
        "end": row["end"],
        "quote": row["quote"],
        "prefix": row["prefix"],
        "suffix": row["suffix"],
        "anchor_state": row["anchor_state"],
        "claim_text": claim_text,
        "claimant": row["claimant"],
        "verdict": verdict,
        "rationale": rationale,
        "tags": row["tags"],
        "status": row["status"],
        "version": row["version"],
        "author": row["author__username"],
        "approver": row["approver__username"],
        "evidence": [evidence_payload(link) for link in row["evidence"]],
        "created_at": iso_z(row["created_at"]),
        "updated_at": iso_z(row["updated_at"]),
        "published_at": iso_z(row["published_at"]),
        "original_creator": row["original_creator"],
        "original_id": row["original_id"],
    }


def _slug(rating: Rating | None) -> str | None:
    return rating.slug if rating is not None else None


def claim_instance_payload(claim: Claim, *, public: bool = False) -> dict[str, Any]:
    """`claim_payload` of a claim instance whose tags and `live_evidence` are loaded (as the
    write services leave them): no query."""
    if public:
        return public_payload(version_row(claim.public_version))
    row = {name: getattr(claim, name) for name in _PLAIN_FIELDS}
    row |= {
        "revision__number": claim.revision.number,
        "verdict__slug": _slug(claim.verdict) if claim.verdict_id else None,
        "published_verdict__slug": (
            _slug(claim.published_verdict) if claim.published_verdict_id else None
        ),
        "author__username": claim.author.username,
        "approver__username": claim.approver.username if claim.approver_id else None,
        "tags": [tag.name for tag in claim.tags.all()],
        "evidence": [
            {name: getattr(link, name) for name in EVIDENCE_ROW_FIELDS}
            for link in claim.live_evidence  # type: ignore[attr-defined]
        ],
    }
    return claim_payload(row, public=public)


# The claim's own columns of a row; the others are read through relations above.
_PLAIN_FIELDS = tuple(name for name in CLAIM_ROW_FIELDS if "__" not in name)


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "author", "body", "created_at"]
        read_only_fields = fields


class EventSerializer(serializers.ModelSerializer):
    """One row of the audit trail."""

    actor = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    changes = serializers.JSONField(read_only=True, help_text="Field: [old, new] pairs.")

    class Meta:
        model = ReviewEvent
        fields = ["id", "actor", "action", "from_status", "to_status", "note", "changes", "at"]
        read_only_fields = fields


class RatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rating
        fields = ["slug", "label", "description", "color", "value"]
        read_only_fields = fields


class VerdictScaleSerializer(serializers.Serializer):
    """The active verdict scale: its ratings in order, with the numeric best and worst values."""

    scale = serializers.CharField(help_text="Slug of the active scale.")
    name = serializers.CharField()
    best = serializers.IntegerField(allow_null=True)
    worst = serializers.IntegerField(allow_null=True)
    results = RatingSerializer(many=True)


# --- input --------------------------------------------------------------------------------------


def _text(max_length: int = TEXT_MAX, **kwargs: Any) -> serializers.CharField:
    kwargs.setdefault("required", False)
    return serializers.CharField(max_length=max_length, allow_blank=True, **kwargs)


class EvidenceInputSerializer(serializers.Serializer):
    """Evidence fields; `url` and `archived_url` must be http(s) URLs (else 400 on the field)."""

    url = serializers.CharField(max_length=2000, help_text="http:// or https:// URL.")
    title = _text(300)
    publisher = _text(200)
    excerpt = _text()
    stance = serializers.ChoiceField(
        choices=Stance.choices,
        error_messages={"required": STANCE_REQUIRED},
        help_text="Required for a new link: no stance is assumed.",
    )
    accessed_on = serializers.DateField(required=False, allow_null=True)
    archived_url = _text(2000, allow_null=True, help_text="http:// or https:// URL.")

    def validate_url(self, value: str) -> str:
        http_url_validator(value.strip())
        return value

    def validate_archived_url(self, value: str | None) -> str:
        if value:
            http_url_validator(value.strip())
        return value or ""


class EvidenceUpdateSerializer(EvidenceInputSerializer):
    url = serializers.CharField(max_length=2000, required=False, help_text="http(s) URL.")
    stance = serializers.ChoiceField(choices=Stance.choices, required=False)


class InlineEvidenceSerializer(EvidenceInputSerializer):
    id = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_INT,
        help_text="On update: an existing link to keep/change. Omit to add a new link.",
    )
    stance = serializers.ChoiceField(
        choices=Stance.choices,
        required=False,
        help_text="Required for a new link (no `id`): no stance is assumed.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("id") and not attrs.get("stance"):
            raise serializers.ValidationError({"stance": STANCE_REQUIRED})
        return attrs


class ClaimFieldsSerializer(serializers.Serializer):
    claim_text = _text(help_text="Defaults to the quote when blank.")
    claimant = _text(300)
    verdict = serializers.CharField(
        max_length=50,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="A rating slug from /api/v1/verdicts/ (null or blank: no verdict yet).",
    )
    rationale = _text(help_text="Markdown.")
    tags = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False, max_length=100
    )


class ClaimCreateSerializer(ClaimFieldsSerializer):
    article = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    start = serializers.IntegerField(min_value=0, max_value=MAX_INT)
    end = serializers.IntegerField(min_value=0, max_value=MAX_INT)
    quote = serializers.CharField(
        max_length=TEXT_MAX,
        trim_whitespace=False,
        error_messages={"blank": QUOTE_BLANK},
        help_text="Exactly the text of the current revision at [start, end).",
    )
    prefix = _text(trim_whitespace=False, allow_null=True, help_text="Filled when absent.")
    suffix = _text(trim_whitespace=False, allow_null=True, help_text="Filled when absent.")
    evidence = EvidenceInputSerializer(many=True, required=False)


class ClaimUpdateSerializer(ClaimFieldsSerializer):
    version = serializers.IntegerField(
        min_value=1, max_value=MAX_INT, help_text="The version you read; stale → 409."
    )
    evidence = InlineEvidenceSerializer(
        many=True, required=False, help_text="The whole desired list: links left out are hidden."
    )


class CommentInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=TEXT_MAX)


# --- "Checked before?" --------------------------------------------------------------------------


class SimilarQuerySerializer(serializers.Serializer):
    """Query parameters of GET /api/v1/claims/similar/."""

    text = serializers.CharField(
        max_length=2000, help_text="The claim to look for (a selection or a claim text)."
    )
    limit = serializers.IntegerField(
        required=False, default=5, min_value=1, max_value=20, help_text="1 to 20; default 5."
    )
    article = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_INT,
        help_text="The article being checked: its claims that say exactly `text` are flagged "
        "`duplicate`.",
    )
    exclude = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_INT, help_text="A claim id to leave out."
    )


class SimilarClaimSerializer(ClaimSerializer):
    """A claim (published copy for non-staff) plus how well it matches and where it lives."""

    score = serializers.FloatField(read_only=True, help_text="0 to 1, higher is closer.")
    article_title = serializers.CharField(source="article.title", read_only=True)
    verdict_label = serializers.SerializerMethodField()
    duplicate = serializers.SerializerMethodField(
        help_text="Same article as `article` and the same claim text or quote."
    )
    see_also_url = serializers.SerializerMethodField(help_text="The claim in the reading view.")

    class Meta(ClaimSerializer.Meta):
        fields = [
            *ClaimSerializer.Meta.fields,
            "score",
            "article_title",
            "verdict_label",
            "duplicate",
            "see_also_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_verdict_label(self, obj: Claim) -> str | None:
        if self.context.get("public"):
            return obj.public_version.verdict_label or None if obj.public_version else None
        return obj.verdict.label if obj.verdict else None

    @extend_schema_field(serializers.BooleanField())
    def get_duplicate(self, obj: Claim) -> bool:
        return obj.pk in self.context.get("duplicates", ())

    @extend_schema_field(serializers.CharField())
    def get_see_also_url(self, obj: Claim) -> str:
        # Staff open it in the reading view; others on the public report of its article.
        name = "reports:report" if self.context.get("public") else "articles:detail"
        return f"{reverse(name, args=[obj.article_id])}#claim-{obj.pk}"


def similar_payload(
    row: Mapping[str, Any], *, public: bool = False, duplicates: Collection[int] = ()
) -> dict[str, Any]:
    """A `claims.search.claim_similar` row as SimilarClaimSerializer shows it (same keys, order
    and values; a test compares them), without DRF's per-field machinery."""
    data = claim_payload(row, public=public)
    label = (row["public_version__verdict_label"] or None) if public else row["verdict__label"]
    # Staff open it in the reading view; others on the public report of its article.
    name = "reports:report" if public else "articles:detail"
    data |= {
        "score": row["score"],
        "article_title": row["article__title"],
        "verdict_label": label,
        "duplicate": row["id"] in duplicates,
        "see_also_url": f"{reverse(name, args=[row['article_id']])}#claim-{row['id']}",
    }
    return data


class SimilarResultsSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = SimilarClaimSerializer(many=True)
