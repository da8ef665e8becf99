"""Writes about applications: applying, confirming, consenting, withdrawing, answering, claiming, reminding.

Every function takes keyword-only arguments, runs in one transaction and raises ValidationError with a message a
person can act on when a rule says no. Every e-mail is rendered in its recipient's language and queued after the
transaction commits (core/mail.py). Who may call what is checked by the views through `access.py`.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.core.audit import audit
from frivillig.core.mail import send_templated_email
from frivillig.core.models import SiteConfiguration
from frivillig.opportunities.models import Opportunity
from frivillig.organisations.models import Membership, Organisation

from .models import GUARDIAN_CONSENT_BELOW_AGE, Application, ApplicationEvent, Engagement, new_token
from .workdays import working_days_between

Status = Application.Status

# An application the organisation has not answered for this many working days sends its members a reminder.
REMINDER_AFTER_WORKING_DAYS = 5
# Unconfirmed guest applications are deleted after this long; applications waiting for a guardian after the next.
UNCONFIRMED_KEPT = timedelta(days=7)
AWAITING_CONSENT_KEPT = timedelta(days=14)
# What a member may change an application to, from each status.
TRANSITIONS = {
    Status.NEW: {Status.IN_DIALOGUE, Status.ACCEPTED, Status.DECLINED},
    Status.IN_DIALOGUE: {Status.ACCEPTED, Status.DECLINED},
}


# --- helpers ----------------------------------------------------------------------------------------------


def _link(path: str) -> str:
    return settings.SITE_URL + path


def _lock(application: Application) -> None:
    application.refresh_from_db(from_queryset=Application.objects.select_for_update())


def member_recipients(organisation: Organisation) -> list[tuple[str, str]]:
    """(e-mail, language) for each of the organisation's admins and editors."""
    memberships = Membership.objects.filter(organisation=organisation).select_related("user__profile")
    recipients = []
    for membership in memberships.order_by("pk"):
        profile = getattr(membership.user, "profile", None)
        recipients.append((membership.user.email, profile.preferred_language if profile else settings.LANGUAGE_CODE))
    if not recipients and organisation.contact_email:
        recipients.append((organisation.contact_email, settings.LANGUAGE_CODE))
    return recipients


def _context(application: Application, **extra) -> dict:
    return {
        "application": application,
        "opportunity": application.opportunity,
        "organisation": application.organisation,
        "link": _link(application.get_absolute_url()),
        "site_config": SiteConfiguration.get(),
        **extra,
    }


def _mail_applicant(application: Application, template: str, **extra) -> None:
    send_templated_email(
        to=application.email,
        template=f"email/applications/{template}",
        context=_context(application, **extra),
        language=application.language,
    )


def _mail_members(application: Application, template: str, **extra) -> None:
    from django.urls import reverse

    inbox_path = reverse(
        "applications:inbox_detail", kwargs={"slug": application.organisation.slug, "pk": application.pk}
    )
    context = _context(application, inbox_link=_link(inbox_path), **extra)
    for email, language in member_recipients(application.organisation):
        send_templated_email(
            to=email, template=f"email/applications/{template}", context=context, language=language
        )


def _refresh_figures_later(organisation: Organisation) -> None:
    from .tasks import refresh_response_figures_task

    organisation_id = organisation.pk
    transaction.on_commit(lambda: refresh_response_figures_task.enqueue(organisation_id=organisation_id))


def _event(application, *, kind, actor=None, from_status="", to_status="", text="") -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=application, kind=kind, actor=actor, from_status=from_status, to_status=to_status, text=text
    )


def _set_status(application: Application, status: str, *, actor=None, text="", fields=()) -> None:
    previous = application.status
    application.status = status
    application.status_changed_at = timezone.now()
    application.save(update_fields=["status", "status_changed_at", "updated_at", *fields])
    _event(application, kind=ApplicationEvent.Kind.STATUS, actor=actor, from_status=previous, to_status=status,
           text=text)


# --- applying ---------------------------------------------------------------------------------------------


def can_apply_problem(opportunity: Opportunity, today=None) -> str:
    """Why no one can apply to `opportunity` now, or "" when they can."""
    today = today or timezone.localdate()
    if not opportunity.is_public:
        return _("This opportunity is not open for applications.")
    if opportunity.application_deadline and opportunity.application_deadline < today:
        return _("The application deadline has passed.")
    return ""


def existing_application(opportunity: Opportunity, email: str) -> Application | None:
    """The person's application to `opportunity` that blocks a new one, if any."""
    return Application.objects.active().filter(opportunity=opportunity, email=email.strip().lower()).first()


def _check_age(opportunity: Opportunity, birth_year: int, guardian_email: str, email: str) -> None:
    year = timezone.localdate().year
    age = year - birth_year
    if age < 0 or birth_year < 1900:
        raise ValidationError({"birth_year": _("Enter the year you were born, for example 1990.")})
    if opportunity.minimum_age and age < opportunity.minimum_age:
        message = _(
            "This role is for people who are at least %(age)s years old. Have a look at the other "
            "opportunities: many welcome younger volunteers."
        ) % {"age": opportunity.minimum_age}
        raise ValidationError({"birth_year": ValidationError(message, code="too_young")})
    if age < GUARDIAN_CONSENT_BELOW_AGE:
        if not guardian_email:
            message = _(
                "You are under %(age)s, so a parent or guardian must say yes first. Enter their e-mail "
                "address and we will send them a link."
            ) % {"age": GUARDIAN_CONSENT_BELOW_AGE}
            raise ValidationError({"guardian_email": ValidationError(message, code="guardian_required")})
        if guardian_email.lower() == email.lower():
            message = _("Enter your parent's or guardian's e-mail address, not your own.")
            raise ValidationError({"guardian_email": ValidationError(message, code="guardian_same")})


def _duplicate_error(application: Application) -> ValidationError:
    return ValidationError(
        _("You have already applied to this opportunity. You can follow your application from the link in the "
          "e-mail we sent you."),
        code="duplicate",
    )


def application_create(*, opportunity: Opportunity, data: dict, user=None, language: str = "da") -> Application:
    """Apply to `opportunity`, as the signed-in `user` or as a guest.

    `data` holds name, email (ignored for a signed-in user, whose account address is used), phone, birth_year,
    message and, for applicants under 15, guardian_email. A guest must confirm the e-mail address before the
    organisation sees the application; an applicant under 15 needs a guardian's consent as well.
    """
    try:
        with transaction.atomic():
            return _create(opportunity=opportunity, data=data, user=user, language=language)
    except IntegrityError:
        # Two submissions at once: the unique constraint refused the second one.
        existing = existing_application(opportunity, user.email if user else data["email"])
        if existing is None:
            raise
        raise _duplicate_error(existing) from None


def _create(*, opportunity, data, user, language) -> Application:
    problem = can_apply_problem(opportunity)
    if problem:
        raise ValidationError(problem, code="closed")
    email = (user.email if user else data["email"]).strip().lower()
    existing = existing_application(opportunity, email)
    if existing is not None:
        raise _duplicate_error(existing)
    guardian_email = (data.get("guardian_email") or "").strip().lower()
    _check_age(opportunity, data["birth_year"], guardian_email, email)
    application = Application(
        opportunity=opportunity,
        organisation=opportunity.organisation,
        user=user,
        name=data["name"].strip(),
        email=email,
        phone=(data.get("phone") or "").strip(),
        birth_year=data["birth_year"],
        message=(data.get("message") or "").strip(),
        language=language if language in Application.Language.values else settings.LANGUAGE_CODE,
        status=Status.UNCONFIRMED,
    )
    if application.age_in() < GUARDIAN_CONSENT_BELOW_AGE:
        application.guardian_email = guardian_email
        application.guardian_token = new_token()
    application.full_clean(validate_constraints=False)
    application.save()
    if user is None:
        _mail_applicant(application, "confirm_email", confirm_link=_link(_confirm_path(application)))
    else:
        _confirmed(application)
    return application


def _confirmed(application: Application) -> None:
    """The e-mail address is known to be the applicant's: ask the guardian, or submit."""
    application.email_confirmed_at = timezone.now()
    if application.guardian_token and application.guardian_consented_at is None:
        _set_status(application, Status.AWAITING_CONSENT, fields=["email_confirmed_at"])
        send_templated_email(
            to=application.guardian_email,
            template="email/applications/guardian_consent",
            context=_context(application, consent_link=_link(_consent_path(application))),
            language=application.language,
        )
        _mail_applicant(application, "awaiting_consent")
        return
    _submit(application, fields=["email_confirmed_at"])


def _confirm_path(application: Application) -> str:
    from django.urls import reverse

    return reverse("applications:confirm", kwargs={"token": application.token})


def _consent_path(application: Application) -> str:
    from django.urls import reverse

    return reverse("applications:guardian_consent", kwargs={"token": application.guardian_token})


def _submit(application: Application, fields=()) -> None:
    """The organisation may now see the application: it is new in their inbox, and both sides are told."""
    application.submitted_at = timezone.now()
    _set_status(application, Status.NEW, fields=["submitted_at", *fields])
    _mail_applicant(application, "received")
    _mail_members(application, "new_for_organisation")
    _refresh_figures_later(application.organisation)


@transaction.atomic
def application_confirm_email(*, application: Application) -> bool:
    """The guest clicked the link in the confirmation e-mail. Returns False if there was nothing to confirm."""
    _lock(application)
    if application.status != Status.UNCONFIRMED:
        return False
    _confirmed(application)
    return True


@transaction.atomic
def application_guardian_answer(*, application: Application, consent: bool) -> bool:
    """The guardian said yes (the application is submitted) or no (it is withdrawn). False if already answered."""
    _lock(application)
    if application.status != Status.AWAITING_CONSENT:
        return False
    if consent:
        application.guardian_consented_at = timezone.now()
        _submit(application, fields=["guardian_consented_at"])
    else:
        _set_status(application, Status.WITHDRAWN)
        _mail_applicant(application, "guardian_declined")
    return True


@transaction.atomic
def application_withdraw(*, application: Application, actor=None) -> bool:
    """The applicant withdraws. The organisation is told if it had seen the application. False if too late."""
    _lock(application)
    if not application.can_withdraw:
        return False
    was_submitted = application.is_submitted
    _set_status(application, Status.WITHDRAWN, actor=actor if getattr(actor, "is_authenticated", False) else None)
    if was_submitted:
        _mail_members(application, "withdrawn_for_organisation")
        _refresh_figures_later(application.organisation)
    return True


# --- answering --------------------------------------------------------------------------------------------


def allowed_statuses(application: Application) -> list[str]:
    """The statuses a member can move the application to now."""
    return [status for status in Application.ANSWER_STATUSES if status in TRANSITIONS.get(application.status, ())]


@transaction.atomic
def application_set_status(
    *, application: Application, status: str, actor, message: str = "", start_date=None
) -> Engagement | None:
    """A member moves the application on, with an optional message the applicant receives.

    Accepting creates the Engagement (from `start_date`, by default the opportunity's start or today). The first
    answer is remembered for the organisation's response figures. Returns the engagement when one was created.
    """
    _lock(application)
    if status not in TRANSITIONS.get(application.status, ()):
        raise ValidationError(
            {"status": _("The application cannot be moved from “%(old)s” to that status.")
             % {"old": application.get_status_display()}},
            code="transition",
        )
    message = (message or "").strip()
    fields = []
    first_answer = application.first_response_at is None
    if first_answer:
        application.first_response_at = timezone.now()
        fields.append("first_response_at")
    _set_status(application, status, actor=actor, text=message, fields=fields)
    engagement = None
    if status == Status.ACCEPTED:
        today = timezone.localdate()
        opportunity_start = application.opportunity.start_date
        engagement = Engagement.objects.create(
            application=application,
            volunteer=application.user,
            organisation=application.organisation,
            opportunity=application.opportunity,
            start_date=start_date or (opportunity_start if opportunity_start and opportunity_start > today else today),
        )
    audit(actor=actor, action="application.status", target=application, status=status, with_message=bool(message))
    _mail_applicant(application, "status_changed", message=message)
    if first_answer:
        _refresh_figures_later(application.organisation)
    return engagement


@transaction.atomic
def application_add_note(*, application: Application, actor, text: str) -> ApplicationEvent:
    """An internal note, for the organisation's members only."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the note before you save it.")})
    return _event(application, kind=ApplicationEvent.Kind.NOTE, actor=actor, text=text)


def applications_export_audit(*, organisation: Organisation, actor, count: int, opportunity=None) -> None:
    """Every CSV export of applicants is recorded: who took whose contact details out of the portal."""
    audit(
        actor=actor,
        action="application.export",
        target=opportunity or organisation,
        organisation=organisation.slug,
        rows=count,
    )


# --- accounts ---------------------------------------------------------------------------------------------


@transaction.atomic
def applications_claim(*, user, email: str) -> int:
    """Join a guest's applications (and their engagements) to the account that has verified `email`."""
    email = email.strip().lower()
    applications = Application.objects.filter(user__isnull=True, email=email)
    ids = list(applications.values_list("pk", flat=True))
    if not ids:
        return 0
    Application.objects.filter(pk__in=ids).update(user=user)
    Engagement.objects.filter(application_id__in=ids, volunteer__isnull=True).update(volunteer=user)
    # The account has just proved the address is theirs: that confirms any application still waiting for it.
    for application in Application.objects.filter(pk__in=ids, status=Status.UNCONFIRMED).select_related(
        "opportunity", "organisation"
    ):
        _lock(application)
        if application.status == Status.UNCONFIRMED:
            _confirmed(application)
    audit(actor=user, action="application.claim", target=user, applications=len(ids))
    return len(ids)


# --- periodic jobs ----------------------------------------------------------------------------------------


def applications_due_reminder(now=None) -> list[Application]:
    """New applications that have waited 5 working days for a first answer and have not been reminded of."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    # 5 working days are at least 7 calendar days, which keeps the candidates few.
    candidates = (
        Application.objects.filter(status=Status.NEW, reminder_sent_at__isnull=True, first_response_at__isnull=True)
        .filter(submitted_at__lte=now - timedelta(days=7))
        .select_related("organisation", "opportunity")
        .order_by("organisation_id", "submitted_at")
    )
    return [
        application
        for application in candidates
        if working_days_between(timezone.localdate(application.submitted_at), today) >= REMINDER_AFTER_WORKING_DAYS
    ]


@transaction.atomic
def applications_send_reminders(*, now=None) -> int:
    """One reminder per organisation, listing its applications due one; each application is reminded of once."""
    due = applications_due_reminder(now)
    # Lock the rows and look again: a run at the same time waits here, then finds them reminded already.
    unreminded = set(
        Application.objects.select_for_update()
        .filter(pk__in=[application.pk for application in due], reminder_sent_at__isnull=True)
        .values_list("pk", flat=True)
    )
    due = [application for application in due if application.pk in unreminded]
    by_organisation: dict[int, list[Application]] = {}
    for application in due:
        by_organisation.setdefault(application.organisation_id, []).append(application)
    for applications in by_organisation.values():
        organisation = applications[0].organisation
        from django.urls import reverse

        context = {
            "organisation": organisation,
            "applications": applications,
            "inbox_link": _link(reverse("applications:inbox", kwargs={"slug": organisation.slug})),
            "site_config": SiteConfiguration.get(),
            "working_days": REMINDER_AFTER_WORKING_DAYS,
        }
        for email, language in member_recipients(organisation):
            send_templated_email(
                to=email, template="email/applications/reminder", context=context, language=language
            )
    Application.objects.filter(pk__in=[application.pk for application in due]).update(
        reminder_sent_at=now or timezone.now()
    )
    return len(due)


@transaction.atomic
def applications_delete_unconfirmed(*, now=None) -> int:
    """Delete guest applications never confirmed within 7 days, and those a guardian never answered in 14."""
    now = now or timezone.now()
    unconfirmed = Application.objects.filter(status=Status.UNCONFIRMED, created_at__lt=now - UNCONFIRMED_KEPT)
    awaiting = Application.objects.filter(status=Status.AWAITING_CONSENT, created_at__lt=now - AWAITING_CONSENT_KEPT)
    deleted = unconfirmed.delete()[1].get("applications.Application", 0)
    deleted += awaiting.delete()[1].get("applications.Application", 0)
    return deleted
