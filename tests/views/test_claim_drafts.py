"""Autosaved drafts of the claim form: kept per user, restored, cleared on save or discard,
private to their owner, CSRF-protected (issue 11, "Drafts are never lost")."""

import pytest
from django.test import Client
from django.urls import reverse

from factcheck.claims.models import ClaimDraft
from factcheck.claims.permissions import NOT_YOUR_CLAIM
from factcheck.claims.services import DRAFT_TOO_LARGE, draft_save
from factcheck.core.errors import ActionForbidden
from tests.factories import make_claim

pytestmark = pytest.mark.django_db

PHRASE = "$5.6 million"


def _selection(article, phrase=PHRASE):
    start = article.current_revision.body.index(phrase)
    return {"start": str(start), "end": str(start + len(phrase)), "quote": phrase}


def _new_draft(client, article, **fields):
    data = _selection(article) | {"evidence-TOTAL_FORMS": "0"} | fields
    return client.post(reverse("reviews:new_claim_draft", args=[article.pk]), data)


def test_a_new_claims_draft_is_kept_and_restored_when_the_form_is_reopened(
    client, reviewer, article
):
    client.force_login(reviewer)
    response = _new_draft(
        client, article, claimant="Half-typed claimant", rationale="Work in **progress**",
        **{"evidence-TOTAL_FORMS": "1", "evidence-0-url": "https://ev.example/a",
           "evidence-0-stance": ""},
    )  # fmt: skip
    assert response.status_code == 200 and response.json()["ok"]
    draft = ClaimDraft.objects.get(user=reviewer, article=article, claim=None)
    assert draft.fields["claimant"] == "Half-typed claimant"
    assert draft.fields["evidence"][0]["url"] == "https://ev.example/a"

    form = client.get(reverse("reviews:claim_new", args=[article.pk]), _selection(article))
    html = form.content.decode()
    assert 'value="Half-typed claimant"' in html and "Work in **progress**" in html
    assert 'value="https://ev.example/a"' in html and "Restored your unsaved changes" in html
    other = client.get(reverse("reviews:claim_new", args=[article.pk]),
                       _selection(article, "Nvidia"))  # fmt: skip
    assert "Half-typed claimant" not in other.content.decode()  # another selection: fresh form


def test_a_second_autosave_updates_the_same_draft(client, reviewer, article):
    client.force_login(reviewer)
    _new_draft(client, article, claimant="First")
    _new_draft(client, article, claimant="Second")
    assert list(ClaimDraft.objects.values_list("fields__claimant", flat=True)) == ["Second"]


def test_saving_the_claim_clears_its_draft(client, reviewer, article):
    client.force_login(reviewer)
    _new_draft(client, article, claimant="Typed")
    data = _selection(article) | {
        "claimant": "Typed",
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("reviews:claim_new", args=[article.pk]), data)
    assert response.status_code == 200
    assert not ClaimDraft.objects.exists()


def test_an_edit_draft_is_restored_in_the_panel_and_cleared_by_the_save(client, reviewer, article):
    claim = make_claim(article, reviewer, PHRASE, claimant="Saved claimant")
    client.force_login(reviewer)
    url = reverse("reviews:claim_draft", args=[claim.pk])
    response = client.post(url, {"claimant": "Draft claimant", "evidence-TOTAL_FORMS": "0"})
    assert response.status_code == 200
    draft = ClaimDraft.objects.get(claim=claim)
    assert draft.base_version == claim.version
    panel = client.get(reverse("reviews:claim_panel", args=[claim.pk])).content.decode()
    assert 'value="Draft claimant"' in panel and "Restored your unsaved changes" in panel
    claim.refresh_from_db()
    assert claim.claimant == "Saved claimant"  # a draft never changes the claim

    edit = {"version": claim.version, "claimant": "Draft claimant", "claim_text": claim.claim_text,
            "evidence-TOTAL_FORMS": "0", "evidence-INITIAL_FORMS": "0"}  # fmt: skip
    assert client.post(reverse("reviews:claim_edit", args=[claim.pk]), edit).status_code == 200
    assert not ClaimDraft.objects.filter(claim=claim).exists()


def test_discarding_a_draft_deletes_it(client, reviewer, article):
    client.force_login(reviewer)
    discard_url = _new_draft(client, article, claimant="Typed").json()["discard_url"]
    assert client.post(discard_url).status_code == 200
    assert not ClaimDraft.objects.exists()


def test_another_user_cannot_read_or_discard_my_draft(client, reviewer, reviewer2, editor, article):
    client.force_login(reviewer)
    draft_id = _new_draft(client, article, claimant="Mine only").json()["draft"]
    assert client.get(reverse("reviews:draft", args=[draft_id])).json()["fields"]["claimant"] == (
        "Mine only"
    )
    for other in (reviewer2, editor):
        intruder = Client()
        intruder.force_login(other)
        assert intruder.get(reverse("reviews:draft", args=[draft_id])).status_code == 404
        assert intruder.post(reverse("reviews:draft_discard", args=[draft_id])).status_code == 404
        form = intruder.get(reverse("reviews:claim_new", args=[article.pk]), _selection(article))
        assert "Mine only" not in form.content.decode()
    assert ClaimDraft.objects.get(pk=draft_id).fields["claimant"] == "Mine only"


def test_another_users_edit_draft_is_not_shown_in_my_panel(client, reviewer, editor, article):
    claim = make_claim(article, reviewer, PHRASE, claimant="Saved")
    client.force_login(reviewer)
    client.post(reverse("reviews:claim_draft", args=[claim.pk]), {"claimant": "Reviewer's draft"})
    editor_client = Client()
    editor_client.force_login(editor)
    panel = editor_client.get(reverse("reviews:claim_panel", args=[claim.pk])).content.decode()
    assert "Reviewer&#x27;s draft" not in panel and "Reviewer's draft" not in panel


def test_only_someone_who_may_edit_the_claim_keeps_a_draft_of_it(
    client, reviewer, reviewer2, outsider, article
):
    claim = make_claim(article, reviewer, PHRASE)
    client.force_login(reviewer2)
    response = client.post(reverse("reviews:claim_draft", args=[claim.pk]), {"claimant": "x"})
    assert response.status_code == 403 and response.json()["message"] == NOT_YOUR_CLAIM
    with pytest.raises(ActionForbidden):
        draft_save(actor=outsider, article=article, start=0, end=3, fields={"claimant": "x"})
    assert not ClaimDraft.objects.exists()


def test_draft_endpoints_enforce_csrf(reviewer, article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    response = _new_draft(client, article, claimant="Forged")
    assert response.status_code == 403
    assert not ClaimDraft.objects.exists()


def test_an_oversized_draft_is_refused_by_name(client, reviewer, article):
    client.force_login(reviewer)
    response = _new_draft(client, article, rationale="x" * 200_001)
    assert response.status_code == 400 and response.json()["message"] == DRAFT_TOO_LARGE
    assert not ClaimDraft.objects.exists()


def test_a_stale_edit_keeps_my_changes_as_a_draft_on_top_of_theirs(
    client, reviewer, editor, article
):
    from factcheck.claims.services import claim_update

    claim = make_claim(article, reviewer, PHRASE, claimant="Old claimant")
    opened = claim.version
    claim = claim_update(actor=editor, claim=claim, version=opened, rationale="Editor's rationale")
    client.force_login(reviewer)
    data = {"version": opened, "claim_text": claim.claim_text, "claimant": "My claimant",
            "verdict": "true", "rationale": "Checked against filings.", "tags": "",
            "evidence-TOTAL_FORMS": "0", "evidence-INITIAL_FORMS": "0"}  # fmt: skip
    response = client.post(reverse("reviews:claim_edit", args=[claim.pk]), data)
    assert response.status_code == 409
    draft = ClaimDraft.objects.get(user=reviewer, claim=claim)
    assert draft.fields["claimant"] == "My claimant"  # my change kept
    assert draft.fields["rationale"] == "Editor's rationale"  # theirs not undone
    assert draft.base_version == opened
    panel = response.json()["html"]["panel"]
    assert 'value="My claimant"' in panel and "Someone changed this claim" in panel
    assert f'name="version" value="{claim.version}"' in panel
    claim.refresh_from_db()
    assert claim.claimant == "Old claimant"  # nothing saved to the claim
