from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "oversight.ingest"
    label = "ingest"
