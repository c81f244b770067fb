"""The `taskbook` console script: the project's manage.py.

`taskbook extract` is answered without setting up Django, so it needs no database
and no settings; every other command is a Django management command.
"""

import os
import sys


def main() -> None:
    argv = sys.argv
    if len(argv) > 1 and argv[1] == "extract":
        from taskbook.ingest.cli import main as extract_main

        sys.exit(extract_main(argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taskbook.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
