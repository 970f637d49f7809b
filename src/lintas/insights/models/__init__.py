from lintas.insights.models.summary import KpiFact, SummaryRun

__all__ = ["KpiFact", "SummaryRun"]
