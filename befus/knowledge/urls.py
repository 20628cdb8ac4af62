from django.urls import path

from befus.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("topics/", views.topic_list, name="topic-list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("practices/", views.practice_list, name="practice-list"),
    path("practices/<slug:slug>/", views.practice_detail, name="practice-detail"),
    path("publications/", views.publication_list, name="publication-list"),
    path("search/", views.search_page, name="search"),
]
