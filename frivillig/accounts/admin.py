from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import User, VolunteerProfile
from .services import profile_ensure


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)

    def clean_email(self) -> str:
        """Stored in lower case, like every other way of creating a user (sign-in compares lower case)."""
        return User.objects.normalize_email(self.cleaned_data["email"]).lower()


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class VolunteerProfileInline(admin.StackedInline):
    model = VolunteerProfile
    can_delete = False
    filter_horizontal = ("interests", "areas")
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Users sign in with their e-mail address; there is no username."""

    form = UserEditForm
    add_form = UserCreationForm
    ordering = ("email",)
    list_display = ("email", "name", "is_active", "is_staff", "last_login", "date_joined")
    list_filter = ("is_active", "is_staff", "is_superuser")
    search_fields = ("email", "name")
    readonly_fields = ("last_login", "date_joined")
    inlines = [VolunteerProfileInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("name",)}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "usable_password", "password1", "password2")}),)

    def get_inlines(self, request, obj):
        # The profile is created together with the user, so it is edited on the change page only.
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            profile_ensure(user=obj)


@admin.register(VolunteerProfile)
class VolunteerProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "preferred_language", "birth_year", "updated_at")
    list_filter = ("preferred_language", "available_weekdays", "available_weekends")
    search_fields = ("user__email", "user__name", "phone")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    filter_horizontal = ("interests", "areas")
    readonly_fields = ("updated_at",)
