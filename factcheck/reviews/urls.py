from django.urls import path

from factcheck.reviews import reading, revision_views, views

app_name = "reviews"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("articles/<int:article_pk>/claims/new/", reading.claim_new, name="claim_new"),
    path("claims/<int:pk>/", reading.claim_panel, name="claim_panel"),
    path("claims/<int:pk>/edit/", reading.claim_edit, name="claim_edit"),
    path("claims/<int:pk>/comments/", reading.claim_comment, name="claim_comment"),
    path("claims/<int:pk>/reattach/", revision_views.claim_reattach_view, name="claim_reattach"),
    path("claims/<int:pk>/<slug:slug>/", views.claim_action, name="claim_action"),
]
