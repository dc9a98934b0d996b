"""The claim review workflow as data: one `Transition` per action says everything about it.

    draft ──submit──▶ submitted ──approve──▶ approved ──publish──▶ published
      ▲                  │  ▲                                        │
      └──request_changes─┘  └────correct (a proposal, to review)─────┤
                            (to changes_requested)                   └─retract──▶ retracted
    (retract also withdraws an unpublished claim, e.g. one orphaned by a revision)

Four eyes by contribution: approve, request_changes and publish are for an editor who neither
wrote the claim nor changed its content since it was last published (reviews.permissions).
A correction is a proposal: it goes back to review and another editor publishes it, while the
public keeps reading the published version.

SYSTEM_TRANSITIONS are the moves nobody presses a button for: a vetted claim whose words a
revision changed (re-anchoring) or that someone re-attached to other words goes back to review.

Every status change in the product goes through `reviews.services`, which reads this table.
The URL slugs, button labels, refusal sentences, success messages, the service to call and the
inputs it takes beyond `note` and `version` are all read from here: the API, the browser views,
the admin actions and the templates derive theirs from TRANSITIONS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from factcheck.accounts.models import User
from factcheck.claims.models import ClaimStatus as S
from factcheck.claims.models import EventAction as A

if TYPE_CHECKING:
    from factcheck.claims.models import Claim


class Who(StrEnum):
    AUTHOR_OR_EDITOR = "author_or_editor"  # the claim's author, or any editor
    # four eyes: an editor who is neither the claim's author nor a contributor (someone who
    # changed its content since it was last published, read from the audit trail)
    OTHER_EDITOR = "other_editor"
    EDITOR = "editor"  # any editor, the author included
    SYSTEM = "system"  # the product itself, as a consequence of another write (no button)


@dataclass(frozen=True)
class Transition:
    action: A  # also the ReviewEvent.action it writes
    sources: frozenset[str]
    target: str
    who: Who
    label: str  # the button: "Request changes"
    verb: str  # in refusals: "Only editors can {verb} claims."
    past: str  # in refusals: "A claim that is draft cannot be {past}."
    done: str  # the message after success
    note_required: bool = False
    note_label: str = "Public note"  # what the note is called where it is typed
    inputs: tuple[str, ...] = ()  # what the service takes beyond note and version
    destructive: bool = False  # shown as a danger button

    @property
    def slug(self) -> str:
        """The API/URL spelling: `request-changes` for the action `request_changes`."""
        return self.action.replace("_", "-")

    @property
    def service(self) -> Callable[..., Claim]:
        """The guarded write path: reviews.services.claim_<action>."""
        from factcheck.reviews import services  # services read this table: import when called

        function: Callable[..., Claim] = getattr(services, f"claim_{self.action}")
        return function

    def run(
        self,
        *,
        actor: User,
        claim: Claim,
        note: str = "",
        version: int | None = None,
        **inputs: Any,
    ) -> Claim:
        """Call the service with only the inputs this action takes (others are ignored)."""
        extra = {name: inputs.get(name) for name in self.inputs}
        return self.service(actor=actor, claim=claim, note=note, version=version, **extra)


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            A.SUBMIT,
            frozenset({S.DRAFT, S.CHANGES_REQUESTED}),
            S.SUBMITTED,
            Who.AUTHOR_OR_EDITOR,
            label="Submit for review",
            verb="submit",
            past="submitted",
            done="Submitted for review.",
        ),
        Transition(
            A.APPROVE,
            frozenset({S.SUBMITTED}),
            S.APPROVED,
            Who.OTHER_EDITOR,
            label="Approve",
            verb="approve",
            past="approved",
            done="Approved.",
        ),
        Transition(
            A.REQUEST_CHANGES,
            frozenset({S.SUBMITTED, S.APPROVED}),
            S.CHANGES_REQUESTED,
            Who.OTHER_EDITOR,
            label="Request changes",
            verb="send back",
            past="sent back for changes",
            done="Sent back to the author with your note.",
            note_required=True,
            note_label="Note to the author",
        ),
        Transition(
            A.PUBLISH,
            frozenset({S.APPROVED}),
            S.PUBLISHED,
            Who.OTHER_EDITOR,
            label="Publish",
            verb="publish",
            past="published",
            done="Published.",
        ),
        # A correction is proposed here and published by another editor (approve, publish);
        # the published version stays public meanwhile. The note is the correction's public
        # note: the publication that follows carries it.
        Transition(
            A.CORRECT,
            frozenset({S.PUBLISHED}),
            S.SUBMITTED,
            Who.EDITOR,
            label="Correct",
            verb="correct",
            past="corrected",
            done="Correction sent for review: another editor approves and publishes it.",
            note_required=True,
            note_label="Public note (shown with the correction)",
            inputs=("verdict", "rationale"),
        ),
        # Withdrawing is allowed from any live status: an orphaned or mistaken claim is retracted,
        # never deleted. It publishes nothing, so the four-eyes rule is not needed.
        Transition(
            A.RETRACT,
            frozenset(set(S.values) - {S.RETRACTED}),
            S.RETRACTED,
            Who.EDITOR,
            label="Retract",
            verb="retract",
            past="retracted",
            done="Retracted.",
            note_required=True,
            destructive=True,
        ),
    )
}

BY_SLUG: dict[str, Transition] = {t.slug: t for t in TRANSITIONS.values()}

# Claims in these statuses have been vetted: if their words change they go back to review.
VETTED = frozenset({S.APPROVED, S.PUBLISHED})

SYSTEM_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        # A revision changed the claim's words (fuzzy) or lost them (orphaned).
        Transition(
            A.REANCHOR_REVIEW,
            VETTED,
            S.SUBMITTED,
            Who.SYSTEM,
            label="Back to review",
            verb="send back to review",
            past="sent back to review",
            done="The article was revised: the claim needs review again.",
        ),
        # Someone re-attached the claim to other words (reviews.revisions.claim_reattach).
        Transition(
            A.REATTACH,
            VETTED,
            S.SUBMITTED,
            Who.SYSTEM,
            label="Re-attach",
            verb="re-attach",
            past="re-attached",
            done="Re-attached: the claim needs review again.",
        ),
    )
}
