"""The claims search page: every article's claims, ranked like "Checked before?", filtered,
with highlighted snippets. Newsroom staff search the working copy of every claim; anyone else
the published copy of published claims."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from factcheck.accounts.models import Viewer
from factcheck.accounts.roles import is_newsroom_staff
from factcheck.claims.filters import ClaimFilterSet
from factcheck.claims.models import Claim, ClaimStatus
from factcheck.claims.search import with_ranking
from factcheck.claims.selectors import claim_list
from factcheck.web.forms.search import ClaimSearchForm

PAGE_SIZE = 25


def search_results(user: Viewer, data: dict[str, Any]) -> Any:
    """The claims `user` may see that pass the filters, best match first when there is a query."""
    staff = is_newsroom_staff(user)
    query = QueryDict(mutable=True)
    for name in ("article", "verdict", "author", "claimant", "tag"):
        if data.get(name):
            query[name] = str(data[name])
    if data.get("status"):  # one status from the form's select
        query["status"] = data["status"]
    filters = ClaimFilterSet(query)  # the claims/ filters; outsiders filter the published verdict
    if not filters.is_valid():  # the form validated these values: a mismatch is a bug here
        raise ValueError(f"search filters out of step with the form: {filters.errors}")
    queryset = filters.apply(claim_list(user=user), public=not staff)
    created = "created_at" if staff else "public_version__claim_created_at"
    if data.get("date_from"):
        queryset = queryset.filter(**{f"{created}__date__gte": data["date_from"]})
    if data.get("date_to"):
        queryset = queryset.filter(**{f"{created}__date__lte": data["date_to"]})
    if (data.get("q") or "").strip():
        return with_ranking(queryset, user=user, q=data["q"])
    updated = "updated_at" if staff else "public_version__published_at"
    return queryset.order_by(f"-{updated}", "-id")


def _row(claim: Claim, staff: bool) -> dict[str, Any]:
    """What one result shows: the working copy for staff, the published version for others."""
    page = reverse("articles:detail" if staff else "reports:report", args=[claim.article_id])
    url = f"{page}#claim-{claim.pk}"
    if staff:
        return {
            "claim": claim,
            "text": claim.claim_text,
            "rationale": claim.rationale,
            "verdict": claim.verdict,
            "url": url,
            "quote": claim.quote,
            "claimant": claim.claimant,
            "tags": [t.name for t in claim.tags.all()],
            "status": claim.status,
            "status_label": claim.get_status_display(),
            "retracted": claim.is_retracted,
            "created_at": claim.created_at,
        }
    version = claim.public_version  # what was published, never the working claim
    assert version is not None  # public_claims() holds only claims with a live version
    return {
        "claim": claim,
        "text": version.claim_text,
        "rationale": version.rationale,
        "verdict": version.verdict,
        "url": url,
        "quote": version.quote,
        "claimant": version.claimant,
        "tags": version.tags,
        "status": ClaimStatus.PUBLISHED,
        "status_label": ClaimStatus.PUBLISHED.label,
        "retracted": version.is_retracted,
        "created_at": version.claim_created_at,
    }


@login_required
@require_GET
def claim_search(request: HttpRequest) -> HttpResponse:
    form = ClaimSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    staff = is_newsroom_staff(request.user)
    results = search_results(request.user, data) if form.is_bound and form.is_valid() else None
    page = (
        Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
        if results is not None
        else None
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "claims/search.html",
        {
            "form": form,
            "page": page,
            "q": data.get("q", ""),
            "query": query.urlencode(),
            "rows": [_row(c, staff) for c in page.object_list] if page else [],
            "staff": staff,
        },
    )
