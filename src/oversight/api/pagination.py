"""Pages of results: ?page=2&page_size=100 (at most 500). Anything else is a 400 that says so."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from oversight.params import is_id


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            parameter["schema"]["maximum"] = 10**15 - 1  # 1 to 15 digits (params.is_id)
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["description"] = f"Results a page: 1 to {self.max_page_size} (50)."
        return parameters

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not is_id(raw) or int(raw) > self.max_page_size:
            raise ValidationError(
                {"page_size": [f"Give a whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and raw != "last" and not is_id(raw):
            raise ValidationError({"page": ["Give a page number from 1, like 2."]})
        return super().paginate_queryset(queryset, request, view)
