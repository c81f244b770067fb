"""Webhooks and the notification log, moved here from the former `reports` app."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from taskbook.migrating import Moved, adopt_tables



class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ('orgs', '0001_initial'),
        ('reporting', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
        ('audit', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Webhook',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                        ('kind', models.CharField(choices=[('wecom', 'WeCom robot'), ('dingtalk', 'DingTalk robot'), ('generic', 'generic JSON')], default='generic', max_length=16, verbose_name='kind')),
                        ('url', models.URLField(max_length=500, verbose_name='address')),
                        ('active', models.BooleanField(default=True, verbose_name='active')),
                    ],
                    options={
                        'verbose_name': 'webhook',
                        'verbose_name_plural': 'webhooks',
                    },
                ),
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=200, unique=True, verbose_name='key')),
                        ('channel', models.CharField(choices=[('email', 'e-mail'), ('webhook', 'webhook')], max_length=16, verbose_name='channel')),
                        ('kind', models.CharField(max_length=40, verbose_name='kind')),
                        ('address', models.CharField(blank=True, max_length=300, verbose_name='sent to')),
                        ('subject', models.CharField(max_length=300, verbose_name='subject')),
                        ('body', models.TextField(verbose_name='text')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent')),
                        ('error', models.TextField(blank=True, verbose_name='error')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('recipient', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='recipient')),
                    ],
                    options={
                        'verbose_name': 'notification',
                        'verbose_name_plural': 'notifications',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.AddField(
                    model_name='notification',
                    name='report',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='notifications', to='reporting.progressreport', verbose_name='report'),
                ),
                migrations.AddField(
                    model_name='webhook',
                    name='unit',
                    field=models.ForeignKey(blank=True, help_text="empty: the coordinator's group", null=True, on_delete=django.db.models.deletion.CASCADE, related_name='webhooks', to='orgs.unit', verbose_name='unit'),
                ),
                migrations.AddField(
                    model_name='notification',
                    name='webhook',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='notifications', to='notifications.webhook', verbose_name='webhook'),
                ),
            ],
        ),
        adopt_tables(
            'notifications',
            [
                Moved('webhook', 'reports'),
                Moved('notification', 'reports'),
            ],
        ),
    ]
