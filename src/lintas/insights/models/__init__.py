from lintas.insights.models.summary import (
    FunnelDuration,
    KpiFact,
    PendingObject,
    PendingRefresh,
    ProfileFunnel,
    SummaryRun,
)

__all__ = [
    "FunnelDuration",
    "KpiFact",
    "PendingObject",
    "PendingRefresh",
    "ProfileFunnel",
    "SummaryRun",
]
