from lintas.catalogue.models.attachment import Attachment
from lintas.catalogue.models.import_job import ImportJob
from lintas.catalogue.models.profile import Profile
from lintas.catalogue.models.revision import Revision
from lintas.catalogue.models.saved_search import AlertFrequency, SavedSearch, Star
from lintas.catalogue.models.translation import ProfileTranslation

__all__ = [
    "AlertFrequency",
    "Attachment",
    "ImportJob",
    "Profile",
    "ProfileTranslation",
    "Revision",
    "SavedSearch",
    "Star",
]
