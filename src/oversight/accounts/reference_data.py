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

# The 44 fire and rescue services of England that HMICFRS inspects.
FIRE_AND_RESCUE_SERVICES: list[tuple[str, str, list[str]]] = [
    ("Avon Fire and Rescue Service", "Avon FRS", ["Avon Fire & Rescue Service", "AF&RS"]),
    ("Bedfordshire Fire and Rescue Service", "Bedfordshire FRS", []),
    ("Buckinghamshire Fire and Rescue Service", "Buckinghamshire FRS", ["Bucks Fire"]),
    ("Cambridgeshire Fire and Rescue Service", "Cambridgeshire FRS", []),
    ("Cheshire Fire and Rescue Service", "Cheshire FRS", []),
    ("Cleveland Fire Brigade", "Cleveland Fire", []),
    ("Cornwall Fire and Rescue Service", "Cornwall FRS", []),
    (
        "County Durham and Darlington Fire and Rescue Service",
        "Durham and Darlington FRS",
        ["County Durham and Darlington Fire & Rescue Service"],
    ),
    ("Cumbria Fire and Rescue Service", "Cumbria FRS", []),
    ("Derbyshire Fire and Rescue Service", "Derbyshire FRS", ["DFRS"]),
    ("Devon and Somerset Fire and Rescue Service", "Devon and Somerset FRS", []),
    ("Dorset and Wiltshire Fire and Rescue Service", "Dorset and Wiltshire FRS", []),
    ("East Sussex Fire and Rescue Service", "East Sussex FRS", []),
    ("Essex County Fire and Rescue Service", "Essex FRS", ["Essex Fire and Rescue Service"]),
    ("Gloucestershire Fire and Rescue Service", "Gloucestershire FRS", []),
    ("Greater Manchester Fire and Rescue Service", "GMFRS", []),
    (
        "Hampshire and Isle of Wight Fire and Rescue Service",
        "Hampshire and IoW FRS",
        ["Hampshire Fire and Rescue Service"],
    ),
    ("Hereford and Worcester Fire and Rescue Service", "Hereford and Worcester FRS", []),
    ("Hertfordshire Fire and Rescue Service", "Hertfordshire FRS", []),
    ("Humberside Fire and Rescue Service", "Humberside FRS", []),
    ("Isles of Scilly Fire and Rescue Service", "Isles of Scilly FRS", []),
    ("Kent Fire and Rescue Service", "Kent FRS", []),
    ("Lancashire Fire and Rescue Service", "Lancashire FRS", []),
    ("Leicestershire Fire and Rescue Service", "Leicestershire FRS", []),
    ("Lincolnshire Fire and Rescue Service", "Lincolnshire FRS", ["Lincolnshire Fire and Rescue"]),
    ("London Fire Brigade", "LFB", []),
    ("Merseyside Fire and Rescue Service", "Merseyside FRS", []),
    ("Norfolk Fire and Rescue Service", "Norfolk FRS", []),
    ("North Yorkshire Fire and Rescue Service", "North Yorkshire FRS", []),
    ("Northamptonshire Fire and Rescue Service", "Northamptonshire FRS", []),
    ("Northumberland Fire and Rescue Service", "Northumberland FRS", []),
    ("Nottinghamshire Fire and Rescue Service", "Nottinghamshire FRS", []),
    ("Oxfordshire Fire and Rescue Service", "Oxfordshire FRS", []),
    ("Royal Berkshire Fire and Rescue Service", "RBFRS", ["Royal Berkshire Fire & Rescue Service"]),
    ("Shropshire Fire and Rescue Service", "Shropshire FRS", []),
    (
        "South Yorkshire Fire and Rescue",
        "South Yorkshire FRS",
        ["South Yorkshire Fire and Rescue Service"],
    ),
    ("Staffordshire Fire and Rescue Service", "Staffordshire FRS", []),
    ("Suffolk Fire and Rescue Service", "Suffolk FRS", []),
    ("Surrey Fire and Rescue Service", "Surrey FRS", []),
    ("Tyne and Wear Fire and Rescue Service", "Tyne and Wear FRS", []),
    ("Warwickshire Fire and Rescue Service", "Warwickshire FRS", []),
    ("West Midlands Fire Service", "WMFS", []),
    ("West Sussex Fire and Rescue Service", "West Sussex FRS", []),
    ("West Yorkshire Fire and Rescue Service", "West Yorkshire FRS", []),
]

NATIONAL_BODIES: list[tuple[str, str, list[str]]] = [
    ("National Police Chiefs' Council", "NPCC", ["National Police Chief's Council"]),
    ("College of Policing", "College of Policing", []),
    ("Crown Prosecution Service", "CPS", []),
    ("Home Office", "Home Office", []),
    ("National Crime Agency", "NCA", []),
    ("Independent Office for Police Conduct", "IOPC", []),
    ("National Fire Chiefs Council", "NFCC", ["National Fire Chiefs' Council"]),
    ("Local Government Association", "LGA", []),
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
        ("fire_service", FIRE_AND_RESCUE_SERVICES),
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
