"""The PEEL cycles and their core questions: reference data, loaded by a data migration.

The questions change from cycle to cycle, so they are data, never code paths. `theme` lines up
the same question across cycles when HMICFRS rewords it ("Engaging with and treating the public
with fairness and respect" became "Police powers and public treatment"). `graded` is False where
the cycle reports on the question without a grade.

Taken from HMICFRS's PEEL assessment frameworks (2021/22 as revised in March 2022; 2023–2025;
2025–2027, published 11 April 2025). When HMICFRS changes a framework, add a data migration
that calls :func:`load_peel_cycles` again with the new rows.
"""

from __future__ import annotations

import datetime as dt

# (name, slug, starts on, ends on, [(question area, theme, graded)])
PEEL_CYCLES: list[tuple[str, str, dt.date, dt.date, list[tuple[str, str, bool]]]] = [
    (
        "2021/22",
        "2021-22",
        dt.date(2021, 4, 1),
        dt.date(2023, 3, 31),
        [
            ("Providing a service to the victims of crime", "victims", False),
            (
                "Engaging with and treating the public with fairness and respect",
                "public-treatment",
                True,
            ),
            ("Preventing crime and anti-social behaviour", "preventing-crime", True),
            ("Responding to the public", "responding", True),
            ("Investigating crime", "investigating", True),
            ("Protecting vulnerable people", "vulnerable-people", True),
            ("Managing offenders and suspects", "offenders", True),
            ("Disrupting serious organised crime", "serious-organised-crime", True),
            ("Building, supporting and protecting the workforce", "workforce", True),
            (
                "Strategic planning, organisational management and value for money",
                "leadership",
                True,
            ),
        ],
    ),
    (
        "2023–25",
        "2023-25",
        dt.date(2023, 4, 1),
        dt.date(2025, 3, 31),
        [
            ("Providing a service to victims of crime", "victims", False),
            ("Recording data about crime", "crime-recording", True),
            ("Police powers and public treatment", "public-treatment", True),
            ("Preventing crime", "preventing-crime", True),
            ("Responding to the public", "responding", True),
            ("Investigating crime", "investigating", True),
            ("Protecting vulnerable people", "vulnerable-people", True),
            ("Managing offenders and suspects", "offenders", True),
            ("Building, supporting and protecting the workforce", "workforce", True),
            ("Leadership and force management", "leadership", True),
        ],
    ),
    (
        "2025–27",
        "2025-27",
        dt.date(2025, 4, 1),
        dt.date(2027, 3, 31),
        [
            ("Leadership and force management", "leadership", True),
            ("Providing a service to victims of crime", "victims", False),
            ("Recording data about crime", "crime-recording", True),
            ("Police powers and public treatment", "public-treatment", True),
            ("Preventing crime and antisocial behaviour", "preventing-crime", True),
            ("Responding to the public", "responding", True),
            ("Investigating crime", "investigating", True),
            ("Protecting vulnerable people", "vulnerable-people", True),
            ("Managing offenders and suspects", "offenders", True),
            ("Building, supporting and protecting the workforce", "workforce", True),
        ],
    ),
]


def load_peel_cycles(cycle_model, area_model) -> int:
    """Create or refresh the PEEL cycles and their question areas; returns how many areas were
    created. Takes the models so that a data migration can pass its historical models."""
    created = 0
    for name, slug, starts_on, ends_on, areas in PEEL_CYCLES:
        cycle, _ = cycle_model.objects.update_or_create(
            slug=slug, defaults={"name": name, "starts_on": starts_on, "ends_on": ends_on}
        )
        for position, (area, theme, graded) in enumerate(areas, start=1):
            _, was_created = area_model.objects.update_or_create(
                cycle=cycle,
                theme=theme,
                defaults={"name": area, "graded": graded, "position": position},
            )
            created += was_created
    return created
