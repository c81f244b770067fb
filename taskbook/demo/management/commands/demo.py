from django.core.management.base import BaseCommand

from taskbook.demo.load import load_demo


class Command(BaseCommand):
    help = (
        "Loads the demo: the Shenzhen plan carried to its end, the Taicang plan running live around "
        "today, their units and the demo users; safe to run again."
    )

    def handle(self, *args, **options) -> None:
        summary = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo ready:"))
        for line in summary.lines:
            self.stdout.write(f"  {line}")
        self.stdout.write("Sign in as (user name / password):")
        for username, password, role in summary.logins:
            self.stdout.write(f"  {username:<18} {password:<16} {role}")
