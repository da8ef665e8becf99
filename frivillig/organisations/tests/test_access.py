"""access.py: every branch of the one place that decides who reaches an organisation."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from frivillig.organisations import access
from frivillig.organisations.models import Organisation

A = "besoegsvennerne-frederiksberg"


def test_member_with_enough_role_gets_the_organisation(cast):
    assert access.organisation_for_member(cast["erik"], A) == cast["A"]
    assert access.organisation_for_member(cast["bo"], A, role="admin") == cast["A"]


def test_visitor_outsider_and_unknown_slug_get_404(cast):
    for user, slug in [(AnonymousUser(), A), (cast["ane"], A), (cast["carl"], A), (cast["bo"], "findes-ikke")]:
        with pytest.raises(Http404):
            access.organisation_for_member(user, slug)


def test_dissolved_organisation_is_404_also_for_its_admin(cast):
    Organisation.objects.filter(pk=cast["A"].pk).update(dissolved_at=timezone.now())
    with pytest.raises(Http404):
        access.organisation_for_member(cast["bo"], A, role="admin")


def test_editor_asking_for_admin_gets_403(cast):
    with pytest.raises(PermissionDenied):
        access.organisation_for_member(cast["erik"], A, role="admin")


def test_unknown_role_is_a_programming_error(cast):
    with pytest.raises(ValueError):
        access.organisation_for_member(cast["bo"], A, role="owner")


def test_membership_for(cast):
    assert access.membership_for(cast["bo"], cast["A"]).is_admin
    assert access.membership_for(cast["ane"], cast["A"]) is None
    assert access.membership_for(AnonymousUser(), cast["A"]) is None


def test_memberships_and_invitations_only_within_the_organisation(cast):
    carl = cast["B"].memberships.get()
    with pytest.raises(Http404):
        access.membership_in(cast["A"], carl.pk)
    assert access.membership_in(cast["B"], carl.pk) == carl
    invitation = cast["B"].invitations.create(email="x@example.org")
    with pytest.raises(Http404):
        access.invitation_in(cast["A"], invitation.pk)


@pytest.mark.parametrize(
    ("who", "name", "status"),
    [
        ("ane", "organisations:edit", 404),
        ("carl", "organisations:edit", 404),
        ("erik", "organisations:edit", 200),
        ("erik", "organisations:members", 403),
        ("erik", "organisations:dissolve", 403),
        ("bo", "organisations:members", 200),
        ("bo", "organisations:dissolve", 200),
    ],
)
def test_pages_refuse_outsiders_with_404_and_editors_on_admin_pages_with_403(client_for, cast, who, name, status):
    assert client_for(who).get(reverse(name, args=[A])).status_code == status


def test_visitors_are_sent_to_sign_in(client, cast):
    response = client.get(reverse("organisations:edit", args=[A]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
