from django.db import migrations

from brandwache.cases.repairs import put_subjects_on_one_line


class Migration(migrations.Migration):
    """Subjects stored with a line break made every reply on their case fail; one line now."""

    dependencies = [("cases", "0013_delivery_leases")]

    operations = [migrations.RunPython(put_subjects_on_one_line, migrations.RunPython.noop)]
