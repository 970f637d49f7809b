"""Demo data: build the dashboard summary once the demo rows exist.

Registered last in lintas.demo.loader.EXTRA_LOADERS (by InsightsConfig.ready). Idempotent: a
refresh replaces the previous summary.
"""

from lintas.insights.domain.summary import refresh_summary


def load(log) -> dict:
    run = refresh_summary()
    log(f"insights summary: {run.rows} fact rows in {run.seconds:.1f} s")
    return {"insights summary rows": run.rows}
