from django.contrib import admin

from .models import Release


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ("name", "version", "created", "imported_at", "is_current")
    readonly_fields = ("name", "version", "created", "imported_at", "sha256", "metadata", "output_check")
