"""The bench record's sizes and words: how many of each record a scale asks for, and the
themes, names and phrases the generated record is made of."""

from __future__ import annotations

import datetime as dt

GENERATOR_VERSION = 3
ANCHOR = dt.date(2025, 9, 30)  # "today" for the generated record
START = dt.date(2014, 1, 1)
BENCH_ORG_SLUG = "metropolitan-police-service"
NATIONAL_RESPONDER_SLUGS = ("national-police-chiefs-council",)
BIG_FORCES = {
    "metropolitan-police-service": 4.0,
    "greater-manchester-police": 2.0,
    "west-midlands-police": 2.0,
    "west-yorkshire-police": 2.0,
    "thames-valley-police": 1.6,
}
SHOWCASE_UPDATES = 60  # the bench response with many updates, the same at every scale
SHOWCASE_EVIDENCE = 30
BATCH = 5000

PER_SCALE = {
    "people": 1_000,
    "inspections": 2_000,
    "reports": 600,
    "recommendations": 20_000,
    "responses": 60_000,
    "updates": 300_000,
    "evidence": 100_000,
}

THEMES = [
    "Hate crime",
    "Domestic abuse",
    "Stalking and harassment",
    "Violence against women and girls",
    "Child protection",
    "Missing children",
    "Custody",
    "Vetting",
    "Counter-corruption",
    "Digital forensics",
    "Crime data integrity",
    "Call handling",
    "Neighbourhood policing",
    "Serious and organised crime",
    "Fraud",
    "Mental health",
    "Disproportionality",
    "Stop and search",
    "Use of force",
    "Wellbeing",
    "Leadership",
    "Professional standards",
    "Investigation standards",
    "Victim care",
    "Rape and serious sexual offences",
    "Roads policing",
    "Firearms licensing",
    "Cyber crime",
    "Workforce planning",
    "Information management",
]
VERBS = ["review", "improve", "make sure that", "establish", "put in place", "evaluate"]
THINGS = [
    "its arrangements for supervising investigations",
    "the quality of risk assessments at first contact",
    "how it records and reviews crimes",
    "the training given to call handlers",
    "its use of data to understand demand",
    "the way it safeguards vulnerable people",
    "its governance of the vetting process",
    "how it works with partner agencies",
    "the timeliness of its digital forensic examinations",
    "its processes for managing registered sex offenders",
]
OUTCOMES = [
    "victims receive a consistent service",
    "risk is identified and managed",
    "the public can have confidence in it",
    "officers and staff have the support they need",
    "crimes are recorded accurately",
    "it meets the requirements of the Victims' Code",
]
PROGRESS = [
    "The working group met in {month} and agreed the revised terms of reference.",
    "A dip sample of {n} cases was reviewed by the portfolio lead; {m} met the standard.",
    "Training has been delivered to {n} officers and staff, with the rest booked by {month}.",
    "The new policy was approved at the {board} and published on the intranet.",
    "Performance data shows an improvement of {m} per cent since the last quarter.",
    "A business case for additional staff has gone to the Force Executive Team.",
    "The audit by the internal audit team found {m} of {n} actions complete.",
    "Delays in the IT supplier's work have moved the go-live to {month}.",
    "The action plan was refreshed after feedback from HMICFRS at the liaison meeting.",
    "Evidence of the completed actions has been gathered for the closure submission.",
]
NEXT_STEPS = [
    "Present the dip sample results to the board.",
    "Complete the remaining training sessions.",
    "Agree the closure statement with the portfolio lead.",
    "Review the performance data again next quarter.",
    "Submit the evidence to the liaison lead for checking.",
]
FIRST_NAMES = [
    "Alex", "Sam", "Jo", "Chris", "Pat", "Kim", "Lee", "Morgan", "Jamie", "Robin", "Ali",
    "Priya", "Tom", "Sarah", "David", "Helen", "Mark", "Rachel", "James", "Fatima", "Owen",
    "Grace", "Daniel", "Aisha", "Paul", "Claire", "Ian", "Nadia", "Gareth", "Emma",
]  # fmt: skip
LAST_NAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Khan", "Lewis", "Harris", "Clarke", "Jackson", "Wood", "Turner", "Hughes", "Edwards",
]  # fmt: skip
PORTFOLIOS = ["Crime", "Public Protection", "Operations", "Local Policing", "People", "Digital"]
BOARDS = ["Force Executive Board", "Public Protection Board", "Crime Board", "Audit Board"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip

BENCH_USERS = ("bench-liaison", "bench-owner", "bench-executive", "bench-viewer")


def counts_for(scale: float) -> dict[str, int]:
    """How many of each record a scale asks for (evidence and updates are approximate)."""
    counts = {k: max(1, round(v * scale)) for k, v in PER_SCALE.items()}
    counts["reports"] = max(4, counts["reports"])
    counts["recommendations"] = max(counts["reports"] * 2, counts["recommendations"])
    return counts
