from django.contrib import admin

from brandwache.sla.models import BusinessCalendar, ClosedDay


class ClosedDayInline(admin.TabularInline):
    model = ClosedDay
    extra = 1


@admin.register(BusinessCalendar)
class BusinessCalendarAdmin(admin.ModelAdmin):
    list_display = ["name", "time_zone", "country", "subdivision", "is_default"]
    list_filter = ["country"]
    search_fields = ["name"]
    inlines = [ClosedDayInline]
