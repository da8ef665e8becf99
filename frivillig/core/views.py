from django.contrib import messages
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from .access import coordinator_required
from .audit import audit
from .colours import darken
from .forms import VOCABULARIES, SiteConfigurationForm, vocabulary_formset
from .locale import set_language_cookie
from .models import AuditLog, SiteConfiguration

AUDIT_PAGE_SIZE = 50


def home(request: HttpRequest) -> HttpResponse:
    from frivillig.opportunities.selectors import opportunities_newest
    from frivillig.organisations.selectors import organisation_counts, organisations_recent

    return render(
        request,
        "core/home.html",
        {
            "newest_opportunities": opportunities_newest(limit=6),
            "recent_organisations": organisations_recent(limit=6),
            "counts": organisation_counts(),
        },
    )


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "core/cookies.html")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch language, remember it in a cookie and, for a signed-in person, in their profile."""
    from django.conf import settings

    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    # Only a path on this site: redirect() would take a bare word like "-1" for a URL name and fail to find it.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = redirect(next_url)
    if language in dict(settings.LANGUAGES) and check_for_language(language):
        set_language_cookie(response, language)
        if request.user.is_authenticated and hasattr(request.user, "profile"):
            profile = request.user.profile
            profile.preferred_language = language
            profile.save(update_fields=["preferred_language", "updated_at"])
    return response


@require_GET
@cache_control(public=True, max_age=60 * 60 * 24 * 365, immutable=True)
def theme_css(request: HttpRequest) -> HttpResponse:
    """DKFDS has no colour variables, so the municipality's colour is served as a small stylesheet.

    Its URL carries the configuration's version, so it is cached for a year and refreshed on change.
    """
    config = SiteConfiguration.get()
    css = render_to_string(
        "core/theme.css", {"primary": config.primary_colour, "primary_dark": darken(config.primary_colour)}
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any database failure means "unhealthy"
        return JsonResponse({"status": "error", "database": "unavailable", "error": exc.__class__.__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@coordinator_required
def site_configuration(request: HttpRequest) -> HttpResponse:
    config = SiteConfiguration.get()
    posted = request.method == "POST"
    form = SiteConfigurationForm(
        request.POST if posted else None, request.FILES if posted else None, instance=config
    )
    if posted:
        if form.is_valid():
            if form.has_changed():
                with transaction.atomic():
                    form.save()
                    audit(actor=request.user, action="site_configuration.update", target=config,
                          fields=form.changed_data)
            messages.success(request, _("The site configuration has been saved."))
            return redirect("core:site_configuration")
        messages.error(request, _("The configuration was not saved. Please correct the errors below."))
    return render(request, "core/site_configuration.html", {"form": form})


@coordinator_required
def vocabulary_list(request: HttpRequest, kind: str) -> HttpResponse:
    model, title = VOCABULARIES[kind]
    formset_class = vocabulary_formset(model)
    posted = request.method == "POST"
    formset = formset_class(request.POST if posted else None, queryset=model.objects.all(), prefix=kind)
    if posted:
        if formset.is_valid():
            with transaction.atomic():
                formset.save()
                counts = {"changed": len(formset.changed_objects), "created": len(formset.new_objects),
                          "deleted": len(formset.deleted_objects)}
                if any(counts.values()):
                    audit(actor=request.user, action=f"{kind}.update", **counts)
            messages.success(request, _("The list has been saved."))
            return redirect(request.path)
        messages.error(request, _("The list was not saved. Please correct the errors below."))
    return render(request, "core/vocabulary.html", {"formset": formset, "title": title, "kind": kind})


@coordinator_required
def audit_log(request: HttpRequest) -> HttpResponse:
    from django.core.paginator import Paginator

    entries = AuditLog.objects.select_related("actor")
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("side"))
    return render(request, "core/audit_log.html", {"page": page})
