from django.urls import path

from factcheck.claims import views

app_name = "claims"
urlpatterns = [
    path("preview/", views.markdown_preview, name="preview"),
    path("verdicts.css", views.verdict_css, name="verdict_css"),
]
