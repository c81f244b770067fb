"""Target now lives in the targets app (targets 0001 took its table)."""

from django.db import migrations



class Migration(migrations.Migration):
    dependencies = [
        ('plans', '0002_target_moves_to_targets'),
        ('taskbooks', '0003_moves_to_timetables_and_targets'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='Target',
                ),
            ],
        ),
    ]
