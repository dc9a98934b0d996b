"""Site-wide views that belong to no app."""

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico on pages that name no icon (the admin, the API docs).

    The static URL is resolved per request, not at import: in production it comes from the
    collectstatic manifest, which does not exist when the URLconf is first imported by checks.
    """
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
