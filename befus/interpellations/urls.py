from django.urls import path

from befus.interpellations import views

app_name = "interpellations"
urlpatterns = [
    path("requests/new/", views.request_new, name="new"),
    path("requests/sent/", views.request_sent, name="sent"),
    path("requests/track/<str:token>/", views.track, name="track"),
    path(
        "requests/track/<str:token>/files/<int:pk>/",
        views.track_attachment,
        name="track-attachment",
    ),
    path("requests/mine/", views.my_requests, name="mine"),
    path("requests/inbox/", views.inbox, name="inbox"),
    path("requests/statistics/", views.statistics, name="statistics"),
    path("requests/delegation/", views.delegation, name="delegation"),
    path("requests/files/<int:pk>/", views.attachment, name="attachment"),
    path("requests/<slug:reference>/", views.request_detail, name="detail"),
    path("requests/<slug:reference>/erase/", views.request_erase, name="erase"),
]
