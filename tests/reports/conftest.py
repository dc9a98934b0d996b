"""Report/export fixtures: one article with claims in several states, built through services."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from factcheck.articles.services import article_create
from factcheck.reviews import services as wf
from tests.reports.helpers import PUBLISH, add_claim, drive

REPORT_BODY = (
    "Le ministre a dit : « Le chômage a baissé de 40 % » 🎉 hier soir.\n\n"
    "Nvidia lost nearly $600 billion in market value in one day.\n\n"
    "=SUM(A1) is not a claim, but -5% growth is one."
)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def report_article(reviewer, editor, editor2):
    """An article with: two published claims (one corrected), one approved, one draft."""
    article = article_create(
        actor=editor, title="Markets, « chômage » & <script>alert(1)</script>", body=REPORT_BODY,
        url="https://news.example.org/markets", publisher="Example News", author="A. Writer",
        published_on=date(2025, 1, 28),
    )  # fmt: skip
    nvidia = add_claim(
        article, reviewer, "Nvidia lost nearly $600 billion in market value in one day",
        claim_text="Nvidia lost nearly $600 billion in one day", claimant='=HYPERLINK("http://x")',
        verdict="true", rationale='Checked *filings*, "quoted", and a\nnew line.',
        tags=["markets"], evidence=[
            {"url": "https://evidence.example.org/nvidia", "title": "Filing", "stance": "supports"},
            {"url": "https://evidence.example.org/nvidia-2", "title": "Chart"},
        ],
    )  # fmt: skip
    chomage = add_claim(
        article, reviewer, "Le chômage a baissé de 40 %", claimant="Le ministre du Travail",
        verdict="false", rationale="Les chiffres de l'Insee disent -2 %.",
        evidence=[{"url": "https://insee.example.fr/chomage", "title": "Insee"}],
    )  # fmt: skip
    approved = add_claim(
        article, reviewer, "-5% growth", claimant="Nobody", verdict="misleading",
        rationale="Not yet published.", evidence=[{"url": "https://evidence.example.org/growth"}],
    )  # fmt: skip
    draft = add_claim(article, reviewer, "=SUM(A1)", verdict="true", rationale="Draft only.")
    nvidia = drive(nvidia, PUBLISH, author=reviewer, editor=editor)
    chomage = drive(chomage, PUBLISH, author=reviewer, editor=editor)
    # A correction: proposed by editor2, approved and published by editor (four eyes).
    chomage = wf.claim_correct(
        actor=editor2, claim=chomage, verdict="mostly-false", note="Insee revised its figures."
    )
    chomage = drive(chomage, ["approve", "publish"], author=reviewer, editor=editor)
    approved = drive(approved, ["submit", "approve"], author=reviewer, editor=editor)
    article.refresh_from_db()
    article.claims_by_name = {"nvidia": nvidia, "chomage": chomage, "approved": approved,
                              "draft": draft}  # fmt: skip
    return article
