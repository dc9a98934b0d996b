"""Request types and responses of the browser views."""

import re
import secrets
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from factcheck.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """The request of a `login_required` view: its user is signed in (typing only)."""

    user: User


def render_spliced(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    fragments: Mapping[str, SafeString],
) -> HttpResponse:
    """`render`, with the large pre-escaped `fragments` (context names) put into the page after
    the template has run, as UTF-8 bytes.

    A template copies every value at each level of includes and blocks, and a string holding
    one emoji takes four bytes a character: the reading view's 6 MB of highlights and cards
    were copied some ten times (~200 ms at 5,000 claims). Each fragment stands in the template
    as a marker with a per-request random token (no page content can forge it) and is encoded
    once; an empty one is passed as it is (so `{% if %}` on it reads the same). The template
    must show a fragment as it is (`{{ name }}`, no filter); one it does not show is left out,
    one it shows twice appears twice.
    """
    token = secrets.token_hex(16)
    markers = {
        name: mark_safe(f"<!--fragment {token} {name}-->") if value else value  # noqa: S308
        for name, value in fragments.items()
    }
    html = render_to_string(template, context | markers, request=request)
    encoded: dict[str, bytes] = {}
    pieces, last = [], 0
    for marker in re.finditer(f"<!--fragment {token} (\\w+)-->", html):
        name = marker.group(1)
        if name not in encoded:
            encoded[name] = fragments[name].encode()
        pieces += [html[last : marker.start()].encode(), encoded[name]]
        last = marker.end()
    pieces.append(html[last:].encode())
    return HttpResponse(b"".join(pieces))
