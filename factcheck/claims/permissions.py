"""Who may see and edit claims: pure predicates shared by the API, views, templates and admin."""

from __future__ import annotations

from factcheck.accounts.models import Viewer
from factcheck.accounts.roles import is_editor, is_reviewer
from factcheck.articles.models import Article, ArticleStatus
from factcheck.claims.models import Claim, ClaimStatus

# Statuses in which a claim's content may be edited (by its author or an editor).
EDITABLE_STATUSES = frozenset({ClaimStatus.DRAFT, ClaimStatus.CHANGES_REQUESTED})

NOT_EDITABLE_STATUS = (
    "This claim is {status}: only draft claims and claims sent back for changes can be edited."
)
NOT_YOUR_CLAIM = "Only the claim's author or an editor can edit it."
NOT_A_REVIEWER = "Only reviewers and editors can do this."
ARTICLE_ARCHIVED = "This article is archived: it takes no new claims."


def can_create_claim(user: Viewer, article: Article) -> bool:
    return is_reviewer(user) and article.status != ArticleStatus.ARCHIVED


def edit_refusal(user: Viewer, claim: Claim) -> str | None:
    """Why `user` may not edit `claim` now, or None if they may."""
    if not is_reviewer(user):
        return NOT_A_REVIEWER
    if claim.author_id != user.pk and not is_editor(user):
        return NOT_YOUR_CLAIM
    if claim.status not in EDITABLE_STATUSES:
        return NOT_EDITABLE_STATUS.format(status=claim.get_status_display().lower())
    return None


def can_edit_claim(user: Viewer, claim: Claim) -> bool:
    return edit_refusal(user, claim) is None


def can_comment_claim(user: Viewer, claim: Claim) -> bool:
    return is_reviewer(user)
