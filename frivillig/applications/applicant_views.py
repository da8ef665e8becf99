"""The applicant's pages: apply, the link page every e-mail points to, confirming a guest's e-mail address, a
guardian's consent, and "Mine ansøgninger".

No account is needed but for the last one: the secret token in the e-mailed link is the key (access.py). Those
pages are never cached and carry `noindex`. Every change is a POST; GET never changes an application, so a mail
scanner that follows the links confirms nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frivillig.core.ratelimit import limit
from frivillig.opportunities.access import opportunity_public

from . import access, services
from .applicant_forms import ApplyForm, GuardianAnswerForm, apply_initial, email_language
from .models import Application, ApplicationEvent

Status = Application.Status
# A guest who has just applied sees "check your e-mail" once; the session remembers where the link went.
SENT_SESSION_KEY = "applications_sent"


# --- applying ---------------------------------------------------------------------------------------------


@limit("guest_apply", key_field="email")
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    """The application form, prefilled for a signed-in person. A closed opportunity or a second application
    is explained instead of the form."""
    opportunity = opportunity_public(pk)
    user = request.user if request.user.is_authenticated else None
    context = {"opportunity": opportunity, "organisation": opportunity.organisation}
    sent_to = _pop_sent(request, opportunity.pk)
    if sent_to:
        return render(request, "applications/apply.html", context | {"sent_to": sent_to})
    context["problem"] = services.can_apply_problem(opportunity)
    context["existing"] = services.existing_application(opportunity, user.email) if user else None
    if context["problem"] or context["existing"]:
        return render(request, "applications/apply.html", context)
    data = request.POST if request.method == "POST" else None  # an empty POST is still a submission
    form = ApplyForm(data, user=user, initial=apply_initial(user) if user else None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                opportunity=opportunity, data=form.cleaned_data, user=user,
                language=email_language(user, get_language()),
            )
        except ValidationError as error:
            _add_errors(form, error)
            if user and error_code(error) == "duplicate":
                context["existing"] = services.existing_application(opportunity, user.email)
        else:
            return _applied(request, application)
    return render(request, "applications/apply.html", context | {"form": form})


def error_code(error: ValidationError) -> str:
    return getattr(error, "code", "") or ""


def _add_errors(form: ApplyForm, error: ValidationError) -> None:
    """The service's errors onto the form, next to the field they are about (or above it), keeping what was typed."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _applied(request: HttpRequest, application: Application) -> HttpResponse:
    if application.user_id is None:
        # A guest must open the e-mailed link first: the link page's address is not shown here, so only the
        # owner of the e-mail address reaches the application.
        request.session[SENT_SESSION_KEY] = {"opportunity": application.opportunity_id, "email": application.email}
        return redirect("applications:apply", pk=application.opportunity_id)
    if application.status == Status.AWAITING_CONSENT:
        messages.success(request, _("Thank you for applying. We have asked your parent or guardian to say yes "
                                    "by e-mail; the organisation sees your application when they have."))
    else:
        messages.success(request, _("Thank you for applying. Your application has been sent to %(organisation)s.")
                         % {"organisation": application.organisation.name})
    return redirect(application.get_absolute_url())


def _pop_sent(request: HttpRequest, opportunity_pk: int) -> str:
    """The address a guest's confirmation link just went to, once; "" otherwise."""
    sent = request.session.get(SENT_SESSION_KEY)
    if request.method != "GET" or not sent or sent.get("opportunity") != opportunity_pk:
        return ""
    del request.session[SENT_SESSION_KEY]
    return sent.get("email", "")


# --- the link page and what it offers ---------------------------------------------------------------------


@never_cache
def mine(request: HttpRequest, token: str) -> HttpResponse:
    """The applicant's own page: what they sent, where it stands, what the organisation wrote to them."""
    application = access.application_by_token(token)
    context = {
        "application": application,
        "opportunity": application.opportunity,
        "organisation": application.organisation,
        "history": _history(application),
        "is_own": request.user.is_authenticated and application.user_id == request.user.pk,
    }
    return render(request, "applications/mine.html", context)


def _history(application: Application) -> list[ApplicationEvent]:
    """Status changes and the messages written to the applicant; never the organisation's internal notes."""
    return list(application.events.filter(kind=ApplicationEvent.Kind.STATUS).order_by("created_at", "id"))


@require_POST
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    application = access.application_by_token(token)
    own = request.user.is_authenticated and application.user_id == request.user.pk
    if services.application_withdraw(application=application, actor=request.user if own else None):
        messages.success(request, _("Your application has been withdrawn."))
    else:
        messages.info(request, _("This application is finished, so it cannot be withdrawn. Get in touch with the "
                                 "organisation if your plans have changed."))
    return redirect(application.get_absolute_url())


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (mail scanners open links); the button's POST confirms the guest's e-mail address."""
    application = access.application_by_token(token)
    if application.status != Status.UNCONFIRMED:
        if application.email_confirmed_at:
            messages.info(request, _("Your e-mail address is already confirmed."))
        return redirect(application.get_absolute_url())
    if request.method == "POST":
        services.application_confirm_email(application=application)
        if application.status == Status.AWAITING_CONSENT:
            messages.success(request, _("Thank you. Your e-mail address is confirmed. We have asked your parent or "
                                        "guardian to say yes to your application."))
        else:
            messages.success(request, _("Thank you. Your e-mail address is confirmed, and your application has been "
                                        "sent to %(organisation)s.") % {"organisation": application.organisation.name})
        return redirect(application.get_absolute_url())
    context = {"application": application, "opportunity": application.opportunity,
               "organisation": application.organisation}
    return render(request, "applications/confirm.html", context)


@never_cache
def guardian_consent(request: HttpRequest, token: str) -> HttpResponse:
    """The guardian reads about the role and says yes (the application is sent) or no (it is withdrawn)."""
    application = access.application_by_guardian_token(token)
    waiting = application.status == Status.AWAITING_CONSENT
    form = GuardianAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and waiting and form.is_valid():
        services.application_guardian_answer(application=application, consent=form.consents)
        if form.consents:
            messages.success(request, _("Thank you. The application has been sent to %(organisation)s.")
                             % {"organisation": application.organisation.name})
        else:
            messages.success(request, _("Thank you. The application has not been sent, and %(name)s has been told "
                                        "by e-mail.") % {"name": application.name})
        return redirect(request.path)
    context = {"application": application, "opportunity": application.opportunity,
               "organisation": application.organisation, "waiting": waiting, "form": form}
    return render(request, "applications/guardian_consent.html", context)


# --- Mine ansøgninger -------------------------------------------------------------------------------------


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    applications = list(access.applications_of_user(request.user))
    return render(request, "applications/my_applications.html", {"applications": applications})
