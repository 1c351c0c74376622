"""Reference organisations every instance starts with: loaded by a data migration."""

from __future__ import annotations

# (name, short name, aliases)
TERRITORIAL_FORCES: list[tuple[str, str, list[str]]] = [
    ("Avon and Somerset Constabulary", "Avon and Somerset", ["Avon and Somerset Police"]),
    ("Bedfordshire Police", "Bedfordshire", []),
    ("Cambridgeshire Constabulary", "Cambridgeshire", []),
    ("Cheshire Constabulary", "Cheshire", ["Cheshire Police"]),
    ("City of London Police", "City of London", []),
    ("Cleveland Police", "Cleveland", []),
    ("Cumbria Constabulary", "Cumbria", []),
    ("Derbyshire Constabulary", "Derbyshire", ["Derbyshire Police"]),
    ("Devon and Cornwall Police", "Devon and Cornwall", []),
    ("Dorset Police", "Dorset", []),
    ("Durham Constabulary", "Durham", []),
    ("Dyfed-Powys Police", "Dyfed-Powys", ["Dyfed Powys Police"]),
    ("Essex Police", "Essex", []),
    ("Gloucestershire Constabulary", "Gloucestershire", ["Gloucestershire Police"]),
    ("Greater Manchester Police", "GMP", []),
    ("Gwent Police", "Gwent", []),
    (
        "Hampshire and Isle of Wight Constabulary",
        "Hampshire",
        ["Hampshire Police", "Hampshire Constabulary"],
    ),
    ("Hertfordshire Constabulary", "Hertfordshire", []),
    ("Humberside Police", "Humberside", []),
    ("Kent Police", "Kent", []),
    ("Lancashire Constabulary", "Lancashire", ["Lancashire Police"]),
    ("Leicestershire Police", "Leicestershire", []),
    ("Lincolnshire Police", "Lincolnshire", []),
    ("Merseyside Police", "Merseyside", []),
    ("Metropolitan Police Service", "MPS", ["Metropolitan Police", "The Met"]),
    ("Norfolk Constabulary", "Norfolk", []),
    ("North Wales Police", "North Wales", []),
    ("North Yorkshire Police", "North Yorkshire", []),
    ("Northamptonshire Police", "Northamptonshire", []),
    ("Northumbria Police", "Northumbria", []),
    ("Nottinghamshire Police", "Nottinghamshire", []),
    ("South Wales Police", "South Wales", []),
    ("South Yorkshire Police", "South Yorkshire", []),
    ("Staffordshire Police", "Staffordshire", []),
    ("Suffolk Constabulary", "Suffolk", []),
    ("Surrey Police", "Surrey", []),
    ("Sussex Police", "Sussex", []),
    ("Thames Valley Police", "Thames Valley", []),
    ("Warwickshire Police", "Warwickshire", []),
    ("West Mercia Police", "West Mercia", []),
    ("West Midlands Police", "WMP", []),
    ("West Yorkshire Police", "West Yorkshire", []),
    ("Wiltshire Police", "Wiltshire", []),
]

NATIONAL_BODIES: list[tuple[str, str, list[str]]] = [
    ("National Police Chiefs' Council", "NPCC", ["National Police Chief's Council"]),
    ("College of Policing", "College of Policing", []),
    ("Crown Prosecution Service", "CPS", []),
    ("Home Office", "Home Office", []),
    ("National Crime Agency", "NCA", []),
    ("Independent Office for Police Conduct", "IOPC", []),
]

INSPECTORATES: list[tuple[str, str, list[str]]] = [
    (
        "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
        "HMICFRS",
        ["Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services"],
    ),
    (
        "Office for Standards in Education, Children's Services and Skills",
        "Ofsted",
        [],
    ),
    ("Care Quality Commission", "CQC", []),
    ("His Majesty's Inspectorate of Probation", "HMI Probation", ["HM Inspectorate of Probation"]),
]


def load_reference_organisations(organisation_model) -> int:
    """Create or refresh the reference organisations; returns how many were created.

    Takes the model so that the data migration can pass its historical model.
    """
    from django.utils.text import slugify

    created = 0
    for kind, rows in (
        ("force", TERRITORIAL_FORCES),
        ("national_body", NATIONAL_BODIES),
        ("inspectorate", INSPECTORATES),
    ):
        for name, short_name, aliases in rows:
            _, was_created = organisation_model.objects.update_or_create(
                slug=slugify(short_name if kind == "inspectorate" else name),
                defaults={"name": name, "short_name": short_name, "kind": kind, "aliases": aliases},
            )
            created += was_created
    return created
