"""Recommendations and West Midlands Police's responses to them.

* July 2022, section 2: the five causes of concern "which apply to all forces in England &
  Wales, as well as national bodies", with the progress the paper reports on each;
* March 2022, section 4: the three police-specific recommendations of the rape survivors'
  Phase 2 report.

The papers give no RAG ratings and name no owners (except ACC Bell for the Crime portfolio):
the ratings, owners and boards below are demo values. Every response may be signed off by the
Chief Constable ("HMICFRS have recently agreed that Chief Constables should have greater
authority to sign off a range of recommendations", July, section 2).
"""

from __future__ import annotations

from datetime import date

from oversight.demo.facts import RecommendationFact, ResponseFact, UpdateFact

# The July paper gives only the month of its progress narratives; the March paper likewise.
JULY_UPDATE = date(2022, 7, 1)
MARCH_UPDATE = date(2022, 3, 1)
# Reviewed every three months ("These are reviewed every three months", July, section 2).
AFTER_JULY_UPDATE = date(2022, 10, 1)
AFTER_MARCH_UPDATE = date(2022, 6, 1)

# --- July 2022, section 2: causes of concern ------------------------------------------------

HATE_CRIME_PROGRESS = (
    "The flag is actively used in approximately 5-10 % of calls and dip samples have confirmed "
    "correct usage. This is used in regular hate crime analysis to understand the nature of "
    "reported hate crime and at times of specific need such as at the beginning of Covid and "
    "the Russia - Ukraine conflict. This allows us to understand the origin of the hate crime, "
    "i.e. direct or indirect, what proportion is online and how to target relevant messages "
    "through Corporate Communications to online platforms and work with relevant partners to "
    "use counter-narratives."
)

# One narrative for 10618 and 9962: the paper lists them together ("Also").
OLDER_PEOPLE_PROGRESS = (
    "The CONNECT system used in WMP mandates the question to be asked by recording officer if "
    "the victim wishes to be referred to victim support. This data is monitored as part of the "
    "ongoing Ministry of Justice audits completed by the force. CONNECT also mandates question "
    "on vulnerability.\n\n"
    "Training sessions have been arranged with external providers - Victim Support, to raise "
    "to ensure Officers understand the importance of referrals and the service options "
    "available. This has been reinforced by inclusion in the force ‘Team Talk’ regular "
    "briefings and Op Sentinel force wide inputs to increase officer and staff understanding of "
    "vulnerability, how to make a referral to the Vulnerable Person Officer or direct referrals "
    "as required. The PPU improvement plan also includes Victim Needs Assessment plans and "
    "activity is dip sampled for compliance. WMP has a nominated lead for the review of force "
    "vulnerable adult approach and pathways for referral."
)

LEGITIMACY_PROGRESS = (
    "HMICFRS found that WMP has made progress against many areas of this recommendation with "
    "regular meetings to monitor and understand stop and search data. Fairness and "
    "proportionality of searching is recorded to individual level and scrutinised at various "
    "forums including the bi-monthly Silver Stop and Search Structure and the Fairness in "
    "Policing Board. This information is shared with Community Scrutiny Panels through to the "
    "PCC’s office. WMP use the QLIK Business Insights to identify the differing numbers of "
    "searches for the varying powers (PACE v Misuse of Drugs Act) and comprehensive data in "
    "relation to find rates. WMP has trained its staff on unconscious bias and body worn video "
    "reviews plus reflective practise form part of supervisors duties which were highlighted "
    "by HMICFRS as best practise."
)

STALKING_PROGRESS = (
    "The Stalking and Harassment lead commissioned a six month audit of repeat cases of "
    "offences recorded as ‘Breach of Non-Molestation Order’ or ‘Breach of Restraining Order’, "
    "under the categorisation of domestic abuse to identify the points at which approaches "
    "could be improved. These have been incorporated into the new Domestic Abuse Policy which "
    "is currently in draft form, guided by the College of Policing Authorised Professional "
    "Practise. The Force Crime Registrar has confirmed that a national review of recording in "
    "relation to breaches is under consideration and in the interim has commissioned a further "
    "force audit of breaches to take place in July. In July, WMP staff are visiting national "
    "Stalking, Threat, Assessment Centres to capture best practise and learning "
    "opportunities.\n\n"
    "An assessment of training needs across Domestic Abuse, Stalking and Harassment is being "
    "undertaken by the Public Protection Unit (PPU) Prepare hub. Identifying breaches as part "
    "of a wider pattern of offending will be addressed in training programmes which are "
    "currently being written. Introductory awareness events for all PPU staff took place in "
    "June and the training programme will build on these. The programme will be supported by "
    "a Forensics lead in July, who will focus on victim strategy including wider victimisation "
    "and victim support."
)


def _cause_response(
    owner: str, portfolio: str, board: str, rag: str, progress: str
) -> ResponseFact:
    """A response as the July paper reports it: in progress, one update in July 2022."""
    return ResponseFact(
        owner=owner,
        portfolio=portfolio,
        board=board,
        rag=rag,  # demo value: the papers give no ratings
        status="in_progress",
        next_review_on=AFTER_JULY_UPDATE,
        updates=(UpdateFact(JULY_UPDATE, progress, proposed_rag=rag),),
    )


CAUSES_OF_CONCERN = (
    # 1.) Hate Crime (Recommendation 9159).
    RecommendationFact(
        report="hate-crime-2018",
        kind="cause_of_concern",
        reference="9159",
        theme="Hate Crime",
        text=(
            "Within three months Chief Constables ensure that the Home Office cyber-enabled flag "
            "is used to identify patterns in hate crime to support an effective response."
        ),
        audience=("Chief Constables",),
        deadline_text="Within three months",
        response=_cause_response("owner", "Crime", "Crime Board", "green", HATE_CRIME_PROGRESS),
    ),
    # 2.) Crimes Against Older People (Recommendation 10618). (The paper has no full stop.)
    RecommendationFact(
        report="older-people-2019",
        kind="cause_of_concern",
        reference="10618",
        theme="Crimes Against Older People",
        text=(
            "Within six months Chief Constables should ensure that Victim Needs Assessments are "
            "always completed."
        ),
        audience=("Chief Constables",),
        deadline_text="Within six months",
        response=_cause_response(
            "ppu.lead",
            "Public Protection",
            "Public Protection Board",
            "amber",
            OLDER_PEOPLE_PROGRESS,
        ),
    ),
    # 3.) Crimes Against Older People (Recommendation 9962).
    RecommendationFact(
        report="older-people-2019",
        kind="cause_of_concern",
        reference="9962",
        theme="Crimes Against Older People",
        text=(
            "Within three months Chief Constables should ensure that safeguarding referrals are "
            "always made where appropriate and that advice on the processes required to achieve "
            "this are provided by the NPCC."
        ),
        audience=("Chief Constables", "NPCC"),
        deadline_text="Within three months",
        response=_cause_response(
            "ppu.lead",
            "Public Protection",
            "Public Protection Board",
            "amber",
            OLDER_PEOPLE_PROGRESS,
        ),
    ),
    # 4.) PEEL Police Legitimacy (Recommendation 8539). No deadline in the text. The paper
    # names no audience; the text is about "forces".
    RecommendationFact(
        report="legitimacy-2017",
        kind="cause_of_concern",
        reference="8539",
        theme="PEEL Police Legitimacy",
        text=(
            "HMICFRS is concerned that forces cannot demonstrate that the use of Stop and Search "
            "Powers is consistently reasonable and fair. In particular there is "
            "overrepresentation of BAME people and particularly black people in stop and search "
            "data which forces cannot explain."
        ),
        audience=("Chief Constables",),
        deadline_text="",
        response=_cause_response(
            "stopsearch.lead",
            "Neighbourhood Policing",
            "Fairness in Policing Board",
            "amber",
            LEGITIMACY_PROGRESS,
        ),
    ),
    # 5.) Stalking and Harassment (Recommendation 9472). The bracket the paper opens is never
    # closed; kept as written.
    RecommendationFact(
        report="stalking-2017",
        kind="cause_of_concern",
        reference="9472",
        theme="Stalking and Harassment",
        text=(
            "Within six months the NPCC and CPS leads should consider whether they can do more "
            "to inform police officers and lawyers of the importance of treating breaches of "
            "orders (as evidence of a wider pattern of offending or when it is evidence of "
            "stalking and harassment."
        ),
        audience=("NPCC", "CPS"),
        deadline_text="Within six months",
        response=_cause_response(
            "stalking.lead",
            "Public Protection",
            "Public Protection Board",
            "amber",
            STALKING_PROGRESS,
        ),
    ),
)

# --- March 2022, section 4: the rape survivors' Phase 2 report -------------------------------
# "In conjunction with Phase 1, nine recommendations have been made, of which three are
# police-specific". They carry no inspectorate reference in the paper.

RAPE_PROGRESS = (
    "These recommendations have been brought into the Crime portfolio, managed by ACC Bell, "
    "where ongoing activity is already underway within Operation Soteria aimed at system "
    "improvement in this area."
)

RAPE_RESPONSE = ResponseFact(
    owner="owner",
    portfolio="Crime",
    board="Crime Board",
    rag="amber",  # demo value: the papers give no ratings
    status="in_progress",
    next_review_on=AFTER_MARCH_UPDATE,
    updates=(UpdateFact(MARCH_UPDATE, RAPE_PROGRESS, proposed_rag="amber"),),
)

RAPE_RECOMMENDATIONS = (
    RecommendationFact(
        report="rape-survivors-phase-2",
        kind="recommendation",
        number="1",
        theme="Rape",
        text=(
            "Immediately, police and prosecutors should review and significantly improve "
            "communications with victims from the point of charge onwards."
        ),
        audience=("Police", "CPS"),
        deadline_text="Immediately",
        response=RAPE_RESPONSE,
    ),
    # The repeated "is considered in all cases" is the paper's.
    RecommendationFact(
        report="rape-survivors-phase-2",
        kind="recommendation",
        number="2",
        theme="Rape",
        text=(
            "Immediately, police and CPS should work collaboratively to ensure that ‘bad "
            "character’ is considered in all cases and where it is applicable is considered in "
            "all cases."
        ),
        audience=("Police", "CPS"),
        deadline_text="Immediately",
        response=RAPE_RESPONSE,
    ),
    RecommendationFact(
        report="rape-survivors-phase-2",
        kind="recommendation",
        number="3",
        theme="Rape",
        text=(
            "Immediately, police should make sure that the victims of rape are given the "
            "opportunity to make a victim personal statement (VPS) at the earliest opportunity "
            "with the option of updating the statement closer to the court trial date."
        ),
        audience=("Police",),
        deadline_text="Immediately",
        response=RAPE_RESPONSE,
    ),
)

RECOMMENDATIONS = CAUSES_OF_CONCERN + RAPE_RECOMMENDATIONS
