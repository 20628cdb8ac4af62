from django.urls import path

from befus.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile_edit, name="profile-edit"),
    path("my-data.json", views.data_export, name="data-export"),
    path("erasure/", views.erasure_request, name="erasure-request"),
    path("erasure/cancel/", views.erasure_cancel, name="erasure-cancel"),
    path("directory/", views.directory, name="directory"),
    path("erasure-requests/", views.erasure_list, name="erasure-list"),
    path("erasure-requests/<int:pk>/complete/", views.erasure_complete, name="erasure-complete"),
]
