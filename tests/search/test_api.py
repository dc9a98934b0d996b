"""GET /api/v1/claims/similar/, the ranked ?q= of the claims list, the schema, and the
reading view's "start from it" save (see_also)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from factcheck.accounts.roles import REVIEWER
from factcheck.claims.models import Claim, ReviewEvent
from factcheck.claims.search import claim_similar
from factcheck.claims.selectors import visible_claims
from factcheck.claims.serializers import SimilarClaimSerializer, similar_payload
from factcheck.claims.services import evidence_add
from factcheck.core.renderers import FastJSONRenderer
from factcheck.web.reading import SEE_ALSO_UNKNOWN
from tests.factories import UserFactory, make_claim
from tests.search.conftest import publish

pytestmark = pytest.mark.django_db
SIMILAR = "/api/v1/claims/similar/"


@pytest.fixture
def claims(older, reviewer, editor, editor2):
    draft = make_claim(older, reviewer, "The Great Wall of China is visible from space")
    published = publish(make_claim(older, reviewer, "The MMR vaccine causes autism in children"),
                        reviewer, editor, editor2)  # fmt: skip
    return {"draft": draft, "published": published}


def test_similar_returns_the_claim_fields_and_a_score_for_the_newsroom(api, reviewer, claims):
    response = api.as_user(reviewer).get(SIMILAR, {"text": "Great Wall visible from orbit"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    (hit,) = body["results"]
    assert hit["id"] == claims["draft"].pk and hit["status"] == "draft"
    assert 0 < hit["score"] <= 1
    assert hit["article_title"] == "Earlier checks" and hit["verdict_label"] == "True"
    assert hit["see_also_url"] == f"/articles/{claims['draft'].article_id}/#claim-{hit['id']}"
    assert hit["evidence"] and hit["duplicate"] is False
    assert {"claim_text", "quote", "verdict", "rationale", "published_at"} <= set(hit)


def test_anonymous_clients_match_published_claims_on_their_published_copy(api, claims):
    published = claims["published"]
    Claim.objects.filter(pk=published.pk).update(rationale="Unpublished working notes.")
    response = api.get(SIMILAR, {"text": "MMR vaccine causes autism"})
    assert response.status_code == 200
    (hit,) = response.json()["results"]
    assert hit["id"] == published.pk
    assert hit["rationale"] == published.published_rationale != "Unpublished working notes."
    assert hit["see_also_url"].startswith(f"/articles/{published.article_id}/report/")
    assert api.get(SIMILAR, {"text": "Great Wall of China from space"}).json()["count"] == 0


def test_an_outsider_with_an_account_sees_no_drafts_either(api, outsider, claims):
    response = api.as_user(outsider).get(SIMILAR, {"text": "Great Wall of China from space"})
    assert response.json() == {"count": 0, "results": []}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": "x" * 2001}, "text"),
        ({"text": "wall", "limit": "0"}, "limit"),
        ({"text": "wall", "limit": "21"}, "limit"),
        ({"text": "wall", "limit": "many"}, "limit"),
        ({"text": "wall", "article": "-1"}, "article"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(api, reviewer, params, field):
    response = api.as_user(reviewer).get(SIMILAR, params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_the_limit_is_respected_and_the_best_comes_first(api, reviewer, older):
    for phrase in ("Unemployment fell to 3.5%, the lowest rate in 50 years",
                   "Unemployment fell to 5.3%, the lowest rate in 50 years"):  # fmt: skip
        make_claim(older, reviewer, phrase)
    results = (
        api.as_user(reviewer)
        .get(SIMILAR, {"text": "Unemployment fell to 5.3%", "limit": 1})
        .json()["results"]
    )
    assert [r["quote"] for r in results] == [
        "Unemployment fell to 5.3%, the lowest rate in 50 years"
    ]


def test_an_exact_duplicate_in_the_same_article_is_flagged(api, reviewer, claims, newer):
    text = "the great wall of China is visible from space."
    same = api.as_user(reviewer).get(SIMILAR, {"text": text, "article": claims["draft"].article_id})
    other = api.as_user(reviewer).get(SIMILAR, {"text": text, "article": newer.pk})
    assert [r["duplicate"] for r in same.json()["results"]] == [True]
    assert [r["duplicate"] for r in other.json()["results"]] == [False]


def test_hostile_text_is_data_not_query_syntax(api, reviewer, claims):
    for text in ["' | !wall:* <-> (", "\\'; DROP TABLE claims_claim; --", "%_%", "🇺🇦 x\u0301"]:
        response = api.as_user(reviewer).get(SIMILAR, {"text": text})
        assert response.status_code == 200, text
    assert Claim.objects.count() == 2


def test_the_claims_list_ranks_by_q_and_keeps_its_filters(api, reviewer, claims):
    url = reverse("api-claims")
    response = api.as_user(reviewer).get(url, {"q": "vaccine autism"})
    assert [c["id"] for c in response.json()["results"]] == [claims["published"].pk]
    filtered = api.as_user(reviewer).get(url, {"q": "vaccine autism", "status": "draft"})
    assert filtered.json()["results"] == []
    assert api.as_user(reviewer).get(url, {"q": "x" * 501}).status_code == 400
    assert api.as_user(None).get(url, {"q": "vaccine"}).status_code == 401  # list: signed in


def test_similar_and_q_are_in_the_openapi_schema(api, reviewer):
    schema = api.as_user(reviewer).get("/api/schema/", HTTP_ACCEPT="application/json").json()
    similar = schema["paths"]["/api/v1/claims/similar/"]["get"]
    assert {p["name"] for p in similar["parameters"]} >= {"text", "limit", "article", "exclude"}
    listing = schema["paths"]["/api/v1/claims/"]["get"]
    assert "q" in {p["name"] for p in listing["parameters"]}
    assert "score" in schema["components"]["schemas"]["SimilarClaim"]["properties"]


def _new(article, phrase, **extra):
    start = article.current_revision.body.index(phrase)
    data = {"start": start, "end": start + len(phrase), "quote": phrase, "claim_text": "",
            "claimant": "", "verdict": "", "rationale": "", "tags": "",
            "evidence-TOTAL_FORMS": "0", "evidence-INITIAL_FORMS": "0"}  # fmt: skip
    return data | extra


def test_saving_a_claim_started_from_another_links_both(client, reviewer, claims, newer):
    client.force_login(reviewer)
    earlier = claims["published"]
    data = _new(newer, "The MMR vaccine causes autism", see_also=str(earlier.pk))
    response = client.post(reverse("reviews:claim_new", args=[newer.pk]), data)
    assert response.status_code == 200, response.content
    claim = Claim.objects.get(pk=response.json()["claim"])
    assert list(claim.see_also.all()) == [earlier]
    assert list(earlier.see_also.all()) == [claim]
    assert ReviewEvent.objects.filter(action="see_also").count() == 2


def test_a_see_also_of_an_unknown_claim_saves_nothing_and_says_why(client, reviewer, newer):
    client.force_login(reviewer)
    data = _new(newer, "The MMR vaccine causes autism", see_also="999999")
    response = client.post(reverse("reviews:claim_new", args=[newer.pk]), data)
    assert response.status_code == 400
    assert SEE_ALSO_UNKNOWN in response.json()["html"]["panel"]
    assert not Claim.objects.filter(article=newer).exists()


def test_the_new_claim_form_carries_the_suggestions_hook(client, reviewer, newer):
    client.force_login(reviewer)
    phrase = "The MMR vaccine causes autism"
    start = newer.current_revision.body.index(phrase)
    params = {"start": start, "end": start + len(phrase), "quote": phrase}
    html = client.get(reverse("reviews:claim_new", args=[newer.pk]), params).content.decode()
    assert 'data-similar-url="/api/v1/claims/similar/"' in html
    assert f'data-article="{newer.pk}"' in html and 'name="see_also"' in html


# --- the fast path: flat rows, one statement per step -------------------------------------------


@pytest.fixture
def rich(older, reviewer, editor, editor2):
    """A published claim with two tags and two live evidence links (one with a date and an
    archive), edited after publication so the newsroom and public copies differ."""
    claim = make_claim(older, reviewer, "The MMR vaccine causes autism in children",
                       tags=["vaccines", "autism"])  # fmt: skip
    evidence_add(actor=reviewer, claim=claim, url="https://e.example/2", title="Two",
                 accessed_on="2025-01-02", archived_url="https://archive.example/2")  # fmt: skip
    claim = publish(claim, reviewer, editor, editor2)
    Claim.objects.filter(pk=claim.pk).update(rationale="Newer notes.", claim_text="MMR: autism")
    return claim


@pytest.mark.parametrize("public", [False, True])
def test_a_similar_result_is_the_serializers_json_byte_for_byte(rich, reviewer, outsider, public):
    user = outsider if public else reviewer  # the public's rows are the published version's
    (row,) = claim_similar(user=user, text="MMR jabs give children autism")
    fast = similar_payload(row, public=public, duplicates={rich.pk})
    instance = visible_claims(user).get(pk=rich.pk)
    instance.score = row["score"]
    context = {"public": public, "duplicates": {rich.pk}}
    expected = SimilarClaimSerializer(instance, context=context).data
    assert fast == expected and list(fast) == list(expected)
    assert fast["tags"] == ["autism", "vaccines"] and len(fast["evidence"]) == 2
    assert fast["evidence"][1]["accessed_on"] == "2025-01-02"
    assert FastJSONRenderer().render(fast) == JSONRenderer().render(expected)


@pytest.mark.parametrize(("params", "queries"), [
    ({"text": "MMR jabs give children autism"}, 2),  # token and roles; the ranking with its rows
    ({"text": "MMR autism"}, 2),  # a short query: its trigram matches in the same statement
    ({"text": "MMR jabs give children autism", "article": 0}, 2),  # duplicates: from the rows
])  # fmt: skip
def test_similar_takes_a_fixed_number_of_queries(rich, reviewer, params, queries,
                                                 django_assert_num_queries):  # fmt: skip
    user = UserFactory(username="fresh-similar")
    user.groups.add(Group.objects.get(name=REVIEWER))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    if "article" in params:
        params = params | {"article": rich.article_id}
    with django_assert_num_queries(queries):
        response = client.get(SIMILAR, params)
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [rich.pk]


def test_a_ranked_q_with_a_filter_on_another_table_keeps_it(api, reviewer, claims, rich):
    url = reverse("api-claims")
    tagged = api.as_user(reviewer).get(url, {"q": "vaccine autism", "tag": "vaccines"})
    assert [c["id"] for c in tagged.json()["results"]] == [rich.pk]
    untagged = api.as_user(reviewer).get(url, {"q": "vaccine autism", "tag": "elsewhere"})
    assert untagged.json()["results"] == []
