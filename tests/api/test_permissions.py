"""Who may do what through the API: role x endpoint x method → status (same rules as the UI).

Roles: anon (no credentials), outsider (signed in, no newsroom role), reviewer (the author of
the claims below), reviewer2 (another reviewer), editor (not the author: may approve).
An article is visible to outsiders once it has a published claim; an unpublished one is a 404.
"""

import pytest

from factcheck.reviews.services import claim_approve, claim_publish, claim_submit
from tests.effects import assert_effect, assert_unchanged, snapshot
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

ROLES = ("anon", "outsider", "reviewer", "reviewer2", "editor")

# (name, method, url, body) → expected status for each of ROLES, in order.
TABLE = [
    ("articles list", "get", "/api/v1/articles/", None, "401 200 200 200 200"),
    ("article create", "post", "/api/v1/articles/", "new_article", "401 403 201 201 201"),
    ("article read", "get", "/api/v1/articles/{article}/", None, "401 200 200 200 200"),
    ("unpublished article read", "get", "/api/v1/articles/{unpublished}/", None,
     "401 404 200 200 200"),
    ("article edit", "patch", "/api/v1/articles/{article}/", {"title": "T"},
     "401 403 403 403 200"),
    ("revisions list", "get", "/api/v1/articles/{article}/revisions/", None,
     "401 403 200 200 200"),
    ("revision create", "post", "/api/v1/articles/{article}/revisions/", "new_body",
     "401 403 403 403 201"),
    ("claims list", "get", "/api/v1/claims/", None, "401 200 200 200 200"),
    ("claim create", "post", "/api/v1/claims/", "new_claim", "401 403 201 201 201"),
    ("draft read", "get", "/api/v1/claims/{draft}/", None, "401 404 200 200 200"),
    ("published read", "get", "/api/v1/claims/{published}/", None, "401 200 200 200 200"),
    ("draft edit", "patch", "/api/v1/claims/{draft}/", "edit", "401 403 200 403 200"),
    ("published edit", "patch", "/api/v1/claims/{published}/", "edit_published",
     "401 403 403 403 403"),
    ("evidence list", "get", "/api/v1/claims/{draft}/evidence/", None, "401 404 200 200 200"),
    ("evidence add", "post", "/api/v1/claims/{draft}/evidence/",
     {"url": "https://e.example", "stance": "context"}, "401 403 201 403 201"),
    ("evidence edit", "patch", "/api/v1/claims/{draft}/evidence/{evidence}/", {"title": "E"},
     "401 403 200 403 200"),
    ("evidence hide", "delete", "/api/v1/claims/{draft}/evidence/{evidence}/", None,
     "401 403 204 403 204"),
    ("comments list", "get", "/api/v1/claims/{draft}/comments/", None, "401 403 200 200 200"),
    ("comment add", "post", "/api/v1/claims/{draft}/comments/", {"body": "Hm"},
     "401 403 201 201 201"),
    ("events list", "get", "/api/v1/claims/{draft}/events/", None, "401 403 200 200 200"),
    ("submit", "post", "/api/v1/claims/{draft}/submit/", {}, "401 403 200 403 200"),
    ("approve", "post", "/api/v1/claims/{submitted}/approve/", {}, "401 403 403 403 200"),
    ("request changes", "post", "/api/v1/claims/{submitted}/request-changes/", {"note": "N"},
     "401 403 403 403 200"),
    ("publish", "post", "/api/v1/claims/{approved}/publish/", {}, "401 403 403 403 200"),
    ("correct", "post", "/api/v1/claims/{published}/correct/",
     {"verdict": "false", "note": "N"}, "401 403 403 403 200"),
    ("retract", "post", "/api/v1/claims/{published}/retract/", {"note": "N"},
     "401 403 403 403 200"),
    ("verdicts", "get", "/api/v1/verdicts/", None, "401 200 200 200 200"),
]  # fmt: skip

CASES = [
    pytest.param(method, url, body, role, int(expected.split()[i]), id=f"{name}-{role}")
    for name, method, url, body, expected in TABLE
    for i, role in enumerate(ROLES)
]


@pytest.fixture
def world(article, reviewer, reviewer2, editor, editor2, outsider):
    draft = make_claim(article, reviewer, "$600 billion")
    submitted = make_claim(article, reviewer, "DeepSeek")
    claim_submit(actor=reviewer, claim=submitted)
    approved = make_claim(article, reviewer, "$5.6 million")
    claim_submit(actor=reviewer, claim=approved)
    claim_approve(actor=editor2, claim=approved)
    published = make_claim(article, reviewer, "Nasdaq")
    claim_submit(actor=reviewer, claim=published)
    claim_approve(actor=editor2, claim=published)
    claim_publish(actor=editor2, claim=published)
    published.refresh_from_db()
    body = article.current_revision.body
    start = body.index("3%")
    users = {"anon": None, "outsider": outsider, "reviewer": reviewer, "reviewer2": reviewer2,
             "editor": editor}  # fmt: skip
    ids = {"article": article.pk, "draft": draft.pk, "submitted": submitted.pk,
           "approved": approved.pk, "published": published.pk,
           "evidence": draft.evidence_links.get().pk,
           "unpublished": ArticleFactory(actor=editor).pk}  # fmt: skip
    bodies = {
        "new_article": {"title": "Fresh", "body": "Something entirely new."},
        "new_body": {"body": body + "\n\nUpdate."},
        "new_claim": {"article": article.pk, "start": start, "end": start + 2, "quote": "3%"},
        "edit": {"version": draft.version, "claimant": "Someone"},
        "edit_published": {"version": published.version, "claimant": "Someone"},
    }
    return users, ids, bodies


@pytest.mark.parametrize(("method", "url", "body", "role", "expected"), CASES)
def test_role_endpoint_method_gives_the_expected_status(api, world, method, url, body, role,
                                                        expected):  # fmt: skip
    users, ids, bodies = world
    client = api.as_user(users[role])
    payload = bodies[body] if isinstance(body, str) else body
    before = snapshot()
    response = getattr(client, method)(url.format(**ids), payload, format="json")
    assert response.status_code == expected, response.content[:300]
    if expected >= 400:
        assert {"detail", "code"} <= set(response.json())
        assert_unchanged(before)
    else:
        assert_effect(method, url.format(**ids), before)
