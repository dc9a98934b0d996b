"""HTML → PDF with WeasyPrint, offline: the stylesheet is read from disk and no URL is fetched.

Refusing every fetch keeps rendering fast and closes a server-side request forgery path
(links in rationales or evidence are written into the PDF, never downloaded).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles import finders

REPORT_CSS = "css/report.css"


def _stylesheet_path() -> str:
    found = finders.find(REPORT_CSS)
    if found:
        return str(found)
    return str(settings.STATIC_ROOT / REPORT_CSS)  # collected static files in production


def html_to_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML  # heavy import (Pango): load only when a PDF is asked for
    from weasyprint.urls import URLFetcher

    class NoFetch(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"PDF rendering fetches no URLs ({url[:80]})")

    document = HTML(string=html, base_url=settings.SITE_URL, url_fetcher=NoFetch())
    return document.write_pdf(stylesheets=[CSS(filename=_stylesheet_path())])
