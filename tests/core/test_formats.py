"""One date and time format everywhere (factcheck/core/formats): 24-hour, "1 Dec 2026, 19:05".

Issue 11 item 9: the admin showed "Dec. 1, 2026, 7:19 p.m." beside the app's "1 Dec 2026, 19:19".
"""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils.formats import date_format

from factcheck.claims.models import ReviewEvent
from tests.factories import make_claim

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# A format spelled in a template: |date:"…" or |time:"…" with anything but a named format or a
# machine-readable one (ISO 8601 in datetime="" attributes).
SPELLED = re.compile(r"\|(?:date|time):[\"']([^\"']+)[\"']")
ALLOWED = {"c", "Y-m-d", "DATE_FORMAT", "DATETIME_FORMAT", "TIME_FORMAT", "SHORT_DATE_FORMAT",
           "SHORT_DATETIME_FORMAT", "MONTH_DAY_FORMAT", "YEAR_MONTH_FORMAT"}  # fmt: skip
AFTERNOON = datetime.datetime(2026, 12, 1, 19, 5, tzinfo=datetime.UTC)


def test_the_site_formats_are_24_hour_day_month_year():
    assert date_format(AFTERNOON, "DATETIME_FORMAT") == "1 Dec 2026, 19:05"
    assert date_format(AFTERNOON.date()) == "1 Dec 2026"
    rendered = Template("{{ d }}|{{ d|date }}|{{ d|time }}").render(Context({"d": AFTERNOON}))
    assert rendered == "1 Dec 2026, 19:05|1 Dec 2026|19:05"


def test_no_template_spells_a_date_format_of_its_own():
    spelled = [
        f"{path.relative_to(TEMPLATES)}: {match.group(1)!r}"
        for path in TEMPLATES.rglob("*.html")
        for match in SPELLED.finditer(path.read_text())
        if match.group(1) not in ALLOWED
    ]
    assert spelled == [], 'use |date or |date:"DATETIME_FORMAT" instead: ' + ", ".join(spelled)


@pytest.mark.django_db
def test_the_admin_audit_trail_shows_24_hour_times(client, article, reviewer, admin_user):
    claim = make_claim(article, reviewer)
    event = ReviewEvent.objects.filter(claim=claim).earliest("id")
    client.force_login(admin_user)
    html = client.get(reverse("admin:claims_reviewevent_changelist")).content.decode()
    assert date_format(event.at, "j M Y, H:i") in html
    assert not re.search(r"\b[ap]\.m\.", html)
    change = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert date_format(event.at, "j M Y, H:i") in change
    assert not re.search(r"\b[ap]\.m\.", change)
