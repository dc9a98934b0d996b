"""Saving a new revision re-anchors every claim, never loses one, and sends changed vetted
claims back to review."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError

from factcheck.articles.services import article_create
from factcheck.claims.models import Claim, ClaimStatus, EvidenceLink, ReviewEvent
from factcheck.core.errors import ActionForbidden
from factcheck.reviews import revisions
from tests.factories import make_claim
from tests.reviews.helpers import claim_in_status

# Stored bodies are NFC: "e\u0301" composes to one code point, "q\u0307" stays two.
BODY = unicodedata.normalize(
    "NFC",
    (
        "Prices rose 👍🏽 e\u0301 q\u0307 🇺🇦 sharply in January.\n\n"
        "Nvidia lost nearly $600 billion in market value in one day.\n\n"
        "The Nasdaq fell 3% on Monday.\n\n"
        "Analysts were surprised. Analysts were surprised."
    ),
)


@pytest.fixture
def story(editor, reviewer):
    article = article_create(actor=editor, title="Story", body=BODY)
    article.assignees.add(reviewer)
    return article


def revise(article, actor, body, note="Correction"):
    revisions.article_revise(actor=actor, article=article, body=body, note=note)
    article.refresh_from_db()
    return article


def assert_anchored(claim):
    claim.refresh_from_db()
    if claim.anchor_state != "orphaned":
        assert claim.revision.body[claim.start : claim.end] == claim.quote
    return claim


def test_insertion_before_claim_keeps_it_exact_at_shifted_offsets(story, reviewer, editor):
    claim = make_claim(story, reviewer, "$600 billion")
    revise(story, editor, "A new opening line.\n\n" + BODY)
    claim = assert_anchored(claim)
    assert claim.anchor_state == "exact"
    assert claim.revision == story.current_revision
    assert claim.start == BODY.index("$600 billion") + len("A new opening line.\n\n")


def test_insertion_after_and_between_claims_keeps_both_exact(story, reviewer, editor):
    first = make_claim(story, reviewer, "$600 billion")
    second = make_claim(story, reviewer, "fell 3%")
    new_body = BODY.replace("one day.", "one day, a record.") + "\n\nA closing line."
    revise(story, editor, new_body)
    for claim in (first, second):
        assert assert_anchored(claim).anchor_state == "exact"


def test_deleting_a_claims_sentence_orphans_it_and_keeps_it(story, reviewer, editor):
    claim = make_claim(story, reviewer, "The Nasdaq fell 3% on Monday.")
    old_revision = claim.revision
    revise(story, editor, BODY.replace("The Nasdaq fell 3% on Monday.\n\n", ""))
    claim = assert_anchored(claim)
    assert claim.anchor_state == "orphaned"
    assert claim.revision == old_revision
    assert claim.quote == "The Nasdaq fell 3% on Monday."
    assert EvidenceLink.objects.filter(claim=claim, is_removed=False).count() == 1


def test_reworded_word_inside_claim_is_fuzzy_and_remembers_old_quote(story, reviewer, editor):
    quote = "Nvidia lost nearly $600 billion in market value in one day."
    claim = make_claim(story, reviewer, quote)
    revise(story, editor, BODY.replace("nearly $600 billion", "almost $600 billion"))
    claim = assert_anchored(claim)
    assert claim.anchor_state == "fuzzy"
    assert claim.previous_quote == quote
    assert "almost" in claim.quote


def test_moved_paragraph_is_found_again(story, reviewer, editor):
    claim = make_claim(story, reviewer, "The Nasdaq fell 3% on Monday.")
    paragraphs = BODY.split("\n\n")
    moved = "\n\n".join([paragraphs[2], paragraphs[0], paragraphs[1], paragraphs[3]])
    revise(story, editor, moved)
    claim = assert_anchored(claim)
    assert claim.anchor_state in {"exact", "moved"}
    assert claim.start == 0


def test_whitespace_and_normalisation_only_changes_are_exact(story, reviewer, editor):
    claim = make_claim(story, reviewer, "Nvidia lost nearly $600 billion")
    changed = unicodedata.normalize("NFD", BODY).replace("lost nearly", "lost  nearly")
    revise(story, editor, changed)
    assert assert_anchored(claim).anchor_state == "exact"


def test_second_of_two_identical_sentences_keeps_its_place(story, reviewer, editor):
    claim = make_claim(story, reviewer, "Analysts were surprised.", occurrence=1)
    original_start = claim.start
    revise(story, editor, "Intro.\n\n" + BODY)
    claim = assert_anchored(claim)
    assert claim.start == original_start + len("Intro.\n\n")


def test_vetted_claim_whose_words_changed_goes_back_to_review(story, reviewer, editor):
    quote = "Nvidia lost nearly $600 billion in market value in one day."
    claim = claim_in_status("published", article=story, author=reviewer, editor=editor,
                            phrase=quote)  # fmt: skip
    revise(story, editor, BODY.replace("nearly", "almost"))
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.published_verdict is not None  # the public still sees the published verdict
    event = ReviewEvent.objects.filter(claim=claim).latest("id")
    assert event.action == "reanchor_review"
    assert "needs review again" in event.note


def test_exact_vetted_claim_stays_published(story, reviewer, editor):
    claim = claim_in_status("published", article=story, author=reviewer, editor=editor)
    revise(story, editor, "Intro.\n\n" + BODY)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLISHED


def test_revision_never_deletes_claims_or_evidence(story, reviewer, editor):
    for phrase in ("$600 billion", "fell 3%", "sharply"):
        make_claim(story, reviewer, phrase)
    claims, links = Claim.objects.count(), EvidenceLink.objects.count()
    revise(story, editor, "Completely different text.")
    assert Claim.objects.count() == claims
    assert EvidenceLink.objects.count() == links
    assert set(Claim.objects.values_list("anchor_state", flat=True)) == {"orphaned"}


def test_orphan_is_reattached_to_a_new_selection(story, reviewer, editor):
    claim = make_claim(story, reviewer, "The Nasdaq fell 3% on Monday.")
    new_body = BODY.replace("The Nasdaq fell 3% on Monday.", "Tech shares slid.")
    revise(story, editor, new_body)
    start = new_body.index("Tech shares slid.")
    claim.refresh_from_db()
    claim = revisions.claim_reattach(actor=reviewer, claim=claim, start=start, end=start + 17,
                                     quote="Tech shares slid.", version=claim.version)  # fmt: skip
    assert claim.anchor_state == "exact"
    assert claim.revision == story.current_revision
    assert ReviewEvent.objects.filter(claim=claim, action="reattach").count() == 1


def test_identical_text_is_refused(story, editor):
    with pytest.raises(ValidationError) as err:
        revisions.article_revise(actor=editor, article=story, body=BODY + "\r\n")
    assert err.value.message_dict["body"] == [revisions.BODY_UNCHANGED]


def test_unassigned_reviewer_cannot_revise(story, reviewer2):
    with pytest.raises(ActionForbidden):
        revisions.article_revise(actor=reviewer2, article=story, body=BODY + " More.")


def test_revisions_are_numbered_and_old_text_stays_readable(story, editor):
    revise(story, editor, BODY + "\n\nUpdate one.")
    revise(story, editor, BODY + "\n\nUpdate two.")
    numbers = list(story.revisions.values_list("number", "body"))
    assert [n for n, _ in numbers] == [1, 2, 3]
    assert numbers[0][1] == BODY
    assert story.current_revision.number == 3
