from django.urls import path

from befus.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("topics/", views.topic_list, name="topic-list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("topics/<slug:slug>/merge/", views.topic_merge, name="topic-merge"),
    path("practices/", views.practice_list, name="practice-list"),
    path("practices/new/", views.practice_new, name="practice-new"),
    path("practices/mine/", views.my_practices, name="my-practices"),
    path("practices/review/", views.review_queue, name="review-queue"),
    path("practices/<slug:slug>/", views.practice_detail, name="practice-detail"),
    path("practices/<slug:slug>/edit/", views.practice_edit, name="practice-edit"),
    path("practices/<slug:slug>/review/", views.practice_review, name="practice-review"),
    path("practices/<slug:slug>/translate/", views.practice_translate, name="practice-translate"),
    path(
        "practices/<slug:slug>/translations/<int:pk>/",
        views.translation_review,
        name="translation-review",
    ),
    path("practices/<slug:slug>/evaluate/", views.practice_evaluate, name="practice-evaluate"),
    path("practices/<slug:slug>/ask/", views.practice_ask, name="practice-ask"),
    path("practices/<slug:slug>/adopt/", views.practice_adopt, name="practice-adopt"),
    path("practices/<slug:slug>/do/<str:action>/", views.practice_action, name="practice-action"),
    path("practices/files/<int:pk>/", views.practice_attachment, name="practice-attachment"),
    path(
        "practices/files/<int:pk>/remove/",
        views.practice_attachment_remove,
        name="practice-attachment-remove",
    ),
    path("publications/", views.publication_list, name="publication-list"),
    path("search/", views.search_page, name="search"),
]
