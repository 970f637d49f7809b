from lintas.matching.models.match import Match, MatchFeedback, MatchSettings
from lintas.matching.models.vector import ProfileVector, TranslationVector

__all__ = ["Match", "MatchFeedback", "MatchSettings", "ProfileVector", "TranslationVector"]
