from lintas.catalogue.models.attachment import Attachment
from lintas.catalogue.models.profile import Profile
from lintas.catalogue.models.revision import Revision

__all__ = ["Attachment", "Profile", "Revision"]
