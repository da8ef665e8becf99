"""Organisation pages: the public directory and profiles, running an organisation, and coordinators' pages.

Every organisation, membership and invitation is fetched through `access.py`; the writes go through
`services.py`. Services say no with ValidationError, which the views show as a form error or a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.core.access import coordinator_required
from frivillig.core.htmx import is_partial_request
from frivillig.core.models import Area, Category

from . import access, selectors, services
from .forms import (
    DirectoryFilterForm,
    InvitationForm,
    MunicipalUnitForm,
    OrganisationCreateForm,
    OrganisationForm,
    RoleForm,
)
from .models import INVITATION_VALID_DAYS, Membership, Organisation

DIRECTORY_PAGE_SIZE = 20
VERIFICATION_PAGE_SIZE = 50


def _add_service_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field if the form has one, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _query_prefix(request: HttpRequest) -> str:
    """The current query without the page number, ready for `?{{ query_prefix }}side=2`."""
    query = request.GET.copy()
    query.pop("side", None)
    return f"{query.urlencode()}&" if query else ""


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    # Only a path on this site: redirect() would take a bare word like "-1" for a URL name and fail to find it.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# --- public pages -------------------------------------------------------------------------------------


def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(
        request.GET or None, areas=list(Area.objects.all()), categories=list(Category.objects.all())
    )
    filters = form.filters() if form.is_bound else {}
    organisations = selectors.organisation_directory(**filters)
    page = Paginator(organisations, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("side"))
    partial = is_partial_request(request)
    context = {
        "form": form,
        "page": page,
        "filtered": bool(filters),
        "query_prefix": _query_prefix(request),
        "partial": partial,
    }
    template = "organisations/directory.html#results" if partial else "organisations/directory.html"
    return render(request, template, context)


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.organisation_public(slug)
    context = {
        "organisation": organisation,
        "membership": access.membership_for(request.user, organisation),
    }
    return render(request, "organisations/detail.html", context)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the link sees the invitation; the invited person signs in and accepts it (POST)."""
    invitation = access.invitation_by_token(token)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            return _invitation_page(request, invitation, problem=error.messages[0])
        messages.success(request, _("Welcome! You are now a member of %(name)s.") % {"name": invitation.organisation})
        return redirect(invitation.organisation)
    if request.user.is_authenticated:
        problem = services.invitation_problem(invitation=invitation, user=request.user)
    else:
        problem = services.invitation_closed_reason(invitation)
    return _invitation_page(request, invitation, problem=problem)


def _invitation_page(request: HttpRequest, invitation, *, problem: str | None) -> HttpResponse:
    return render(request, "organisations/invitation.html", {"invitation": invitation, "problem": problem})


# --- running an organisation --------------------------------------------------------------------------


@login_required
def create(request: HttpRequest) -> HttpResponse:
    form = OrganisationCreateForm(request.POST or None, request.FILES or None, instance=Organisation())
    if request.method == "POST":
        if form.is_valid():
            try:
                organisation = services.organisation_create(
                    creator=request.user,
                    kind=form.cleaned_data["kind"],
                    data=form.cleaned_data,
                    terms_accepted=form.cleaned_data["accept_terms"],
                )
            except ValidationError as error:
                _add_service_error(form, error)
            else:
                messages.success(request, _("%(name)s has been created. You are its admin.") % {"name": organisation})
                return redirect(organisation)
        messages.error(request, _("The organisation was not created. Please correct the errors below."))
    return render(request, "organisations/create.html", {"form": form})


@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    membership = access.member_access(request.user, slug)
    organisation = membership.organisation
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.organisation_update(organisation=organisation, data=form.cleaned_data, actor=request.user)
            except ValidationError as error:
                _add_service_error(form, error)
            else:
                messages.success(request, _("The profile has been saved."))
                return redirect(organisation)
        messages.error(request, _("The profile was not saved. Please correct the errors below."))
    return render(request, "organisations/edit.html", {"form": form, "organisation": organisation})


@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    """Admins see the members and open invitations, and invite new members."""
    membership = access.member_access(request.user, slug, role=Membership.Role.ADMIN)
    organisation = membership.organisation
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_invite(organisation=organisation, invited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("An invitation has been sent to %(email)s.") % form.cleaned_data)
            return redirect("organisations:members", slug=organisation.slug)
    context = {
        "organisation": organisation,
        "me": membership,
        "members": selectors.members_of(organisation),
        "invitations": selectors.invitations_open(organisation),
        "form": form,
        "roles": Membership.Role.choices,
        "valid_days": INVITATION_VALID_DAYS,
    }
    return render(request, "organisations/members.html", context)


def _member_action(request: HttpRequest, slug: str, membership_id: int, action, success: str) -> HttpResponse:
    """Run `action(membership)` for an admin on a member of their organisation; report in a message."""
    organisation = access.organisation_for_member(request.user, slug, role=Membership.Role.ADMIN)
    target = access.membership_in(organisation, membership_id)
    try:
        action(target)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success % {"name": target.user})
    return redirect("organisations:members", slug=organisation.slug)


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    # Access before the form: an outsider's bad role must be 404 like any other of their posts, not a redirect.
    access.organisation_for_member(request.user, slug, role=Membership.Role.ADMIN)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose admin or editor."))
        return redirect("organisations:members", slug=slug)
    role = form.cleaned_data["role"]

    def change(target):
        services.membership_change_role(membership=target, role=role, actor=request.user)

    return _member_action(request, slug, membership_id, change, _("The role of %(name)s has been changed."))


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    def remove(target):
        services.membership_remove(membership=target, actor=request.user)

    return _member_action(request, slug, membership_id, remove, _("%(name)s is no longer a member."))


@login_required
@require_POST
def admin_handover(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    def hand_over(target):
        services.admin_handover(organisation=target.organisation, from_user=request.user, to_membership=target)

    return _member_action(
        request, slug, membership_id, hand_over, _("%(name)s is now admin, and you are an editor.")
    )


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    organisation = access.organisation_for_member(request.user, slug, role=Membership.Role.ADMIN)
    invitation = access.invitation_in(organisation, invitation_id)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email})
    return redirect("organisations:members", slug=organisation.slug)


@login_required
@require_POST
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    membership = access.member_access(request.user, slug)
    try:
        services.membership_leave(membership=membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(membership.organisation)
    messages.success(request, _("You have left %(name)s.") % {"name": membership.organisation})
    return redirect("accounts:min_side")


@login_required
def dissolve(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.organisation_for_member(request.user, slug, role=Membership.Role.ADMIN)
    if request.method == "POST":
        try:
            services.organisation_dissolve(organisation=organisation, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(organisation)
        messages.success(request, _("%(name)s has been dissolved.") % {"name": organisation})
        return redirect("accounts:min_side")
    return render(request, "organisations/dissolve.html", {"organisation": organisation})


# --- coordinators -------------------------------------------------------------------------------------


@coordinator_required
def coordinator_overview(request: HttpRequest) -> HttpResponse:
    context = {"awaiting_verification": selectors.organisations_to_verify(status="unverified").count()}
    return render(request, "organisations/coordinator_overview.html", context)


@coordinator_required
def municipal_units(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/municipal_units.html", {"units": selectors.municipal_units()})


@coordinator_required
def municipal_unit_create(request: HttpRequest) -> HttpResponse:
    form = MunicipalUnitForm(
        request.POST or None, instance=Organisation(kind=Organisation.Kind.MUNICIPAL_UNIT)
    )
    if request.method == "POST":
        if form.is_valid():
            manager_email = form.cleaned_data["manager_email"]
            try:
                unit = services.municipal_unit_create(
                    coordinator=request.user, data=form.cleaned_data, manager_email=manager_email
                )
            except ValidationError as error:
                _add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s has been created, and %(email)s has been invited as its admin.")
                    % {"name": unit, "email": manager_email},
                )
                return redirect("organisations:municipal_units")
        messages.error(request, _("The municipal unit was not created. Please correct the errors below."))
    return render(request, "organisations/municipal_unit_create.html", {"form": form})


VERIFICATION_FILTERS = {"unverified", "verified", "all"}


@coordinator_required
def verification_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "unverified")
    if status not in VERIFICATION_FILTERS:
        status = "unverified"
    organisations = selectors.organisations_to_verify(status=status)
    page = Paginator(organisations, VERIFICATION_PAGE_SIZE).get_page(request.GET.get("side"))
    context = {"page": page, "status": status, "query_prefix": _query_prefix(request)}
    return render(request, "organisations/verification.html", context)


@coordinator_required
@require_POST
def verify(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access.organisation_for_coordinator(slug)
    verified = request.POST.get("verified") == "1"
    try:
        services.organisation_verify(organisation=organisation, coordinator=request.user, verified=verified)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = _("%(name)s is now verified.") if verified else _("%(name)s is no longer verified.")
        messages.success(request, text % {"name": organisation})
    return redirect(_safe_next(request, "organisations:verification_list"))
