"""The PDF's page breaks, checked on the rendered PDF page by page (issue 11 item 10): a claim's
correction box is never separated from the claim it corrects."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from factcheck.reviews.services import claim_correct
from tests.factories import ArticleFactory
from tests.reports.helpers import PUBLISH, add_claim, drive

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

CLAIMS = 7
RATIONALE = "\n\n".join(
    f"Paragraph {n} of the rationale: the filings, the exchange's closing prices and the "
    "company's own statement were compared line by line, and they agree on the figure." * 2
    for n in range(3)
)  # long enough that the claims fill pages and some correction boxes fall near a page end


def _pages(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def corrected_report(editor, reviewer):
    body = " ".join(f"Statement {n} says the figure was {n}00 million." for n in range(CLAIMS))
    article = ArticleFactory(actor=editor, body=body)
    for n in range(CLAIMS):
        evidence = [{"url": f"https://e.example.org/{n}", "title": "Filing"}]
        claim = add_claim(article, reviewer, f"Statement {n} says", claim_text=f"Checked claim {n}",
                          verdict="true", rationale=RATIONALE, evidence=evidence)  # fmt: skip
        claim = drive(claim, PUBLISH, author=reviewer, editor=editor)
        claim_correct(actor=editor, claim=claim, verdict="mostly-true",
                      note=f"Correction note {n}: the earlier figure was rounded.")  # fmt: skip
    return article


def test_each_correction_box_is_on_the_page_of_its_claim(client, corrected_report):
    response = client.get(reverse("reports:report_pdf", args=[corrected_report.pk]))
    assert response.status_code == 200
    pages = _pages(response.content)
    assert len(pages) > 2  # the report spans pages, so breaks matter
    for n in range(CLAIMS):
        title = next(i for i, text in enumerate(pages) if f"Checked claim {n}" in text)
        note = next(i for i, text in enumerate(pages) if f"Correction note {n}" in text)
        assert title == note, f"claim {n} is on page {title + 1}, its correction on {note + 1}"
        assert "CORRECTION HISTORY" in pages[note].upper()
