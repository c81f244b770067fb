"""Target moves to the targets app: its table is renamed there, not dropped here."""

from django.db import migrations



class Migration(migrations.Migration):
    dependencies = [
        ('plans', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='target',
                    name='task',
                ),
            ],
        ),
    ]
