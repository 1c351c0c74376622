"""The writes of the inspection programme, split by what a person is doing:

- inspections: recording inspections, moving them through their dated lifecycle, who takes
               part, the hot debrief and its follow-up actions
- reports:     reports and their findings
- peel:        PEEL assessments and grades
- engagement:  the monitoring stage and the engagement log

Each function is one transaction, checks that the actor is the liaison of the organisation,
refuses bad input with a clear message (:class:`Refused`) before writing anything, and leaves
an audit entry.
"""

from oversight.inspections.services.engagement import (
    engagement_edit,
    engagement_record,
    monitoring_stage_edit,
    monitoring_stage_record,
)
from oversight.inspections.services.inspections import (
    Refused,
    action_add,
    action_edit,
    inspection_create,
    inspection_debrief_record,
    inspection_edit,
    inspection_move,
    inspection_people_set,
    inspection_step_edit,
)
from oversight.inspections.services.peel import peel_assessment_create, peel_assessment_edit
from oversight.inspections.services.reports import (
    finding_delete,
    finding_edit,
    findings_add,
    report_create,
    report_edit,
    report_shared_with_others,
)

__all__ = [
    "Refused",
    "action_add",
    "action_edit",
    "engagement_edit",
    "engagement_record",
    "finding_delete",
    "finding_edit",
    "findings_add",
    "inspection_create",
    "inspection_debrief_record",
    "inspection_edit",
    "inspection_move",
    "inspection_people_set",
    "inspection_step_edit",
    "monitoring_stage_edit",
    "monitoring_stage_record",
    "peel_assessment_create",
    "peel_assessment_edit",
    "report_create",
    "report_edit",
    "report_shared_with_others",
]
