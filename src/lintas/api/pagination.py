"""One pagination for every list: ``?page=`` and ``?page_size=`` (1 to
``LINTAS_API_MAX_PAGE_SIZE``, 100 by default; larger asks are served at the maximum), answered
as ``{"count", "next", "previous", "results"}``."""

from django.conf import settings
from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    page_size_query_description = "Items per page (1 to the maximum, 100 unless configured)."

    @property
    def max_page_size(self):
        return settings.LINTAS["API_MAX_PAGE_SIZE"]

    def get_page_size(self, request):
        # An unreadable page_size falls back to the default, which is bounded too.
        return min(super().get_page_size(request), self.max_page_size)
