from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from taskbook.errors import ActionError
from taskbook.ingest import IngestError, extract_bytes
from taskbook.orgs.actors import SYSTEM
from taskbook.plans.actions import import_plan, publish_plan


class Command(BaseCommand):
    help = "Imports a plan document, or updates the plan it revises, and prints what changed."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="show what would change, save nothing")
        parser.add_argument("--publish", action="store_true", help="publish the plan after importing it")

    def handle(self, *args, file: Path, dry_run: bool, publish: bool, **options) -> None:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}", returncode=2) from exc
        try:
            draft = extract_bytes(data, file.name)
            result = import_plan(SYSTEM, draft, source_name=file.name, source_bytes=data, dry_run=dry_run)
            if publish and not dry_run and result.plan.status == "draft":
                publish_plan(SYSTEM, result.plan)
        except (IngestError, ActionError) as exc:
            raise CommandError(str(exc), returncode=2) from exc
        verb = "would be" if dry_run else "was"
        if result.created:
            self.stdout.write(f"Plan “{result.plan.title}” {verb} created with {len(draft.tasks)} tasks.")
        elif not result.changes:
            self.stdout.write(f"Plan “{result.plan.title}” already matches {file.name}; nothing changed.")
        else:
            self.stdout.write(f"Plan “{result.plan.title}” {verb} updated:")
            for change in result.changes:
                self.stdout.write(f"  - {change}")
