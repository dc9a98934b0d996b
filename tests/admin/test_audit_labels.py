"""The audit trail speaks in labels, not stored codes (issue 11 item 9): the admin's review
events (list, detail, the claim's inline) and the claim panel's History say "added evidence",
"Changes requested", "Claim text", never evidence_add, changes_requested or claim_text."""

import re

import pytest
from django.urls import reverse

from factcheck.claims.models import EventAction, ReviewEvent, change_label
from factcheck.claims.services import claim_update
from factcheck.reviews.services import claim_request_changes, claim_submit
from tests.factories import make_claim

pytestmark = pytest.mark.django_db

CODES = re.compile(
    r"\b(evidence_add|changes_requested|request_changes|reanchor_review|claim_text)\b"
)


def _visible_text(html: str) -> str:
    """The page without tags, attribute values and scripts: what a person reads."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture
def sent_back(article, reviewer, editor):
    claim = make_claim(article, reviewer)
    claim_update(actor=reviewer, claim=claim, version=claim.version, claim_text="Lost $600bn.")
    claim.refresh_from_db()
    claim_submit(actor=reviewer, claim=claim)
    claim_request_changes(actor=editor, claim=claim, note="Name the source.")
    claim.refresh_from_db()
    return claim


def test_change_labels_come_from_the_models_field_names():
    assert change_label("claim_text") == "Claim text"
    assert change_label("state") == "Anchor state"  # revisions record the anchor state so
    assert change_label("url") == "URL"
    assert change_label("archived_url") == "Archived URL"
    assert change_label("not_a_field") == "Not a field"


def test_an_events_name_is_its_label_and_status_labels(sent_back):
    event = sent_back.events.get(action=EventAction.REQUEST_CHANGES)
    assert str(event).startswith("Requested changes (Submitted → Changes requested), ")
    assert not CODES.search(str(event))


def test_admin_review_event_list_and_detail_show_labels(client, sent_back, admin_user):
    client.force_login(admin_user)
    listing = client.get(reverse("admin:claims_reviewevent_changelist"))
    text = _visible_text(listing.content.decode())
    assert "requested changes" in text and "Submitted → Changes requested" in text
    assert "added evidence" in text
    assert not CODES.search(text), CODES.search(text)
    edit = sent_back.events.get(action=EventAction.EDIT)
    detail = client.get(reverse("admin:claims_reviewevent_change", args=[edit.pk]))
    text = _visible_text(detail.content.decode())
    assert "Claim text:" in text and "Lost $600bn." in text
    assert not CODES.search(text), CODES.search(text)


def test_admin_claim_page_audit_inline_shows_labels(client, sent_back, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("admin:claims_claim_change", args=[sent_back.pk]))
    text = _visible_text(page.content.decode())
    assert "Requested changes (Submitted → Changes requested)" in text
    assert "Added evidence" in text
    assert not CODES.search(text), CODES.search(text)


def test_admin_status_filter_offers_labels(client, sent_back, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:claims_reviewevent_changelist")
    text = _visible_text(client.get(url).content.decode())
    assert "Changes requested" in text
    filtered = client.get(url, {"to_status": "changes_requested"})
    assert list(filtered.context["cl"].result_list) == [
        ReviewEvent.objects.get(claim=sent_back, action=EventAction.REQUEST_CHANGES)
    ]


def test_claim_history_in_the_reading_view_names_fields_for_people(client, sent_back, reviewer):
    client.force_login(reviewer)
    html = client.get(reverse("reviews:claim_panel", args=[sent_back.pk])).content.decode()
    history = _visible_text(html[html.index('class="history"') :])
    assert "Claim text" in history and "URL" in history
    assert "requested changes" in history and "Submitted → Changes requested" in history
    assert not CODES.search(history), CODES.search(history)
