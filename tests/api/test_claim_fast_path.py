"""The claim endpoints' fast path: a handful of queries whatever the article's size, and the same
JSON (byte for byte) as the DRF serializers it replaces.

Each request comes from a fresh user with a fresh token, so the authentication and role queries
are counted too (no warm per-user cache).
"""

import json
import re
from datetime import UTC, datetime
from itertools import count

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from factcheck.accounts.roles import EDITOR, REVIEWER
from factcheck.articles.anchoring import CONTEXT_CHARS
from factcheck.claims.models import Claim
from factcheck.claims.selectors import claim_get, claim_row_get
from factcheck.claims.serializers import ClaimSerializer, claim_instance_payload, claim_payload
from factcheck.claims.services import evidence_add
from factcheck.core.renderers import FastJSONRenderer
from factcheck.reviews.revisions import article_revise
from factcheck.reviews.services import claim_approve, claim_publish, claim_submit
from tests.factories import ArticleFactory, UserFactory, make_claim

pytestmark = pytest.mark.django_db
_users = count()
# About 500 KB of text with non-ASCII letters, so code points and bytes differ.
LARGE_BODY = "\n\n".join(f"Paragraph {i}: Zoë's café sold {i} crêpes — “quoted” text." * 9
                         for i in range(1100))  # fmt: skip


def fresh_client(*roles: str) -> APIClient:
    user = UserFactory(username=f"fresh{next(_users)}")
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def _claim_body(article, start=12, end=30, **extra):
    body = article.current_revision.body
    return {"article": article.pk, "start": start, "end": end, "quote": body[start:end],
            "verdict": "true", **extra}  # fmt: skip


# token and roles (1), SAVEPOINT, the locked target read (quote, context, verdict id), one
# statement writing the claim, its history row and its audit row, RELEASE SAVEPOINT.
CREATE_QUERIES = 5


@pytest.mark.parametrize("size", ["small", "large"])
def test_creating_a_claim_takes_the_same_queries_on_any_article(
    editor, size, django_assert_num_queries
):
    body = LARGE_BODY if size == "large" else None
    article = ArticleFactory(actor=editor, **({"body": body} if body else {}))
    assert fresh_client(REVIEWER).post("/api/v1/claims/", _claim_body(article)).status_code == 201
    payload = _claim_body(article, start=40, end=52)
    client = fresh_client(REVIEWER)
    with django_assert_num_queries(CREATE_QUERIES):
        response = client.post("/api/v1/claims/", payload)
    assert response.status_code == 201, response.json()
    assert response.json()["quote"] == payload["quote"]


def _body_reads(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries
            if re.search(r'"articles_article(revision)?"\."body"', q["sql"])]  # fmt: skip


def test_claims_read_a_revisions_body_once_per_process(editor):
    """The body (500 KB here) is read once, for the first claim on its revision; later claims
    check their quote against the process's copy (a revision never changes), under one lock."""
    article = ArticleFactory(actor=editor, body=LARGE_BODY)
    client = fresh_client(REVIEWER)
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/api/v1/claims/", _claim_body(article, start=1000, end=1040))
    assert response.status_code == 201
    assert len(_body_reads(queries)) <= 1
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/api/v1/claims/", _claim_body(article, start=5000, end=5030))
        wrong = client.post("/api/v1/claims/", _claim_body(article, start=9000, end=9030) | {
            "quote": "not the text there"})  # fmt: skip
    assert response.status_code == 201
    assert response.json()["prefix"] == LARGE_BODY[5000 - CONTEXT_CHARS : 5000]
    assert response.json()["suffix"] == LARGE_BODY[5030 : 5030 + CONTEXT_CHARS]
    assert wrong.status_code == 400 and "quote" in wrong.json()["errors"]
    assert _body_reads(queries) == []
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert sql.count("FOR NO KEY UPDATE") == 2  # one lock per create


def test_a_new_revision_is_checked_against_its_own_body(editor):
    """The copy is per revision: after a revision, quotes are checked against the new text."""
    article = ArticleFactory(actor=editor, body=LARGE_BODY)
    client = fresh_client(REVIEWER)
    assert client.post("/api/v1/claims/", _claim_body(article, start=10, end=40)).status_code == 201
    article_revise(actor=editor, article=article, body="Changed. " + LARGE_BODY)
    article.refresh_from_db()
    stale = client.post("/api/v1/claims/", {"article": article.pk, "start": 10, "end": 40,
                                            "quote": LARGE_BODY[10:40]})  # fmt: skip
    assert stale.status_code == 400 and "quote" in stale.json()["errors"]
    moved = client.post("/api/v1/claims/", _claim_body(article, start=19, end=49))
    assert moved.status_code == 201
    assert moved.json()["quote"] == ("Changed. " + LARGE_BODY)[19:49]


def test_the_first_claim_moves_a_new_article_to_in_progress(editor):
    article = ArticleFactory(actor=editor)
    assert article.status == "new"
    fresh_client(REVIEWER).post("/api/v1/claims/", _claim_body(article))
    article.refresh_from_db()
    assert article.status == "in_progress"


def test_a_created_claim_writes_one_audit_row_and_one_history_row(editor):
    article = ArticleFactory(actor=editor)
    response = fresh_client(REVIEWER).post("/api/v1/claims/", _claim_body(article))
    claim = Claim.objects.get(pk=response.json()["id"])
    assert [e.action for e in claim.events.all()] == ["create"]
    assert claim.history.count() == 1


# token (1), SAVEPOINT, the locked claim (with revision, verdict, users), its tags, its live
# evidence, UPDATE, history row, audit row, RELEASE SAVEPOINT.
EDIT_QUERIES = 9


@pytest.mark.parametrize("size", ["small", "large"])
def test_editing_a_claim_takes_the_same_queries_on_any_article(
    editor, reviewer, size, django_assert_num_queries
):
    article = ArticleFactory(actor=editor, **({"body": LARGE_BODY} if size == "large" else {}))
    claim = make_claim(article, reviewer, article.current_revision.body[5:25], tags=["a", "b"])
    client = fresh_client(EDITOR)
    with django_assert_num_queries(EDIT_QUERIES):
        response = client.patch(f"/api/v1/claims/{claim.pk}/",
                                {"version": claim.version, "claimant": "Someone"})  # fmt: skip
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["claimant"], data["version"], data["tags"]) == ("Someone", claim.version + 1,
                                                                 ["a", "b"])  # fmt: skip
    assert len(data["evidence"]) == 1
    claim.refresh_from_db()
    assert claim.version == data["version"] and claim.events.filter(action="edit").count() == 1


def test_a_stale_edit_is_still_a_conflict(editor, reviewer):
    claim = make_claim(ArticleFactory(actor=editor), reviewer)  # version 2: evidence was added
    client = fresh_client(EDITOR)
    response = client.patch(f"/api/v1/claims/{claim.pk}/", {"version": 1, "claimant": "X"})
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert Claim.objects.get(pk=claim.pk).claimant == claim.claimant


def test_editing_a_missing_claim_is_a_404(editor):
    response = fresh_client(EDITOR).patch("/api/v1/claims/999999/", {"version": 1})
    assert response.status_code == 404


@pytest.mark.parametrize(("url", "queries"), [
    ("/api/v1/claims/{claim}/", 2),  # token and roles, the claim as JSON (tags, evidence in it)
    # token and roles, the page as JSON: a first page that is not full is the count
    ("/api/v1/claims/?article={article}", 2),
])  # fmt: skip
def test_reads_take_a_fixed_number_of_queries(editor, reviewer, url, queries,
                                              django_assert_num_queries):  # fmt: skip
    article = ArticleFactory(actor=editor)
    claims = [make_claim(article, reviewer, word, tags=["x"]) for word in
              ("Nvidia", "$600 billion", "DeepSeek", "Nasdaq")]  # fmt: skip
    client = fresh_client(REVIEWER)
    with django_assert_num_queries(queries):
        response = client.get(url.format(claim=claims[0].pk, article=article.pk))
    assert response.status_code == 200


def test_pages_count_the_same_whether_or_not_a_count_query_runs(editor, reviewer):
    article = ArticleFactory(actor=editor)
    for word in ("Nvidia", "$600 billion", "DeepSeek", "Nasdaq"):
        make_claim(article, reviewer, word)
    client = fresh_client(REVIEWER)
    url = f"/api/v1/claims/?article={article.pk}"
    every = [claim["id"] for claim in client.get(url).json()["results"]]
    # page size, page -> ids on it, next, previous, queries (token and roles included)
    for size, page, ids, more, before, queries in [
        (10, 1, every, False, False, 2),  # not full: its length is the count, no COUNT
        (4, 1, every, False, False, 3),  # full: there may be more, so COUNT
        (3, 1, every[:3], True, False, 3),
        (3, 2, every[3:], False, True, 3),
        (3, "last", every[3:], False, True, 3),
    ]:
        with CaptureQueriesContext(connection) as ran:
            body = client.get(url, {"page_size": size, "page": page}).json()
        assert [claim["id"] for claim in body["results"]] == ids, (size, page)
        assert (body["count"], bool(body["next"]), bool(body["previous"])) == (4, more, before)
        assert len(ran.captured_queries) == queries, (size, page)
    assert client.get(url, {"page_size": 3, "page": 3}).status_code == 404
    assert client.get(url, {"page_size": 3, "page": 0}).status_code == 404
    empty = client.get(f"/api/v1/claims/?article={ArticleFactory(actor=editor).pk}").json()
    assert (empty["count"], empty["results"], empty["next"]) == (0, [], None)


@pytest.fixture
def rich_claim(editor, editor2, reviewer):
    """A published claim with tags, two live evidence links (one hidden) and an approver,
    edited after publication so the public and the newsroom copies differ."""
    article = ArticleFactory(actor=editor, body="Ünïcode “text” \u2028 here.\n\n" + "x " * 50)
    claim = make_claim(article, reviewer, "Ünïcode “text”", tags=["b-tag", "a-tag"])
    evidence_add(actor=reviewer, claim=claim, url="https://e.example/2", title="Two",
                 accessed_on="2025-01-02", archived_url="https://archive.example/2")  # fmt: skip
    claim_submit(actor=reviewer, claim=claim)
    claim_approve(actor=editor, claim=claim)
    claim_publish(actor=editor2, claim=claim)
    return claim


@pytest.mark.parametrize("public", [False, True])
def test_the_fast_payload_is_the_serializers_json_byte_for_byte(
    rich_claim, editor, outsider, public
):
    user = outsider if public else editor  # the public's row is its published version's
    view = claim_get(user=user, pk=rich_claim.pk)
    expected = ClaimSerializer(view, context={"public": public}).data
    row = claim_row_get(user=user, pk=rich_claim.pk)
    fast = claim_payload(row, public=public)
    assert fast == expected
    assert FastJSONRenderer().render(fast) == JSONRenderer().render(expected)
    assert list(fast) == list(expected)


def test_the_payload_of_a_written_claim_is_the_serializers(rich_claim, editor):
    instance = claim_get(user=editor, pk=rich_claim.pk)
    instance.live_evidence = list(instance.live_evidence)
    assert claim_instance_payload(instance) == ClaimSerializer(instance).data


def test_the_fast_renderer_escapes_like_drf_and_falls_back_on_other_types():
    data = {"a": '\u2028\u2029\x00\x1f"\\ é 😀', "n": [1, None, True], "when": datetime.now(UTC)}
    assert FastJSONRenderer().render(data) == JSONRenderer().render(data)
    plain = {k: v for k, v in data.items() if k != "when"}
    assert FastJSONRenderer().render(plain) == JSONRenderer().render(plain)
    assert json.loads(FastJSONRenderer().render(plain)) == plain


# --- the claim list: each claim's JSON built by PostgreSQL (claims.sql_json) ----------------


def _python_list(client, url, monkeypatch):
    """The same request through the Python path (rows, then claim_payload and orjson)."""
    with monkeypatch.context() as patch:
        patch.setattr("factcheck.claims.sql_json.supported", lambda: False)
        return client.get(url)


@pytest.mark.parametrize("query", [
    "article={article}&page_size=100",
    "page_size=2&page=2&ordering=-start",  # a page in the middle, in another order
    "tag=a-tag",
    "status=published&ordering=id",  # none for a status nobody has: an empty page
    "status=approved",
])  # fmt: skip
def test_the_list_built_by_postgresql_is_the_python_lists_json_byte_for_byte(
    rich_claim, editor, reviewer, monkeypatch, query
):
    article = rich_claim.article
    make_claim(article, reviewer, "here", tags=["z"], evidence=2, rationale="Tab\there \x01 😀")
    bare = make_claim(article, reviewer, "x x", verdict=None, evidence=0, rationale="")
    # times as DRF writes them: no fraction on a whole second, six digits otherwise
    Claim.objects.filter(pk=bare.pk).update(
        created_at=datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
        updated_at=datetime(2025, 1, 2, 3, 4, 5, 60, tzinfo=UTC),
    )
    client = fresh_client(EDITOR)
    url = "/api/v1/claims/?" + query.format(article=article.pk)
    fast, slow = client.get(url), _python_list(client, url, monkeypatch)
    assert fast.status_code == slow.status_code == 200
    assert fast.content == slow.content
    if "article=" in query:
        assert fast.json()["count"] == 3 and len(fast.json()["results"]) == 3


@pytest.mark.parametrize("role", [EDITOR, REVIEWER])
def test_one_claim_built_by_postgresql_is_the_python_json_byte_for_byte(
    rich_claim, monkeypatch, role
):
    client = fresh_client(role)
    url = f"/api/v1/claims/{rich_claim.pk}/"
    fast, slow = client.get(url), _python_list(client, url, monkeypatch)
    assert fast.status_code == slow.status_code == 200
    assert fast.content == slow.content
    assert client.get("/api/v1/claims/999999/").status_code == 404


def test_a_page_past_the_end_is_a_404_and_the_browsable_api_still_renders(rich_claim):
    client = fresh_client(EDITOR)
    assert client.get("/api/v1/claims/?page=9").status_code == 404
    html = client.get("/api/v1/claims/", HTTP_ACCEPT="text/html")
    assert html.status_code == 200
    assert "Ünïcode" in html.content.decode()
    indented = client.get("/api/v1/claims/", HTTP_ACCEPT="application/json; indent=2")
    assert indented.status_code == 200 and b'\n  "count": 1' in indented.content


def test_the_list_shows_a_claims_tags_as_they_are_edited(editor, monkeypatch):
    """The JSON built by PostgreSQL skips the tag lookup for claims whose `search_tags` is
    empty: every way of changing tags must keep that column in step."""
    article = ArticleFactory(actor=editor)
    client = fresh_client(EDITOR)
    created = client.post("/api/v1/claims/", _claim_body(article)).json()
    url = f"/api/v1/claims/?article={article.pk}"

    def tags():
        fast, slow = client.get(url), _python_list(client, url, monkeypatch)
        assert fast.content == slow.content
        return fast.json()["results"][0]["tags"]

    assert tags() == []
    version = created["version"]
    for new in (["Zeta", "alpha"], [], ["gamma"]):  # the order: the database's, as in Python
        edit = client.patch(f"/api/v1/claims/{created['id']}/", {"version": version, "tags": new})
        assert edit.status_code == 200, edit.json()
        version = edit.json()["version"]
        assert sorted(tags()) == sorted(new)
