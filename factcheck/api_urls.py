"""/api/: v1 endpoints, the OpenAPI schema and the browsable docs (no CDN: sidecar assets)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from factcheck.accounts.api import ObtainTokenView
from factcheck.articles.api import (
    ArticleBulkView,
    ArticleDetailView,
    ArticleImportURLView,
    ArticleImportView,
    ArticleListView,
)
from factcheck.claims import api as claims
from factcheck.claims.import_api import AnnotationImportView
from factcheck.claims.search_api import SimilarClaimsView
from factcheck.core.api import api_not_found
from factcheck.reviews.api import TRANSITION_VIEWS, ArticleRevisionsView, ClaimReattachView

v1 = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("articles/", ArticleListView.as_view(), name="api-articles"),
    path("articles/import/", ArticleImportView.as_view(), name="api-article-import"),
    path("articles/import-url/", ArticleImportURLView.as_view(), name="api-article-import-url"),
    path("articles/bulk/", ArticleBulkView.as_view(), name="api-article-bulk"),
    path("articles/<int:pk>/", ArticleDetailView.as_view(), name="api-article"),
    path("articles/<int:pk>/revisions/", ArticleRevisionsView.as_view(), name="api-revisions"),
    path("claims/", claims.ClaimListView.as_view(), name="api-claims"),
    path("claims/similar/", SimilarClaimsView.as_view(), name="api-claims-similar"),
    path("claims/<int:pk>/", claims.ClaimDetailView.as_view(), name="api-claim"),
    path("claims/<int:pk>/evidence/", claims.EvidenceListView.as_view(), name="api-evidence"),
    path(
        "claims/<int:pk>/evidence/<int:eid>/",
        claims.EvidenceDetailView.as_view(),
        name="api-evidence-detail",
    ),
    path("claims/<int:pk>/comments/", claims.CommentListView.as_view(), name="api-comments"),
    path("claims/<int:pk>/events/", claims.EventListView.as_view(), name="api-events"),
    *(
        path(f"claims/<int:pk>/{slug}/", view.as_view(), name=f"api-claim-{slug}")
        for slug, view in TRANSITION_VIEWS.items()
    ),
    path("claims/<int:pk>/reattach/", ClaimReattachView.as_view(), name="api-claim-reattach"),
    path("annotations/import/", AnnotationImportView.as_view(), name="api-annotations-import"),
    path("verdicts/", claims.VerdictScaleView.as_view(), name="api-verdicts"),
    path("", include("factcheck.reports.api_urls")),
]

urlpatterns: list = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"", api_not_found),  # anything else under /api/: a JSON 404, not an HTML page
]
