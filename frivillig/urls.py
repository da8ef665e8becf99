from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

urlpatterns = [
    path("", include("frivillig.core.urls")),
    path("konto/", include("allauth.urls")),
    path("", include("frivillig.accounts.urls")),
    path("organisationer/", include("frivillig.organisations.urls")),
    path("", include("frivillig.opportunities.urls")),
    path("", include("frivillig.applications.urls")),
    path("", include("frivillig.suggestions.urls")),
    path("", include("frivillig.shifts.urls")),
    path("", include("frivillig.hours.urls")),
    path("", include("frivillig.api.urls")),
    path("django-admin/", admin.site.urls),
    # Uploaded logos are public images; in production a web server or S3 storage serves them instead.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}, name="media"),
]

handler403 = "frivillig.core.errors.permission_denied"
handler404 = "frivillig.core.errors.page_not_found"
handler500 = "frivillig.core.errors.server_error"
