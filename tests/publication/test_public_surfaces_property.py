"""Issue 15, the property: whatever two reviewers and two editors do to an article's claims, in
any order, every public surface shows exactly the last version that two different people
approved, and nothing went public on one person's word.

A hypothesis state machine drives random sequences of edits (content, evidence), workflow
actions (submit, approve, request changes, publish, correct, retract), article revisions and
re-attaches by random actors through the real services; refusals are part of the game. It keeps
its own oracle, independent of the code under test:

- who contributed to each claim since it was last published (its author, and whoever edited
  it, added evidence, re-attached it or proposed a correction), read from what succeeded;
- what each claim looked like when it was last published (the working claim at that moment).

At every publication it checks that neither the approver nor the publisher contributed; after
every step it reads every public surface as the public does (the public API list and detail as
an account without a role, the CSV and JSONL exports, ClaimReview, the article's W3C
annotations and its report page, signed out) and compares each with the oracle.

Runtime: `PUBLIC_PROPERTY` below (10 sequences of up to 20 steps, about 30 s here; the random
search is shallow at that size, so PUBLICATION_EXAMPLES=200 in the environment runs more).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from html import escape

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from rest_framework.test import APIClient

from factcheck.accounts.roles import EDITOR, REVIEWER
from factcheck.articles.services import article_create
from factcheck.claims.models import Claim, Rating
from factcheck.claims.services import claim_create, claim_update, evidence_add
from factcheck.core.errors import ActionForbidden, Conflict, InvalidTransition
from factcheck.reviews.revisions import article_revise, claim_reattach
from factcheck.reviews.workflow import TRANSITIONS
from tests.conftest import _user

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PUBLIC_PROPERTY = settings(
    max_examples=int(os.environ.get("PUBLICATION_EXAMPLES", "10")),
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

SENTENCES = [
    "Nvidia lost 600 billion dollars in one day.",
    "The Nasdaq fell 3 percent on Monday.",
    "DeepSeek spent 5.6 million dollars on training.",
    "Analysts were surprised by the drop.",
]
REFUSED = (ActionForbidden, InvalidTransition, Conflict, ValidationError)
ACTORS = ("reviewer1", "reviewer2", "editor1", "editor2")
VERDICTS = ("true", "mostly-true", "false", "misleading")
CONTENT_FIELDS = ("claim_text", "claimant", "rationale", "verdict", "tags")


def _snapshot(claim: Claim) -> dict:
    """What the public should see of `claim` if it were published now (the working claim)."""
    claim = Claim.objects.select_related("verdict").get(pk=claim.pk)
    return {
        "verdict": claim.verdict.slug if claim.verdict else None,
        "claim_text": claim.claim_text,
        "claimant": claim.claimant,
        "rationale": claim.rationale,
        "tags": sorted(claim.tags.values_list("name", flat=True)),
        "evidence": [e.url for e in claim.evidence_links.filter(is_removed=False).order_by("id")],
        "quote": claim.quote,
    }


class PublicationMachine(RuleBasedStateMachine):
    claims = Bundle("claims")

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()  # each sequence is rolled back at teardown
        self.users = {name: USERS[name] for name in ACTORS}
        self.counter = 0
        self.sentences = list(SENTENCES)
        self.article = article_create(actor=self.users["editor1"], title="Markets",
                                      body="\n\n".join(self.sentences))  # fmt: skip
        self.article.assignees.add(self.users["reviewer1"], self.users["reviewer2"])
        self.contributors: dict[int, set[str]] = {}
        self.authors: dict[int, str] = {}
        self.public: dict[int, dict] = {}  # the oracle: claim id → its last published content
        self.labels = dict(Rating.objects.values_list("slug", "label"))

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def _next(self) -> int:
        self.counter += 1
        return self.counter

    def _fresh(self, pk: int) -> Claim:
        return Claim.objects.select_related("article").get(pk=pk)

    def _body(self) -> str:
        return self.article.__class__.objects.get(pk=self.article.pk).body

    # --- the moves ------------------------------------------------------------------------

    @initialize(target=claims, author=st.sampled_from(ACTORS), index=st.integers(0, 3),
                approver=st.sampled_from(ACTORS), publisher=st.sampled_from(ACTORS))  # fmt: skip
    def first_claim(self, author, index, approver, publisher):
        """Every sequence starts from a claim taken as far towards publication as the drawn
        people may take it (short random sequences seldom get there on their own)."""
        claim = self._create(author, index)
        self.towards_publication(claim, approver, publisher)
        return claim

    @rule(target=claims, author=st.sampled_from(ACTORS), index=st.integers(0, 3))
    def create(self, author, index):
        return self._create(author, index)

    def _create(self, author, index):
        body = self._body()
        sentence = self.sentences[index % len(self.sentences)]
        start = body.index(sentence)
        n = self._next()
        claim = claim_create(
            actor=self.users[author], article=self.article.pk, start=start,
            end=start + len(sentence), quote=sentence, claim_text=f"Claim {n}",
            claimant=f"Speaker {n}", verdict="true", rationale=f"Rationale {n}.",
            tags=[f"t{n}"], evidence=[{"url": f"https://e.example.org/{n}", "stance": "supports"}],
        )  # fmt: skip
        self.contributors[claim.pk] = {author}
        self.authors[claim.pk] = author
        return claim.pk

    @rule(claim=claims, actor=st.sampled_from(ACTORS), field=st.sampled_from(CONTENT_FIELDS),
          verdict=st.sampled_from(VERDICTS))  # fmt: skip
    def edit(self, claim, actor, field, verdict):
        n = self._next()
        value = {"claim_text": f"Claim {n}", "claimant": f"Speaker {n}", "verdict": verdict,
                 "rationale": f"Rationale {n}.", "tags": [f"t{n}"]}[field]  # fmt: skip
        current = self._fresh(claim)
        try:
            updated = claim_update(actor=self.users[actor], claim=current,
                                   version=current.version, **{field: value})  # fmt: skip
        except REFUSED:
            return
        if updated.version != current.version:  # it changed something
            self.contributors[claim].add(actor)

    @rule(claim=claims, actor=st.sampled_from(ACTORS))
    def add_evidence(self, claim, actor):
        try:
            evidence_add(actor=self.users[actor], claim=self._fresh(claim),
                         url=f"https://e.example.org/{self._next()}", stance="refutes")  # fmt: skip
        except REFUSED:
            return
        self.contributors[claim].add(actor)

    @rule(claim=claims, actor=st.sampled_from(ACTORS), data=st.data(),
          verdict=st.sampled_from(VERDICTS))  # fmt: skip
    def act(self, claim, actor, data, verdict):
        # An action the claim's status allows (from the table), so that sequences get far; who
        # acts is random, so the four-eyes rule is tried at every step.
        status = self._fresh(claim).status
        allowed = [a for a, t in TRANSITIONS.items() if status in t.sources] or list(TRANSITIONS)
        # retract ends a claim's story: drawn a third as often as each other action
        weighted = [a for a in allowed if a != "retract"] * 3 + ["retract"] * ("retract" in allowed)
        self._act(claim, actor, data.draw(st.sampled_from(weighted)), verdict)

    @rule(claim=claims, approver=st.sampled_from(ACTORS), publisher=st.sampled_from(ACTORS))
    def towards_publication(self, claim, approver, publisher):
        """submit (by the author), approve, publish: as far as the workflow lets them go."""
        steps = (("submit", self.authors[claim]), ("approve", approver), ("publish", publisher))
        for action, actor in steps:
            ready = self._fresh(claim).status in TRANSITIONS[action].sources
            if ready and not self._act(claim, actor, action, "false"):
                return

    def _act(self, claim, actor, action, verdict) -> bool:
        current = self._fresh(claim)
        extra = {"verdict": verdict, "rationale": f"Corrected {self._next()}."}
        try:
            TRANSITIONS[action].run(actor=self.users[actor], claim=current, note="A note.",
                                    version=current.version, **extra)  # fmt: skip
        except REFUSED:
            return False
        if action == "publish":  # usernames are the actor names
            approver = self._fresh(claim).approver.username
            assert not {approver, actor} & self.contributors[claim], (
                f"claim {claim} went public with contributors {self.contributors[claim]}, "
                f"approved by {approver}, published by {actor}"
            )
            self.public[claim] = _snapshot(current)
            self.contributors[claim] = {self.authors[claim]}  # a new round starts
            PUBLISHED.append(claim)
        elif action == "correct":
            self.contributors[claim].add(actor)
        elif action == "retract":
            self.public.pop(claim, None)
        return True

    @rule(actor=st.sampled_from(("editor1", "editor2")), index=st.integers(0, 3),
          how=st.sampled_from(("reword", "drop", "prepend")))  # fmt: skip
    def revise(self, actor, index, how):
        sentences = list(self.sentences)
        i = index % len(sentences)
        if how == "reword":
            sentences[i] = sentences[i].replace(" ", " really ", 1)
        elif how == "drop" and len(sentences) > 2:
            del sentences[i]
        else:
            sentences.insert(0, f"Update {self._next()}.")
        try:
            article_revise(actor=self.users[actor], article=self.article,
                           body="\n\n".join(sentences))  # fmt: skip
        except REFUSED:
            return
        self.sentences = sentences

    @rule(claim=claims, actor=st.sampled_from(ACTORS), index=st.integers(0, 3))
    def reattach(self, claim, actor, index):
        body = self._body()
        sentence = self.sentences[index % len(self.sentences)]
        start = body.index(sentence)
        current = self._fresh(claim)
        try:
            claim_reattach(actor=self.users[actor], claim=current, start=start,
                           end=start + len(sentence), quote=sentence,
                           version=current.version)  # fmt: skip
        except REFUSED:
            return
        self.contributors[claim].add(actor)

    # --- what the public sees ---------------------------------------------------------------

    def _expected(self, keys=("verdict", "claim_text", "claimant", "rationale", "tags",
                              "evidence", "quote")) -> dict[int, dict]:  # fmt: skip
        return {pk: {k: seen[k] for k in keys} for pk, seen in self.public.items()}

    @invariant()
    def every_public_surface_shows_the_last_published_version(self):
        expected = self._expected()
        article = self.article.pk
        cache.clear()  # the exports' rate limit counts in the cache: this is one reader's burst
        reader, anonymous = APIClient(), Client()
        reader.force_login(USERS["outsider"])

        listed = reader.get("/api/v1/claims/", {"article": article, "page_size": 100}).json()
        assert _from_api(listed["results"]) == expected, "public API list"
        for pk in expected:
            detail = reader.get(f"/api/v1/claims/{pk}/").json()
            assert _from_api([detail]) == {pk: expected[pk]}, "public API detail"

        exported = anonymous.get("/api/v1/exports/claims.jsonl", {"article": article})
        rows = [json.loads(line) for line in _text(exported).splitlines() if line.strip()]
        assert _from_api(rows) == expected, "claims.jsonl"

        exported = anonymous.get("/api/v1/exports/claims.csv", {"article": article})
        assert _from_csv(_text(exported)) == expected, "claims.csv"

        labelled = {pk: {**seen, "verdict": self.labels[seen["verdict"]]}
                    for pk, seen in expected.items()}  # fmt: skip
        collection = anonymous.get(f"/api/v1/articles/{article}/annotations.jsonld")
        items = json.loads(_text(collection))["first"]["items"] if expected else []
        if not expected:
            assert collection.status_code == 404, "annotations of an unpublished article"
        assert _from_w3c(items) == labelled, "annotations.jsonld"

        reviews = json.loads(_text(anonymous.get("/api/v1/exports/claimreview.json",
                                                 {"article": article})))  # fmt: skip
        keys = ("verdict", "claim_text", "claimant")
        assert _from_claimreview(reviews) == {
            pk: {k: seen[k] for k in keys} for pk, seen in labelled.items()
        }, "claimreview.json"

        report = anonymous.get(f"/articles/{article}/report/")
        html = report.content.decode() if report.status_code == 200 else ""
        if expected:
            assert report.status_code == 200, "the report of a published article"
        shown = re.findall(r'<section class="claim-report[^"]*" id="claim-(\d+)"', html)
        assert set(map(int, shown)) == set(expected), "report"
        for seen in labelled.values():
            for text in (seen["claim_text"], seen["verdict"], *seen["evidence"]):
                assert escape(text, quote=False) in html, f"report lacks {text!r}"


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else (response.content.decode())
    )


def _from_api(rows) -> dict[int, dict]:
    return {
        row["id"]: {
            "verdict": row["verdict"], "claim_text": row["claim_text"],
            "claimant": row["claimant"], "rationale": row["rationale"],
            "tags": sorted(row["tags"]), "evidence": [e["url"] for e in row["evidence"]],
            "quote": row["quote"],
        }
        for row in rows
    }  # fmt: skip


def _from_csv(text: str) -> dict[int, dict]:
    return {
        int(row["id"]): {
            "verdict": row["verdict"] or None, "claim_text": row["claim_text"],
            "claimant": row["claimant"], "rationale": row["rationale"],
            "tags": sorted(row["tags"].split()), "evidence": row["evidence_urls"].split(),
            "quote": row["quote"],
        }
        for row in csv.DictReader(io.StringIO(text))
    }  # fmt: skip


def _from_w3c(items) -> dict[int, dict]:
    found = {}
    for item in items:
        bodies = item["body"]
        value = {b.get("purpose"): b.get("value") for b in bodies if b.get("type") == "TextualBody"}
        selector = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
        found[int(re.search(r"claim-(\d+)", item["id"])[1])] = {
            "verdict": value.get("assessing"), "claim_text": value.get("describing"),
            "claimant": value.get("identifying") or "", "rationale": value.get("commenting") or "",
            "tags": sorted(b["value"] for b in bodies if b.get("purpose") == "tagging"),
            "evidence": [b["source"] for b in bodies if b.get("purpose") == "linking"],
            "quote": selector["exact"],
        }  # fmt: skip
    return found


def _from_claimreview(reviews) -> dict[int, dict]:
    nodes = reviews if isinstance(reviews, list) else reviews.get("@graph", reviews)
    return {
        int(re.search(r"claim-(\d+)", node["url"])[1]): {
            "verdict": node["reviewRating"]["alternateName"],
            "claim_text": node["claimReviewed"],
            "claimant": (node["itemReviewed"].get("author") or {}).get("name", ""),
        }
        for node in nodes
    }


USERS: dict = {}
PUBLISHED: list[int] = []  # every publication the run made: the test fails if it made none


def test_every_public_surface_equals_the_last_version_two_people_approved(db):
    USERS.update({
        "reviewer1": _user("reviewer1", REVIEWER), "reviewer2": _user("reviewer2", REVIEWER),
        "editor1": _user("editor1", EDITOR, is_staff=True),
        "editor2": _user("editor2", EDITOR, is_staff=True), "outsider": _user("outsider"),
    })  # fmt: skip
    run_state_machine_as_test(PublicationMachine, settings=PUBLIC_PROPERTY)
    assert PUBLISHED, "no sequence reached a publication: the property tested nothing"
