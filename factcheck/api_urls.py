"""/api/: v1 endpoints, the OpenAPI schema and the browsable docs."""

from django.urls import include, path

urlpatterns: list = [
    path("v1/", include("factcheck.reports.api_urls")),
]
