"""Real concurrent requests against a live server on PostgreSQL: one winner, clean 409s for the
rest, nothing half-written, and a revision saved during an edit loses neither.

Threads share a Barrier so their requests leave together; each thread talks HTTP (token auth)
to pytest-django's threaded live server, which serves each request on its own DB connection.
"""

import threading
from collections import Counter

import pytest

from factcheck.articles.models import Article
from factcheck.claims.models import Claim, ReviewEvent
from factcheck.reviews.services import claim_submit
from tests.factories import ArticleFactory, make_claim

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("postgres_only")]

THREADS = 20
CONFLICT_CODES = {"invalid_transition", "conflict"}


def run_together(jobs):
    """Run the callables at the same instant (a Barrier), return their results in order."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def worker(index, job):
        barrier.wait(timeout=30)
        results[index] = job()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(r is not None for r in results), "a request did not finish"
    return results


@pytest.fixture
def world(seeded_transactional_db, django_user_model):
    from factcheck.accounts.roles import EDITOR, REVIEWER
    from tests.conftest import _user

    users = {
        "reviewer": _user("reviewer", REVIEWER),
        "editor": _user("editor", EDITOR, is_staff=True),
        "editor2": _user("editor2", EDITOR, is_staff=True),
    }
    article = ArticleFactory(actor=users["editor"])
    article.assignees.add(users["reviewer"])
    return users, article


@pytest.fixture
def submitted(world):
    users, article = world
    claim = make_claim(article, users["reviewer"])
    return claim_submit(actor=users["reviewer"], claim=claim)


def _decisions(claim):
    return ReviewEvent.objects.filter(claim=claim, action__in=["approve", "request_changes"])


def test_twenty_simultaneous_approvals_and_rejections_have_exactly_one_winner(
    world, submitted, token_client
):
    users, _ = world
    editors = [token_client(users["editor"]), token_client(users["editor2"])]
    version = submitted.version
    url = f"/api/v1/claims/{submitted.pk}/"
    jobs = []
    for i in range(THREADS):
        client = editors[i % 2]
        if i % 4 < 2:
            jobs.append(lambda c=client: c.post(url + "approve/", {"version": version}))
        else:
            note = {"version": version, "note": "Source is a press release."}
            jobs.append(lambda c=client, n=note: c.post(url + "request-changes/", n))
    results = run_together(jobs)
    statuses = Counter(r.status for r in results)
    assert statuses == {200: 1, 409: THREADS - 1}, [(r.status, r.body) for r in results]
    assert {r.body["code"] for r in results if r.status == 409} <= CONFLICT_CODES
    winner = next(r.body for r in results if r.status == 200)
    claim = Claim.objects.get(pk=submitted.pk)
    assert claim.status == winner["status"] in {"approved", "changes_requested"}
    assert claim.version == version + 1
    assert _decisions(claim).count() == 1


def test_twenty_simultaneous_approvals_without_a_version_are_all_refused(
    world, submitted, token_client
):
    users, _ = world
    editors = [token_client(users["editor"]), token_client(users["editor2"])]
    url = f"/api/v1/claims/{submitted.pk}/approve/"
    results = run_together([lambda c=editors[i % 2]: c.post(url) for i in range(THREADS)])
    assert Counter(r.status for r in results) == {400: THREADS}
    assert all("version" in r.body["errors"] for r in results)
    assert Claim.objects.get(pk=submitted.pk).status == "submitted"
    assert not ReviewEvent.objects.filter(claim=submitted, action="approve").exists()


def test_twenty_simultaneous_edits_with_one_version_save_exactly_one_whole_edit(
    world, token_client
):
    users, article = world
    claim = make_claim(article, users["reviewer"])
    clients = [token_client(users["reviewer"]), token_client(users["editor"])]
    url = f"/api/v1/claims/{claim.pk}/"

    def edit(i):
        return clients[i % 2].patch(url, {
            "version": claim.version, "claim_text": f"Text from writer {i}",
            "claimant": f"Claimant {i}", "rationale": f"Rationale {i}", "tags": [f"writer-{i}"],
        })  # fmt: skip

    results = run_together([lambda i=i: edit(i) for i in range(THREADS)])
    assert Counter(r.status for r in results) == {200: 1, 409: THREADS - 1}
    assert {r.body["code"] for r in results if r.status == 409} == {"conflict"}
    saved = Claim.objects.get(pk=claim.pk)
    i = int(saved.claim_text.rsplit(" ", 1)[1])
    assert (saved.claimant, saved.rationale) == (f"Claimant {i}", f"Rationale {i}")
    assert list(saved.tags.values_list("name", flat=True)) == [f"writer-{i}"]
    assert saved.version == claim.version + 1
    assert ReviewEvent.objects.filter(claim=claim, action="edit").count() == 1


def _edit_until_saved(client, url, text):
    """PATCH with the version just read; on a 409 conflict re-read and retry (as a client does)."""
    for _ in range(5):
        version = client.get(url).body["version"]
        result = client.patch(url, {"version": version, "claim_text": text})
        if result.status != 409:
            return result
        assert result.body["code"] == "conflict", result.body
    return result


@pytest.mark.parametrize("round_", range(6))
def test_a_revision_saved_during_an_edit_loses_neither(world, token_client, round_):
    users, article = world
    claim = make_claim(article, users["reviewer"])
    editor, reviewer = token_client(users["editor"]), token_client(users["reviewer"])
    claim_url = f"/api/v1/claims/{claim.pk}/"
    new_body = f"Breaking ({round_}): an update.\n\n{article.body}"
    text = f"Edited during revision {round_}"

    def revise():
        return editor.post(f"/api/v1/articles/{article.pk}/revisions/",
                           {"body": new_body, "note": "Correction"})  # fmt: skip

    edit, revision = run_together([
        lambda: reviewer.patch(claim_url, {"version": claim.version, "claim_text": text}),
        revise,
    ])  # fmt: skip
    assert revision.status == 201, revision.body
    assert edit.status in (200, 409), edit.body
    if edit.status == 409:  # a clear conflict: the client re-reads and applies it again
        assert edit.body["code"] == "conflict"
        assert _edit_until_saved(reviewer, claim_url, text).status == 200
    saved = Claim.objects.select_related("revision").get(pk=claim.pk)
    article = Article.objects.get(pk=article.pk)
    assert saved.claim_text == text
    assert saved.revision_id == article.current_revision_id
    assert article.body == new_body
    assert article.body[saved.start : saved.end] == saved.quote == "$600 billion"


@pytest.mark.parametrize("round_", range(4))
def test_approvals_during_a_revision_neither_deadlock_nor_get_lost(
    world, submitted, token_client, round_
):
    users, article = world
    other = claim_submit(actor=users["reviewer"],
                         claim=make_claim(article, users["reviewer"], "DeepSeek"))  # fmt: skip
    editor, editor2 = token_client(users["editor"]), token_client(users["editor2"])
    new_body = f"Update {round_}.\n\n{article.body}"
    results = run_together([
        lambda: editor.post(f"/api/v1/claims/{submitted.pk}/approve/",
                            {"version": submitted.version}),
        lambda: editor2.post(f"/api/v1/articles/{article.pk}/revisions/", {"body": new_body}),
        lambda: editor.post(f"/api/v1/claims/{other.pk}/approve/", {"version": other.version}),
    ])  # fmt: skip
    assert [r.status for r in results] == [200, 201, 200], [r.body for r in results]
    current = Article.objects.get(pk=article.pk)
    for claim in Claim.objects.filter(pk__in=[submitted.pk, other.pk]):
        assert claim.status == "approved"
        assert claim.revision_id == current.current_revision_id
        assert current.body[claim.start : claim.end] == claim.quote
    assert current.status == "reviewed"


def test_a_claim_created_during_a_revision_is_anchored_on_the_current_text(world, token_client):
    users, article = world
    reviewer, editor = token_client(users["reviewer"]), token_client(users["editor"])
    for round_ in range(6):
        article = Article.objects.get(pk=article.pk)
        phrase = "DeepSeek"
        start = article.body.index(phrase)
        payload = {"article": article.pk, "start": start, "end": start + len(phrase),
                   "quote": phrase}  # fmt: skip
        new_body = f"Update {round_}.\n\n{article.body}"
        created, revision = run_together([
            lambda p=payload: reviewer.post("/api/v1/claims/", p),
            lambda b=new_body, u=f"/api/v1/articles/{article.pk}/revisions/": editor.post(
                u, {"body": b}),
        ])  # fmt: skip
        assert revision.status == 201, revision.body
        assert created.status in (201, 400), created.body
        if created.status == 400:
            assert set(created.body["errors"]) & {"quote", "start"}, created.body
            continue
        claim = Claim.objects.select_related("revision").get(pk=created.body["id"])
        current = Article.objects.get(pk=article.pk)
        assert claim.revision_id == current.current_revision_id, f"round {round_}"
        assert current.body[claim.start : claim.end] == claim.quote == phrase


def test_two_revisions_saved_at_once_both_land_in_order(world, token_client):
    users, article = world
    claim = make_claim(article, users["reviewer"])
    editor, editor2 = token_client(users["editor"]), token_client(users["editor2"])
    url = f"/api/v1/articles/{article.pk}/revisions/"
    bodies = [f"Version {i}.\n\n{article.body}" for i in range(2)]
    results = run_together([lambda c=c, b=b: c.post(url, {"body": b})
                            for c, b in zip([editor, editor2], bodies, strict=True)])  # fmt: skip
    assert sorted(r.status for r in results) == [201, 201], [r.body for r in results]
    assert sorted(r.body["number"] for r in results) == [2, 3]
    current = Article.objects.select_related("current_revision").get(pk=article.pk)
    assert current.current_revision.number == 3
    claim.refresh_from_db()
    events = list(ReviewEvent.objects.filter(article=article).values_list("action", "changes"))
    assert claim.revision_id == current.current_revision_id, (events, [r.body for r in results])
    assert current.body[claim.start : claim.end] == claim.quote


def test_a_claim_the_revision_does_not_move_still_points_at_the_new_revision(world):
    from factcheck.reviews.revisions import article_revise

    users, article = world
    claim = make_claim(article, users["reviewer"])
    revision = article_revise(actor=users["editor"], article=article,
                              body=article.body + "\n\nA closing line.")  # fmt: skip
    claim.refresh_from_db()
    assert claim.revision_id == revision.pk
    assert revision.body[claim.start : claim.end] == claim.quote


def test_a_metadata_patch_overlapping_a_revision_keeps_the_revision(world):
    """The PATCH reads the article before the revision commits and saves after it: it must
    write only its title, not the body and current revision it read (issue 15, item 6)."""
    from django.db import connections, transaction
    from rest_framework.test import APIClient

    from factcheck.reviews.revisions import article_revise

    users, article = world
    new_body = f"Correction.\n\n{article.body}"
    revised, release = threading.Event(), threading.Event()

    def revise():
        try:
            with transaction.atomic():
                article_revise(actor=users["editor"], article=article, body=new_body)
                revised.set()
                release.wait(timeout=30)  # hold the article's row lock, uncommitted
        finally:
            connections.close_all()

    patched = {}

    def patch():
        try:
            client = APIClient()
            client.force_authenticate(users["editor2"])
            patched["response"] = client.patch(
                f"/api/v1/articles/{article.pk}/", {"title": "Retitled"}, format="json"
            )
        finally:
            connections.close_all()

    reviser = threading.Thread(target=revise)
    reviser.start()
    assert revised.wait(timeout=30)
    patcher = threading.Thread(target=patch)
    patcher.start()
    patcher.join(timeout=1.5)  # it read the old row and now waits for the revision's lock
    release.set()
    reviser.join(timeout=30)
    patcher.join(timeout=30)
    assert patched["response"].status_code == 200, patched["response"].content
    current = Article.objects.select_related("current_revision").get(pk=article.pk)
    assert current.title == "Retitled"
    assert current.body == new_body == current.current_revision.body
    assert current.current_revision.number == 2
    # and it can be revised again (the old code restored revision 1: number 2 was then taken)
    article_revise(actor=users["editor"], article=current, body=new_body + "\n\nMore.")
    assert Article.objects.get(pk=article.pk).current_revision.number == 3
