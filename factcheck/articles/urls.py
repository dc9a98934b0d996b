from django.urls import path

from factcheck.articles import views
from factcheck.reviews import reading

app_name = "articles"
urlpatterns = [
    path("", views.article_index, name="list"),
    path("new/", views.article_new, name="new"),
    # The reading view shows claims and workflow buttons: it lives in reviews (the highest app
    # it touches) and is routed here so that its URL stays /articles/<pk>/.
    path("<int:pk>/", reading.article_detail, name="detail"),
    path("<int:pk>/state/", reading.article_state, name="state"),
]
