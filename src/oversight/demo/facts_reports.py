"""Reports: the two the March 2022 paper reports as published (section 4), and the national
reports the July 2022 paper's causes of concern come from (section 2)."""

from __future__ import annotations

from datetime import date

from oversight.demo.facts import FindingsFact, ReportFact

# --- July 2022, section 2: where the causes of concern come from ----------------------------
# The paper gives only the recommendation numbers. These titles and publication dates come
# from the public HMICFRS record, not from the papers. All are national reports (about no one
# force).

HATE_CRIME_2018 = ReportFact(
    key="hate-crime-2018",
    title="Understanding the difference: the initial police response to hate crime",
    inspectorate="HMICFRS",
    published_on=date(2018, 7, 19),
    about_force=False,
)

OLDER_PEOPLE_2019 = ReportFact(
    key="older-people-2019",
    title=(
        "The poor relation: the police and Crown Prosecution Service's response to crimes "
        "against older people"
    ),
    inspectorate="HMICFRS",
    published_on=date(2019, 7, 17),
    about_force=False,
)

LEGITIMACY_2017 = ReportFact(
    key="legitimacy-2017",
    title="PEEL: Police legitimacy 2017 – A national overview",
    inspectorate="HMICFRS",
    published_on=date(2017, 12, 12),
    about_force=False,
)

STALKING_2017 = ReportFact(
    key="stalking-2017",
    title="Living in fear – the police and CPS response to harassment and stalking",
    inspectorate="HMICFRS",
    published_on=date(2017, 7, 5),
    about_force=False,
)

# --- March 2022, section 4: "Since the last JAC, two reports have been published" -------------

SOLIHULL_JTAI_REPORT = ReportFact(
    key="solihull-jtai-report",
    title="Solihull JTAI Report following the murder of Arthur Labinjo-Hughes",
    inspectorate="Ofsted",  # the lead inspectorate
    published_on=date(2022, 2, 21),  # "Published 21st February 2022."
    about_force=True,
    inspection="jtai-solihull",
    summary=(
        "A JTAI was commissioned, led jointly by Ofsted, the Care Quality Commission (CQC), "
        "HMICFRS, and HM Inspectorate of Probation. It considered where improvements were needed "
        "by all the agencies tasked with protecting vulnerable children in Solihull, including "
        "how they work together.\n\n"
        "A national review was also commissioned, led by the National Child Safeguarding "
        "Practice Review Panel, to provide additional support to Solihull Children’s "
        "Safeguarding Partnership. This was intended to effectively ‘upgrade’ the existing local "
        "review and was launched shortly after Arthur’s death in June 2020. The national review "
        "paused while the court case continued."
    ),
    findings=(
        # "The key aims of the JTAI were to identify more specifically:"
        FindingsFact(
            "Aims of the JTAI",
            (
                "How agencies work effectively, individually and together, to improve the "
                "wellbeing of children, including ensuring that children get the right help and "
                "protection at the right time.",
                "The application of appropriate thresholds, effective information-sharing and "
                "timely intervention.",
                "How children are protected through effective multi-agency arrangements at the "
                "‘front door’.",
                "How leaders and managers have good oversight of practice, work effectively "
                "together, create the right conditions for effective practice and act where "
                "improvements are needed.",
                "How the multi-agency safeguarding arrangements (MASA) actively monitor, "
                "promote, coordinate and evaluate the work of the safeguarding partners (the "
                "local authority, the clinical commissioning group and the chief officer of "
                "police) and relevant partners, including schools, as specified in Section 16E "
                "of the Children Act 2004 and the Child Safeguarding Practice Review and "
                "Relevant Agency (England) Regulations 2018, and whether this leads to "
                "improvements in the initial multi-agency response at the ‘front door’.",
            ),
            about_force=False,
        ),
        FindingsFact(
            "The JTAI Findings",
            (
                "The Inspectorate visited Solihull in January 2022 and found that children in "
                "need of help and protection in Solihull wait too long for their initial need "
                "and risk to be assessed. This means that for a significant number of children, "
                "they remain in situations of unassessed and unknown risk.",
                # "The report specifically identified that:"
                "Weaknesses in the joint strategic governance of the Multi-Agency Safeguarding "
                "Hub (MASH) have led to a lack of a cohesive approach to the structuring and "
                "resourcing of the MASH. The Local Safeguarding Children Partnership (LSCP), "
                "Solihull’s multi-agency safeguarding arrangement, does not have a clear "
                "understanding of the impact of practise from the MASH or the experiences of the "
                "children and their families that need help and protection in their local area.",
            ),
            about_force=False,
        ),
        # "In relation to West Midlands Police, the Inspectorates found that:"
        FindingsFact(
            "In relation to West Midlands Police",
            (
                "WMP need to urgently improve the quality of recording and information held on "
                "the ‘Connect’ information system to ensure children and their connections can "
                "be clearly seen and avoid duplication.",
                "There is suitable police resourcing in the MASH.",
                "Attendance at child protection meetings and engagement with relevant forums is "
                "maintained.",
                "Effective information sharing is maintained.",
                "Good practice included police-led joint training with schools and the ‘All Age "
                "Exploitation Reduction Strategy’.",
                "Improvements are required in entering correct information into ‘Connect’ by "
                "frontline officers.",
                "Greater details relating to the ‘Voice of the Child’ should be recorded during "
                "domestic abuse incidents to ensure a full picture is available and promptly "
                "referred into MASH.",
                "Operation Encompass has been established to share information relating to "
                "domestic abuse with school staff, however school nurses also need to be aware.",
                "Children who go missing are promptly referred into the multi-agency ‘Locate "
                "Team’. Swift referrals to MASH then occur but the subsequent response is "
                "varied.",
                "WMP focuses more on compliance to process and crime recording than quality of "
                "practise.",
            ),
            about_force=True,
        ),
        FindingsFact(
            "Our response",
            (
                "WMP has taken on board all of the comments from the inspectors and all "
                "organisations have committed to working together to improve the way we protect "
                "children. Regarding the specific observations relating to Connect, we continue "
                "to enhance our use of the system, improving our ability to bring relevant "
                "information together.",
            ),
            about_force=True,
        ),
        FindingsFact(
            "Next steps",
            (
                "The next steps of the JTAI are for Solihull Local Authority to provide a "
                "detailed statement of proposed actions to be shared with the lead inspectorate "
                "– Ofsted – by May 2022, which WMP is actively contributing to.",
            ),
            about_force=True,
        ),
    ),
)

RAPE_SURVIVORS_PHASE_2 = ReportFact(
    key="rape-survivors-phase-2",
    title=(
        "HMICFRS Thematic Inspection – Exploring rape survivors’ experiences of the police and "
        "other criminal justice agencies – Phase 2 – Post Charge"
    ),
    inspectorate="HMICFRS",
    published_on=date(2022, 2, 24),  # "Published 24th February 2022."
    about_force=False,
    summary=(
        "In Spring 2020, HMICFRS commissioned Opinion Research Services (ORS) to explore the "
        "experiences of adult rape survivors who reported an incident (or incidents) of rape to "
        "the police; their subsequent journey through the criminal justice (CJ) system; and "
        "their views on any support services they had accessed during that journey.\n\n"
        # The paper lost words at the ends of two lines here; the gaps are marked, not guessed.
        "This research was published in July 2021 and contributed to Phase 1 of HMICFRS’s "
        "thematic inspection of the police and Crown Prosecution Service’s response to rape. "
        "[The] research team found that only a single participant had encountered the CJ "
        "system […] consequently recommissioned the research to include more participants, who "
        "[…] experience of the CJ process, for Phase 2.\n\n"
        "The report found that there were common themes for survivors of rape on their journey "
        "through the CJ system.\n\n"
        "In conjunction with Phase 1, nine recommendations have been made, of which three are "
        "police-specific."
    ),
    findings=(
        FindingsFact(
            "Common themes for survivors",
            (
                "Survivors put a lot at stake when reporting and testifying, yet most do not get "
                "the justice they desire.",
                "Police response and support is inconsistent.",
                "A lack of safeguarding puts survivors and their families at risk.",
                "Delays in reporting, investigation, arrests, and court hearings weaken cases and "
                "cause survivors to suffer.",
                "Suspects are perceived to be treated more favourably than survivors.",
                "The court process is traumatic for survivors.",
                "The CJ system needs to be completely overhauled to put survivors first.",
            ),
            about_force=False,
        ),
    ),
)

REPORTS = (
    HATE_CRIME_2018,
    OLDER_PEOPLE_2019,
    LEGITIMACY_2017,
    STALKING_2017,
    SOLIHULL_JTAI_REPORT,
    RAPE_SURVIVORS_PHASE_2,
)
