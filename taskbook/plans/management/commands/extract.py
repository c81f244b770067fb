import sys

from django.core.management.base import BaseCommand

from taskbook.ingest.cli import main as extract_main


class Command(BaseCommand):
    help = "Prints what a plan document holds (sections, tasks, units, targets); needs no database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("args", nargs="*", help="FILE [--format json|text]")

    def run_from_argv(self, argv: list[str]) -> None:
        # The ingest CLI owns the arguments; `taskbook extract` normally reaches it without Django.
        sys.exit(extract_main(argv[2:]))
