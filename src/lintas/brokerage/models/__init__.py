from lintas.brokerage.models.agreement import Agreement
from lintas.brokerage.models.deal import Deal, DealNote, DealStageChange
from lintas.brokerage.models.decline import DeclineReason, MatchNote
from lintas.brokerage.models.message import Conversation, Message, ReadMark

__all__ = [
    "Agreement",
    "Conversation",
    "Deal",
    "DealNote",
    "DealStageChange",
    "DeclineReason",
    "MatchNote",
    "Message",
    "ReadMark",
]
