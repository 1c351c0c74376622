from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "oversight.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        from django.core.signals import got_request_exception

        from oversight.ops.middleware import note_database_error

        got_request_exception.connect(note_database_error, dispatch_uid="oversight.ops.db-error")
        from oversight.ops import checks  # noqa: F401 - registers the checks
