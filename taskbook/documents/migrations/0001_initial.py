"""Generated documents, moved here from the former `reports` app."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from taskbook.migrating import Moved, adopt_tables



class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ('plans', '0001_initial'),
        ('reporting', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
        ('audit', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='GeneratedDocument',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('format', models.CharField(choices=[('pdf', 'PDF'), ('docx', 'Word'), ('xlsx', 'Excel')], max_length=8, verbose_name='format')),
                        ('language', models.CharField(default='en', max_length=8, verbose_name='language')),
                        ('status', models.CharField(choices=[('queued', 'queued'), ('running', 'being generated'), ('done', 'ready'), ('failed', 'failed')], default='queued', max_length=16, verbose_name='status')),
                        ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='progress')),
                        ('file', models.FileField(blank=True, upload_to='documents/', verbose_name='file')),
                        ('error', models.TextField(blank=True, verbose_name='error')),
                        ('requested_at', models.DateTimeField(auto_now_add=True, verbose_name='requested')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                    ],
                    options={
                        'verbose_name': 'generated document',
                        'verbose_name_plural': 'generated documents',
                        'ordering': ['-requested_at'],
                    },
                ),
                migrations.AddField(
                    model_name='generateddocument',
                    name='cycle',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='reporting.reportingcycle', verbose_name='cycle'),
                ),
                migrations.AddField(
                    model_name='generateddocument',
                    name='plan',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='plans.plan', verbose_name='plan'),
                ),
                migrations.AddField(
                    model_name='generateddocument',
                    name='requested_by',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by'),
                ),
            ],
        ),
        adopt_tables(
            'documents',
            [
                Moved('generateddocument', 'reports'),
            ],
        ),
    ]
