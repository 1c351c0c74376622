"""What the scheduled work has done: one row per job and period (a day), claimed before the
job runs. The unique (job, period) is what makes `oversight run-scheduled` safe on several
machines at once: only the instance whose row went in runs the job; the others see it taken.
"""

from __future__ import annotations

from django.db import models


class ScheduledRun(models.Model):
    job = models.CharField(max_length=40)
    period = models.CharField(max_length=20, help_text="The day the job ran for (YYYY-MM-DD).")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    host = models.CharField(max_length=200, help_text="The machine and process that ran it.")
    outcome = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="one_run_per_job_and_period")
        ]
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.job} for {self.period}"
