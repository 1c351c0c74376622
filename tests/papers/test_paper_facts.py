"""The demo's papers hold every fact of the two real JAC papers (../shared/examples).

The demo issues the March 2022 paper and drafts the July 2022 one, both written from the
record. Each fact below is a phrase of the real paper: the test checks that the real paper
says it (so the list is honest) and that the Word file Oversight writes says it too.
Spelling differences of the source that carry no fact (ordinals, curly quotes, dashes, line
breaks, "1.)" numbering) are normalised on both sides.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.db import transaction
from docx import Document

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "examples"
pytestmark = pytest.mark.django_db

MARCH = dt.date(2022, 3, 24)
JULY = dt.date(2022, 7, 28)


def normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[\u2013\u2014]", "-", text)
    text = re.sub(r"\b(\d{1,2})(st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"[*\\]", "", text)  # Markdown emphasis and escapes
    text = re.sub(r"\s+", " ", text)
    return text.strip()


# March 2022: the whole paper.
MARCH_FACTS = [
    # 1. Purpose
    "To provide members of the Committee with oversight of HMICFRS Inspection activity and "
    "recommendations.",
    # 2. PEEL
    "The PEEL inspection programme is an assessment of the police effectiveness, efficiency "
    "and legitimacy (PEEL) of police forces in England and Wales.",
    "introduction of the Integrated PEEL Assessment (IPA) programme",
    "The 2021 PEEL inspection is now complete however the programme is a rolling process.",
    "There has been no further inspection activity scheduled for WMP at the present time.",
    "These are RAG rated to align to the Force Risk Register and managed by the Force "
    "Executive Team through the existing Force governance boards",
    "where recommendation owners are held to account for timely updates.",
    # 3. Inspections: the kinds explained
    "In addition to the PEEL inspection regime, there are several other circumstances under "
    "which HMICFRS may lead a single or multi-agency inspection",
    "A National Thematic Inspection",
    "Fieldwork for the National Thematic Inspections usually take place in about six forces",
    "This is an inspection led jointly by several agencies to review and investigate a local "
    "area's multi-agency response",
    "A Super-complaint",
    "(Section 29A, Police Reform Act 2002)",
    "Independent Office for Police Conduct (IOPC)",
    "The complaint may generate a full inspection or data request across any number of forces.",
    # 3. The five inspections in the period
    "five inspections",
    "Online Sexual Abuse and Sexual Exploitation of Children",
    "Dyfed Powys Police",
    "West Yorkshire Police",
    "Bedfordshire Police",
    "Leicestershire Police",
    "Nottinghamshire Police",
    "Joint Targeted Area Inspection (JTAI) relating to the murder of Arthur Labinjo",
    "Thematic Inspection relating to Serious Youth Violence",
    "The spread of forces was selected to consider forces with and without Violence Reduction "
    "Units.",
    "Gloucestershire Constabulary",
    "Lancashire Constabulary",
    "South Wales Police",
    "Hampshire Police",
    "Cleveland Police",
    "Metropolitan Police Service (South Central BCU: London Borough of Lambeth and London "
    "Borough of Southwark)",
    "Northumbria Police",
    "Avon and Somerset Constabulary",
    "Merseyside Police",
    "Sussex Police",
    "Police Super-complaint: Invisible survivors: The long wait for justice. Police response "
    "to BAME victims of sexual abuse",
    "Police Super-complaint made by the Centre for Women's Justice: Police perpetrated "
    "domestic abuse (Data Request Only)",
    "This study is an all forces request for voluntary involvement.",
    "later in 2022",
    # 3. Notified for April 2022 onwards
    "Thematic Inspection of Digital Forensics (W/C 4 April)",
    "stop and search powers (W/C 18 April)",
    "Diversity & Inclusion Workshop (April - Date TBC)",
    "Thematic Inspection - Criminal Justice Outcomes (May - Date TBC)",
    "Thematic Inspection of ROCU",
    "(October - Date TBC)",
    # 4. Reports published
    "two reports have been published",
    "Solihull JTAI Report following the murder of Arthur Labinjo-Hughes. Published 21 "
    "February 2022.",
    "A JTAI was commissioned, led jointly by Ofsted, the Care Quality Commission (CQC), "
    "HMICFRS, and HM Inspectorate of Probation.",
    "A national review was also commissioned, led by the National Child Safeguarding Practice "
    "Review Panel",
    "The national review paused while the court case continued.",
    "Aims of the JTAI",
    "The application of appropriate thresholds, effective information-sharing and timely "
    "intervention.",
    "How children are protected through effective multi-agency arrangements at the 'front door'.",
    "as specified in Section 16E of the Children Act 2004",
    "The Inspectorate visited Solihull in January 2022 and found that children in need of help "
    "and protection in Solihull wait too long for their initial need and risk to be assessed.",
    "Weaknesses in the joint strategic governance of the Multi-Agency Safeguarding Hub (MASH)",
    "WMP need to urgently improve the quality of recording and information held on the "
    "'Connect' information system",
    "There is suitable police resourcing in the MASH.",
    "Attendance at child protection meetings and engagement with relevant forums is maintained.",
    "Effective information sharing is maintained.",
    "Good practice included police-led joint training with schools and the 'All Age "
    "Exploitation Reduction Strategy'.",
    "Improvements are required in entering correct information into 'Connect' by frontline "
    "officers.",
    "Greater details relating to the 'Voice of the Child' should be recorded during domestic "
    "abuse incidents",
    "Operation Encompass has been established to share information relating to domestic abuse "
    "with school staff, however school nurses also need to be aware.",
    "Children who go missing are promptly referred into the multi-agency 'Locate Team'.",
    "WMP focuses more on compliance to process and crime recording than quality of practise.",
    "WMP has taken on board all of the comments from the inspectors",
    "by May 2022, which WMP is actively contributing to.",
    "HMICFRS Thematic Inspection - Exploring rape survivors' experiences of the police and "
    "other criminal justice agencies - Phase 2 - Post Charge. Published 24 February 2022.",
    "In Spring 2020, HMICFRS commissioned Opinion Research Services (ORS)",
    "This research was published in July 2021 and contributed to Phase 1",
    "Survivors put a lot at stake when reporting and testifying, yet most do not get the "
    "justice they desire.",
    "Police response and support is inconsistent.",
    "A lack of safeguarding puts survivors and their families at risk.",
    "Delays in reporting, investigation, arrests, and court hearings weaken cases and cause "
    "survivors to suffer.",
    "Suspects are perceived to be treated more favourably than survivors.",
    "The court process is traumatic for survivors.",
    "The CJ system needs to be completely overhauled to put survivors first.",
    "nine recommendations have been made, of which three are police-specific",
    "Immediately, police and prosecutors should review and significantly improve "
    "communications with victims from the point of charge onwards.",
    "Immediately, police and CPS should work collaboratively to ensure that 'bad character' is "
    "considered in all cases",
    "Immediately, police should make sure that the victims of rape are given the opportunity "
    "to make a victim personal statement (VPS)",
    "Crime portfolio, managed by ACC Bell",
    "Operation Soteria",
    # Closing
    "This report is submitted for the information of the Committee. The Committee are asked to "
    "note the contents of the report.",
]

# July 2022: sections 2 to 4.
JULY_FACTS = [
    # 2. PEEL and national recommendations
    "The 2021 PEEL inspection concluded late last year, with the results reported to JAC.",
    "PEEL is a rolling process, but as yet there has been no further PEEL inspection activity "
    "scheduled for WMP at the present time.",
    "These are RAG rated to align to the corporate risk management approach",
    "supported by the HMICFRS Force Liaison Lead (FLL) and Officer",
    "HMICFRS have recently agreed that Chief Constables should have greater authority to sign "
    "off a range of recommendations, rather than requiring submission to the HMICFRS.",
    "currently five causes",
    "apply to all forces in England",
    "Hate Crime (Recommendation 9159).",
    "Within three months Chief Constables ensure that the Home Office cyber-enabled flag is "
    "used to identify patterns in hate crime to support an effective response.",
    "The flag is actively used in approximately 5-10 % of calls and dip samples have confirmed "
    "correct usage.",
    "the beginning of Covid and the Russia - Ukraine conflict.",
    "work with relevant partners to use counter-narratives.",
    "Crimes Against Older People (Recommendation 10618).",
    "Within six months Chief Constables should ensure that Victim Needs Assessments are always "
    "completed",
    "Crimes Against Older People (Recommendation 9962).",
    "Within three months Chief Constables should ensure that safeguarding referrals are always "
    "made where appropriate and that advice on the processes required to achieve this are "
    "provided by the NPCC.",
    "The CONNECT system used in WMP mandates the question to be asked by recording officer if "
    "the victim wishes to be referred to victim support.",
    "CONNECT also mandates question on vulnerability.",
    "Training sessions have been arranged with external providers - Victim Support",
    "Op Sentinel force wide inputs",
    "WMP has a nominated lead for the review of force vulnerable adult approach and pathways "
    "for referral.",
    "PEEL Police Legitimacy (Recommendation 8539).",
    "HMICFRS is concerned that forces cannot demonstrate that the use of Stop and Search "
    "Powers is consistently reasonable and fair.",
    "overrepresentation of BAME people and particularly black people in stop and search data "
    "which forces cannot explain.",
    "bi-monthly Silver Stop and Search Structure and the Fairness in Policing Board",
    "WMP use the QLIK Business Insights",
    "highlighted by HMICFRS as best practise.",
    "Stalking and Harassment (Recommendation 9472).",
    "Within six months the NPCC and CPS leads should consider whether they can do more to "
    "inform police officers and",
    "lawyers of the importance of treating breaches of orders",
    "The Stalking and Harassment lead commissioned a six month audit of repeat cases of "
    "offences recorded as 'Breach of Non-Molestation Order' or 'Breach of Restraining Order'",
    "The Force Crime Registrar has confirmed that a national review of recording in relation "
    "to breaches is under consideration",
    "In July, WMP staff are visiting national Stalking, Threat, Assessment Centres",
    "An assessment of training needs across Domestic Abuse, Stalking and Harassment is being "
    "undertaken by the Public Protection Unit (PPU) Prepare hub.",
    "The programme will be supported by a Forensics lead in July, who will focus on victim "
    "strategy including wider victimisation and victim support.",
    "These are reviewed every three months and evidence of progress shared with the FLL.",
    "the FLL meets directly with the recommendation owner to offer guidance.",
    # 3. Inspections and other engagements
    "two inspections within WMP",
    "Thematic Inspection of Digital Forensics (W/C 4 April).",
    "HMICFRS complimented the force on the overall digital forensics capability and the "
    "willingness of staff to engage in the inspection process.",
    "Overall Capability and capacity",
    "Cloud storage Capability",
    "Management of child sexual exploitation images",
    "Warwickshire collaboration",
    "Strategic leadership and professionalism of staff",
    "HMICFRS considered that retention of staff should be reviewed along with the current "
    "operating model to manage the high number of devices requiring information downloads.",
    "The demand and processing times of the current kiosk provision requires further attention.",
    "they would seek support from WMP to write the final thematic report as subject matter "
    "experts.",
    "Police Super-complaint: Police use of Section 60 stop and search powers (W/C 18",
    "HMICFRS felt that WMP had an established and well understood process when authorising "
    "the use of Section 60.",
    "The WMP process enables Corporate Communications to be fully sighted",
    "an instant messaging process via mobile networks.",
    "The WMP data analysis platform Qlik allows supervisors to easily access insights",
    "monitoring if specific individuals have been subjected to repeat stop and searches, "
    "compliant handcuffing analysis and assessing individual officer search and outcome rates.",
    "HMICFRS recognise that WMP is still on journey to understand disproportionality",
    "Research undertaken by Warwick University and the force Data Analytics Lab",
    "The introduction of two youth IAGs is a step forward",
    "HMICFRS found that the work of scrutiny panels and organisational learning from their "
    "findings could be improved",
    "The formal findings of these reports will be published during summer 2022.",
    "There has also been the biennial request for force data - the Spring Data Request.",
    "The data will be available for forces to view through the Power BI system hosted by HMICFRS",
    "much like the Force Management Statement that is currently being drafted",
    "Thematic Inspection of ROCU",
    "(October - Date TBC)",
    # 4. Reports published
    "Since the last JAC, there have been no new reports published by HMICFRS relating to West "
    "Midlands Police.",
]

# What the July paper must not say: it is not an inspection notified to the force.
JULY_NOT = ["Force Management Statement (2022)"]


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def papers(django_db_setup, django_db_blocker):
    """The demo's March (issued) and July (draft) papers as the committee gets them (Word),
    and as the liaison sees them (the sections' text); the database is left as it was."""
    from oversight.demo.load import load_demo
    from oversight.papers.documents import build
    from oversight.papers.models import Paper, PaperStatus

    texts = {}
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        for day, status in ((MARCH, PaperStatus.ISSUED), (JULY, PaperStatus.DRAFT)):
            paper = Paper.objects.get(meeting__held_on=day)
            assert paper.status == status
            content, _, _ = build.export(paper, "docx")
            texts[day] = {
                "word": normalise(_docx_text(content)),
                "sections": normalise("\n".join(s.text for s in paper.sections.all())),
            }
        transaction.set_rollback(True)
    return texts


def _example(name: str) -> str:
    path = EXAMPLES / name
    if not path.exists():
        pytest.skip(f"{path} is not beside the checkout")
    return normalise(path.read_text(encoding="utf-8").replace("1.)", ""))


@pytest.mark.parametrize("fact", MARCH_FACTS)
def test_the_march_paper_holds_each_fact_of_the_real_one(papers, fact):
    assert normalise(fact) in _example("jac-hmicfrs-update-2022-03.txt"), "not in the example"
    assert normalise(fact) in papers[MARCH]["word"]


@pytest.mark.parametrize("fact", JULY_FACTS)
def test_the_july_paper_holds_each_fact_of_sections_2_to_4(papers, fact):
    assert normalise(fact) in _example("jac-hmicfrs-update-2022-07.txt"), "not in the example"
    assert normalise(fact) in papers[JULY]["word"]


@pytest.mark.parametrize("wrong", JULY_NOT)
def test_the_july_paper_does_not_list_the_force_management_statement_as_notified(papers, wrong):
    assert wrong not in papers[JULY]["word"]


def test_the_word_file_says_what_the_sections_say(papers):
    for day in (MARCH, JULY):
        for fact in (MARCH_FACTS if day == MARCH else JULY_FACTS)[:10]:
            assert normalise(fact) in papers[day]["sections"]
