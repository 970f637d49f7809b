"""Run every benchmark in turn; each prints its own figures beside a baseline from the same run.

``python benchmarks/run_all.py`` runs the full set (long: an hour or more on 2 cores);
``python benchmarks/run_all.py --quick`` uses smaller sizes where a benchmark offers them.
"""

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
# (script, arguments for a full run, arguments for a quick run)
BENCHMARKS = [
    ("bench_scheduler.py", [], ["--quick"]),
    ("bench_assignment.py", [], ["--sizes", "small,medium"]),
    ("bench_search.py", [], ["--quick"]),
    ("bench_encoder.py", [], ["--reps", "1", "--short", "32", "--long", "4"]),
    ("bench_tatoeba.py", [], ["--langs", "ind,tha"]),
    ("bench_affinity.py", [], []),
    ("bench_affinity_papers.py", [], []),
    ("bench_retrieval.py", ["--cli"], ["--no-lexical", "--no-split", "--queries", "100"]),
    ("bench_matches.py", [], []),
    ("bench_search_floor.py", [], []),
    ("bench_dashboard.py", [], []),
    ("bench_accounts.py", [], ["--rounds", "5"]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", help="comma-separated script names")
    args = parser.parse_args()
    failed = []
    for script, full, quick in BENCHMARKS:
        if args.only and script not in args.only.split(","):
            continue
        print(f"\n===== {script} =====", flush=True)
        code = subprocess.call(
            [sys.executable, str(HERE / script), *(quick if args.quick else full)]
        )
        if code:
            failed.append(script)
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
