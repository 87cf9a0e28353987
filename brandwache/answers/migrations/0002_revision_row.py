from django.db import migrations


def create_revision(apps, schema_editor):
    Revision = apps.get_model("answers", "Revision")
    Revision.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("answers", "0001_initial")]

    operations = [migrations.RunPython(create_revision, migrations.RunPython.noop)]
