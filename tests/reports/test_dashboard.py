"""Staff dashboard: access, numbers, fixed query count, accessible tables next to SVG charts."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from factcheck.reports import selectors
from factcheck.reports.charts import columns, horizontal_bars
from factcheck.reports.permissions import can_view_dashboard
from factcheck.reports.presenters import duration_label

URL = reverse("reports:dashboard")


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("reviewer", False), ("outsider", False), ("editor", True), ("admin_user", True)],
)
def test_dashboard_permission_table(db, request, who, allowed):
    assert can_view_dashboard(request.getfixturevalue(who)) is allowed


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_reviewers_get_a_403(client, reviewer):
    client.force_login(reviewer)
    assert client.get(URL).status_code == 403


def test_dashboard_counts_claims_by_verdict_status_week_and_person(client, report_article, editor):
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code == 200
    by_status = {row["status"]: row["n"] for row in response.context["by_status"]}
    assert by_status == {"draft": 1, "submitted": 0, "changes_requested": 0, "approved": 1,
                         "published": 2, "retracted": 0}  # fmt: skip
    by_verdict = {row["label"]: row["n"] for row in response.context["by_verdict"]}
    assert by_verdict == {"True": 2, "Mostly false": 1, "Misleading": 1}
    assert response.context["per_week"][-1]["n"] == 2
    assert len(response.context["per_week"]) == selectors.DASHBOARD_WEEKS
    people = {p["username"]: p for p in response.context["people"]}
    assert people["reviewer"]["authored"] == 4 and people["reviewer"]["published"] == 2
    assert people["editor"]["approved"] == 3
    assert response.context["median_hours"] is not None


def test_charts_come_with_accessible_tables_and_no_inline_styles(client, report_article, editor):
    client.force_login(editor)
    html = client.get(URL).content.decode()
    assert html.count('<svg class="chart" role="img"') == 4
    assert html.count("<table") == 4
    assert "<caption>" in html and 'scope="row"' in html
    assert " style=" not in html
    assert all("src=" in attrs for attrs in re.findall(r"<script([^>]*)>", html))


def test_dashboard_runs_a_fixed_number_of_queries(report_article, django_assert_num_queries):
    with django_assert_num_queries(6):
        selectors.dashboard_stats(now=datetime.now(tz=UTC))


def test_median_time_to_approval_is_the_median_of_submission_to_approval(
    report_article, editor, reviewer
):
    from factcheck.claims.models import Claim
    from tests.reports.helpers import PUBLISH, add_claim, drive

    drive(
        add_claim(report_article, reviewer, "hier soir", verdict="true", rationale="r",
                  evidence=[{"url": "https://e.example.org/"}]),
        PUBLISH, author=reviewer, editor=editor,
    )  # fmt: skip
    approved = Claim.objects.filter(approved_at__isnull=False).order_by("id")
    assert approved.count() == 4
    start = datetime(2025, 1, 6, 9, tzinfo=UTC)
    # Timestamps only (no status change): durations of 1, 2, 4 and 10 hours.
    for claim, hours in zip(approved, [1, 2, 4, 10], strict=True):
        Claim.objects.filter(pk=claim.pk).update(
            submitted_at=start, approved_at=start + timedelta(hours=hours)
        )
    assert selectors.median_hours_to_approval() == 3.0


def test_published_per_week_fills_empty_weeks_with_zero(db):
    now = datetime(2025, 3, 12, 10, tzinfo=UTC)  # a Wednesday
    weeks = selectors.published_per_week(now=now, weeks=3)
    assert [w["week"].isoformat() for w in weeks] == ["2025-02-24", "2025-03-03", "2025-03-10"]
    assert [w["n"] for w in weeks] == [0, 0, 0]


def test_chart_geometry_scales_the_longest_bar_to_the_chart_width():
    chart = horizontal_bars([{"label": "a", "n": 4}, {"label": "b", "n": 2}], label="label")
    assert chart.bars[0].width == 2 * chart.bars[1].width
    empty = columns([{"label": "w", "n": 0}], label="label")
    assert empty.bars[0].height == 0


@pytest.mark.parametrize(
    ("hours", "label"),
    [
        (None, ""),
        (0.5, "30 min"),
        (3.25, "3.2 h"),
        (72, "3.0 days"),
        (timedelta(hours=1) / timedelta(hours=1), "1.0 h"),
    ],
)
def test_durations_read_in_the_natural_unit(hours, label):
    assert duration_label(hours) == label
