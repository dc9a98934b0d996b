"""Export endpoints under /api/v1/ (owned by the reports app)."""

from django.urls import path

urlpatterns: list = []
