"""Who may reach which saved search. Views get saved searches only through these.

One condition a line, so the tests can prove every branch. A person reaches their own saved searches through
their account; anyone else gets 404, so a search's existence is not revealed. The one-click unsubscribe link of
a digest reaches its search by the secret token alone, with no sign-in.
"""

from django.http import Http404

from .models import SavedSearch


def saved_searches_of(user):
    """The signed-in person's saved searches, newest first."""
    if not user.is_authenticated:
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(user=user).order_by("-created_at", "-id")


def saved_search_for_user(user, pk: int) -> SavedSearch:
    """Saved search `pk` if it is the user's own; else 404."""
    if not user.is_authenticated:
        raise Http404
    saved_search = SavedSearch.objects.filter(pk=pk, user=user).first()
    if saved_search is None:
        raise Http404
    return saved_search


def saved_search_by_token(token: str) -> SavedSearch:
    """The saved search a digest's unsubscribe link points to; the token is the secret. Unknown tokens give 404."""
    if not token:
        raise Http404
    saved_search = SavedSearch.objects.select_related("user").filter(token=token).first()
    if saved_search is None:
        raise Http404
    return saved_search
