"""Site URLs: the admin, the API (api_urls.py) and the browser pages (web/urls.py)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("factcheck.api_urls")),
    path("", include("factcheck.web.urls")),
]
