"""The printable report page and its PDF: visibility, content, safety, ClaimReview JSON-LD."""

import re

import pytest
from django.urls import reverse

from factcheck.reviews.services import claim_retract
from tests.factories import ArticleFactory, make_claim
from tests.reports.helpers import PUBLISH, add_claim, drive, run_validator


def report_url(article) -> str:
    return reverse("reports:report", args=[article.pk])


def test_report_is_public_once_a_claim_is_published(client, report_article):
    response = client.get(report_url(report_article))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nvidia lost nearly $600 billion in one day" in html
    assert "Le chômage a baissé de 40 %" in html


def test_report_is_a_404_for_the_public_before_anything_is_published(client, article, reviewer):
    make_claim(article, reviewer)
    assert client.get(report_url(article)).status_code == 404
    assert client.get(reverse("reports:report_pdf", args=[article.pk])).status_code == 404


def test_non_staff_users_see_only_published_claims(client, report_article, outsider):
    client.force_login(outsider)
    html = client.get(report_url(report_article)).content.decode()
    assert "-5% growth" not in html
    assert "Approved, not yet published" not in html
    assert "Draft only" not in html


def test_staff_also_see_approved_claims_marked_as_such(client, report_article, reviewer):
    client.force_login(reviewer)
    html = client.get(report_url(report_article)).content.decode()
    assert "-5% growth" in html
    assert "Approved, not yet published" in html
    assert "Draft only" not in html


def test_claims_appear_in_text_order_with_their_quote_in_context(client, report_article):
    html = client.get(report_url(report_article)).content.decode()
    chomage = report_article.claims_by_name["chomage"]
    nvidia = report_article.claims_by_name["nvidia"]
    assert html.index(f'id="claim-{chomage.pk}"') < html.index(f'id="claim-{nvidia.pk}"')
    # The quote is 22 code points into the article: its context starts the article, no "…".
    assert '<p dir="auto">Le ministre a dit : « <mark>Le chômage a baissé de 40 %</mark>' in html


def test_report_shows_the_correction_history_with_old_and_new_verdict(client, report_article):
    html = client.get(report_url(report_article)).content.decode()
    assert "Correction history" in html
    assert re.search(r"from <strong>False</strong> to <strong>Mostly false</strong>", html)
    assert "Insee revised its figures." in html


def test_report_shows_evidence_reviewer_editor_and_dates(client, report_article):
    html = client.get(report_url(report_article)).content.decode()
    assert 'href="https://evidence.example.org/nvidia"' in html
    assert "Checked by reviewer" in html
    assert "Approved by editor" in html
    assert "Published by editor on" in html


def test_rationale_markdown_is_rendered_and_raw_html_is_removed(client, article, reviewer, editor):
    from tests.reports.helpers import PUBLISH, drive

    claim = make_claim(article, reviewer, rationale=(
        "**Bold** [link](https://ok.example.org) <script>alert(1)</script>"
        " <img src=x onerror=alert(2)> [bad](javascript:alert(3))"
    ))  # fmt: skip
    drive(claim, PUBLISH, author=reviewer, editor=editor)
    html = client.get(report_url(article)).content.decode()
    assert "<strong>Bold</strong>" in html
    assert 'href="https://ok.example.org"' in html
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_article_title_and_names_are_escaped(client, report_article):
    html = client.get(report_url(report_article)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_claimreview_json_ld_cannot_break_out_of_its_script_block(client, report_article):
    html = client.get(report_url(report_article)).content.decode()
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<" not in block and ">" not in block and "&" not in block
    assert "\\u003Cscript\\u003E" in block  # the title, escaped inside the JSON


def test_report_page_json_ld_passes_the_claimreview_validator(client, report_article, tmp_path):
    path = tmp_path / "report.html"
    path.write_bytes(client.get(report_url(report_article)).content)
    result = run_validator("validate_claimreview.py", path, "--quiet")
    assert result.returncode == 0, result.stdout
    assert "claimreviews=2 errors=0" in result.stdout


def test_report_page_has_no_inline_script_or_style(client, report_article):
    html = client.get(report_url(report_article)).content.decode()
    assert " style=" not in html and "<style" not in html
    scripts = re.findall(r"<script([^>]*)>", html)
    assert all('type="application/ld+json"' in attrs or "src=" in attrs for attrs in scripts)


def test_retracted_claims_are_listed_as_withdrawn(client, report_article, editor):
    claim_retract(actor=editor, claim=report_article.claims_by_name["nvidia"], note="Wrong quote.")
    html = client.get(report_url(report_article)).content.decode()
    assert "Withdrawn fact checks" in html
    assert "Wrong quote." in html
    assert "Nvidia lost nearly $600 billion in one day" not in html  # no verdict shown any more


@pytest.mark.slow
def test_pdf_report_renders_the_same_report(client, report_article):
    response = client.get(reverse("reports:report_pdf", args=[report_article.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 5000


def _count_report_queries(client, editor, reviewer, n) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ArticleFactory
    from tests.reports.helpers import PUBLISH, drive

    article = ArticleFactory(actor=editor)
    for _ in range(n):
        drive(make_claim(article, reviewer), PUBLISH, author=reviewer, editor=editor)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(report_url(article)).status_code == 200
    return len(queries)


def test_report_page_runs_a_fixed_number_of_queries(client, editor, reviewer):
    assert _count_report_queries(client, editor, reviewer, 2) == _count_report_queries(
        client, editor, reviewer, 5
    )


def test_public_pdf_is_rendered_once_per_published_state(client, report_article, editor,
                                                          monkeypatch):  # fmt: skip
    """WeasyPrint runs once per published state, not once per anonymous request; a correction
    changes the key, so the next request gets the new verdict."""
    from factcheck.reports import pdf
    from factcheck.reviews.services import claim_correct

    renders = []

    def fake_pdf(html):
        renders.append(html)
        return b"%PDF-" + (b"mostly" if "Mostly false" in html else b"plain")

    monkeypatch.setattr(pdf, "html_to_pdf", fake_pdf)
    url = reverse("reports:report_pdf", args=[report_article.pk])
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and len(renders) == 1
    claim = report_article.claims_by_name["nvidia"]
    claim.refresh_from_db()
    claim_correct(actor=editor, claim=claim, verdict="mostly-false", note="New filing.")
    assert client.get(url).status_code == 200
    assert len(renders) == 2
    assert client.get(url).status_code == 200 and len(renders) == 2
    claim_retract(actor=editor, claim=report_article.claims_by_name["approved"], note="Dropped.")
    client.get(url)  # an unpublished claim's retraction: a new key is harmless, a stale one not
    claim.refresh_from_db()
    claim_retract(actor=editor, claim=claim, note="Withdrawn.")
    html_before = len(renders)
    client.get(url)
    assert len(renders) == html_before + 1
    assert "Withdrawn." in renders[-1]


def test_pdf_is_rate_limited_for_anonymous_clients(client, report_article, reviewer, settings,
                                                   monkeypatch):  # fmt: skip
    from factcheck.reports import pdf

    monkeypatch.setattr(pdf, "html_to_pdf", lambda html: b"%PDF-test")
    settings.REPORT_PDF_ANON_PER_MINUTE = 3
    url = reverse("reports:report_pdf", args=[report_article.pk])
    codes = [client.get(url, HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get(url)
    assert limited.status_code == 429
    assert "Too many PDF downloads" in limited.content.decode()
    assert int(limited["Retry-After"]) > 0
    client.force_login(reviewer)  # signed-in users are not limited
    assert client.get(url).status_code == 200


def test_quote_context_is_cut_at_word_boundaries_with_an_ellipsis(client, editor, reviewer):
    """Issue 11 item 10: the stored 32-code-point context cut words ("…hat analysts")."""
    body = (
        "Officials said on Monday that analysts questioned whether the figure included "
        "research, hardware and salaries for the laboratory in Hangzhou.\n\nNext one."
    )
    article = ArticleFactory(actor=editor, body=body)
    claim = add_claim(article, reviewer, "the figure", verdict="true", rationale="R.",
                      evidence=[{"url": "https://e.example.org/x"}])  # fmt: skip
    drive(claim, PUBLISH, author=reviewer, editor=editor)
    claim.refresh_from_db()
    assert (claim.prefix, claim.suffix) == ("hat analysts questioned whether ",
                                            " included research, hardware and")  # fmt: skip
    html = client.get(report_url(article)).content.decode()
    context = re.search(r'class="quote-context"><p dir="auto">(.*?)</p>', html).group(1)
    assert (
        context
        == "…analysts questioned whether <mark>the figure</mark> included research, hardware…"
    )
