from lintas.talents.models.publication import Publication
from lintas.talents.models.talent import Talent

__all__ = ["Publication", "Talent"]
