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


# Long-running processes that answer many requests at once on few cores. numpy's OpenBLAS
# otherwise starts a thread per core for every matrix product, and on a busy 2-core machine those
# threads wait for each other: a 5,000 x 384 product took 36 ms at the median with two threads and
# 0.9 ms with one (load average 12). Concurrency comes from the processes. An operator's own
# OPENBLAS_NUM_THREADS is kept.
ONE_BLAS_THREAD = ("serve", "worker")


def limit_blas_threads(argv: list[str], environ=os.environ) -> None:
    """One OpenBLAS thread per process for ``lintas serve`` and ``lintas worker``; must run
    before numpy is first imported (OpenBLAS reads the variable when it loads)."""
    if argv and argv[0] in ONE_BLAS_THREAD:
        environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _run_pure(spec: str, argv: list[str]) -> int:
    module_name, func_name = spec.split(":")
    func = getattr(importlib.import_module(module_name), func_name)
    return int(func(argv) or 0)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in PURE_COMMANDS:
        return _run_pure(PURE_COMMANDS[argv[0]], argv[1:])
    limit_blas_threads(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lintas.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lintas", *argv])
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
