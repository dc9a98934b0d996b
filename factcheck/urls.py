from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="articles:list", permanent=False), name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("factcheck.api_urls")),
    path("articles/", include("factcheck.articles.urls")),
    path("claims/", include("factcheck.claims.urls")),
    path("review/", include("factcheck.reviews.urls")),
    path("", include("factcheck.reports.urls")),
]
