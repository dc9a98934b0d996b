from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from factcheck.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "roles",
        "is_staff",
        "is_active",
    )
    list_filter = ("groups", "is_staff", "is_superuser", "is_active")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="Roles")
    def roles(self, obj: User) -> str:
        names = [g.name for g in obj.groups.all()]
        if obj.is_superuser:
            names.insert(0, "Admin")
        return ", ".join(names) or "—"
