"""Calendar feeds, moved here from `taskbooks` with their table."""

import django.db.models.deletion
import taskbook.timetables.models
from django.conf import settings
from django.db import migrations, models

from taskbook.migrating import Moved, adopt_tables



class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ('orgs', '0001_initial'),
        ('taskbooks', '0002_measure_progress'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
        ('audit', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CalendarFeed',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('token', models.CharField(default=taskbook.timetables.models.new_feed_token, max_length=64, unique=True, verbose_name='token')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                        ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='calendar_feeds', to='orgs.unit', verbose_name='unit')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='calendar_feeds', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ],
                    options={
                        'verbose_name': 'calendar feed',
                        'verbose_name_plural': 'calendar feeds',
                        'constraints': [models.CheckConstraint(condition=models.Q(('unit__isnull', True), ('user__isnull', True), _connector='XOR'), name='feed_is_for_a_unit_or_a_user')],
                    },
                ),
            ],
        ),
        adopt_tables(
            'timetables',
            [
                Moved('calendarfeed', 'taskbooks'),
            ],
        ),
    ]
