"""The reading view's fetch endpoints: create, edit, comment, workflow, preview, CSRF."""

import pytest
from django.test import Client
from django.urls import reverse

from factcheck.claims.models import Claim, ClaimStatus
from factcheck.claims.permissions import NOT_YOUR_CLAIM
from factcheck.reviews.permissions import EDITORS_ONLY
from factcheck.reviews.services import SUBMIT_NEEDS_EVIDENCE, claim_approve, claim_submit
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def _new(article, phrase, **extra):
    body = article.current_revision.body
    start = body.index(phrase)
    data = {"start": start, "end": start + len(phrase), "quote": phrase, "claim_text": "",
            "claimant": "", "verdict": "", "rationale": "", "tags": "",
            "evidence-TOTAL_FORMS": "0", "evidence-INITIAL_FORMS": "0"}  # fmt: skip
    return data | extra


def test_creating_a_claim_returns_fresh_fragments(client, reviewer, article):
    client.force_login(reviewer)
    data = _new(article, "$5.6 million", verdict="false", tags="ai, costs",
                **{"evidence-TOTAL_FORMS": "1", "evidence-0-url": "https://a.example/x",
                   "evidence-0-stance": "refutes"})  # fmt: skip
    response = client.post(reverse("reviews:claim_new", args=[article.pk]), data)
    assert response.status_code == 200
    payload = response.json()
    claim = Claim.objects.get(pk=payload["claim"])
    assert claim.quote == "$5.6 million" and claim.verdict.slug == "false"
    assert sorted(t.name for t in claim.tags.all()) == ["ai", "costs"]
    assert claim.evidence_links.get().stance == "refutes"
    assert f'data-claim-id="{claim.pk}"' in payload["html"]["body"]
    assert {"body", "cards", "summary", "panel"} <= set(payload["html"])


def test_a_quote_that_does_not_match_the_offsets_is_refused_with_the_form_kept(
    client, reviewer, article
):
    client.force_login(reviewer)
    data = _new(article, "$5.6 million", quote="$9 billion", claimant="Kept claimant")
    response = client.post(reverse("reviews:claim_new", args=[article.pk]), data)
    assert response.status_code == 400
    panel = response.json()["html"]["panel"]
    assert "does not match" in panel and 'value="Kept claimant"' in panel
    assert not Claim.objects.exists()


def test_submitting_without_evidence_saves_the_draft_and_explains(client, reviewer, article):
    client.force_login(reviewer)
    data = _new(article, "$5.6 million", verdict="false", rationale="Why.", intent="submit")
    response = client.post(reverse("reviews:claim_new", args=[article.pk]), data)
    claim = Claim.objects.get()
    assert claim.status == ClaimStatus.DRAFT
    assert SUBMIT_NEEDS_EVIDENCE in response.json()["html"]["panel"]


def test_a_stale_edit_is_a_conflict_that_keeps_what_was_typed(client, reviewer, article):
    claim = make_claim(article, reviewer)
    client.force_login(reviewer)
    data = {"version": claim.version - 0 + 5, "claim_text": "Typed text", "claimant": "",
            "verdict": "true", "rationale": "x", "tags": "",
            "evidence-TOTAL_FORMS": "0", "evidence-INITIAL_FORMS": "0"}  # fmt: skip
    response = client.post(reverse("reviews:claim_edit", args=[claim.pk]), data)
    assert response.status_code == 409
    assert "Typed text" in response.json()["html"]["panel"]


def test_another_reviewer_cannot_edit_my_claim(client, reviewer, reviewer2, article):
    claim = make_claim(article, reviewer)
    client.force_login(reviewer2)
    data = {"version": claim.version, "claim_text": "Hijack", "evidence-TOTAL_FORMS": "0",
            "evidence-INITIAL_FORMS": "0"}  # fmt: skip
    response = client.post(reverse("reviews:claim_edit", args=[claim.pk]), data)
    assert response.status_code == 403 and response.json()["message"] == NOT_YOUR_CLAIM
    claim.refresh_from_db()
    assert claim.claim_text != "Hijack"


@pytest.mark.parametrize(
    ("who", "action", "status"),
    [
        ("reviewer", "approve", 403),
        ("reviewer2", "approve", 403),
        ("editor", "approve", 200),
        ("editor", "publish", 409),
        ("reviewer", "retract", 403),
    ],
)
def test_workflow_permissions_table(client, request, reviewer, editor, article, who, action,
                                    status):  # fmt: skip
    claim = claim_submit(actor=reviewer, claim=make_claim(article, reviewer))
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("reviews:claim_action", args=[claim.pk, action]),
                           {"note": "n", "version": claim.version})  # fmt: skip
    assert response.status_code == status
    if status == 403 and action == "approve" and who.startswith("reviewer"):
        assert response.json()["message"] == EDITORS_ONLY.format(verb="approve")


def test_reviewer_panel_shows_no_approve_button_and_says_why(client, reviewer, editor, article):
    claim = claim_submit(actor=reviewer, claim=make_claim(article, reviewer))
    client.force_login(reviewer)
    html = client.get(reverse("reviews:claim_panel", args=[claim.pk])).content.decode()
    assert 'data-action="approve"' not in html
    assert EDITORS_ONLY.format(verb="approve") in html


def test_editor_panel_offers_publish_after_approval(client, reviewer, editor, editor2, article):
    claim = claim_submit(actor=reviewer, claim=make_claim(article, reviewer))
    claim_approve(actor=editor2, claim=claim)
    client.force_login(editor)
    html = client.get(reverse("reviews:claim_panel", args=[claim.pk])).content.decode()
    assert 'data-action="publish"' in html and 'data-action="approve"' not in html


def test_request_changes_needs_a_note(client, reviewer, editor, article):
    claim = claim_submit(actor=reviewer, claim=make_claim(article, reviewer))
    client.force_login(editor)
    url = reverse("reviews:claim_action", args=[claim.pk, "request-changes"])
    version = claim.version
    assert client.post(url, {"note": "", "version": version}).status_code == 400
    assert client.post(url, {"note": "Fix the figure.", "version": version}).status_code == 200
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CHANGES_REQUESTED


def test_posts_without_a_csrf_token_are_refused(reviewer, editor, article):
    claim = claim_submit(actor=reviewer, claim=make_claim(article, reviewer))
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    response = browser.post(reverse("reviews:claim_action", args=[claim.pk, "approve"]))
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_comments_are_escaped_markdown(client, reviewer, article):
    claim = make_claim(article, reviewer)
    client.force_login(reviewer)
    body = "**Bold** <img src=x onerror=alert(1)> [x](javascript:alert(1))"
    response = client.post(reverse("reviews:claim_comment", args=[claim.pk]), {"body": body})
    panel = response.json()["html"]["panel"]
    assert "<strong>Bold</strong>" in panel
    assert "onerror" not in panel and "javascript:" not in panel


def test_markdown_preview_is_sanitised(client, reviewer):
    client.force_login(reviewer)
    text = "# Title\n\n<script>alert(1)</script><a href='javascript:x'>y</a>"
    html = client.post(reverse("claims:preview"), {"text": text}).content.decode()
    assert "<h1>Title</h1>" in html and "<script" not in html and "javascript:" not in html


def test_verdict_stylesheet_defines_a_class_per_rating(client):
    css = client.get(reverse("claims:verdict_css")).content.decode()
    assert ".v-true{--verdict:#1a7f37;--verdict-rgb:26, 127, 55}" in css


def test_outsider_cannot_see_unpublished_claims(client, outsider, reviewer, article):
    claim = make_claim(article, reviewer)
    client.force_login(outsider)
    assert client.get(reverse("reviews:claim_panel", args=[claim.pk])).status_code == 404
    assert client.get(reverse("articles:detail", args=[article.pk])).status_code == 404
