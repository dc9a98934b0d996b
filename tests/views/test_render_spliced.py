"""`render_spliced` puts large pre-escaped fragments into a page after the template ran: the
bytes must be those `render` gives, and nothing in the page can forge a fragment's place."""

import pytest
from django.shortcuts import render
from django.test import RequestFactory, override_settings
from django.utils.safestring import mark_safe

from factcheck.web.http import render_spliced

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {
                        "page.html": "<main>{{ body }}|{{ note }}|{{ body }}</main>"
                        "{% if cards %}<ol>{{ cards }}</ol>{% endif %}{% include 'tail.html' %}",
                        "tail.html": "<footer>{{ cards }}</footer>",
                    },
                )
            ]
        },
    }
]


@override_settings(TEMPLATES=TEMPLATES)
@pytest.mark.parametrize("cards", ["", "<li>🇺🇦 café &amp; co</li>"])
def test_the_page_is_what_render_gives(cards):
    request = RequestFactory().get("/")
    body = mark_safe("<p>Zoë\u2019s <b>text</b> 🇺🇦</p>")
    context = {
        "note": "<!--fragment 00 body--> & <!--fragment",
        "body": body,
        "cards": mark_safe(cards),
    }
    expected = render(request, "page.html", context).content
    fragments = {"body": context.pop("body"), "cards": context.pop("cards")}
    spliced = render_spliced(request, "page.html", context, fragments=fragments)
    assert spliced.content == expected
    assert spliced.content.count("🇺🇦".encode()) == 2 + 2 * bool(cards)
    assert b"&lt;!--fragment 00 body--&gt;" in spliced.content  # escaped, never replaced
