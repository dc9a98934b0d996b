"""Writes for claims: create, edit (with optimistic locking), evidence, comments, audit events.

Workflow transitions live in reviews.services; every function here that changes a claim bumps
its `version` and records a ReviewEvent in the same transaction. The package is split by
subject; import from here.
"""

from factcheck.claims.services.audit import article_refresh_status, event_record
from factcheck.claims.services.claims import (
    bump_version,
    check_version,
    claim_create,
    claim_link_see_also,
    claim_update,
    lock_claim,
)
from factcheck.claims.services.drafts import (
    DRAFT_BAD_SELECTION,
    DRAFT_TOO_LARGE,
    draft_clear,
    draft_discard,
    draft_save,
)
from factcheck.claims.services.evidence import (
    comment_add,
    evidence_add,
    evidence_remove,
    evidence_update,
)
from factcheck.claims.services.publication import claimant_kind, publish_version
from factcheck.claims.services.validation import (
    BAD_TAG,
    CLAIM_FIELDS,
    CLAIM_LIMITS,
    COMMENT_EMPTY,
    EVIDENCE_FIELDS,
    EVIDENCE_LIMITS,
    OFFSETS_OUT_OF_RANGE,
    QUOTE_BLANK,
    QUOTE_MISMATCH,
    STALE_VERSION,
    STANCE_REQUIRED,
    UNKNOWN_ARTICLE,
    UNKNOWN_STANCE,
    UNKNOWN_VERDICT,
    URL_NOT_HTTP,
    VERSION_REQUIRED,
    check_lengths,
    clean_evidence,
    http_url_validator,
    resolve_tags,
    resolve_verdict,
    tag_order,
    validate_target,
)

__all__ = [
    "BAD_TAG",
    "CLAIM_FIELDS",
    "CLAIM_LIMITS",
    "COMMENT_EMPTY",
    "DRAFT_BAD_SELECTION",
    "DRAFT_TOO_LARGE",
    "EVIDENCE_FIELDS",
    "EVIDENCE_LIMITS",
    "OFFSETS_OUT_OF_RANGE",
    "QUOTE_BLANK",
    "QUOTE_MISMATCH",
    "STALE_VERSION",
    "STANCE_REQUIRED",
    "UNKNOWN_ARTICLE",
    "UNKNOWN_STANCE",
    "UNKNOWN_VERDICT",
    "URL_NOT_HTTP",
    "VERSION_REQUIRED",
    "article_refresh_status",
    "bump_version",
    "check_lengths",
    "check_version",
    "claim_create",
    "claim_link_see_also",
    "claim_update",
    "claimant_kind",
    "clean_evidence",
    "comment_add",
    "draft_clear",
    "draft_discard",
    "draft_save",
    "event_record",
    "evidence_add",
    "evidence_remove",
    "evidence_update",
    "http_url_validator",
    "lock_claim",
    "publish_version",
    "resolve_tags",
    "resolve_verdict",
    "tag_order",
    "validate_target",
]
