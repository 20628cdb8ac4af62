from django.urls import path

from befus.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("topics/", views.topic_list, name="topic-list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
]
