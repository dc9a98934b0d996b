"""Tags keep their case but never differ only by case; evidence stance has no silent default;
claimant and tag autocomplete (issue 11, item 6)."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from factcheck.claims.models import Claim, EvidenceLink, Tag
from factcheck.claims.services import STANCE_REQUIRED, claim_update, resolve_tags
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def test_a_tag_keeps_the_case_it_was_typed_in(reviewer, article):
    claim = make_claim(article, reviewer, "$5.6 million", tags=["DeepSeek", "AI"])
    assert sorted(t.name for t in claim.tags.all()) == ["AI", "DeepSeek"]


def test_tags_differing_only_by_case_are_one_tag(reviewer, article):
    first = make_claim(article, reviewer, "$5.6 million", tags=["DeepSeek"])
    second = make_claim(article, reviewer, "Nvidia", tags=["deepseek", "DEEPSEEK"])
    assert Tag.objects.count() == 1
    assert [t.name for t in second.tags.all()] == ["DeepSeek"]  # the first spelling is kept
    assert first.tags.get() == second.tags.get()


def test_the_database_refuses_a_tag_differing_only_by_case(db):
    from django.db import IntegrityError, transaction

    Tag.objects.create(name="DeepSeek")
    with pytest.raises(IntegrityError), transaction.atomic():
        Tag.objects.create(name="deepseek")


def test_retyping_a_tag_in_another_case_is_no_change(reviewer, article):
    claim = make_claim(article, reviewer, "$5.6 million", tags=["DeepSeek"])
    updated = claim_update(actor=reviewer, claim=claim, version=claim.version, tags=["deepseek"])
    assert updated.version == claim.version  # nothing changed: no new version, no audit row
    assert resolve_tags(["DEEPSEEK"])[0].name == "DeepSeek"


def test_the_api_filters_tags_ignoring_case(reviewer, article):
    make_claim(article, reviewer, "$5.6 million", tags=["DeepSeek"])
    api = APIClient()
    api.force_authenticate(reviewer)
    response = api.get("/api/v1/claims/", {"tag": "deepseek"})
    assert response.status_code == 200 and len(response.json()["results"]) == 1


def test_the_form_refuses_evidence_without_a_stance_naming_the_field(client, reviewer, article):
    client.force_login(reviewer)
    phrase = "$5.6 million"
    start = article.current_revision.body.index(phrase)
    data = {"start": start, "end": start + len(phrase), "quote": phrase,
            "evidence-TOTAL_FORMS": "1", "evidence-INITIAL_FORMS": "0",
            "evidence-0-url": "https://ev.example/untouched"}  # fmt: skip
    response = client.post(reverse("reviews:claim_new", args=[article.pk]), data)
    assert response.status_code == 400
    panel = response.json()["html"]["panel"]
    assert 'data-field="evidence-0-stance"' in panel and "Choose a stance" in panel
    assert not Claim.objects.exists() and not EvidenceLink.objects.exists()


def test_the_evidence_form_offers_no_preselected_stance(client, reviewer, article):
    client.force_login(reviewer)
    html = client.get(reverse("reviews:claim_new", args=[article.pk]),
                      {"start": 0, "end": 3, "quote": "x"}).content.decode()  # fmt: skip
    template = html[html.index("<template data-evidence-template") :]
    assert '<option value="" selected>— Choose —</option>' in template
    assert 'value="supports" selected' not in template


@pytest.mark.parametrize("route", ["create", "add", "inline_update"])
def test_the_api_refuses_a_new_link_without_a_stance(route, reviewer, article):
    api = APIClient()
    api.force_authenticate(reviewer)
    link = {"url": "https://ev.example/no-stance"}
    claim = make_claim(article, reviewer, "Nvidia", evidence=0)
    if route == "create":
        phrase = "$5.6 million"
        start = article.current_revision.body.index(phrase)
        response = api.post("/api/v1/claims/", {
            "article": article.pk, "start": start, "end": start + len(phrase), "quote": phrase,
            "evidence": [link]}, format="json")  # fmt: skip
        errors = response.json()["errors"]
    elif route == "add":
        response = api.post(f"/api/v1/claims/{claim.pk}/evidence/", link, format="json")
        errors = response.json()["errors"]
    else:
        response = api.patch(f"/api/v1/claims/{claim.pk}/", {
            "version": claim.version, "evidence": [link]}, format="json")  # fmt: skip
        errors = response.json()["errors"]
    assert response.status_code == 400
    assert STANCE_REQUIRED in str(errors) and "stance" in str(errors)
    assert not EvidenceLink.objects.filter(url=link["url"]).exists()


def test_the_api_keeps_an_existing_links_stance_when_it_is_not_resent(reviewer, article):
    claim = make_claim(article, reviewer, "Nvidia", evidence=0)
    api = APIClient()
    api.force_authenticate(reviewer)
    link = {"url": "https://ev.example/r", "stance": "refutes"}
    created = api.post(f"/api/v1/claims/{claim.pk}/evidence/", link, format="json")
    link_id = created.json()["id"]
    claim.refresh_from_db()
    response = api.patch(f"/api/v1/claims/{claim.pk}/", {
        "version": claim.version, "evidence": [{"id": link_id, "url": "https://ev.example/r"}]
    }, format="json")  # fmt: skip
    assert response.status_code == 200
    assert EvidenceLink.objects.get(pk=link_id).stance == "refutes"


def test_tag_and_claimant_suggestions_come_from_existing_values(client, reviewer, article):
    make_claim(article, reviewer, "$5.6 million", tags=["DeepSeek", "deflation"],
               claimant="DeepSeek press office")  # fmt: skip
    make_claim(article, reviewer, "Nvidia", claimant="Nvidia CFO")
    client.force_login(reviewer)
    tags = client.get(reverse("claims:suggest", args=["tags"]), {"q": "de"}).json()["results"]
    assert tags == ["DeepSeek", "deflation"]
    claimants = client.get(reverse("claims:suggest", args=["claimants"]), {"q": "deep"})
    assert claimants.json()["results"] == ["DeepSeek press office"]
    assert client.get(reverse("claims:suggest", args=["tags"]), {"q": ""}).json()["results"] == []
    assert client.get(reverse("claims:suggest", args=["users"]), {"q": "a"}).status_code == 404


def test_suggestions_are_for_the_newsroom_only(outsider):
    client = Client()
    client.force_login(outsider)
    response = client.get(reverse("claims:suggest", args=["claimants"]), {"q": "a"})
    assert response.status_code == 403
    anonymous = Client().get(reverse("claims:suggest", args=["tags"]), {"q": "a"})
    assert anonymous.status_code == 302
