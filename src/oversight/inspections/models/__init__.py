"""The inspection programme's records, one module per part:

- inspections: inspections, who takes part, dated lifecycle steps, follow-up actions
- reports:     reports and their findings
- peel:        PEEL cycles, question areas, assessments and grades
- engagement:  monitoring stage history and the engagement log
"""

from oversight.inspections.models.engagement import (
    Engagement,
    EngagementKind,
    MonitoringStage,
    MonitoringStageChange,
)
from oversight.inspections.models.inspections import (
    FINAL_STATUSES,
    LIFECYCLE,
    FollowUpAction,
    Inspection,
    InspectionEvent,
    InspectionKind,
    InspectionParticipant,
    InspectionStatus,
    next_steps,
)
from oversight.inspections.models.peel import (
    Grade,
    PeelAssessment,
    PeelCycle,
    PeelGrade,
    PeelQuestionArea,
)
from oversight.inspections.models.reports import Finding, Report

__all__ = [
    "FINAL_STATUSES",
    "LIFECYCLE",
    "Engagement",
    "EngagementKind",
    "Finding",
    "FollowUpAction",
    "Grade",
    "Inspection",
    "InspectionEvent",
    "InspectionKind",
    "InspectionParticipant",
    "InspectionStatus",
    "MonitoringStage",
    "MonitoringStageChange",
    "PeelAssessment",
    "PeelCycle",
    "PeelGrade",
    "PeelQuestionArea",
    "Report",
    "next_steps",
]
