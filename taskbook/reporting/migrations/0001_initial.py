"""The reporting models, moved here from the former `reports` app with their tables."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from taskbook.migrating import Moved, adopt_tables, forget_app



class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ('orgs', '0001_initial'),
        ('plans', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
        ('audit', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ProgressReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('draft', 'draft'), ('submitted', 'submitted'), ('returned', 'returned'), ('accepted', 'accepted')], default='draft', max_length=16, verbose_name='status')),
                        ('percent', models.DecimalField(decimal_places=1, default=0, max_digits=5, verbose_name='percent complete')),
                        ('narrative', models.TextField(blank=True, verbose_name='narrative')),
                        ('self_rating', models.CharField(blank=True, choices=[('red', 'red'), ('amber_red', 'amber-red'), ('amber_green', 'amber-green'), ('green', 'green')], max_length=16, verbose_name='self-assessment')),
                        ('self_rationale', models.TextField(blank=True, verbose_name='reason for the self-assessment')),
                        ('first_submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='first submitted')),
                        ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted')),
                        ('accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='accepted')),
                        ('times_returned', models.PositiveSmallIntegerField(default=0, verbose_name='times returned')),
                        ('review_comment', models.TextField(blank=True, verbose_name="coordinator's comment")),
                        ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                        ('task', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='plans.task', verbose_name='task')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reports', to='orgs.unit', verbose_name='reporting unit')),
                    ],
                    options={
                        'verbose_name': 'progress report',
                        'verbose_name_plural': 'progress reports',
                        'ordering': ['cycle', 'task__order'],
                    },
                ),
                migrations.CreateModel(
                    name='Evidence',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file', models.FileField(upload_to='reports/%Y/%m/', verbose_name='file')),
                        ('name', models.CharField(max_length=255, verbose_name='file name')),
                        ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded')),
                        ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evidence', to='reporting.progressreport', verbose_name='report')),
                    ],
                    options={
                        'verbose_name': 'evidence',
                        'verbose_name_plural': 'evidence',
                        'ordering': ['uploaded_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Amendment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('field', models.CharField(max_length=40, verbose_name='field')),
                        ('old_value', models.TextField(blank=True, verbose_name='old value')),
                        ('new_value', models.TextField(blank=True, verbose_name='new value')),
                        ('reason', models.TextField(verbose_name='reason')),
                        ('at', models.DateTimeField(auto_now_add=True, verbose_name='at')),
                        ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='amendments', to='reporting.progressreport', verbose_name='report')),
                    ],
                    options={
                        'verbose_name': 'amendment',
                        'verbose_name_plural': 'amendments',
                        'ordering': ['-at'],
                    },
                ),
                migrations.CreateModel(
                    name='ReportingCalendar',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('frequency', models.CharField(choices=[('monthly', 'monthly'), ('quarterly', 'quarterly')], default='quarterly', max_length=16, verbose_name='frequency')),
                        ('due_working_days', models.PositiveSmallIntegerField(default=10, verbose_name='report due (working days after the period)')),
                        ('contribution_working_days', models.PositiveSmallIntegerField(default=3, verbose_name='contributions due (working days before the report)')),
                        ('reminder_working_days', models.PositiveSmallIntegerField(default=3, verbose_name='first reminder (working days before a due date)')),
                        ('escalation_working_days', models.PositiveSmallIntegerField(default=3, verbose_name='escalate to the coordinator (working days overdue)')),
                        ('active', models.BooleanField(default=True, verbose_name='active')),
                        ('plan', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='reporting_calendar', to='plans.plan', verbose_name='plan')),
                    ],
                    options={
                        'verbose_name': 'reporting calendar',
                        'verbose_name_plural': 'reporting calendars',
                    },
                ),
                migrations.CreateModel(
                    name='ReportingCycle',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('label', models.CharField(max_length=20, verbose_name='period')),
                        ('period_start', models.DateField(verbose_name='period start')),
                        ('period_end', models.DateField(verbose_name='period end')),
                        ('opens_on', models.DateField(verbose_name='opens on')),
                        ('contributions_due_on', models.DateField(verbose_name='contributions due')),
                        ('due_on', models.DateField(verbose_name='reports due')),
                        ('status', models.CharField(choices=[('scheduled', 'scheduled'), ('open', 'open'), ('closed', 'closed')], default='scheduled', max_length=16, verbose_name='status')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cycles', to='plans.plan', verbose_name='plan')),
                    ],
                    options={
                        'verbose_name': 'reporting cycle',
                        'verbose_name_plural': 'reporting cycles',
                        'ordering': ['plan', 'period_start'],
                    },
                ),
                migrations.AddField(
                    model_name='progressreport',
                    name='cycle',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='reporting.reportingcycle', verbose_name='cycle'),
                ),
                migrations.CreateModel(
                    name='Assessment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('rating', models.CharField(choices=[('red', 'red'), ('amber_red', 'amber-red'), ('amber_green', 'amber-green'), ('green', 'green')], max_length=16, verbose_name='rating')),
                        ('rationale', models.TextField(verbose_name='rationale')),
                        ('assessed_at', models.DateTimeField(auto_now=True, verbose_name='assessed')),
                        ('assessed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='assessed by')),
                        ('task', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assessments', to='plans.task', verbose_name='task')),
                        ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assessments', to='reporting.reportingcycle', verbose_name='cycle')),
                    ],
                    options={
                        'verbose_name': 'assessment',
                        'verbose_name_plural': 'assessments',
                    },
                ),
                migrations.CreateModel(
                    name='ReportRevision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('draft', 'draft'), ('submitted', 'submitted'), ('returned', 'returned'), ('accepted', 'accepted')], max_length=16, verbose_name='status')),
                        ('comment', models.TextField(blank=True, verbose_name='comment')),
                        ('content', models.JSONField(verbose_name='content')),
                        ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                        ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='revisions', to='reporting.progressreport', verbose_name='report')),
                    ],
                    options={
                        'verbose_name': 'report revision',
                        'verbose_name_plural': 'report revisions',
                        'ordering': ['-at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Contribution',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('narrative', models.TextField(blank=True, verbose_name='narrative')),
                        ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='contributions', to='orgs.unit', verbose_name='unit')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contributions', to='reporting.progressreport', verbose_name='report')),
                    ],
                    options={
                        'verbose_name': 'contribution',
                        'verbose_name_plural': 'contributions',
                        'ordering': ['report', 'unit__name_en'],
                        'constraints': [models.UniqueConstraint(fields=('report', 'unit'), name='one_contribution_per_unit')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='reportingcycle',
                    constraint=models.UniqueConstraint(fields=('plan', 'period_start'), name='one_cycle_per_period'),
                ),
                migrations.AddConstraint(
                    model_name='progressreport',
                    constraint=models.UniqueConstraint(fields=('cycle', 'task'), name='one_report_per_task_and_cycle'),
                ),
                migrations.AddConstraint(
                    model_name='assessment',
                    constraint=models.UniqueConstraint(fields=('task', 'cycle'), name='one_assessment_per_task_and_cycle'),
                ),
            ],
        ),
        adopt_tables(
            'reporting',
            [
                Moved('reportingcalendar', 'reports'),
                Moved('reportingcycle', 'reports'),
                Moved('progressreport', 'reports'),
                Moved('contribution', 'reports'),
                Moved('reportrevision', 'reports'),
                Moved('amendment', 'reports'),
                Moved('evidence', 'reports'),
                Moved('assessment', 'reports'),
            ],
        ),
        forget_app('reports'),
    ]
