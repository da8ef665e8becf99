from django.contrib import admin

from .models import SavedSearch


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    """For operations (a digest that went wrong). People keep their saved searches on Min side."""

    list_display = ["name", "user", "frequency", "language", "is_active", "last_sent_at", "next_due_at"]
    list_filter = ["frequency", "language", "is_active"]
    search_fields = ["name", "user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at", "last_sent_at", "token"]
