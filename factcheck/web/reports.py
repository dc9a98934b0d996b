"""Report pages (HTML and PDF) and the staff dashboard: selectors → presenters → template."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from factcheck.accounts.roles import is_newsroom_staff
from factcheck.articles.models import Article
from factcheck.core import ratelimit
from factcheck.core.client_ip import client_ip
from factcheck.reports import charts, pdf, presenters, selectors
from factcheck.reports.exporters.common import report_url
from factcheck.reports.permissions import DASHBOARD_STAFF_ONLY, can_view_dashboard

REPORT_TEMPLATE = "reports/report.html"


def _report_context(request: HttpRequest, pk: int, *, pdf_mode: bool) -> dict[str, Any]:
    try:
        article = selectors.report_article(user=request.user, pk=pk)
    except Article.DoesNotExist:
        raise Http404("No published report for this article.") from None
    claims = selectors.report_claims(user=request.user, article=article)
    labels = presenters.rating_labels(selectors.all_ratings())
    items = presenters.report_items(claims, labels)
    return {
        "article": article,
        "items": items,
        "live_items": [i for i in items if not i.is_retracted],
        "pending_count": sum(1 for i in items if i.is_pending and not i.is_retracted),
        "withdrawn": [i for i in items if i.is_retracted],
        "summary": presenters.verdict_summary(items),
        "claimreview_json": presenters.claimreview_json(items),
        "canonical_url": report_url(article.pk),
        "publisher_name": settings.PUBLISHER_NAME,
        "publisher_url": settings.PUBLISHER_URL,
        "pdf": pdf_mode,
        "base_template": "reports/pdf_base.html" if pdf_mode else "base.html",
        "generated_at": timezone.now(),
    }


@require_safe
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable report: public once a claim is published, 404 before (except staff)."""
    response = render(request, REPORT_TEMPLATE, _report_context(request, pk, pdf_mode=False))
    response["Cache-Control"] = "private, no-cache"
    return response


PDF_RATE_LIMITED = (
    "Too many PDF downloads from your address: wait {seconds} seconds and try again "
    "(the report page itself is not limited)."
)


def _render_pdf(request: HttpRequest, pk: int) -> bytes:
    context = _report_context(request, pk, pdf_mode=True)
    return pdf.html_to_pdf(render_to_string(REPORT_TEMPLATE, context, request=request))


def _public_pdf(request: HttpRequest, pk: int) -> bytes:
    """The public PDF, rendered once per published state (WeasyPrint takes ~a second)."""
    try:
        article = selectors.report_article(user=request.user, pk=pk)
    except Article.DoesNotExist:
        raise Http404("No published report for this article.") from None
    key = f"report-pdf:{pk}:{selectors.report_public_state(article=article)}"
    body = cache.get(key)
    if body is None:
        body = _render_pdf(request, pk)
        cache.set(key, body, timeout=settings.REPORT_PDF_CACHE_SECONDS)
    return body


@require_safe
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The same report through WeasyPrint (same template, print layout).

    Anonymous clients are rate limited per address (429); everybody without a newsroom role
    sees the public report, served from a cache keyed by the article's published state. Staff
    see unpublished claims too, so their PDF is rendered for them each time."""
    if not request.user.is_authenticated:
        wait = ratelimit.hit(
            scope="report-pdf",
            ident=client_ip(request),
            limit=settings.REPORT_PDF_ANON_PER_MINUTE,
            period=60,
        )
        if wait is not None:
            limited = HttpResponse(
                PDF_RATE_LIMITED.format(seconds=wait),
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            limited["Retry-After"] = str(wait)
            return limited
    staff = is_newsroom_staff(request.user)
    body = _render_pdf(request, pk) if staff else _public_pdf(request, pk)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="factcheck-report-{pk}.pdf"'
    response["Cache-Control"] = "private, no-cache"
    return response


def _week_labels(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"label": f"{row['week'].day} {row['week']:%b}", "n": row["n"]} for row in rows]


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_view_dashboard(request.user):
        raise PermissionDenied(DASHBOARD_STAFF_ONLY)
    stats = selectors.dashboard_stats(now=timezone.now())
    context = {
        **stats,
        "median_label": presenters.duration_label(stats["median_hours"]),
        "verdict_chart": charts.horizontal_bars(stats["by_verdict"], label="label", color="color"),
        "status_chart": charts.horizontal_bars(stats["by_status"], label="label"),
        "week_chart": charts.columns(_week_labels(stats["per_week"]), label="label"),
        "people_chart": charts.horizontal_bars(stats["people"], label="username", value="authored"),
    }
    return render(request, "reports/dashboard.html", context)
