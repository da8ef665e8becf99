from django.conf import settings

from .models import SiteConfiguration


def site(request):
    user = getattr(request, "user", None)
    return {
        "site_config": SiteConfiguration.get(),
        "is_coordinator": bool(user and user.is_authenticated and user.is_coordinator),
        "oidc_providers": getattr(settings, "SOCIALACCOUNT_PROVIDERS", {}).get("openid_connect", {}).get("APPS", []),
    }
