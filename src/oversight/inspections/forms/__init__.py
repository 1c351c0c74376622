"""Forms of the inspection programme. Each validates with a clear GOV.UK message; services write.

- fields:      the "When" box that takes a date the way people write it
- inspections: an inspection, its next step, who takes part, the debrief, follow-up actions
- reports:     a report and its findings
- programme:   PEEL grades, the monitoring stage, the engagement log
"""
