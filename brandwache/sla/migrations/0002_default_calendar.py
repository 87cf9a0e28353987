from django.db import migrations

OFFICE_HOURS = {key: [["08:00", "17:00"]] for key in ("mon", "tue", "wed", "thu", "fri")}


def create_default_calendar(apps, schema_editor):
    BusinessCalendar = apps.get_model("sla", "BusinessCalendar")
    if not BusinessCalendar.objects.filter(is_default=True).exists():
        BusinessCalendar.objects.create(
            name="Standard",
            time_zone="Europe/Zurich",
            country="CH",
            subdivision="ZH",
            working_hours=OFFICE_HOURS,
            is_default=True,
        )


class Migration(migrations.Migration):
    dependencies = [("sla", "0001_initial")]

    operations = [migrations.RunPython(create_default_calendar, migrations.RunPython.noop)]
