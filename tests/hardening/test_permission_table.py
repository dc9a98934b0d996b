"""Who may do what in the browser and the API, by role and by claim state, in one table.

Roles: anon (signed out), outsider (signed in, no newsroom role), reviewer (the author of the
claims), reviewer2 (another reviewer), editor (not the author), contributor (an editor who edited
the reviewer's claims before they were submitted: four eyes), author_editor (an editor acting
on claims they wrote themselves) and admin (superuser, not the author). `{draft}` and the other
claim placeholders name claims authored by the reviewer, except for author_editor, for whom
they name the same states of claims that editor wrote. Expected codes: 302 to sign-in for
anonymous browser pages, 401 for the anonymous API, 403 refused, 404 not visible.
"""

import pytest

from factcheck.articles.services import article_assign
from factcheck.claims.services import claim_update
from factcheck.reviews import services as wf
from factcheck.reviews.workflow import TRANSITIONS
from tests.effects import assert_effect, assert_unchanged, snapshot
from tests.factories import ArticleFactory, make_claim

ROLES = ("anon", "outsider", "reviewer", "reviewer2", "editor", "contributor", "author_editor",
         "admin")  # fmt: skip
ACTOR = {"reviewer": "reviewer", "reviewer2": "reviewer2", "editor": "editor",
         "contributor": "editor3", "author_editor": "editor2", "admin": "admin_user",
         "outsider": "outsider"}  # fmt: skip

# (name, method, url, data, expected codes in ROLES order)
BROWSER = [
    ("article list", "get", "/articles/", None, "302 200 200 200 200 200 200 200"),
    ("new article form", "get", "/articles/new/", None, "302 403 200 200 200 200 200 200"),
    ("reading view, unpublished", "get", "/articles/{private}/", None,
     "302 404 200 200 200 200 200 200"),
    ("reading view, published", "get", "/articles/{article}/", None,
     "302 200 200 200 200 200 200 200"),
    ("revise form", "get", "/articles/{article}/revise/", None, "302 403 200 403 200 200 200 200"),
    ("revision history", "get", "/articles/{article}/revisions/", None,
     "302 403 200 200 200 200 200 200"),
    ("revision text", "get", "/articles/{article}/revisions/1/", None,
     "302 403 200 200 200 200 200 200"),
    ("revision diff", "get", "/articles/{article}/diff/", None, "302 403 200 200 200 200 200 200"),
    ("draft panel", "get", "/review/claims/{draft}/", None, "302 404 200 200 200 200 200 200"),
    ("published panel", "get", "/review/claims/{published}/", None,
     "302 403 200 200 200 200 200 200"),
    ("draft edit", "post", "/review/claims/{draft}/edit/", "edit",
     "302 404 200 403 200 200 200 200"),
    ("comment", "post", "/review/claims/{draft}/comments/", {"body": "Hm"},
     "302 404 200 200 200 200 200 200"),
    ("submit", "post", "/review/claims/{draft}/submit/", {}, "302 404 200 403 200 200 200 200"),
    ("approve", "post", "/review/claims/{submitted}/approve/", {},
     "302 404 403 403 200 403 403 200"),
    ("request changes", "post", "/review/claims/{submitted}/request-changes/", {"note": "N"},
     "302 404 403 403 200 403 403 200"),
    ("publish", "post", "/review/claims/{approved}/publish/", {},
     "302 404 403 403 200 403 403 200"),
    ("correct", "post", "/review/claims/{published}/correct/",
     {"verdict": "false", "note": "N"}, "302 403 403 403 200 200 200 200"),
    ("retract", "post", "/review/claims/{published}/retract/", {"note": "N"},
     "302 403 403 403 200 200 200 200"),
    ("review queue", "get", "/review/", None, "302 403 403 403 200 200 200 200"),
    ("report, published", "get", "/articles/{article}/report/", None,
     "200 200 200 200 200 200 200 200"),
    ("report, unpublished", "get", "/articles/{private}/report/", None,
     "404 404 200 200 200 200 200 200"),
    ("dashboard", "get", "/dashboard/", None, "302 403 403 403 200 200 200 200"),
    ("admin claims", "get", "/admin/claims/claim/", None, "302 302 302 302 200 200 200 200"),
]  # fmt: skip

API = [
    ("draft read", "get", "/api/v1/claims/{draft}/", None, "401 404 200 200 200 200 200 200"),
    ("draft edit", "patch", "/api/v1/claims/{draft}/", "api_edit",
     "401 403 200 403 200 200 200 200"),
    ("approve", "post", "/api/v1/claims/{submitted}/approve/", {},
     "401 403 403 403 200 403 403 200"),
    ("publish", "post", "/api/v1/claims/{approved}/publish/", {},
     "401 403 403 403 200 403 403 200"),
    ("correct", "post", "/api/v1/claims/{published}/correct/",
     {"verdict": "false", "note": "N"}, "401 403 403 403 200 200 200 200"),
    ("retract", "post", "/api/v1/claims/{published}/retract/", {"note": "N"},
     "401 403 403 403 200 200 200 200"),
]  # fmt: skip


ACTION_SLUGS = tuple(f"/{t.slug}/" for t in TRANSITIONS.values())


def cases(table, kind):
    return [
        pytest.param(kind, method, url, data, role, int(codes.split()[i]), id=f"{name}-{role}")
        for name, method, url, data, codes in table
        for i, role in enumerate(ROLES)
    ]


def claims_in_every_state(article, author, editor, contributor=None):
    """draft, submitted, approved and published claims by `author`, driven by `editor`;
    `contributor` edits each before it is submitted."""
    made = {"draft": make_claim(article, author, "$600 billion")}
    for state, phrase in (("submitted", "$5.6 million"), ("approved", "Nasdaq"),
                          ("published", "one day")):  # fmt: skip
        claim = make_claim(article, author, phrase)
        if contributor is not None:
            claim_update(actor=contributor, claim=claim, version=claim.version,
                         rationale="Checked against the filings, by the desk.")  # fmt: skip
        wf.claim_submit(actor=author, claim=claim)
        if state in ("approved", "published"):
            wf.claim_approve(actor=editor, claim=claim)
        if state == "published":
            wf.claim_publish(actor=editor, claim=claim)
        made[state] = claim
    return made


@pytest.fixture
def editor3(db):
    from factcheck.accounts.roles import EDITOR
    from tests.conftest import _user

    return _user("editor3", EDITOR, is_staff=True)


@pytest.fixture
def world(reviewer, reviewer2, editor, editor2, editor3, admin_user, outsider):
    article = ArticleFactory(actor=editor)
    article_assign(actor=editor, article=article, assignees=[reviewer])
    theirs = claims_in_every_state(article, reviewer, editor2, contributor=editor3)
    own = claims_in_every_state(ArticleFactory(actor=editor), editor2, editor)
    private = ArticleFactory(actor=editor)
    make_claim(private, reviewer, "Nasdaq")
    return {"article": article.pk, "private": private.pk, "theirs": theirs, "own": own}


def request_for(client, world, role, method, url, data):
    claims = world["own"] if role == "author_editor" else world["theirs"]
    template = url
    url = url.format(article=world["article"], private=world["private"],
                     **{state: claim.pk for state, claim in claims.items()})  # fmt: skip
    draft = claims["draft"]
    if data == "edit":
        data = {"version": draft.version, "claim_text": "Edited", "claimant": "",
                "verdict": "true", "rationale": "R", "tags": "",
                "evidence-TOTAL_FORMS": "0", "evidence-INITIAL_FORMS": "0"}  # fmt: skip
    if data == "api_edit":
        return client.patch(url, {"version": draft.version, "claimant": "X"},
                            content_type="application/json")  # fmt: skip
    if method == "get":
        return client.get(url)
    if isinstance(data, dict) and template.endswith(ACTION_SLUGS):  # the version just read
        state = template.split("{")[1].split("}")[0]
        data = {**data, "version": type(draft).objects.get(pk=claims[state].pk).version}
    if url.startswith("/api/"):
        return client.post(url, data, content_type="application/json")
    return client.post(url, data)


@pytest.mark.parametrize(
    ("kind", "method", "url", "data", "role", "expected"),
    cases(BROWSER, "browser") + cases(API, "api"),
)
def test_permission_table(request, client, world, kind, method, url, data, role, expected):
    if role != "anon":
        client.force_login(request.getfixturevalue(ACTOR[role]))
    before = snapshot()
    response = request_for(client, world, role, method, url, data)
    assert response.status_code == expected
    if expected >= 300:  # refused: nothing changed
        assert_unchanged(before)
    else:  # allowed: it did what it is for
        assert_effect(method, response.request["PATH_INFO"], before)
