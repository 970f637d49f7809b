from lintas.insights.models.summary import FunnelDuration, KpiFact, ProfileFunnel, SummaryRun

__all__ = ["FunnelDuration", "KpiFact", "ProfileFunnel", "SummaryRun"]
