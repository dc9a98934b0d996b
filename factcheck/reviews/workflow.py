"""The claim review workflow as data: which action moves a claim from where to where, and who may.

    draft ──submit──▶ submitted ──approve──▶ approved ──publish──▶ published
      ▲                  │                                           │
      └──request_changes─┘ (to changes_requested)                    ├─correct──▶ published
                                                                     └─retract──▶ retracted
    (retract also withdraws an unpublished claim, e.g. one orphaned by a revision)

Every status change in the product goes through `reviews.services`, which reads this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from factcheck.claims.models import ClaimStatus as S


class Who(StrEnum):
    AUTHOR_OR_EDITOR = "author_or_editor"  # the claim's author, or any editor
    OTHER_EDITOR = "other_editor"  # an editor who is not the claim's author (four-eyes)
    EDITOR = "editor"  # any editor, the author included


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[str]
    target: str
    who: Who
    note_required: bool = False
    label: str = ""


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("submit", frozenset({S.DRAFT, S.CHANGES_REQUESTED}), S.SUBMITTED,
                   Who.AUTHOR_OR_EDITOR, label="Submit for review"),
        Transition("approve", frozenset({S.SUBMITTED}), S.APPROVED,
                   Who.OTHER_EDITOR, label="Approve"),
        Transition("request_changes", frozenset({S.SUBMITTED, S.APPROVED}), S.CHANGES_REQUESTED,
                   Who.OTHER_EDITOR, note_required=True, label="Request changes"),
        Transition("publish", frozenset({S.APPROVED}), S.PUBLISHED,
                   Who.OTHER_EDITOR, label="Publish"),
        Transition("correct", frozenset({S.PUBLISHED}), S.PUBLISHED,
                   Who.OTHER_EDITOR, note_required=True, label="Correct"),
        # Withdrawing is allowed from any live status: an orphaned or mistaken claim is retracted,
        # never deleted. It publishes nothing, so the four-eyes rule is not needed.
        Transition("retract", frozenset(set(S.values) - {S.RETRACTED}), S.RETRACTED,
                   Who.EDITOR, note_required=True, label="Retract"),
    )
}  # fmt: skip

# API/URL spelling of each action (`request-changes`) ↔ service spelling (`request_changes`).
ACTION_SLUGS = {action: action.replace("_", "-") for action in TRANSITIONS}


def transition_for(action: str) -> Transition:
    return TRANSITIONS[action]


def actions_from(status: str) -> list[Transition]:
    """The transitions that leave `status`, in table order."""
    return [t for t in TRANSITIONS.values() if status in t.sources]
