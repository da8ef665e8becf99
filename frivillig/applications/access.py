"""Who may reach which application. Views get applications only through these.

One condition a line, so the tests can prove every branch. The applicant reaches their own application by the
secret token in the link they were e-mailed (no account needed), or through their account. Members of the
organisation applied to reach it once it is submitted; everyone else gets 404, as for organisations.
"""

from django.http import Http404

from frivillig.organisations.access import member_access
from frivillig.organisations.models import Membership, Organisation

from .models import Application

SELECT = ("opportunity", "organisation", "user")


def application_by_token(token: str) -> Application:
    """The application an applicant's link points to; the token is the secret. Unknown tokens give 404."""
    application = Application.objects.select_related(*SELECT).filter(token=token).first()
    if application is None:
        raise Http404
    return application


def application_by_guardian_token(token: str) -> Application:
    """The application a guardian's consent link points to. Empty or unknown tokens give 404."""
    if not token:
        raise Http404
    application = Application.objects.select_related(*SELECT).filter(guardian_token=token).first()
    if application is None:
        raise Http404
    return application


def application_in(organisation: Organisation, pk: int) -> Application:
    """A submitted application to `organisation` (never to another one, never one not yet submitted), or 404."""
    application = (
        Application.objects.submitted().select_related(*SELECT).filter(pk=pk, organisation=organisation).first()
    )
    if application is None:
        raise Http404
    application.organisation = organisation
    return application


def application_for_member(user, slug: str, pk: int, role: str = Membership.Role.EDITOR) -> Application:
    """Application `pk` to the active organisation `slug`, if the user is one of its members; else 404."""
    membership = member_access(user, slug, role)
    return application_in(membership.organisation, pk)


def applications_of(organisation: Organisation):
    """The organisation's inbox: its submitted applications, newest first."""
    return (
        Application.objects.submitted()
        .filter(organisation=organisation)
        .select_related("opportunity")
        .order_by("-submitted_at", "-id")
    )


def applications_of_user(user):
    """The signed-in person's own applications, whatever their status."""
    if not user.is_authenticated:
        return Application.objects.none()
    return (
        Application.objects.filter(user=user)
        .select_related("opportunity", "organisation")
        .order_by("-created_at", "-id")
    )
