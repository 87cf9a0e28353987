# Outbound mail is claimed for a limited time, retried and marked sent only once the mail
# server accepted it; workers leave a heartbeat so the tasks of a dead one are run again.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0012_status_link_and_related_events'),
    ]

    operations = [
        migrations.CreateModel(
            name='WorkerHeartbeat',
            fields=[
                ('worker_id', models.CharField(max_length=64, primary_key=True, serialize=False, verbose_name='worker')),
                ('host', models.CharField(blank=True, max_length=255, verbose_name='host')),
                ('pid', models.PositiveIntegerField(blank=True, null=True, verbose_name='process id')),
                ('started_at', models.DateTimeField(verbose_name='started')),
                ('last_seen', models.DateTimeField(db_index=True, verbose_name='last seen')),
            ],
            options={
                'verbose_name': 'worker',
                'verbose_name_plural': 'workers',
            },
        ),
        migrations.AddField(
            model_name='message',
            name='delivered_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='accepted by the mail server'),
        ),
        migrations.AddField(
            model_name='message',
            name='delivery_attempts',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='delivery attempts'),
        ),
        migrations.AddField(
            model_name='message',
            name='delivery_claimed_until',
            field=models.DateTimeField(blank=True, null=True, verbose_name='being sent until'),
        ),
        migrations.AddField(
            model_name='message',
            name='delivery_due_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='next delivery attempt'),
        ),
        migrations.AlterField(
            model_name='message',
            name='delivery',
            field=models.CharField(blank=True, choices=[('', '—'), ('queued', 'Queued'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed')], default='', max_length=8, verbose_name='delivery'),
        ),
        migrations.AddIndex(
            model_name='message',
            index=models.Index(fields=['delivery', 'delivery_due_at'], name='message_delivery_due_idx'),
        ),
    ]
