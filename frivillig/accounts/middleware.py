from django.conf import settings
from django.utils import translation


class PreferredLanguageMiddleware:
    """Without a language cookie, a signed-in person sees the portal in their profile's preferred language.

    The language switch sets the cookie (and saves the choice to the profile), so the choice is remembered.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(("/da/", "/en/"))
        ):
            profile = getattr(user, "profile", None)
            if profile is not None and profile.preferred_language != request.LANGUAGE_CODE:
                translation.activate(profile.preferred_language)
                request.LANGUAGE_CODE = profile.preferred_language
        return self.get_response(request)
