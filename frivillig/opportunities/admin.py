from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Opportunity


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    """For operations. Organisations and coordinators use the portal's own pages, which audit what they do."""

    list_display = ["title", "organisation", "status", "published_at", "application_deadline", "end_date"]
    list_filter = ["status", "time_commitment", "requires_child_certificate", "organisation__kind"]
    search_fields = ["title", "summary", "organisation__name"]
    list_select_related = ["organisation"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["categories", "target_groups", "policy_areas", "languages"]
    readonly_fields = ["published_at", "role_confirmed_by", "role_confirmed_at", "unpublished_by", "created_by",
                       "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["organisation", "status", "title", "summary", "description", "language"]}),
        (_("Vocabularies"), {"fields": ["categories", "target_groups", "policy_areas", "languages", "skills"]}),
        (_("Time"), {"fields": ["time_commitment", "hours_per_week", "start_date", "end_date", "application_deadline",
                             "volunteers_wanted"]}),
        (_("Place"), {"fields": ["is_online", "street_address", "postcode", "city", "area", "latitude", "longitude",
                              "wheelchair_accessible", "accessibility_note"]}),
        (_("Who"), {"fields": ["no_danish_required", "suits_youth", "suits_seniors", "suits_families", "suits_groups",
                            "minimum_age", "requires_child_certificate"]}),
        (_("Contact"), {"fields": ["contact_name", "contact_email", "contact_phone"]}),
        (_("Role card"), {"fields": ["role_volunteer_tasks", "role_staff_tasks", "role_staff_contact",
                                  "insurance_covered", "role_confirmed_by", "role_confirmed_at"]}),
        (_("Moderation"), {"fields": ["published_at", "unpublished_reason", "unpublished_by", "created_by",
                                   "created_at", "updated_at"]}),
    ]
