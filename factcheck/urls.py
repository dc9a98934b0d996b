"""Site URLs. The "articles" namespace is composed here, above the apps, because its pages
come from several of them (the reading view shows workflow actions: reviews)."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from factcheck.articles import views as article_views
from factcheck.claims import views as claim_views
from factcheck.core import views as core_views
from factcheck.reviews import reading, revision_views

article_patterns = (
    [
        path("", claim_views.article_index, name="list"),
        path("new/", article_views.article_new, name="new"),
        path("<int:pk>/", reading.article_detail, name="detail"),
        path("<int:pk>/state/", reading.article_state, name="state"),
        path("<int:pk>/revise/", revision_views.article_revise_view, name="revise"),
        path("<int:pk>/revisions/", revision_views.revision_history, name="revisions"),
        path("<int:pk>/revisions/<int:number>/", revision_views.revision_detail, name="revision"),
        path("<int:pk>/diff/", revision_views.revision_diff, name="diff"),
    ],
    "articles",
)

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="articles:list", permanent=False), name="home"),
    path("favicon.ico", core_views.favicon),
    # Sign-in, sign-out and password change. No self-service password reset: it needs outgoing
    # mail, and admins reset passwords in the admin.
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    path("api/", include("factcheck.api_urls")),
    path("articles/", include(article_patterns)),
    path("claims/", include("factcheck.claims.urls")),
    path("review/", include("factcheck.reviews.urls")),
    path("", include("factcheck.reports.urls")),
]
