"""Who may move a claim through the workflow: the table in workflow.py plus the actor's role.

    who                                submit  approve, request changes, publish  correct, retract
    the author, a reviewer             yes     no                                 no
    the author, an editor              yes     no (four eyes)                     yes
    a contributor (an editor who       yes     no (four eyes)                     yes
      changed it since last published)
    another editor                     yes     yes                                yes
    another reviewer, no role          no      no                                 no

The author is always a contributor; an editor becomes one by editing the claim, its evidence or
tags, re-attaching it, or proposing a correction (claims.models.CONTENT_ACTIONS, read from the
audit trail by claims.selectors.claim_contributor_ids) until the claim is next published.
README "Publishing and corrections" has the same table.
"""

from __future__ import annotations

from factcheck.accounts.models import Viewer
from factcheck.accounts.roles import is_editor, is_reviewer
from factcheck.claims.models import Claim, ClaimStatus
from factcheck.claims.permissions import edit_refusal
from factcheck.claims.selectors import claim_contributor_ids
from factcheck.reviews.workflow import TRANSITIONS, Who

FOUR_EYES = "Nobody can {verb} a claim they wrote: another editor must do it."
FOUR_EYES_CONTRIBUTOR = (
    "You changed this claim since it was last published: another editor must {verb} it."
)
EDITORS_ONLY = "Only editors can {verb} claims."
AUTHOR_OR_EDITOR_ONLY = "Only the claim's author or an editor can {verb} it."
WRONG_STATUS = "A claim that is {status} cannot be {past}."
UNKNOWN_ACTION = "Unknown workflow action."


def role_refusal(user: Viewer, claim: Claim, action: str) -> str | None:
    """Why `user` may not perform `action` on `claim` whatever its status, or None."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        return UNKNOWN_ACTION
    verb = transition.verb
    is_author = claim.author_id == user.pk
    if transition.who is Who.AUTHOR_OR_EDITOR:
        if not (is_editor(user) or (is_author and is_reviewer(user))):
            return AUTHOR_OR_EDITOR_ONLY.format(verb=verb)
        return None
    if not is_editor(user):
        return EDITORS_ONLY.format(verb=verb)
    if transition.who is Who.OTHER_EDITOR:
        if is_author:
            return FOUR_EYES.format(verb=verb)
        if user.pk in claim_contributor_ids(claim):
            return FOUR_EYES_CONTRIBUTOR.format(verb=verb)
    return None


def status_refusal(claim: Claim, action: str) -> str | None:
    """Why `action` cannot leave the claim's current status, or None."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        return UNKNOWN_ACTION
    if claim.status not in transition.sources:
        return WRONG_STATUS.format(status=claim.get_status_display().lower(), past=transition.past)
    return None


def can_transition_claim(user: Viewer, claim: Claim, action: str) -> bool:
    return role_refusal(user, claim, action) is None and status_refusal(claim, action) is None


def available_actions(user: Viewer, claim: Claim) -> list[str]:
    """The workflow actions `user` may perform on `claim` now, in table order."""
    return [action for action in TRANSITIONS if can_transition_claim(user, claim, action)]


REATTACH_RETRACTED = "A retracted claim cannot be re-attached."


def reattach_refusal(user: Viewer, claim: Claim) -> str | None:
    """Editors may re-attach a claim in any live status; authors while they may edit it."""
    if claim.status == ClaimStatus.RETRACTED:
        return REATTACH_RETRACTED
    if is_editor(user):
        return None
    return edit_refusal(user, claim)
