""""Forslag til dig" and saved searches: the person's suggestions, their saved searches, saving a search, and
the one-click unsubscribe link of a digest (no sign-in: its token is the secret).

Saved searches are fetched only through `access.py`; the writes go through `services.py`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from frivillig.opportunities.search import SearchParams, load_vocabulary

from . import access, services
from .describe import default_name, describe_search
from .forms import EmailsForm, SavedSearchForm
from .models import MAX_SAVED_SEARCHES, SavedSearch
from .recommendations import suggestions_for


@login_required
def suggestions(request: HttpRequest) -> HttpResponse:
    return render(request, "suggestions/suggestions.html", {"suggestions": suggestions_for(request.user)})


# --- the person's saved searches ------------------------------------------------------------------------------


def _emails_form(saved_search: SavedSearch, data=None) -> EmailsForm:
    form = EmailsForm(data, initial={"emails": EmailsForm.initial_for(saved_search)},
                      auto_id=f"search-{saved_search.pk}-%s")
    form.fields["emails"].label = _("E-mails for “%(name)s”") % {"name": saved_search.name}
    return form


def _list_page(request: HttpRequest, *, bound: tuple[int, EmailsForm] | None = None, status: int = 200):
    """The list; `bound` is a row's submitted form with its errors, shown in place of that row's form."""
    searches = list(access.saved_searches_of(request.user))
    vocabulary = load_vocabulary() if searches else {}
    rows = []
    for saved_search in searches:
        form = bound[1] if bound and bound[0] == saved_search.pk else _emails_form(saved_search)
        rows.append({"search": saved_search, "criteria": describe_search(saved_search.params, vocabulary),
                     "form": form})
    context = {"rows": rows, "max_saved_searches": MAX_SAVED_SEARCHES}
    return render(request, "suggestions/saved_searches.html", context, status=status)


@login_required
def saved_searches(request: HttpRequest) -> HttpResponse:
    return _list_page(request)


@login_required
def saved_search_create(request: HttpRequest) -> HttpResponse:
    """Save the search in the URL's query (the search page links here with its own query)."""
    params = SearchParams.from_querydict(request.GET)
    vocabulary = load_vocabulary()
    initial = {
        "name": default_name(params, vocabulary),
        "frequency": SavedSearch.Frequency.WEEKLY,
        "language": services.preferred_language(request.user),
    }
    form = SavedSearchForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved_search = services.saved_search_create(user=request.user, params=params, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your search “%(name)s” has been saved.") % {"name": saved_search.name})
            return redirect("suggestions:saved_searches")
    context = {
        "form": form,
        "params": params,
        "criteria": describe_search(params, vocabulary),
        "search_query": services.normalised_query(params),
        "at_limit": access.saved_searches_of(request.user).count() >= MAX_SAVED_SEARCHES,
        "max_saved_searches": MAX_SAVED_SEARCHES,
    }
    return render(request, "suggestions/saved_search_create.html", context)


@login_required
@require_POST
def saved_search_update(request: HttpRequest, pk: int) -> HttpResponse:
    saved_search = access.saved_search_for_user(request.user, pk)
    form = _emails_form(saved_search, request.POST)
    if not form.is_valid():
        return _list_page(request, bound=(saved_search.pk, form), status=400)
    services.saved_search_update(saved_search=saved_search, **form.changes())
    messages.success(request, _change_message(saved_search))
    return redirect("suggestions:saved_searches")


def _change_message(saved_search: SavedSearch) -> str:
    name = {"name": saved_search.name}
    if not saved_search.is_active:
        return _("You will no longer get e-mails for “%(name)s”.") % name
    if saved_search.frequency == SavedSearch.Frequency.DAILY:
        return _("You will get an e-mail every day when there are new matches for “%(name)s”.") % name
    return _("You will get an e-mail every week when there are new matches for “%(name)s”.") % name


@login_required
@require_POST
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    saved_search = access.saved_search_for_user(request.user, pk)
    name = saved_search.name
    services.saved_search_delete(saved_search=saved_search)
    messages.success(request, _("The saved search “%(name)s” has been deleted.") % {"name": name})
    return redirect("suggestions:saved_searches")


# --- the digest's one-click unsubscribe link -------------------------------------------------------------------


# The token is the secret and no session is used, so the POST that mail programs send for their own "Unsubscribe"
# button (RFC 8058, List-Unsubscribe-Post) needs no CSRF token.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One click stops the e-mails at once, without signing in; the page offers to undo it."""
    saved_search = access.saved_search_by_token(token)
    services.saved_search_unsubscribe(saved_search=saved_search)
    return render(request, "suggestions/unsubscribed.html", {"saved_search": saved_search})


@require_POST
def resubscribe(request: HttpRequest, token: str) -> HttpResponse:
    saved_search = access.saved_search_by_token(token)
    services.saved_search_resubscribe(saved_search=saved_search)
    return render(request, "suggestions/resubscribed.html", {"saved_search": saved_search})
