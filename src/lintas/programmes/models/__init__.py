from lintas.programmes.models.application import (
    Application,
    ApplicationDocument,
    Conflict,
    Review,
)
from lintas.programmes.models.operations import (
    AssignmentRun,
    Certificate,
    PlacementChange,
    ReviewerInvitation,
)
from lintas.programmes.models.placement import ExtensionRequest, Placement, PlacementReport
from lintas.programmes.models.programme import Call, Host, Programme, Reviewer
from lintas.programmes.models.training import Participant, TrainingSession

__all__ = [
    "Application",
    "AssignmentRun",
    "Certificate",
    "ApplicationDocument",
    "Call",
    "Conflict",
    "ExtensionRequest",
    "Host",
    "Participant",
    "Placement",
    "PlacementChange",
    "PlacementReport",
    "Programme",
    "Review",
    "Reviewer",
    "ReviewerInvitation",
    "TrainingSession",
]
