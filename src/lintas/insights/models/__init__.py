from lintas.insights.models.summary import (
    FunnelDuration,
    KpiFact,
    PendingRefresh,
    ProfileFunnel,
    SummaryRun,
)

__all__ = ["FunnelDuration", "KpiFact", "PendingRefresh", "ProfileFunnel", "SummaryRun"]
