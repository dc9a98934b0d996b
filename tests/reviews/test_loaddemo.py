"""`manage.py loaddemo`: users, seed article, claims in every status, idempotence, DEBUG guard."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from factcheck.accounts.roles import EDITOR, REVIEWER
from factcheck.articles.models import Article
from factcheck.claims.models import Claim, ClaimStatus, ReviewEvent
from factcheck.reviews.demo import claims as data
from factcheck.reviews.demo.loader import (
    DEMO_USERS,
    PHRASE_AMBIGUOUS,
    PHRASE_MISSING,
    PHRASE_NO_SUCH_OCCURRENCE,
    DemoDataError,
    load_demo,
    locate_phrase,
    read_article_text,
)
from factcheck.reviews.management.commands.loaddemo import REFUSED_WITHOUT_DEBUG
from factcheck.reviews.models import Notification
from factcheck.reviews.services import claim_submit
from tests.tools import SEEDS, require

SEED_PATH = SEEDS / "000_20936c2c944eea00.txt"
EXPECTED_STATUS = {
    data.DRAFT: ClaimStatus.DRAFT,
    data.SUBMITTED: ClaimStatus.SUBMITTED,
    data.CHANGES_REQUESTED: ClaimStatus.CHANGES_REQUESTED,
    data.APPROVED: ClaimStatus.APPROVED,
    data.PUBLISHED: ClaimStatus.PUBLISHED,
    data.CORRECTED: ClaimStatus.PUBLISHED,
}


def run(*args: str) -> str:
    out = StringIO()
    call_command("loaddemo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


@pytest.fixture
def demo(db, debug_on):
    run()
    return Article.objects.get(title=data.ARTICLE["title"])


def claims_by_phrase(article):
    return {c.quote: c for c in article.claims.select_related("verdict", "author", "approver")}


def test_loaddemo_creates_each_user_in_its_role_with_password_demo(demo):
    User = get_user_model()
    for username, role, flags in DEMO_USERS:
        user = User.objects.get(username=username)
        assert user.check_password("demo"), username
        assert list(user.groups.values_list("name", flat=True)) == ([role] if role else [])
        for flag, value in flags.items():
            assert getattr(user, flag) is value, (username, flag)
    assert User.objects.get(username="reviewer").is_staff is False
    assert User.objects.get(username="admin").is_superuser is True
    assert {r for _, r, _ in DEMO_USERS} == {REVIEWER, EDITOR, None}


def test_loaddemo_creates_the_seed_article_assigned_to_both_reviewers(demo):
    assert demo.publisher == "Los Angeles Times"
    assert demo.author == "Michael Hiltzik"
    assert demo.url == ""
    assert demo.body == read_article_text()
    assert demo.current_revision.number == 1
    assert sorted(demo.assignees.values_list("username", flat=True)) == ["reviewer", "reviewer2"]
    assert demo.status == "in_progress"  # drafts and a claim sent back are still being worked


def test_the_demo_text_keeps_every_word_of_the_seed_file(demo):
    require(SEED_PATH.is_file(), f"the shared seed file {SEED_PATH} is absent")
    seed = SEED_PATH.read_text(encoding="utf-8")
    assert demo.body.split() == seed.split()


def test_every_demo_claim_reaches_its_intended_status_with_verdict_and_evidence(demo):
    claims = claims_by_phrase(demo)
    assert len(claims) == len(data.CLAIMS)
    for spec in data.CLAIMS:
        claim = claims[spec.phrase]
        assert claim.status == EXPECTED_STATUS[spec.status], spec.phrase
        assert claim.author.username == spec.author
        corrected_verdict = spec.correction.verdict if spec.correction else None
        assert claim.verdict.slug == (corrected_verdict or spec.verdict)
        assert claim.rationale.strip()
        assert claim.evidence_links.filter(is_removed=False).count() == len(spec.evidence) >= 1


def test_the_demo_covers_every_status_including_a_correction(demo):
    assert {spec.status for spec in data.CLAIMS} == set(EXPECTED_STATUS)
    assert 6 <= len(data.CLAIMS) <= 10


def test_every_claim_quote_equals_the_body_at_its_offsets(demo):
    for claim in demo.claims.select_related("revision"):
        assert claim.revision.body[claim.start : claim.end] == claim.quote
        assert demo.body[claim.start : claim.end] == claim.quote
        assert demo.body[: claim.start].endswith(claim.prefix)
        assert demo.body[claim.end :].startswith(claim.suffix)


def test_approved_and_published_claims_were_reviewed_by_another_person(demo):
    reviewed = demo.claims.filter(status__in=[ClaimStatus.APPROVED, ClaimStatus.PUBLISHED])
    assert reviewed.count() == 5
    for claim in reviewed:
        assert claim.approver.username in {"editor", "editor2"}
        events = ReviewEvent.objects.filter(claim=claim, action__in=["approve", "publish"])
        assert all(event.actor_id != claim.author_id for event in events)


def test_each_claim_has_the_audit_trail_of_its_path(demo):
    paths = {
        data.DRAFT: [],
        data.SUBMITTED: ["submit"],
        data.CHANGES_REQUESTED: ["submit", "request_changes"],
        data.APPROVED: ["submit", "approve"],
        data.PUBLISHED: ["submit", "approve", "publish"],
        data.CORRECTED: ["submit", "approve", "publish", "correct", "approve", "publish"],
    }
    claims = claims_by_phrase(demo)
    for spec in data.CLAIMS:
        claim = claims[spec.phrase]
        transitions = [
            e.action
            for e in claim.events.order_by("at", "id")
            if e.action in {"submit", "approve", "request_changes", "publish", "correct"}
        ]
        assert transitions == paths[spec.status], spec.phrase
        assert claim.events.filter(action="create").count() == 1
        assert claim.events.filter(action="evidence_add").count() == len(spec.evidence)


def test_the_corrected_claim_keeps_a_public_note_and_the_corrected_rationale(demo):
    spec = next(s for s in data.CLAIMS if s.status == data.CORRECTED)
    claim = claims_by_phrase(demo)[spec.phrase]
    event = claim.events.get(action="correct")
    assert event.note == spec.correction.note
    assert event.changes["rationale"] == [spec.rationale, spec.correction.rationale]
    assert claim.published_rationale == spec.correction.rationale


def test_the_claim_sent_back_carries_the_editors_note(demo):
    spec = next(s for s in data.CLAIMS if s.status == data.CHANGES_REQUESTED)
    claim = claims_by_phrase(demo)[spec.phrase]
    assert claim.events.get(action="request_changes").note == spec.review_note
    assert claim.comments.count() == len(spec.comments)


def model_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_a_second_run_changes_nothing(demo):
    before = model_counts()
    events = list(ReviewEvent.objects.values_list("id", "action", "claim_id"))
    versions = list(Claim.objects.values_list("id", "version", "status"))
    passwords = dict(get_user_model().objects.values_list("username", "password"))
    output = run()
    assert "already loaded" in output
    assert "created" not in output
    assert model_counts() == before
    assert list(ReviewEvent.objects.values_list("id", "action", "claim_id")) == events
    assert list(Claim.objects.values_list("id", "version", "status")) == versions
    assert dict(get_user_model().objects.values_list("username", "password")) == passwords


def test_existing_users_keep_their_password_unless_reset_is_asked(db, debug_on):
    User = get_user_model()
    editor = User.objects.create_user("editor", password="my own secret")
    run()
    editor.refresh_from_db()
    assert editor.check_password("my own secret")
    assert editor.groups.filter(name=EDITOR).exists() and editor.is_staff
    run("--reset-passwords")
    editor.refresh_from_db()
    assert editor.check_password("demo")


def test_loaddemo_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError) as error:
        run()
    assert str(error.value) == REFUSED_WITHOUT_DEBUG
    assert not get_user_model().objects.exists()
    assert not Article.objects.exists()


def test_loaddemo_runs_with_debug_off_when_forced(db, settings):
    settings.DEBUG = False
    output = run("--force")
    assert "Demo loaded" in output
    assert Claim.objects.count() == len(data.CLAIMS)


def test_the_output_shows_progress_and_the_logins(db, debug_on):
    output = run()
    assert f"[{len(data.CLAIMS)}/{len(data.CLAIMS)}]" in output
    assert "password 'demo'" in output


def test_locating_a_phrase_returns_its_code_point_span():
    body = "🙂 café — the café"
    assert locate_phrase(body, "the café") == (9, 17)  # the emoji is one code point
    assert locate_phrase(body, "café", 1) == (13, 17)


@pytest.mark.parametrize(
    ("phrase", "occurrence", "message", "count"),
    [
        ("absent", None, PHRASE_MISSING, 0),
        ("café", None, PHRASE_AMBIGUOUS, 2),
        ("café", 2, PHRASE_NO_SUCH_OCCURRENCE, 2),
    ],
)
def test_locating_a_bad_phrase_says_what_is_wrong(phrase, occurrence, message, count):
    with pytest.raises(DemoDataError) as error:
        locate_phrase("café and café", phrase, occurrence, index=3)
    expected = message.format(index=3, phrase=phrase, count=count, last=count - 1,
                              occurrence=occurrence)  # fmt: skip
    assert str(error.value) == expected


def test_every_demo_phrase_is_found_where_the_data_says(db):
    body = read_article_text()
    for index, spec in enumerate(data.CLAIMS, start=1):
        start, end = locate_phrase(body, spec.phrase, spec.occurrence, index=index)
        assert body[start:end] == spec.phrase


def test_bad_demo_data_writes_nothing_and_names_the_claim(db, debug_on, monkeypatch):
    broken = (*data.CLAIMS[:2], data.DemoClaim(**{**data.CLAIMS[2].__dict__, "phrase": "nope"}))
    monkeypatch.setattr(data, "CLAIMS", broken)
    with pytest.raises(CommandError, match="Demo claim 3: the phrase 'nope' does not occur"):
        run()
    assert not get_user_model().objects.exists()
    with pytest.raises(DemoDataError):
        load_demo(log=lambda message: None)


def test_the_demo_notifies_in_the_app_and_mails_nobody(transactional_db, debug_on, mailoutbox):
    # transactional: notifications are written when a change commits
    run()
    assert Notification.objects.exists()  # the demo shows its notifications
    assert mailoutbox == []  # and mails none to its example.org addresses
    draft = Claim.objects.filter(status=ClaimStatus.DRAFT).first()
    claim_submit(actor=draft.author, claim=draft)  # after the demo, changes mail again
    assert mailoutbox
