"""B2B matchmaking meeting scheduler (pure Python, no Django); see docs/scheduler.md."""

from .model import (
    Instance,
    InvalidInstance,
    Meeting,
    Participant,
    Request,
    Result,
    Unscheduled,
    instance_to_json,
    parse_instance,
    validate,
)
from .solver import schedule

__all__ = [
    "Instance",
    "InvalidInstance",
    "Meeting",
    "Participant",
    "Request",
    "Result",
    "Unscheduled",
    "instance_to_json",
    "parse_instance",
    "schedule",
    "validate",
]
