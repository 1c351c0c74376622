from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "oversight.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from oversight.api import authentication  # noqa: F401 - registers the OpenAPI schemes
