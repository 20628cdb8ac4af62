from django.urls import path

from befus.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("privacy/", views.privacy, name="privacy"),
]
