from lintas.programmes.models.application import (
    Application,
    ApplicationDocument,
    Conflict,
    Review,
)
from lintas.programmes.models.placement import ExtensionRequest, Placement, PlacementReport
from lintas.programmes.models.programme import Call, Host, Programme, Reviewer
from lintas.programmes.models.training import Participant, TrainingSession

__all__ = [
    "Application",
    "ApplicationDocument",
    "Call",
    "Conflict",
    "ExtensionRequest",
    "Host",
    "Participant",
    "Placement",
    "PlacementReport",
    "Programme",
    "Review",
    "Reviewer",
    "TrainingSession",
]
