"""The site's URLs plus one that fails, to see the 500 page (tests/views/test_error_pages.py)."""

from django.urls import include, path


def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [
    path("broken/", broken),
    path("", include("factcheck.urls")),
]
