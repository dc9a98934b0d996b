"""Build claims in any workflow status by running the real services."""

from factcheck.reviews.workflow import TRANSITIONS
from tests.factories import make_claim

PATH_TO = {
    "draft": [],
    "submitted": ["submit"],
    "changes_requested": ["submit", "request_changes"],
    "approved": ["submit", "approve"],
    "published": ["submit", "approve", "publish"],
    "retracted": ["submit", "approve", "publish", "retract"],
}


def claim_in_status(status, *, article, author, editor, phrase="$600 billion"):
    """A claim by `author`, driven to `status` by `author` (submit) and `editor` (the rest)."""
    claim = make_claim(article, author, phrase)
    for action in PATH_TO[status]:
        actor = author if action == "submit" else editor
        claim = TRANSITIONS[action].service(actor=actor, claim=claim, note=f"{action} note")
    assert claim.status == status
    return claim


def publish_correction(claim, *, proposer, publisher, note, **changes):
    """A correction as the workflow takes it (issue 15): `proposer` proposes it (the claim goes
    back to review), `publisher`, another editor, approves and publishes it."""
    from factcheck.claims.models import Claim

    steps = (("correct", proposer, {"note": note, **changes}), ("approve", publisher, {}),
             ("publish", publisher, {}))  # fmt: skip
    for action, actor, extra in steps:
        claim = Claim.objects.get(pk=claim.pk)
        claim = TRANSITIONS[action].service(actor=actor, claim=claim, version=claim.version,
                                            **extra)  # fmt: skip
    return claim
