from django.contrib import admin

from .models import Invitation, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_verified", "is_volunteer_team", "dissolved_at", "created_at"]
    list_filter = ["kind", "is_verified", "is_volunteer_team", ("dissolved_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "slug", "cvr", "contact_email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["areas", "categories"]
    readonly_fields = ["verified_at", "verified_by", "terms_accepted_at", "terms_accepted_by", "created_at",
                       "updated_at"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__name", "organisation__name"]
    list_select_related = ["user", "organisation"]
    raw_id_fields = ["user"]
    autocomplete_fields = ["organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation"]
    readonly_fields = ["token", "invited_by", "accepted_at", "accepted_by", "created_at", "updated_at"]
    autocomplete_fields = ["organisation"]
