from django.contrib import admin

from brandwache.contacts.models import Contact, Identity


class IdentityInline(admin.TabularInline):
    model = Identity
    extra = 0


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["__str__", "group", "created_at", "merged_into"]
    list_filter = ["group"]
    search_fields = ["display_name", "identities__value"]
    inlines = [IdentityInline]
