"""Inspections at West Midlands Police in the two JAC papers (sections 2 and 3 of each).

Dates are kept as the papers write them ("W/C 4th April", "October – Date TBC") and read with
:func:`parse_partial_date`, taking the year from the paper the date first appears in.
"""

from __future__ import annotations

from datetime import date

from oversight.demo.facts import (
    ActionFact,
    EngagementFact,
    InspectionFact,
    PeelFact,
    StepFact,
)
from oversight.rules.partial_dates import PartialDate, Precision, parse_partial_date

MARCH = date(2022, 3, 1)  # the March 2022 paper: dates without a year are in 2022
JULY = date(2022, 7, 1)  # the July 2022 paper


def _march(text: str) -> PartialDate:
    return parse_partial_date(text, reference=MARCH)


def _july(text: str) -> PartialDate:
    return parse_partial_date(text, reference=JULY)


# The March paper gives no dates for the inspections "since the last JAC report". They fell
# between the previous paper and March 2022, so the demo records them as winter 2021/22.
SINCE_LAST_JAC = PartialDate(
    on=date(2021, 12, 1), precision=Precision.SEASON, text="Winter 2021/22"
)

REPORTS_LATER = "Reports will be published later in 2022."

# The dated steps. The papers date few of them: each step below is dated only as far as a paper
# supports it. The forward look as of a past day reads these steps, not today's status.
NOTIFIED_BY_MARCH = _march("March 2022")  # listed as notified in the March 2022 paper
LISTED_IN_MARCH = "Listed as notified in the March 2022 paper."
SINCE_LAST_JAC_STEPS = (
    StepFact(
        "fieldwork",
        SINCE_LAST_JAC,
        "One of the five inspections since the last JAC report (March 2022 paper).",
    ),
    StepFact("awaiting_report", _march("March 2022"), "“" + REPORTS_LATER + "” (March 2022 paper)"),
)

# --- Section 2 of both papers: PEEL -----------------------------------------------------------

PEEL_2021 = InspectionFact(
    key="peel-2021",
    title="2021 PEEL inspection",
    kind="peel",
    status="published",
    start=_march("2021"),
    summary=(
        # March 2022, section 2.
        "The PEEL inspection programme is an assessment of the police effectiveness, efficiency "
        "and legitimacy (PEEL) of police forces in England and Wales. In 2018, HMICFRS developed "
        "its approach to PEEL with the introduction of the Integrated PEEL Assessment (IPA) "
        "programme. The 2021 PEEL inspection is now complete however the programme is a rolling "
        "process. There has been no further inspection activity scheduled for WMP at the present "
        "time."
    ),
    rewritten=(
        (
            # July 2022, section 2, written for the July paper (its draft of 14 July).
            date(2022, 7, 1),
            "The 2021 PEEL inspection concluded late last year, with the results reported to "
            "JAC. PEEL is a rolling process, but as yet there has been no further PEEL "
            "inspection activity scheduled for WMP at the present time.",
        ),
    ),
    lead_inspectorates=("HMICFRS",),
    steps=(
        StepFact("fieldwork", _march("2021"), "The 2021 PEEL inspection (March 2022 paper)."),
        StepFact(
            "published",
            _july("Late 2021"),
            "“The 2021 PEEL inspection concluded late last year, with the results reported to "
            "JAC.” (July 2022 paper)",
        ),
    ),
)

# --- March 2022, section 3: "five inspections conducted within West Midlands Police" ----------

OSAEC = InspectionFact(
    key="osaec",
    title=(
        "Thematic Inspection relating to the Online Sexual Abuse and Sexual Exploitation of "
        "Children"
    ),
    kind="national_thematic",
    status="awaiting_report",
    start=SINCE_LAST_JAC,
    summary=REPORTS_LATER,
    lead_inspectorates=("HMICFRS",),
    participants=(
        ("Dyfed Powys Police", ""),
        ("West Yorkshire Police", ""),
        ("Bedfordshire Police", ""),
        ("Leicestershire Police", ""),
        ("Nottinghamshire Police", ""),
    ),
    steps=SINCE_LAST_JAC_STEPS,
)

JTAI = InspectionFact(
    key="jtai-solihull",
    # "LabinjoHughes" in the paper: typo fixed.
    title="Joint Targeted Area Inspection (JTAI) relating to the murder of Arthur Labinjo-Hughes",
    kind="jtai",
    status="published",
    # Section 4: "The Inspectorate visited Solihull in January 2022".
    start=_march("January 2022"),
    summary=(
        "A JTAI was commissioned, led jointly by Ofsted, the Care Quality Commission (CQC), "
        "HMICFRS, and HM Inspectorate of Probation. It considered where improvements were needed "
        "by all the agencies tasked with protecting vulnerable children in Solihull, including "
        "how they work together.\n\n"
        "The Inspectorate visited Solihull in January 2022. The JTAI report has already been "
        "published."
    ),
    lead_inspectorates=("Ofsted", "CQC", "HMICFRS", "HMI Probation"),
    steps=(
        StepFact(
            "fieldwork",
            _march("January 2022"),
            "“The Inspectorate visited Solihull in January 2022”",
        ),
        StepFact("published", _march("21st February 2022"), "Published 21st February 2022."),
    ),
    # March 2022, section 4: the next steps of the JTAI.
    actions=(
        ActionFact(
            text=(
                "Provide a detailed statement of proposed actions to be shared with the lead "
                "inspectorate – Ofsted. WMP is actively contributing to it."
            ),
            owner="Solihull Local Authority",
            due="by May 2022",
        ),
    ),
)

SERIOUS_YOUTH_VIOLENCE = InspectionFact(
    key="serious-youth-violence",
    title="Thematic Inspection relating to Serious Youth Violence",
    kind="national_thematic",
    status="awaiting_report",
    start=SINCE_LAST_JAC,
    summary=REPORTS_LATER,
    lead_inspectorates=("HMICFRS",),
    participants_note=(
        "The spread of forces was selected to consider forces with and without Violence "
        "Reduction Units."
    ),
    participants=(
        ("Gloucestershire Constabulary", ""),
        ("Lancashire Constabulary", ""),
        ("South Wales Police", ""),
        ("Hampshire Police", ""),
        ("Cleveland Police", ""),
        (
            "Metropolitan Police Service",
            "South Central BCU: London Borough of Lambeth and London Borough of Southwark",
        ),
        ("Northumbria Police", ""),
        ("Avon and Somerset Constabulary", ""),
        ("Merseyside Police", ""),
        ("Nottinghamshire Police", ""),
        ("Sussex Police", ""),
    ),
    steps=SINCE_LAST_JAC_STEPS,
)

INVISIBLE_SURVIVORS = InspectionFact(
    key="invisible-survivors",
    title=(
        "Police Super-complaint: Invisible survivors: The long wait for justice. Police response "
        "to BAME victims of sexual abuse"
    ),
    kind="super_complaint",
    status="awaiting_report",
    start=SINCE_LAST_JAC,
    summary=REPORTS_LATER,
    lead_inspectorates=("HMICFRS",),
    steps=SINCE_LAST_JAC_STEPS,
)

# Recorded as a super-complaint (what it is) although WMP's part is a data request only, as the
# title says.
POLICE_PERPETRATED_DA = InspectionFact(
    key="police-perpetrated-da",
    title=(
        "Police Super-complaint made by the Centre for Women's Justice: Police perpetrated "
        "domestic abuse (Data Request Only)"
    ),
    kind="super_complaint",
    status="awaiting_report",
    start=SINCE_LAST_JAC,
    summary="This study is an all forces request for voluntary involvement.\n\n" + REPORTS_LATER,
    lead_inspectorates=("HMICFRS",),
    steps=SINCE_LAST_JAC_STEPS,
)

# --- March 2022, section 3: notified "from April 2022 onwards" --------------------------------
# and July 2022, section 3: what became of them.

DIGITAL_FORENSICS = InspectionFact(
    key="digital-forensics",
    title="Thematic Inspection of Digital Forensics",
    kind="national_thematic",
    status="debriefed",
    start=_march("W/C 4th April"),
    summary="",  # where it comes from is in the steps
    lead_inspectorates=("HMICFRS",),
    debrief_strengths=(
        "Overall Capability and capacity",
        "Cloud storage Capability",
        "Management of child sexual exploitation images",
        "Warwickshire collaboration",
        "Strategic leadership and professionalism of staff",
    ),
    debrief_areas_to_consider=(
        "HMICFRS considered that retention of staff should be reviewed along with the current "
        "operating model to manage the high number of devices requiring information downloads.",
        "The demand and processing times of the current kiosk provision requires further "
        "attention.",
    ),
    debrief_notes=(
        "During the hot debrief HMICFRS complimented the force on the overall digital forensics "
        "capability and the willingness of staff to engage in the inspection process.\n\n"
        "HMICFRS concluded in saying they would seek support from WMP to write the final "
        "thematic report as subject matter experts.\n\n"
        "The formal findings of these reports will be published during summer 2022."
    ),
    steps=(
        StepFact("notified", NOTIFIED_BY_MARCH, LISTED_IN_MARCH),
        StepFact("fieldwork", _march("W/C 4th April")),
        # The July paper reports the hot debrief with the fieldwork week; it gives no day.
        StepFact("debriefed", _march("W/C 4th April"), "Hot debrief (July 2022 paper)."),
    ),
)

# One inspection: the March paper's "Police Super-complaint: Police use of stop and search
# powers (W/C 18th April)" is the July paper's Section 60 super-complaint.
SECTION_60 = InspectionFact(
    key="section-60",
    title="Police Super-complaint: Police use of Section 60 stop and search powers",
    kind="super_complaint",
    status="debriefed",
    start=_march("W/C 18th April"),
    summary="",  # where it comes from is in the steps
    lead_inspectorates=("HMICFRS",),
    debrief_strengths=(
        "HMICFRS felt that WMP had an established and well understood process when authorising "
        "the use of Section 60. There is a good appreciation of the need to involve communities "
        "when the power is adopted and implement other reassurance and engagement measures as "
        "an accompanied feature such as increased use of scrutiny panels.",
        "The WMP process enables Corporate Communications to be fully sighted both on the "
        "implementation and outcome of these events. Traditional communications methods such "
        "as Independent Advisory Groups (IAGs) were completed by the use of digital pins – an "
        "instant messaging process via mobile networks.",  # "TraditIonal" in the paper
        "The WMP data analysis platform Qlik allows supervisors to easily access insights to "
        "better understand the frequency of stop and search and results from their officers. "
        "This data is extremely versatile and is on demand. The data is used to inform local "
        "scrutiny panels of stop and search activity on an area wide basis.",
        "The introduction of two youth IAGs is a step forward in helping the force to "
        "understand the impact on those that are most likely to experience the application of "
        "Section 60 and stop and search.",
    ),
    debrief_areas_to_consider=(
        "HMICFRS feel there is scope to use the platform for a much greater level of analysis "
        "such as monitoring if specific individuals have been subjected to repeat stop and "
        "searches, compliant handcuffing analysis and assessing individual officer search and "
        "outcome rates.",
        "HMICFRS recognise that WMP is still on journey to understand disproportionality and "
        "how stop and search is affecting different communities across the West Midlands. "
        "Research undertaken by Warwick University and the force Data Analytics Lab are "
        "supporting progress on this journey with oversight from the Fair & Effective Use of "
        "Police Powers board and the Fairness & Belonging Our Communities sub-group.",
        "HMICFRS found that the work of scrutiny panels and organisational learning from their "
        "findings could be improved, as could officers’ understanding of how scrutiny groups "
        "support police accountability to the public.",
    ),
    debrief_notes="The formal findings of these reports will be published during summer 2022.",
    steps=(
        StepFact(
            "notified",
            NOTIFIED_BY_MARCH,
            "Listed as notified in the March 2022 paper as “Police Super-complaint: Police use "
            "of stop and search powers (W/C 18th April)”.",
        ),
        StepFact("fieldwork", _march("W/C 18th April")),
        StepFact("debriefed", _march("W/C 18th April"), "Hot debrief (July 2022 paper)."),
    ),
)

# The July paper does not mention these two again: they stay as notified.
DIVERSITY_INCLUSION_WORKSHOP = InspectionFact(
    key="diversity-inclusion-workshop",
    title="Diversity & Inclusion Workshop",
    kind="workshop",
    status="notified",
    start=_march("April – Date TBC"),
    summary="",  # where it comes from is in the steps
    lead_inspectorates=("HMICFRS",),
    steps=(StepFact("notified", NOTIFIED_BY_MARCH, LISTED_IN_MARCH),),
)

CRIMINAL_JUSTICE_OUTCOMES = InspectionFact(
    key="criminal-justice-outcomes",
    title="Thematic Inspection – Criminal Justice Outcomes",
    kind="national_thematic",
    status="notified",
    start=_march("May – Date TBC"),
    summary="",  # where it comes from is in the steps
    lead_inspectorates=("HMICFRS",),
    steps=(StepFact("notified", NOTIFIED_BY_MARCH, LISTED_IN_MARCH),),
)

ROCU = InspectionFact(
    key="rocu",
    title="Thematic Inspection of ROCU",
    kind="rocu",
    status="notified",
    start=_march("October – Date TBC"),
    summary="",  # where it comes from is in the steps
    lead_inspectorates=("HMICFRS",),
    steps=(
        StepFact(
            "notified",
            NOTIFIED_BY_MARCH,
            LISTED_IN_MARCH + " July 2022 paper: “We have received notification of one "
            "inspection post Commonwealth Games.”",
        ),
    ),
)

# --- July 2022, section 3: other engagements ----------------------------------------------------

# A data return, not an inspection with a report: there is nothing "published" yet. It is
# recorded as awaiting report, the report being the data HMICFRS will make available to forces
# through its Power BI system. The paper says only "Spring"; 2022 is the paper's year.
SPRING_DATA_REQUEST = InspectionFact(
    key="spring-data-request",
    title="Spring Data Request",
    kind="data_request",
    status="awaiting_report",
    start=_july("Spring 2022"),
    summary=(
        "There has also been the biennial request for force data – the Spring Data Request. "
        "This request is for performance data for all portfolios and is discussed with business "
        "leads and the Force Executive Team prior to submission to ensure appropriate commentary "
        "is provided to describe significant changes in the data since the previous reporting "
        "period. The data will be available for forces to view through the Power BI system "
        "hosted by HMICFRS and can be used, much like the Force Management Statement that is "
        "currently being drafted, to form the basis of future inspections."
    ),
    lead_inspectorates=("HMICFRS",),
    # Reported as done in the July paper; the return itself is in the engagement log.
    steps=(
        StepFact(
            "awaiting_report",
            _july("July 2022"),
            "Data returned. “The data will be available for forces to view through the Power "
            "BI system hosted by HMICFRS” (July 2022 paper).",
        ),
    ),
)

FORCE_MANAGEMENT_STATEMENT = InspectionFact(
    key="force-management-statement",
    title="Force Management Statement",
    kind="fms",
    status="scheduled",
    start=_july("2022"),
    summary=(
        "July 2022 paper, on the Spring Data Request: the data “can be used, much like the Force "
        "Management Statement that is currently being drafted, to form the basis of future "
        "inspections.”"
    ),
    lead_inspectorates=("HMICFRS",),
    steps=(
        StepFact("scheduled", _july("July 2022"), "“currently being drafted” (July 2022 paper)."),
    ),
)

INSPECTIONS = (
    PEEL_2021,
    OSAEC,
    JTAI,
    SERIOUS_YOUTH_VIOLENCE,
    INVISIBLE_SURVIVORS,
    POLICE_PERPETRATED_DA,
    DIGITAL_FORENSICS,
    SECTION_60,
    DIVERSITY_INCLUSION_WORKSHOP,
    CRIMINAL_JUSTICE_OUTCOMES,
    ROCU,
    SPRING_DATA_REQUEST,
    FORCE_MANAGEMENT_STATEMENT,
)

# --- The engagement log and PEEL ---------------------------------------------------------------

ENGAGEMENTS = (
    # July 2022, section 3: the Spring Data Request was returned between the two papers.
    EngagementFact(
        kind="data_return",
        when=_july("Spring 2022"),
        subject="Spring Data Request: performance data for all portfolios",
        with_whom="HMICFRS",
        inspection="spring-data-request",
        summary=(
            "The biennial request for force data. This request is for performance data for all "
            "portfolios and is discussed with business leads and the Force Executive Team prior to "
            "submission to ensure appropriate commentary is provided to describe significant "
            "changes in the data since the previous reporting period."
        ),
    ),
)

# July 2022, section 2: the 2021 PEEL results were reported to JAC. Neither paper gives the
# grades, so none are recorded: the liaison enters them from the published report.
PEEL_ASSESSMENTS = (
    PeelFact(
        cycle="2021-22",
        inspection="peel-2021",
        summary=(
            "The 2021 PEEL inspection concluded late last year, with the results reported to JAC "
            "(July 2022 paper). The grades are not in the papers."
        ),
    ),
)
