"""Export endpoints under /api/v1/ (owned by the reports app)."""

from django.urls import path

from factcheck.reports import api

app_name = "reports-api"
urlpatterns: list = [
    path("exports/", api.ExportIndexView.as_view(), name="index"),
    path("exports/claims.csv", api.ClaimsCsvExport.as_view(), name="claims-csv"),
    path("exports/claims.jsonl", api.ClaimsJsonlExport.as_view(), name="claims-jsonl"),
    path("exports/claimreview.json", api.ClaimReviewExport.as_view(), name="claimreview"),
    path(
        "articles/<int:pk>/annotations.jsonld",
        api.ArticleAnnotationsExport.as_view(),
        name="annotations",
    ),
]
