from django.db import migrations

# Business minutes on the default calendar (Mon–Fri 08:00–17:00, nine hours a day).
HOUR = 60
DAY = 9 * HOUR

POLICIES = [
    {
        "name": "Dringend",
        "order": 10,
        "priorities": ["urgent"],
        "first_response_minutes": 1 * HOUR,
        "next_update_minutes": 4 * HOUR,
        "resolution_minutes": 2 * DAY,
        "escalation": [{"who": "deputy", "after": 0}, {"who": "team_lead", "after": 30}],
    },
    {
        "name": "Standard",
        "order": 100,
        "priorities": [],
        "first_response_minutes": 5 * HOUR,
        "next_update_minutes": 1 * DAY,
        "resolution_minutes": 5 * DAY,
        "escalation": [{"who": "deputy", "after": 0}, {"who": "team_lead", "after": 2 * HOUR}],
    },
]


def create_default_policies(apps, schema_editor):
    SlaPolicy = apps.get_model("sla", "SlaPolicy")
    if SlaPolicy.objects.exists():
        return
    for policy in POLICIES:
        SlaPolicy.objects.create(reminder_percent=80, **policy)


class Migration(migrations.Migration):
    dependencies = [("sla", "0003_policies_and_clocks")]

    operations = [migrations.RunPython(create_default_policies, migrations.RunPython.noop)]
