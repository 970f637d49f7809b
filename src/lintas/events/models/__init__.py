from lintas.events.models.event import Event, Session, Slot
from lintas.events.models.follow_up import FollowUp
from lintas.events.models.meeting import Meeting, MeetingRating, MeetingRequest, SchedulerRun
from lintas.events.models.participant import Participant

__all__ = [
    "Event",
    "FollowUp",
    "Meeting",
    "MeetingRating",
    "MeetingRequest",
    "Participant",
    "SchedulerRun",
    "Session",
    "Slot",
]
