"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from factcheck.claims.models import AnchorState, ClaimStatus


def choices(request: HttpRequest) -> dict[str, Any]:
    """The enumerations templates compare against: `claim.status == ClaimStatus.SUBMITTED`.

    Django's choices enumerations are not called by templates (`do_not_call_in_templates`).
    """
    return {"ClaimStatus": ClaimStatus, "AnchorState": AnchorState}
