from django.urls import path

from factcheck.claims import search_views, views

app_name = "claims"
urlpatterns = [
    path("search/", search_views.claim_search, name="search"),
    path("preview/", views.markdown_preview, name="preview"),
    path("verdicts.css", views.verdict_css, name="verdict_css"),
]
