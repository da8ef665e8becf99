"""Running an organisation through the pages, as its people would."""

import io
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from frivillig.accounts.models import User
from frivillig.core.models import Area, AuditLog
from frivillig.organisations.models import Invitation, Membership, Organisation

from .utils import form_data

A = "besoegsvennerne-frederiksberg"
CREATE = reverse("organisations:create")


def url(name, *args):
    return reverse(f"organisations:{name}", args=args)


def png(size=(40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- create ---------------------------------------------------------------------------------------------


def test_create_page_shows_the_terms(client_for, cast):
    html = client_for("ane").get(CREATE).content.decode()
    assert html.count("<h1") == 1
    assert "data controller for the volunteers' data" in html
    assert "Never ask for CPR numbers" in html
    assert 'name="accept_terms"' in html
    assert 'value="municipal_unit"' not in html


def test_create_makes_the_creator_admin(client_for, cast, media):
    client = client_for("ane")
    area = Area.objects.get(slug="syd")
    response = client.post(CREATE, {**form_data(areas=[area.pk]), "logo": png()})
    organisation = Organisation.objects.get(name="Grønne Hænder på Frederiksberg")
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.memberships.get(user=cast["ane"]).role == "admin"
    assert organisation.terms_accepted_by == cast["ane"]
    assert list(organisation.areas.all()) == [area]
    assert organisation.logo.name.startswith("organisations/logos/")
    assert "Edit the profile" in client.get(organisation.get_absolute_url()).content.decode()


def test_create_requires_the_terms(client_for, cast):
    response = client_for("ane").post(CREATE, form_data(accept_terms=None))
    assert response.status_code == 200
    assert "You must accept the terms" in response.content.decode()
    assert not Organisation.objects.filter(name="Grønne Hænder på Frederiksberg").exists()


@pytest.mark.parametrize(
    ("kind", "cvr", "error"),
    [
        ("association", "", "An association needs its CVR number"),
        ("association", "35215712", "modulus-11 check"),
        ("informal_group", "1234", "modulus-11 check"),
        ("municipal_unit", "", "Select a valid choice"),
    ],
)
def test_create_checks_cvr_and_kind(client_for, cast, kind, cvr, error):
    response = client_for("ane").post(CREATE, form_data(kind=kind, cvr=cvr))
    assert response.status_code == 200
    assert error in response.content.decode()
    if kind != "municipal_unit":
        assert 'aria-invalid="true"' in response.content.decode()


def test_informal_group_without_cvr_and_cvr_with_spaces(client_for, cast):
    client = client_for("ane")
    assert client.post(CREATE, form_data(kind="informal_group", cvr="")).status_code == 302
    assert client.post(CREATE, form_data(name="Anden forening", cvr="2940 3473")).status_code == 302
    assert Organisation.objects.get(name="Anden forening").cvr == "29403473"


def test_bad_postcode_and_logo_are_form_errors(client_for, cast):
    bad_logo = SimpleUploadedFile("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/png")
    response = client_for("ane").post(CREATE, {**form_data(postcode="20000"), "logo": bad_logo})
    html = response.content.decode()
    assert response.status_code == 200
    assert "A Danish postcode is 4 digits" in html
    assert "Only PNG, JPEG and WebP images can be uploaded" in html


def test_logo_must_be_png_jpeg_or_webp_and_at_most_1_mb(client_for, cast):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")
    gif = SimpleUploadedFile("logo.gif", buffer.getvalue(), content_type="image/gif")
    html = client_for("ane").post(CREATE, {**form_data(), "logo": gif}).content.decode()
    assert "Only PNG, JPEG and WebP images can be uploaded" in html
    big = SimpleUploadedFile("logo.png", png().read() + b"0" * (1024 * 1024), content_type="image/png")
    html = client_for("ane").post(CREATE, {**form_data(), "logo": big}).content.decode()
    assert "The file is too big" in html


def test_create_requires_sign_in(client, cast):
    assert client.get(CREATE)["Location"].startswith(reverse("account_login"))


# --- edit -----------------------------------------------------------------------------------------------


def test_editor_edits_the_profile(client_for, cast):
    client = client_for("erik")
    data = form_data(name="Besøgsvennerne på Frederiksberg", cvr="35215719", description="Nyt indhold")
    del data["accept_terms"]
    response = client.post(url("edit", A), data)
    assert response.status_code == 302
    cast["A"].refresh_from_db()
    assert cast["A"].name == "Besøgsvennerne på Frederiksberg"
    assert cast["A"].slug == A
    assert AuditLog.objects.filter(action="organisation.update", actor=cast["erik"]).exists()


def test_unit_admin_edits_without_a_kind_field(client_for, cast):
    client = client_for("gitte")
    slug = cast["U"].slug
    assert 'name="kind"' not in client.get(url("edit", slug)).content.decode()
    data = form_data(name="Plejecenter Akaciegården", cvr="")
    del data["accept_terms"], data["kind"]
    assert client.post(url("edit", slug), data).status_code == 302
    cast["U"].refresh_from_db()
    assert cast["U"].kind == "municipal_unit"


# --- members and invitations ----------------------------------------------------------------------------


def test_admin_invites_a_member_by_email(client_for, cast, immediate_tasks, mailoutbox,
                                         django_capture_on_commit_callbacks):
    client = client_for("bo")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("members", A), {"email": "ny@example.org", "role": "editor"}, follow=True)
    assert "An invitation has been sent to ny@example.org." in messages_of(response)
    invitation = Invitation.objects.get(email="ny@example.org")
    assert mailoutbox[0].to == ["ny@example.org"]
    assert f"http://testserver{invitation.get_absolute_url()}" in mailoutbox[0].body or (
        invitation.get_absolute_url() in mailoutbox[0].body
    )
    html = response.content.decode()
    assert "ny@example.org" in html and "Withdraw" in html


def test_inviting_a_member_again_is_a_form_error(client_for, cast):
    response = client_for("bo").post(url("members", A), {"email": "erik@example.org", "role": "editor"})
    assert response.status_code == 200
    assert "is already a member" in response.content.decode()


def test_members_page_lists_members_with_roles(client_for, cast):
    html = client_for("bo").get(url("members", A)).content.decode()
    assert "Erik Lund" in html and "Bo Kristensen" in html
    assert "Hand over the admin role" in html
    assert '<th scope="col">Role</th>' in html


def test_admin_changes_role_removes_and_hands_over(client_for, cast):
    client = client_for("bo")
    erik = Membership.objects.get(user=cast["erik"], organisation=cast["A"])
    bo = Membership.objects.get(user=cast["bo"], organisation=cast["A"])
    response = client.post(url("member_role", A, bo.pk), {"role": "editor"}, follow=True)
    assert any("only admin" in message for message in messages_of(response))
    client.post(url("admin_handover", A, erik.pk))
    bo.refresh_from_db()
    erik.refresh_from_db()
    assert (bo.role, erik.role) == ("editor", "admin")
    assert client.get(url("members", A)).status_code == 403  # bo is an editor now

    client = client_for("erik")
    client.post(url("member_remove", A, bo.pk))
    assert not Membership.objects.filter(pk=bo.pk).exists()


def test_admin_cannot_act_on_another_organisations_member(client_for, cast):
    carl = Membership.objects.get(user=cast["carl"])
    assert client_for("bo").post(url("member_remove", A, carl.pk)).status_code == 404
    assert Membership.objects.filter(pk=carl.pk).exists()


def test_member_actions_are_post_only(client_for, cast):
    erik = Membership.objects.get(user=cast["erik"], organisation=cast["A"])
    assert client_for("bo").get(url("member_remove", A, erik.pk)).status_code == 405


def test_admin_withdraws_an_invitation(client_for, cast):
    invitation = cast["A"].invitations.create(email="ny@example.org", invited_by=cast["bo"])
    client_for("bo").post(url("invitation_revoke", A, invitation.pk))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


# --- accepting an invitation ----------------------------------------------------------------------------


@pytest.fixture
def invitation(cast):
    return cast["A"].invitations.create(email="ane@example.org", role="editor", invited_by=cast["bo"])


def test_signed_out_invitee_is_offered_sign_in_and_sign_up(client, invitation):
    html = client.get(invitation.get_absolute_url()).content.decode()
    path = invitation.get_absolute_url()
    assert "You are invited to become an editor of Besøgsvennerne Frederiksberg." in html
    assert f'href="{reverse("account_login")}?next={path}"' in html
    assert f'href="{reverse("account_signup")}?next={path}"' in html


def test_invitee_accepts(client_for, cast, invitation):
    client = client_for("ane")
    assert "Accept the invitation" in client.get(invitation.get_absolute_url()).content.decode()
    response = client.post(invitation.get_absolute_url())
    assert response["Location"] == cast["A"].get_absolute_url()
    assert cast["A"].memberships.get(user=cast["ane"]).role == "editor"


def test_wrong_address_gets_a_clear_message(client_for, cast, invitation):
    client = client_for("carl")
    html = client.get(invitation.get_absolute_url()).content.decode()
    assert "sent to ane@example.org, but you are signed in as carl@example.org" in html
    assert "Accept the invitation" not in html
    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 200
    assert "sent to ane@example.org" in response.content.decode()
    assert not cast["A"].memberships.filter(user=cast["carl"]).exists()


def test_expired_invitation_gets_a_clear_message(client, client_for, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    assert "This invitation has expired" in client.get(invitation.get_absolute_url()).content.decode()
    response = client_for("ane").post(invitation.get_absolute_url())
    assert "This invitation has expired" in response.content.decode()


def test_signed_out_post_goes_to_sign_in(client, invitation):
    response = client.post(invitation.get_absolute_url())
    assert response["Location"].startswith(reverse("account_login"))


def test_unknown_invitation_is_404(client, db):
    assert client.get(url("invitation", "no-such-token")).status_code == 404


def test_new_user_with_verified_address_accepts(client, cast, invitation):
    user = User.objects.create_user(email="new@example.org")
    EmailAddress.objects.create(user=user, email="NEW@example.org", verified=True, primary=True)
    other = cast["A"].invitations.create(email="new@example.org", role="admin")
    client.force_login(user)
    client.post(other.get_absolute_url())
    assert cast["A"].memberships.get(user=user).role == "admin"


# --- leave and dissolve ---------------------------------------------------------------------------------


def test_editor_leaves(client_for, cast):
    response = client_for("erik").post(url("leave", A))
    assert response["Location"] == reverse("accounts:min_side")
    assert not cast["A"].memberships.filter(user=cast["erik"]).exists()


def test_last_admin_cannot_leave(client_for, cast):
    response = client_for("bo").post(url("leave", A), follow=True)
    assert any("only admin" in message for message in messages_of(response))
    assert cast["A"].memberships.filter(user=cast["bo"]).exists()


def test_outsider_cannot_leave(client_for, cast):
    assert client_for("ane").post(url("leave", A)).status_code == 404


def test_dissolve_asks_first_then_dissolves(client_for, client, cast):
    admin = client_for("bo")
    html = admin.get(url("dissolve", A)).content.decode()
    assert "This cannot be undone" in html
    assert not Organisation.objects.get(pk=cast["A"].pk).is_dissolved
    admin.post(url("dissolve", A))
    assert Organisation.objects.get(pk=cast["A"].pk).is_dissolved
    assert AuditLog.objects.filter(action="organisation.dissolve", actor=cast["bo"]).exists()
    client.logout()
    assert client.get(cast["A"].get_absolute_url()).status_code == 404
    assert "Besøgsvennerne" not in client.get(url("directory")).content.decode()


def test_the_volunteer_team_cannot_be_dissolved(client_for, cast):
    client = client_for("dorte")
    html = client.get(url("dissolve", "frivillighedsteamet")).content.decode()
    assert "cannot be dissolved" in html
    client.post(url("dissolve", "frivillighedsteamet"))
    assert not Organisation.objects.get(is_volunteer_team=True).is_dissolved
