"""'Min side': the person's own page and profile."""

from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from frivillig.core.locale import set_language_cookie

from .forms import ProfileForm, profile_initial
from .selectors import memberships_for_user, profile_for_user
from .services import profile_update


@login_required
def min_side(request: HttpRequest) -> HttpResponse:
    context = {
        "profile": profile_for_user(request.user),
        "memberships": memberships_for_user(request.user),
        "has_providers": bool(get_social_adapter().list_providers(request)),
    }
    return render(request, "accounts/min_side.html", context)


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = profile_for_user(request.user)
    form = ProfileForm(request.POST or None, initial=profile_initial(profile))
    if request.method == "POST":
        if form.is_valid():
            profile = profile_update(user=request.user, data=form.cleaned_data)
            return _profile_saved(request, profile.preferred_language)
        messages.error(request, _("Your profile was not saved. Please correct the errors below."))
    return render(request, "accounts/profile_edit.html", {"form": form})


def _profile_saved(request: HttpRequest, language: str) -> HttpResponse:
    """Back to Min side in the language just chosen, which the language cookie then remembers."""
    with translation.override(language):
        messages.success(request, _("Your profile has been saved."))
    response = redirect("accounts:min_side")
    set_language_cookie(response, language)
    return response
