from lintas.brokerage.models.agreement import Agreement
from lintas.brokerage.models.deal import Deal, DealStageChange
from lintas.brokerage.models.message import Message, ReadMark

__all__ = ["Agreement", "Deal", "DealStageChange", "Message", "ReadMark"]
