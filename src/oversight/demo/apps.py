from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "oversight.demo"
    label = "demo"
    verbose_name = "Demo data"

    def ready(self) -> None:
        # The demo loader records each thing on the day the force would have entered it.
        from simple_history.signals import pre_create_historical_record

        from oversight.clock import date_history_record

        pre_create_historical_record.connect(date_history_record, dispatch_uid="clock")
