from django.urls import path

from befus.networks import views

app_name = "networks"
urlpatterns = [
    path("networks/", views.network_list, name="network-list"),
    path("networks/propose/", views.network_propose, name="network-propose"),
    path("networks/review/", views.review_queue, name="review-queue"),
    path("networks/consents/", views.consents, name="consents"),
    path("networks/reports/", views.report_overview, name="reports"),
    path("networks/general-assembly/", views.general_assembly, name="general-assembly"),
    path("networks/mandates/", views.representation_register, name="representation-register"),
    path(
        "networks/general-assembly/<slug:slug>/",
        views.general_assembly_network,
        name="general-assembly-network",
    ),
    path("networks/consents/<int:pk>/<str:action>/", views.consent_action, name="consent-action"),
    path("networks/memberships/<int:pk>/leave/", views.membership_leave, name="membership-leave"),
    path(
        "networks/memberships/<int:pk>/review/", views.membership_review, name="membership-review"
    ),
    path("networks/<slug:slug>/", views.network_detail, name="network-detail"),
    path("networks/<slug:slug>/edit/", views.network_edit, name="network-edit"),
    path("networks/<slug:slug>/mandates/new/", views.mandate_create, name="mandate-create"),
    path("networks/<slug:slug>/reports/new/", views.report_create, name="report-create"),
    path("networks/<slug:slug>/meetings/new/", views.meeting_create, name="meeting-create"),
    path(
        "networks/<slug:slug>/representation/new/",
        views.representation_create,
        name="representation-create",
    ),
    path("networks/<slug:slug>/statements/new/", views.statement_create, name="statement-create"),
    path(
        "networks/<slug:slug>/commissions/new/", views.commission_create, name="commission-create"
    ),
    path("networks/commissions/<int:pk>/", views.commission_detail, name="commission-detail"),
    path("networks/meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("networks/meetings/<int:pk>/share/", views.meeting_share, name="meeting-share"),
    path("networks/meetings/<int:pk>/file/", views.meeting_attachment, name="meeting-attachment"),
    path("networks/<slug:slug>/do/<str:action>/", views.network_action, name="network-action"),
]
