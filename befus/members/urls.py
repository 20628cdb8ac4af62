from django.urls import path

from befus.members import views

app_name = "members"
urlpatterns = [
    path("members/", views.organisation_list, name="organisation-list"),
    path("members/<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("governance/", views.governance, name="governance"),
    path("staff/", views.affiliations, name="affiliations"),
    path("staff/<int:pk>/<str:action>/", views.affiliation_decide, name="affiliation-decide"),
    path("manage/organisations/", views.manage_organisations, name="manage-organisations"),
    path("manage/organisations/new/", views.organisation_create, name="organisation-create"),
    path(
        "manage/organisations/<slug:slug>/", views.manage_organisation, name="manage-organisation"
    ),
    path(
        "manage/organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation-edit"
    ),
    path("manage/memberships/<int:pk>/end/", views.membership_end, name="membership-end"),
    path("manage/contacts/<int:pk>/end/", views.contact_end, name="contact-end"),
    path("manage/bodies/<int:pk>/", views.manage_body, name="manage-body"),
    path("manage/seats/<int:pk>/end/", views.seat_end, name="seat-end"),
]
