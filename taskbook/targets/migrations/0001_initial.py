"""Targets, moved here from `plans`, and their trajectories and values, from `reports`."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from taskbook.migrating import Moved, adopt_tables



class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ('plans', '0002_target_moves_to_targets'),
        ('reporting', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
        ('audit', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Target',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.TextField(verbose_name='text as printed')),
                        ('metric', models.CharField(blank=True, max_length=300, verbose_name='metric')),
                        ('comparator', models.CharField(choices=[('>=', 'at least'), ('<=', 'at most'), ('=', 'equal to')], max_length=2, verbose_name='comparator')),
                        ('value', models.DecimalField(decimal_places=4, max_digits=18, verbose_name='value')),
                        ('unit_of_measure', models.CharField(blank=True, max_length=40, verbose_name='unit of measure')),
                        ('year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='year')),
                        ('baseline', models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True, verbose_name='baseline')),
                        ('baseline_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='baseline year')),
                        ('order', models.PositiveIntegerField(default=0, verbose_name='order')),
                        ('task', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='targets', to='plans.task', verbose_name='task')),
                    ],
                    options={
                        'verbose_name': 'target',
                        'verbose_name_plural': 'targets',
                        'ordering': ['task', 'order'],
                    },
                ),
                migrations.CreateModel(
                    name='IndicatorValue',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('date', models.DateField(verbose_name='as of')),
                        ('value', models.DecimalField(decimal_places=4, max_digits=18, verbose_name='value')),
                        ('source', models.CharField(max_length=300, verbose_name='source')),
                        ('provisional', models.BooleanField(default=False, verbose_name='provisional')),
                        ('revised', models.BooleanField(default=False, verbose_name='revised')),
                        ('recorded_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded')),
                        ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                        ('report', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='indicator_values', to='reporting.progressreport', verbose_name='report')),
                        ('target', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actuals', to='targets.target', verbose_name='target')),
                    ],
                    options={
                        'verbose_name': 'indicator value',
                        'verbose_name_plural': 'indicator values',
                        'ordering': ['target', 'date', 'recorded_at'],
                    },
                ),
                migrations.CreateModel(
                    name='TrajectoryPoint',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('date', models.DateField(verbose_name='date')),
                        ('value', models.DecimalField(decimal_places=4, max_digits=18, verbose_name='planned value')),
                        ('target', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='trajectory', to='targets.target', verbose_name='target')),
                    ],
                    options={
                        'verbose_name': 'trajectory point',
                        'verbose_name_plural': 'trajectory points',
                        'ordering': ['target', 'date'],
                        'constraints': [models.UniqueConstraint(fields=('target', 'date'), name='one_planned_value_per_date')],
                    },
                ),
            ],
        ),
        adopt_tables(
            'targets',
            [
                Moved('target', 'plans'),
                Moved('trajectorypoint', 'reports'),
                Moved('indicatorvalue', 'reports'),
            ],
        ),
    ]
