"""Report pages and the dashboard, at the site root."""

from django.urls import path

from factcheck.reports import views

app_name = "reports"
urlpatterns: list = [
    path("articles/<int:pk>/report/", views.report, name="report"),
    path("articles/<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
