from django.core.management.base import BaseCommand

from taskbook.demo.load import load_demo


class Command(BaseCommand):
    help = "Loads the Shenzhen demo plan, its units and one user per role; safe to run again."

    def handle(self, *args, **options) -> None:
        summary = load_demo()
        self.stdout.write(self.style.SUCCESS(summary.headline))
        self.stdout.write("Sign in as (user name / password):")
        for username, password, role in summary.logins:
            self.stdout.write(f"  {username:<18} {password:<16} {role}")
