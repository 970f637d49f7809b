from lintas.talents.models.abstract import (
    Abstract,
    AbstractCall,
    AbstractConflict,
    AbstractReview,
    AbstractReviewer,
    AbstractSession,
)
from lintas.talents.models.bio_translation import BioTranslation
from lintas.talents.models.consultation import Consultation
from lintas.talents.models.publication import Publication
from lintas.talents.models.talent import Talent
from lintas.talents.models.text import TalentText

__all__ = [
    "Abstract",
    "AbstractCall",
    "AbstractConflict",
    "AbstractReview",
    "AbstractReviewer",
    "AbstractSession",
    "BioTranslation",
    "Consultation",
    "Publication",
    "Talent",
    "TalentText",
]
