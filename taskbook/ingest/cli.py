"""`taskbook extract FILE --format json|text`.

`main(argv)` takes what follows `extract` and returns the exit status: 0, or 2 when the
file is missing, unreadable or not a plan (the reason goes to stderr).
"""

from __future__ import annotations

import argparse
import json
import sys

from .errors import IngestError
from .extract import extract_file
from .render import render_outline


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="taskbook extract", description="Extract a plan document (txt, md, docx, pdf, html) to a draft."
    )
    parser.add_argument("file", help="a .txt, .md, .docx, .pdf or .html plan document")
    parser.add_argument("--format", choices=("json", "text"), default="json")
    args = parser.parse_args(argv)
    try:
        plan = extract_file(args.file)
    except IngestError as exc:
        print(f"taskbook extract: error: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError:
        print(f"taskbook extract: error: no such file: {args.file}", file=sys.stderr)
        return 2
    except IsADirectoryError:
        print(f"taskbook extract: error: {args.file} is a directory, not a file", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"taskbook extract: error: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(plan.to_dict(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_outline(plan))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
