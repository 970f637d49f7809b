"""The ``lintas`` command.

Pure-algorithm subcommands (``schedule``, ``assign``, ``embed``, ``affinity``,
``bitext``, ``rank-eval``) run without Django so that other tools can call them on JSON files
quickly; everything else is handed to Django's ``manage.py`` machinery, which
also holds the project's own commands (``loaddemo``, ``reindex``, ``search``…).
"""

from __future__ import annotations

import importlib
import os
import sys

# subcommand -> "module:function"; each function takes argv (list[str]) and
# returns an exit code.
PURE_COMMANDS = {
    "schedule": "lintas.events.scheduling.cli:main",
    "assign": "lintas.programmes.assignment.cli:main",
    "embed": "lintas.matching.cli:embed_main",
    "affinity": "lintas.matching.cli:affinity_main",
    "bitext": "lintas.matching.cli:bitext_main",
    "rank-eval": "lintas.matching.cli:rank_eval_main",
}


def _run_pure(spec: str, argv: list[str]) -> int:
    module_name, func_name = spec.split(":")
    func = getattr(importlib.import_module(module_name), func_name)
    return int(func(argv) or 0)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in PURE_COMMANDS:
        return _run_pure(PURE_COMMANDS[argv[0]], argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lintas.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lintas", *argv])
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
