from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from befus.core import views as core_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("health/", core_views.health, name="health"),
]
urlpatterns += i18n_patterns(
    path("", include("befus.portal.urls")),
    path("", include("befus.members.urls")),
    path("", include("befus.networks.urls")),
    path("", include("befus.knowledge.urls")),
    path("", include("befus.interpellations.urls")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("befus.accounts.urls")),
    path("audit/", core_views.audit_log, name="audit-log"),
    path("notifications/", core_views.notification_list, name="notification-list"),
    path("notifications/<int:pk>/", core_views.notification_open, name="notification-open"),
    path(
        "notifications/read/", core_views.notification_mark_all_read, name="notification-read-all"
    ),
    path("notifications/settings/", core_views.notification_settings, name="notification-settings"),
    path("admin/", admin.site.urls),
)

handler400 = "befus.core.views.bad_request"
handler403 = "befus.core.views.permission_denied"
handler404 = "befus.core.views.page_not_found"
handler500 = "befus.core.views.server_error"
