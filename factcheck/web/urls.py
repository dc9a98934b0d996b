"""Page URLs of the browser UI, composed here above the apps as api_urls.py composes the API.

The namespaces (articles, claims, reviews, reports) and paths are those templates and clients
know; the views behind them all live in this package.
"""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from factcheck.web import (
    articles,
    assignments,
    claims,
    drafts,
    live,
    needs_me,
    reading,
    reports,
    review,
    revisions,
    search,
    signin,
    site,
)

article_patterns = (
    [
        path("", articles.article_index, name="list"),
        path("new/", articles.article_new, name="new"),
        path("<int:pk>/", reading.article_detail, name="detail"),
        path("<int:pk>/state/", reading.article_state, name="state"),
        path("<int:pk>/cards/", reading.article_cards, name="cards"),
        path("<int:pk>/assign/", assignments.article_assign_view, name="assign"),
        path("<int:pk>/revise/", revisions.article_revise_view, name="revise"),
        path("<int:pk>/revisions/", revisions.revision_history, name="revisions"),
        path("<int:pk>/revisions/<int:number>/", revisions.revision_detail, name="revision"),
        path("<int:pk>/diff/", revisions.revision_diff, name="diff"),
    ],
    "articles",
)

claim_patterns = (
    [
        path("search/", search.claim_search, name="search"),
        path("preview/", claims.markdown_preview, name="preview"),
        path("verdicts.css", claims.verdict_css, name="verdict_css"),
        path("suggest/<slug:field>/", claims.suggestions, name="suggest"),
    ],
    "claims",
)

review_patterns = (
    [
        path("", review.queue, name="queue"),
        path("articles/<int:article_pk>/claims/new/", reading.claim_new, name="claim_new"),
        path(
            "articles/<int:article_pk>/claims/new/draft/",
            drafts.new_claim_draft,
            name="new_claim_draft",
        ),
        path("claims/<int:pk>/", reading.claim_panel, name="claim_panel"),
        path("claims/<int:pk>/draft/", drafts.claim_draft, name="claim_draft"),
        path("drafts/<int:pk>/", drafts.draft_detail, name="draft"),
        path("drafts/<int:pk>/discard/", drafts.draft_discard_view, name="draft_discard"),
        path("claims/<int:pk>/edit/", reading.claim_edit, name="claim_edit"),
        path("claims/<int:pk>/comments/", reading.claim_comment, name="claim_comment"),
        path("claims/<int:pk>/reattach/", revisions.claim_reattach_view, name="claim_reattach"),
        path("claims/<int:pk>/<slug:slug>/", review.claim_action, name="claim_action"),
    ],
    "reviews",
)

report_patterns = (
    [
        path("articles/<int:pk>/report/", reports.report, name="report"),
        path("articles/<int:pk>/report.pdf", reports.report_pdf, name="report_pdf"),
        path("dashboard/", reports.dashboard, name="dashboard"),
    ],
    "reports",
)

# Live updates (issue 14): the streams are async views; a proxy may route /stream/ to ASGI.
live_patterns = (
    [
        path("articles/<int:pk>/", live.article_stream, name="article"),
        path("articles/<int:pk>/presence/", live.presence_beat, name="presence"),
        path("queue/", live.queue_stream, name="queue"),
        path("queue/<int:pk>/row/", live.queue_row, name="queue_row"),
        path("needs-me/", live.needs_me_count_view, name="needs_me_count"),
    ],
    "live",
)

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="articles:list", permanent=False), name="home"),
    path("favicon.ico", site.favicon),
    # Sign-in, sign-out and password change. No self-service password reset: it needs outgoing
    # mail, and admins reset passwords in the admin.
    path("accounts/login/", signin.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("needs-me/", needs_me.needs_me, name="needs_me"),
    path("needs-me/read/", needs_me.notifications_read, name="notifications_read"),
    path("people/", needs_me.people, name="people"),
    path("articles/", include(article_patterns)),
    path("claims/", include(claim_patterns)),
    path("review/", include(review_patterns)),
    path("", include(report_patterns)),
    path("stream/", include(live_patterns)),
]
