"""The reads of the inspection programme, already scoped to the person's organisation (another
organisation's record is not found), shared by pages, exports and papers:

- inspections: lists, one inspection, its history, the choices its forms offer
- reports:     reports about the organisation and national ones, their findings and history
- forward:     the forward look as of a day (from the dated lifecycle steps)
- peel:        cycles, assessments, and grades compared across cycles
- engagement:  the monitoring stage history and the engagement log
"""

from oversight.inspections.selectors.engagement import (
    engagement_for,
    engagements_for,
    monitoring_change_for,
    monitoring_history,
    recommendations_to_link,
)
from oversight.inspections.selectors.forward import (
    ForwardLook,
    ForwardRow,
    forward_look,
    status_as_of,
)
from oversight.inspections.selectors.inspections import (
    action_for,
    event_for,
    inspection_detail,
    inspection_for_action,
    inspection_history,
    inspection_list,
    inspections_for,
    inspections_of,
    inspectorates,
    people_of,
    possible_participants,
)
from oversight.inspections.selectors.peel import (
    Comparison,
    assessment_for,
    assessments_for,
    comparison,
    cycles,
    latest_grades,
)
from oversight.inspections.selectors.reports import (
    finding_for,
    report_detail,
    report_for_action,
    report_history,
    report_list,
    reports_for,
)

__all__ = [
    "inspections_of",
    "Comparison",
    "ForwardLook",
    "ForwardRow",
    "action_for",
    "assessment_for",
    "assessments_for",
    "comparison",
    "latest_grades",
    "cycles",
    "engagement_for",
    "engagements_for",
    "event_for",
    "finding_for",
    "forward_look",
    "inspection_detail",
    "inspection_for_action",
    "inspection_history",
    "inspection_list",
    "inspections_for",
    "inspectorates",
    "monitoring_change_for",
    "monitoring_history",
    "people_of",
    "possible_participants",
    "recommendations_to_link",
    "report_detail",
    "report_for_action",
    "report_history",
    "report_list",
    "reports_for",
    "status_as_of",
]
