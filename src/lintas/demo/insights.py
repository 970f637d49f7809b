"""Demo data: build the dashboard summary once the demo rows exist.

Listed last in lintas.demo.loader.LOADERS, so the summary counts every other app's demo rows.
Idempotent: a refresh replaces the previous summary.
"""

from lintas.insights.domain.summary import refresh_summary


def load(log) -> dict:
    run = refresh_summary()
    log(f"insights summary: {run.rows} fact rows in {run.seconds:.1f} s")
    return {"insights summary rows": run.rows}
