"""CalendarFeed moves to timetables and a change request's target to targets.Target: tables and
foreign keys stay as the renames in those apps left them."""

import django.db.models.deletion
from django.db import migrations, models



class Migration(migrations.Migration):
    dependencies = [
        ('targets', '0001_initial'),
        ('taskbooks', '0002_measure_progress'),
        ('timetables', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveConstraint(
                    model_name='calendarfeed',
                    name='feed_is_for_a_unit_or_a_user',
                ),
                migrations.AlterField(
                    model_name='changerequest',
                    name='target',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='change_requests', to='targets.target', verbose_name='target'),
                ),
                migrations.DeleteModel(
                    name='CalendarFeed',
                ),
            ],
        ),
    ]
